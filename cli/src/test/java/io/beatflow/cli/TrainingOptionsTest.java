package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.models.Architecture;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.TrainingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The shared training options change exactly what they name. */
class TrainingOptionsTest {
    private static TrainingOptions parse(String... args) {
        TrainingOptions o = new TrainingOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void defaultsLeaveTheConfigurationAsItIs() {
        TrainingOptions o = parse();
        TrainingConfig base = TrainingConfig.defaults(Ds1Training.ds1());
        assertEquals(base, o.applyTo(base));
        assertEquals(List.of("112", "119", "205", "220"), o.applyTo(base).validationRecords());
        assertFalse(o.model(Architecture.CNN).head().rrToLogits());
    }

    @Test
    void noValidationTrainsOnEveryRecord() {
        TrainingConfig t = parse("--no-validation", "--epochs", "7").applyTo(TrainingConfig.defaults(Ds1Training.ds1()));
        assertTrue(t.validationRecords().isEmpty());
        assertEquals(7, t.maxEpochs());
    }

    @Test
    void headAndRrAugmentationOptions() {
        TrainingOptions o = parse("--rr-to-logits", "--augment-rr", "0.15");
        for (Architecture a : Architecture.values()) {
            ModelConfig m = o.model(a);
            assertTrue(m.head().rrToLogits(), a.id());
            assertEquals(ModelConfig.defaults(a, o.inputSpec()).withHead(m.head()), m, a.id());
        }
        assertEquals(0.15, o.applyTo(TrainingConfig.defaults(Ds1Training.ds1())).augmentRr());
        assertFalse(parse("--no-rr-to-logits").model(Architecture.CNN).head().rrToLogits());
    }

    @Test
    void inputNamesPickTheirSpecs() {
        assertEquals(InputSpec.mitBih256Context(), TrainingOptions.inputSpec("context"));
        assertEquals(InputSpec.mitBih256ContextIrregularity(), TrainingOptions.inputSpec("context-irregularity"));
        assertEquals(InputSpec.mitBih256ContextLong(), TrainingOptions.inputSpec("context-long"));
        assertEquals(InputSpec.mitBih256(), TrainingOptions.inputSpec("plain"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.inputSpec("long"));
        assertTrue(e.getMessage().contains("'long'") && e.getMessage().contains("context-long"), e.getMessage());
    }
}

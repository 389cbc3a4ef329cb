package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.models.Architecture;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelCard;
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
    void defaultsAreTheRecipeOfTheShippedModelsNetworks() throws Exception {
        // the shipped model's card records how its networks were trained: options left out must train the same way
        ModelCard shipped = ModelBundle.load(ModelBundle.resolve(ModelBundle.BUILT_IN)).card();
        TrainingOptions o = parse();
        TrainingConfig t = o.applyTo(TrainingConfig.defaults(Ds1Training.ds1()));
        assertEquals(shipped.training().withSeed(t.seed()), t);
        // the shipped bundle's baseline high-pass was given after training (set-baseline); its networks
        // were trained on the leads as recorded, which the options left out still do
        assertEquals(shipped.model().withBaselineHighPass(0), o.model(Architecture.CNN));
        assertEquals(0.0, o.model(Architecture.CNN).input().baselineHighPassHz());
        assertEquals(7, t.maxEpochs());
        assertEquals(16_000, t.beatsPerEpoch());
        assertTrue(t.validationRecords().isEmpty());
        assertTrue(o.model(Architecture.CNN).head().rrToLogits());
        assertEquals(0.02, t.augmentSTiming());
        assertEquals(0.0, t.augmentSRuns());
    }

    @Test
    void sRunsOptionSetsTheFractionAndNothingElse() {
        TrainingConfig base = parse().applyTo(TrainingConfig.defaults(Ds1Training.ds1()));
        TrainingConfig t = parse("--augment-s-runs", "0.01").applyTo(TrainingConfig.defaults(Ds1Training.ds1()));
        assertEquals(0.01, t.augmentSRuns());
        assertEquals(base, t.withAugmentSRuns(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--augment-s-runs", "-0.1").applyTo(base));
        assertEquals("--augment-s-runs: training: augmentSRuns must be in [0, 0.5), got -0.1", e.getMessage());
    }

    @Test
    void validationHoldsOutEveryFifthRecordAndStopsEarly() {
        TrainingConfig base = TrainingConfig.defaults(Ds1Training.ds1());
        TrainingConfig t = parse("--validation", "--epochs", "16").applyTo(base);
        assertEquals(List.of("112", "119", "205", "220"), t.validationRecords());
        assertEquals(base.patience(), t.patience());
        assertEquals(16, t.maxEpochs());
        assertTrue(parse("--no-validation").applyTo(base).validationRecords().isEmpty());
        // every option given restores the configuration of TrainingConfig.defaults
        assertEquals(base, parse("--validation", "--epochs", Integer.toString(base.maxEpochs()), "--beats-per-epoch",
                Integer.toString(base.beatsPerEpoch()), "--augment-s-timing", "0").applyTo(base));
        assertFalse(parse("--no-rr-to-logits").model(Architecture.CNN).head().rrToLogits());
    }

    @Test
    void baselineHighPassJoinsTheInputAndIsChecked() {
        assertEquals(0.0, parse().inputSpec().baselineHighPassHz());
        TrainingOptions o = parse("--baseline-high-pass", "0.5", "--input", "context-relative");
        assertEquals(InputSpec.mitBih256ContextRelative().withBaselineHighPass(0.5), o.inputSpec());
        assertEquals(0.5, o.model(Architecture.CNN).input().windowConfig().baselineHighPassHz());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--baseline-high-pass", "-1").inputSpec());
        assertTrue(e.getMessage().startsWith("--baseline-high-pass: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("--input", "wide").inputSpec());
        assertTrue(e.getMessage().startsWith("--input: "), e.getMessage());
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
        InputSpec z = TrainingOptions.inputSpec("context-prematurity");
        assertEquals(256, z.prematurityBeats());
        assertEquals(InputSpec.mitBih256Context(), z.withPrematurity(0));
        InputSpec rz = TrainingOptions.inputSpec("context-relative-prematurity");
        assertEquals(InputSpec.mitBih256ContextRelative(), rz.withPrematurity(0));
        assertEquals(256, rz.prematurityBeats());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.inputSpec("long"));
        assertTrue(e.getMessage().contains("'long'") && e.getMessage().contains("context-long"), e.getMessage());
    }
}

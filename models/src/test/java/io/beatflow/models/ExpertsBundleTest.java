package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class experts: the expert's probability of its class in place of the base model's, each row
 * renormalised; an expert without the raw channel given the base input's template channel; a
 * round trip; clear refusals.
 */
class ExpertsBundleTest {
    @TempDir
    static Path dir;
    static final InputSpec CONTEXT = SyntheticBeats.contextInput();
    static final InputSpec RELATIVE = SyntheticBeats.relativeInput();
    static BeatDataset data = SyntheticBeats.make(96, 64, 3, "r1");
    static BeatDataset test = SyntheticBeats.make(40, 64, 9, "r9");
    static ModelBundle base;
    static ModelBundle relative;

    private static ModelBundle train(InputSpec in, long seed) throws IOException {
        return new BeatClassifierTrainer(l -> { }, null).train(SyntheticBeats.small(Architecture.CNN, in),
                SyntheticBeats.training(1).withSeed(seed), data, SyntheticBeats.empty(64), "synthetic", "test split",
                "64 samples").bundle();
    }

    @BeforeAll
    static void trainModels() throws IOException {
        base = train(CONTEXT, 7);
        relative = train(RELATIVE, 8);
    }

    @Test
    void expertsClassReplacesTheBasesAndRowsAreRenormalised() throws IOException {
        ModelBundle x = base.withExperts(Map.of("S", relative));
        float[][] p = new Predictor(base, 16).predict(test);
        float[][] q = new Predictor(relative, 16).predict(test);
        float[][] r = new Predictor(x, 16).predict(test);
        for (int i = 0; i < p.length; i++) {
            double sum = p[i][0] + q[i][1] + p[i][2] + p[i][3] + p[i][4];
            float[] expected = {(float) (p[i][0] / sum), (float) (q[i][1] / sum), (float) (p[i][2] / sum),
                (float) (p[i][3] / sum), (float) (p[i][4] / sum)};
            assertArrayEquals(expected, r[i], 1e-5f, "beat " + i);
        }
        assertTrue(x.card().hasExperts());
        assertEquals("S", x.card().experts().get(0).className());
        assertEquals(RELATIVE, x.card().experts().get(0).card().input());
        assertEquals(DecisionRule.none(), x.card().decision());
    }

    /** A baseline high-pass reaches the base's and each expert's input; networks, rule and outputs stay. */
    @Test
    void aBaselineHighPassReachesTheExpertsToo() throws IOException {
        DecisionRule rule = new DecisionRule(Map.of("S", 0.7), "a test", Map.of(), Map.of());
        ModelBundle x = base.withExperts(Map.of("S", relative)).withDecision(rule);
        Path f = dir.resolve("experts-hp.zip");
        x.withBaselineHighPass(0.5).save(f);
        ModelBundle y = ModelBundle.load(f);
        assertEquals(CONTEXT.withBaselineHighPass(0.5), y.card().input());
        assertEquals(RELATIVE.withBaselineHighPass(0.5), y.card().experts().get(0).card().input());
        assertEquals(0.5, y.card().input().windowConfig().baselineHighPassHz());
        assertEquals(rule, y.card().decision());
        assertEquals(ModelCard.FORMAT_VERSION, y.card().experts().get(0).card().formatVersion());
        // the same windows give the same probabilities: only the windows a record is cut into change
        assertArrayEquals(new Predictor(x, 16).predict(test), new Predictor(y, 16).predict(test));
        ModelBundle back = y.withBaselineHighPass(0);
        assertEquals(CONTEXT, back.card().input());
        assertEquals(RELATIVE, back.card().experts().get(0).card().input());
    }

    @Test
    void roundTripGivesTheSameProbabilitiesAndBytes() throws IOException {
        Path f = dir.resolve("experts.zip");
        ModelBundle x = base.withExperts(Map.of("S", relative));
        x.save(f);
        ModelBundle y = ModelBundle.load(f);
        assertArrayEquals(new Predictor(x, 16).predict(test), new Predictor(y, 16).predict(test));
        assertEquals(x.card().experts().get(0).bundleSha256(), y.card().experts().get(0).bundleSha256());
        Path again = dir.resolve("again.zip");
        y.save(again);
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again), "a loaded bundle writes the same bytes");
        assertTrue(BundleZips.contents(Files.readAllBytes(f)).containsKey("expert-S.zip"));
        try (Predictor workers = new Predictor(y, 7, 3)) {
            assertArrayEquals(new Predictor(y, 7).predict(test), workers.predict(test), "three workers give what one gives");
        }
        // the decision rule travels with the combination
        DecisionRule rule = new DecisionRule(Map.of("S", 1.0), "test", Map.of());
        y.withDecision(rule).save(dir.resolve("ruled.zip"));
        assertEquals(rule.logOffsets(), ModelBundle.load(dir.resolve("ruled.zip")).card().decision().logOffsets());
    }

    @Test
    void damagedOrMissingExpertIsNamed() throws IOException {
        Path f = dir.resolve("e.zip");
        base.withExperts(Map.of("S", relative)).save(f);
        Map<String, byte[]> e = BundleZips.contents(Files.readAllBytes(f));
        e.get("expert-S.zip")[e.get("expert-S.zip").length / 2] ^= 0x5A;
        Path flipped = BundleZips.write(dir, "flipped.zip", e);
        BundleFormatException x = assertThrows(BundleFormatException.class, () -> ModelBundle.load(flipped));
        assertTrue(x.getMessage().contains("expert-S.zip SHA-256"), x.getMessage());
        Map<String, byte[]> less = BundleZips.contents(Files.readAllBytes(f));
        less.remove("expert-S.zip");
        Path missing = BundleZips.write(dir, "missing.zip", less);
        x = assertThrows(BundleFormatException.class, () -> ModelBundle.load(missing));
        assertTrue(x.getMessage().contains("no expert-S.zip entry"), x.getMessage());
    }

    @Test
    void expertsThatDoNotFitAreRefused() throws IOException {
        ModelBundle plain = train(SyntheticBeats.input(), 9);
        var e = assertThrows(IllegalArgumentException.class, () -> base.withExperts(Map.of("S", plain)));
        assertTrue(e.getMessage().contains("class expert for S: its input") && e.getMessage().contains("neither"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> base.withExperts(Map.of("X", relative)));
        assertTrue(e.getMessage().contains("no class X"), e.getMessage());
        ModelBundle x = base.withExperts(Map.of("S", relative));
        e = assertThrows(IllegalArgumentException.class, () -> x.withExperts(Map.of("V", relative)));
        assertTrue(e.getMessage().contains("already has class experts"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.ensemble(List.of(x, base)));
        assertTrue(e.getMessage().contains("class experts cannot be an ensemble member"), e.getMessage());
        // an expert of the same input as the base is taken as it is
        ModelBundle same = train(CONTEXT, 10);
        assertEquals(CONTEXT, base.withExperts(Map.of("V", same)).card().experts().get(0).card().input());
    }
}

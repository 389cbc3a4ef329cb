package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.models.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beatflow model-info}: a bundle checked and its card summarised or printed whole. */
class ModelInfoCommandTest {
    @TempDir
    Path dir;

    @Test
    void summarisesTheShippedEnsemble() throws Exception {
        CliRun r = CliRun.of("model-info", "--model", "mitdb-ds1");
        assertEquals(0, r.exitCode(), r.err());
        var card = ModelBundle.load(ModelBundle.resolve("mitdb-ds1")).card();
        assertTrue(r.out().contains("checks passed (weights SHA-256 " + card.weightsSha256() + ")"), r.out());
        assertTrue(r.out().contains("cnn (an ensemble of 3)"), r.out());
        // what reproducing the run needs: the records by name, the class-weight cap and the patience
        assertTrue(r.out().contains("training records " + card.data().trainingRecords()), r.out());
        assertTrue(r.out().contains("(at most " + (int) card.training().maxClassWeight() + "), stopping after "
                + card.training().patience() + " epochs without a better validation macro F1"), r.out());
        for (int i = 0; i < card.members().size(); i++) {
            // with the index beatflow member takes
            assertTrue(r.out().contains("\nmember " + i + ": seed " + card.members().get(i).seed() + ","), r.out());
        }
        var s = card.experts().get(0).card();
        for (int i = 0; i < s.members().size(); i++) {
            assertTrue(r.out().contains("\n  member " + i + ": seed " + s.members().get(i).seed() + ","), r.out());
        }
        var smoothing = card.decision().smoothing();
        assertTrue(r.out().contains("decision rule: " + (smoothing == null ? "" : smoothing.className()
                + " smoothed over the last " + smoothing.pastBeats() + " look-alike beats (bandwidth "
                + smoothing.bandwidth() + "), then ") + "log-prior offsets"), r.out());
        var e = card.decision().evidence();
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "%.3f without the rule, %.3f with it, %.3f with"
                + " the rule fitted to the other folds", e.get("macroF1Before"), e.get("macroF1After"),
                e.get("macroF1HeldOut"))), r.out());
        assertTrue(card.hasExperts(), "the shipped model has an S expert");
        for (var x : card.experts()) {
            assertTrue(r.out().contains("class expert for " + x.className() + ": ") && r.out().contains(x.bundleSha256()),
                    r.out());
        }
        assertTrue(r.out().contains("training data: " + card.data().corpus()), r.out());
        // the shipped networks were trained before the S runs existed: their card (format 17) loads with none
        assertEquals(0.0, card.training().augmentSRuns());
        assertTrue(r.out().contains(", S runs 0" + System.lineSeparator()), r.out());
        if (card.input().baselineHighPassHz() > 0) {
            assertTrue(r.out().contains("the lead first passes a causal high-pass at "), r.out());
            assertTrue(r.out().contains("the high-pass was given after training"), r.out());
        }
    }

    @Test
    void jsonIsTheCardItself() throws Exception {
        CliRun r = CliRun.of("model-info", "--model", "mitdb-ds1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        var card = ModelBundle.load(ModelBundle.resolve("mitdb-ds1")).card();
        assertEquals(card.weightsSha256(), tree.path("weightsSha256").asText());
        assertEquals(card.formatVersion(), tree.path("formatVersion").asInt());
    }

    @Test
    void damagedBundleIsNamed() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.zip"), "not a bundle");
        CliRun r = CliRun.of("model-info", "--model", bad.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("bad.zip: not a model bundle"), r.err());
    }
}

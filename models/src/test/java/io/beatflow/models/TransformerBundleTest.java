package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beatflow.datasets.BeatDataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SameDiff transformer survives a bundle round trip with identical outputs. */
class TransformerBundleTest {
    @Test
    void roundTrip(@TempDir Path dir) throws Exception {
        BeatDataset d = SyntheticBeats.make(48, 64, 9, "r");
        ModelBundle b = new BeatClassifierTrainer(l -> { }, null).train(SyntheticBeats.small(Architecture.TRANSFORMER),
                SyntheticBeats.training(1), d, SyntheticBeats.empty(64), "synthetic", "none", "64").bundle();
        Path file = dir.resolve("t.zip");
        b.save(file);
        ModelBundle back = ModelBundle.load(file);
        assertEquals("samediff-flatbuffers", back.card().networkFormat());
        float[][] x = new Predictor(b, 16).predict(d);
        float[][] y = new Predictor(back, 16).predict(d);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], y[i], "beat " + i);
        }
    }
}

package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training with the S timing augmentation: its donors are the training S beats, the card records
 * it, and it is refused with the reason where there is no S beat or no S class.
 */
class STimingTrainingTest {
    @Test
    void trainsWithTheTrainingSBeatsAsDonorsAndTheCardSaysSo() throws Exception {
        List<String> lines = new ArrayList<>();
        // 192 synthetic beats, a third of each class: 64 S beats lend their timing
        TrainingResult r = new BeatClassifierTrainer(lines::add, null).train(SyntheticBeats.small(Architecture.CNN),
                SyntheticBeats.training(1).withAugmentSTiming(0.3), SyntheticBeats.make(192, 64, 1, "t"),
                SyntheticBeats.empty(64), "synthetic", "none", "64 samples");
        assertEquals(0.3, r.bundle().card().training().augmentSTiming());
        assertTrue(lines.stream().anyMatch(l -> l.contains("probability 0.3, with the timing of one of 64 training S"
                + " beats")), lines.toString());
    }

    @Test
    void noSBeatToLendIsRefusedWithTheRecords() {
        BeatDataset all = SyntheticBeats.make(96, 64, 2, "t");
        int[] labels = all.labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i] == 1 ? 0 : labels[i];
        }
        float[] rr = new float[all.size() * 3];
        long[] at = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            System.arraycopy(all.rrFeatures(i), 0, rr, 3 * i, 3);
            at[i] = all.sample(i);
        }
        BeatDataset noS = new BeatDataset(List.of("t"), 64, 360.0, all.windows(), labels, new byte[all.size()], rr,
                new int[all.size()], at);
        var e = assertThrows(IllegalArgumentException.class, () -> new BeatClassifierTrainer(l -> { }, null).train(
                SyntheticBeats.small(Architecture.CNN), SyntheticBeats.training(1).withAugmentSTiming(0.3), noS,
                SyntheticBeats.empty(64), "synthetic", "none", "64 samples"));
        assertTrue(e.getMessage().contains("the training records [t] hold no S beat"), e.getMessage());
        assertTrue(e.getMessage().contains("with --augment-s-timing 0"), e.getMessage());
    }

    @Test
    void anInputWithoutRrValuesIsRefused() {
        ModelConfig noRr = SyntheticBeats.small(Architecture.CNN, new InputSpec("MLII", 64, 360.0, 21, false));
        var e = assertThrows(IllegalArgumentException.class, () -> new BeatClassifierTrainer(l -> { }, null).train(noRr,
                SyntheticBeats.training(1).withAugmentSTiming(0.3), SyntheticBeats.make(96, 64, 2, "t"),
                SyntheticBeats.empty(64), "synthetic", "none", "64 samples"));
        assertTrue(e.getMessage().contains("no RR values to carry the timing"), e.getMessage());
    }

    @Test
    void outOfRangeIsRefusedByTheConfig() {
        var e = assertThrows(IllegalArgumentException.class, () -> SyntheticBeats.training(1).withAugmentSTiming(1));
        assertTrue(e.getMessage().contains("augmentSTiming must be in [0, 1), got 1.0"), e.getMessage());
    }
}

package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Record balancing ({@link TrainingConfig#recordBalance()}): the drawing weights give each record
 * the share of a class that the configuration names, keep every class's total, and the draw
 * follows them.
 */
class RecordBalanceTest {
    /**
     * Record A has 8 beats of class 0 and 4 of class 1, record B 2 and 1, and one unmatched beat
     * that the caller leaves out of the index. The dataset's beats: A0 x8, A1 x4, B0 x2, B1 x1.
     */
    private static BeatDataset twoRecords() {
        int[] labels = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, BeatDataset.UNMATCHED};
        int[] rec = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
        int n = labels.length;
        long[] samples = new long[n];
        for (int i = 0; i < n; i++) {
            samples[i] = 100L * (i + 1);
        }
        return new BeatDataset(List.of("A", "B"), 4, 360, new float[n * 4], labels, new byte[n], new float[n * 3], rec,
                samples);
    }

    private static final int[] USABLE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

    /** Sum of the weights of the beats of one record and class. */
    private static double share(double[] w, BeatDataset d, String record, int label) {
        double s = 0;
        for (int j = 0; j < USABLE.length; j++) {
            if (d.record(USABLE[j]).equals(record) && d.label(USABLE[j]) == label) {
                s += w[j];
            }
        }
        return s;
    }

    @Test
    void halfBalanceGivesEachRecordTheSquareRootShareAndKeepsClassTotals() {
        BeatDataset d = twoRecords();
        double[] w = BeatClassifierTrainer.recordBalancedWeights(d, USABLE, 5, 0.5);
        // class 0: A has 8, B 2 -> shares sqrt 8 : sqrt 2 = 2 : 1 of the class's 10 beats
        assertEquals(10.0 * 2 / 3, share(w, d, "A", 0), 1e-9);
        assertEquals(10.0 / 3, share(w, d, "B", 0), 1e-9);
        // class 1: A has 4, B 1 -> sqrt 4 : sqrt 1 = 2 : 1 of its 5 beats
        assertEquals(5.0 * 2 / 3, share(w, d, "A", 1), 1e-9);
        assertEquals(5.0 / 3, share(w, d, "B", 1), 1e-9);
    }

    @Test
    void fullBalanceGivesEveryRecordTheSameShareAndNoneIsTheUniformDraw() {
        BeatDataset d = twoRecords();
        double[] full = BeatClassifierTrainer.recordBalancedWeights(d, USABLE, 5, 1.0);
        assertEquals(5.0, share(full, d, "A", 0), 1e-9);
        assertEquals(5.0, share(full, d, "B", 0), 1e-9);
        assertEquals(2.5, share(full, d, "A", 1), 1e-9);
        assertEquals(2.5, share(full, d, "B", 1), 1e-9);
        double[] none = BeatClassifierTrainer.recordBalancedWeights(d, USABLE, 5, 0.0);
        double[] ones = new double[USABLE.length];
        java.util.Arrays.fill(ones, 1.0);
        assertArrayEquals(ones, none, 1e-12);
    }

    @Test
    void drawFollowsTheWeights() {
        BeatDataset d = twoRecords();
        double[] cdf = BeatClassifierTrainer.cumulative(BeatClassifierTrainer.recordBalancedWeights(d, USABLE, 5, 0.5));
        int n = 150_000;
        int[] out = new int[n];
        BeatClassifierTrainer.draw(USABLE, cdf, out, n, new Random(3));
        int b0 = 0;
        for (int i : out) {
            assertTrue(i >= 0 && i < 15, "only usable beats are drawn: " + i);
            if (d.record(i).equals("B") && d.label(i) == 0) {
                b0++;
            }
        }
        // B's class-0 beats carry (10/3) / 15 = 2/9 of the weight (0.2 of the beats without balancing)
        assertEquals(2.0 / 9, (double) b0 / n, 0.005);
    }

    @Test
    void balanceOutsideZeroToOneIsRefused() {
        TrainingConfig t = SyntheticBeats.training(1);
        var e = assertThrows(IllegalArgumentException.class, () -> t.withRecordBalance(1.5));
        assertTrue(e.getMessage().contains("recordBalance must be in [0, 1], got 1.5"), e.getMessage());
    }
}

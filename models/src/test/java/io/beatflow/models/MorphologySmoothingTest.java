package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Morphology smoothing against values worked out by hand from its definition. */
class MorphologySmoothingTest {
    private static final List<String> NV = List.of("N", "V");

    private static float[] row(double v) {
        return new float[] {(float) (1 - v), (float) v};
    }

    @Test
    void threeBeatsByHand() {
        MorphologySmoothing s = new MorphologySmoothing(new MorphologySmoothing.Settings("V", 10, 1.0), NV, 3);
        float[] p0 = row(0.9);
        s.next(new float[] {5, 5, 5}, 0, p0); // centred [0, 0, 0]; no earlier beat: unchanged
        assertEquals(0.9, p0[1], 1e-6);
        float[] p1 = row(0.2);
        s.next(new float[] {1, 0, 0}, 0, p1); // centred [1, 0, 0]; d^2 = 1 to beat 0; h^2 = median{1} = 1
        double w = Math.exp(-1);
        double v1 = (0.2 + w * 0.9) / (1 + w);
        assertEquals(v1, p1[1], 1e-6);
        assertEquals(1 - v1, p1[0], 1e-6);
        float[] p2 = row(0.4);
        // centred [0, 0, 3]: d^2 = 9 to beat 0, 10 to beat 1; nearest 9; h^2 = median{1, 9} = 5;
        // beat 1 enters with its network probability 0.2, not its smoothed one
        s.next(new float[] {0, 0, 3}, 0, p2);
        double w0 = Math.exp(-9 / 5.0);
        double w1 = Math.exp(-10 / 5.0);
        assertEquals((0.4 + w0 * 0.9 + w1 * 0.2) / (1 + w0 + w1), p2[1], 1e-6);
    }

    @Test
    void pastBeatsAndBandwidthBoundWhatCounts() {
        MorphologySmoothing s = new MorphologySmoothing(new MorphologySmoothing.Settings("V", 1, 2.0), NV, 3);
        s.next(new float[] {0, 0, 0}, 0, row(0.9));
        s.next(new float[] {1, 0, 0}, 0, row(0.2));
        float[] p = row(0.4);
        // only beat 1 is remembered: d^2 = 10, nearest 10, h^2 = 2^2 * median{10} = 40
        s.next(new float[] {0, 0, 3}, 0, p);
        double w = Math.exp(-10 / 40.0);
        assertEquals((0.4 + w * 0.2) / (1 + w), p[1], 1e-6);
    }

    @Test
    void aBeatUnlikeTheOthersKeepsItsScoreAndLookAlikesAreEvened() {
        MorphologySmoothing s = new MorphologySmoothing(new MorphologySmoothing.Settings("V", 100, 2.0), NV, 8);
        java.util.Random r = new java.util.Random(3);
        float[] normal = {0, 1, 4, 10, 4, 1, 0, 0};
        for (int i = 0; i < 50; i++) {
            float[] w = normal.clone();
            for (int j = 0; j < w.length; j++) {
                w[j] += (float) (0.1 * r.nextGaussian());
            }
            s.next(w, 0, row(0.01));
        }
        float[] lookAlike = row(0.8); // a normal-looking beat the network called V
        s.next(normal.clone(), 0, lookAlike);
        assertTrue(lookAlike[1] < 0.1, "a look-alike of 50 normal beats kept V " + lookAlike[1]);
        float[] unlike = row(0.8); // a wide, inverted beat unlike any before
        s.next(new float[] {0, -3, -8, -12, -12, -8, -3, 0}, 0, unlike);
        assertTrue(unlike[1] > 0.79, "a beat unlike any earlier one lost its V score: " + unlike[1]);
    }

    @Test
    void flatWindowsAndResetAreHandled() {
        MorphologySmoothing s = new MorphologySmoothing(new MorphologySmoothing.Settings("V", 5, 2.0), NV, 4);
        s.next(new float[4], 0, row(0.6));
        float[] p = row(0.2);
        s.next(new float[4], 0, p); // every distance 0: the identical beats weigh 1
        assertEquals(0.4, p[1], 1e-6);
        s.reset();
        float[] q = row(0.2);
        s.next(new float[4], 0, q);
        assertEquals(0.2, q[1], 1e-6);
    }

    @Test
    void badSettingsAreRefusedClearly() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MorphologySmoothing.Settings("V", 0, 2))
                .getMessage().contains("past beats must be 1 to 100000"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MorphologySmoothing.Settings("V", 100_001, 2)).getMessage().contains("got 100001"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MorphologySmoothing.Settings("V", 5, 0))
                .getMessage().contains("bandwidth must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MorphologySmoothing(new MorphologySmoothing.Settings("Q", 5, 2), NV, 4))
                .getMessage().contains("class Q is not one of"));
    }
}

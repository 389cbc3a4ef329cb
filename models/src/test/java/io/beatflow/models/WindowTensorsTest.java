package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.models.internal.WindowTensors;
import org.junit.jupiter.api.Test;

/** The window-to-input seam, with expected values worked out by hand. */
class WindowTensorsTest {
    @Test
    void zScoreOfOneToFour() {
        // mean 2.5; population variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25; sd = 1.1180340
        float[] out = new float[4];
        WindowTensors.normalise(new float[] {1, 2, 3, 4}, 0, out, 0, 4);
        float s = (float) Math.sqrt(1.25);
        assertArrayEquals(new float[] {-1.5f / s, -0.5f / s, 0.5f / s, 1.5f / s}, out, 1e-6f);
    }

    @Test
    void flatWindowIsOnlyCentredAndNaNBecomesZero() {
        float[] out = new float[3];
        WindowTensors.normalise(new float[] {2, Float.NaN, 2}, 0, out, 0, 3);
        assertArrayEquals(new float[] {0, 0, 0}, out);
    }

    @Test
    void rrTransformOfAPrematureBeat() {
        // previous 0.5 s, next 1.1 s, local 0.8 s: offsets -0.3, 0.3, 0; ln(0.625), ln(1.375), ln(0.5/1.1)
        float[] out = new float[6];
        WindowTensors.rr(0.5, 1.1, 0.8, out, 0);
        assertArrayEquals(new float[] {-0.3f, 0.3f, 0f, (float) Math.log(0.625), (float) Math.log(1.375),
            (float) Math.log(0.5 / 1.1)}, out, 1e-6f);
    }

    @Test
    void firstBeatUsesTheNextIntervalAsLocal() {
        // previous and local undefined: local := next = 0.9, previous := 0.9; ratios ln 1 = 0
        float[] out = new float[6];
        WindowTensors.rr(Double.NaN, 0.9, Double.NaN, out, 0);
        assertEquals(0.1f, out[0], 1e-6f);
        assertEquals(0.1f, out[2], 1e-6f);
        assertEquals(0f, out[3], 1e-6f);
        assertEquals(0f, out[5], 1e-6f);
    }

    @Test
    void augmentShiftHoldsTheEdgeSample() {
        // with no noise, a shift of s moves sample j - s to j; find the shift the generator drew
        float[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        float[] y = x.clone();
        WindowTensors.augment(y, new float[8], new WindowTensors.Augmentation(2, 0, new java.util.Random(3)));
        int s = Math.round(-(y[4] - 4));
        assertTrue(Math.abs(s) <= 2, "shift " + s);
        for (int j = 0; j < 8; j++) {
            assertEquals(x[Math.min(7, Math.max(0, j - s))], y[j], 0f, "sample " + j);
        }
    }

    @Test
    void longTermRrOfAPrematureBeatInABradycardicPatient() {
        // previous 0.9 s, next 1.5 s, local 1.2 s, long-term 1.5 s: ln 0.6, ln 1, ln 0.8
        float[] out = new float[3];
        WindowTensors.longTermRr(0.9, 1.5, 1.2, 1.5, out, 0);
        assertArrayEquals(new float[] {(float) Math.log(0.6), 0f, (float) Math.log(0.8)}, out, 1e-6f);
    }

    @Test
    void templateChannelIsTheDifferenceInTemplateUnits() {
        // window {1, 2, 9} has median 2: centred {-1, 0, 7}; template {-1, 0, 1} has mean 0 and
        // population sd sqrt(2/3); difference {0, 0, 6} / sqrt(2/3)
        float[] out = new float[3];
        WindowTensors.difference(new float[] {1, 2, 9}, Float.NaN, new float[] {-1, 0, 1}, out, 0, 3);
        float s = (float) Math.sqrt(2.0 / 3);
        assertArrayEquals(new float[] {0, 0, 6 / s}, out, 1e-5f);
        // the median given instead of computed: the same
        float[] given = new float[3];
        WindowTensors.difference(new float[] {1, 2, 9}, 2f, new float[] {-1, 0, 1}, given, 0, 3);
        assertArrayEquals(out, given, 0f);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3f, WindowTensors.median(new float[] {5, 1, 3}, 3));
        assertEquals(2.5f, WindowTensors.median(new float[] {4, 1, 3, 2}, 4));
    }

    /**
     * RR scaling multiplies every interval of a beat by one factor: the three absolute inputs move,
     * the six logarithmic ratios (to the local and to the long-term mean) stay; without it the
     * inputs are those of no augmentation.
     */
    @Test
    void rrScalingKeepsTheRatios() {
        InputSpec in = new InputSpec("MLII", 16, 360.0, 5, true, 0, 4);
        io.beatflow.datasets.BeatDataset d = fourBeats();
        io.beatflow.models.internal.DatasetContexts ctx = io.beatflow.models.internal.DatasetContexts.of(d, in);
        int[] idx = {0, 1, 2, 3};
        WindowTensors.Batch plain = WindowTensors.of(d, ctx, idx, 0, 4, in, null);
        WindowTensors.Batch none = WindowTensors.of(d, ctx, idx, 0, 4, in,
                new WindowTensors.Augmentation(0, 0, 0, new java.util.Random(5)));
        WindowTensors.Batch scaled = WindowTensors.of(d, ctx, idx, 0, 4, in,
                new WindowTensors.Augmentation(0, 0, 0.3, new java.util.Random(5)));
        assertArrayEquals(plain.rr(), none.rr(), 0f);
        int k = in.rrInputs();
        boolean moved = false;
        for (int i = 0; i < 4; i++) {
            for (int j = 3; j < k; j++) {
                assertEquals(plain.rr()[i * k + j], scaled.rr()[i * k + j], 1e-5f, "beat " + i + " ratio input " + j);
            }
            // absolute inputs are RR - 0.8 s: one factor f gives (RR_scaled - 0.8) = f (RR - 0.8) + 0.8 (f - 1)
            double f = (scaled.rr()[i * k + 2] + 0.8) / (plain.rr()[i * k + 2] + 0.8);
            assertTrue(f >= Math.exp(-0.6) - 1e-6 && f <= Math.exp(0.6) + 1e-6, "factor " + f + " within +-2 sigma");
            for (int j = 0; j < 2; j++) {
                assertEquals(f * (plain.rr()[i * k + j] + 0.8), scaled.rr()[i * k + j] + 0.8, 1e-5, "beat " + i);
            }
            moved |= Math.abs(f - 1) > 1e-3;
        }
        assertTrue(moved, "some beat's intervals were scaled");
    }

    /**
     * Without the raw channel the input is one channel, the template difference: the context
     * input's second channel, beat for beat; the RR values are the same.
     */
    @Test
    void relativeInputIsTheContextInputsSecondChannelAlone() {
        InputSpec context = new InputSpec("MLII", 16, 360.0, 5, true, 4, 4);
        InputSpec relative = new InputSpec("MLII", 16, 360.0, 5, true, 4, 4, 0, false);
        assertEquals(1, relative.channels());
        io.beatflow.datasets.BeatDataset d = fourBeats();
        int[] idx = {0, 1, 2, 3};
        WindowTensors.Batch both = WindowTensors.of(d, io.beatflow.models.internal.DatasetContexts.of(d, context), idx,
                0, 4, context, null);
        WindowTensors.Batch rel = WindowTensors.of(d, io.beatflow.models.internal.DatasetContexts.of(d, relative), idx,
                0, 4, relative, null);
        assertArrayEquals(both.rr(), rel.rr(), 0f);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(both.signal(), i * 32 + 16, i * 32 + 32),
                    java.util.Arrays.copyOfRange(rel.signal(), i * 16, i * 16 + 16), 0f, "beat " + i);
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new InputSpec("MLII", 16, 360.0, 5, true, 0, 4, 0, false));
        assertTrue(e.getMessage().contains("needs the template channel"), e.getMessage());
    }

    /**
     * Morphology dropout zeroes every signal channel of some beats and leaves the others, and every
     * RR input, as they were; at probability 0 nothing is drawn, so the inputs equal those without it.
     */
    @Test
    void morphologyDropoutZeroesWholeBeatsOnly() {
        InputSpec in = new InputSpec("MLII", 16, 360.0, 5, true, 4, 4);
        io.beatflow.datasets.BeatDataset d = fourBeats();
        io.beatflow.models.internal.DatasetContexts ctx = io.beatflow.models.internal.DatasetContexts.of(d, in);
        int[] idx = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};
        WindowTensors.Batch plain = WindowTensors.of(d, ctx, idx, 0, 12, in,
                new WindowTensors.Augmentation(0, 0, 0, 0, new java.util.Random(5)));
        WindowTensors.Batch none = WindowTensors.of(d, ctx, idx, 0, 12, in,
                new WindowTensors.Augmentation(0, 0, 0, new java.util.Random(5)));
        assertArrayEquals(none.signal(), plain.signal(), 0f);
        WindowTensors.Batch dropped = WindowTensors.of(d, ctx, idx, 0, 12, in,
                new WindowTensors.Augmentation(0, 0, 0, 0.5, new java.util.Random(5)));
        assertArrayEquals(plain.rr(), dropped.rr(), 0f);
        int size = in.channels() * in.windowSamples();
        int zeroed = 0;
        for (int i = 0; i < 12; i++) {
            float[] p = java.util.Arrays.copyOfRange(plain.signal(), i * size, (i + 1) * size);
            float[] q = java.util.Arrays.copyOfRange(dropped.signal(), i * size, (i + 1) * size);
            if (java.util.Arrays.equals(q, new float[size])) {
                zeroed++;
            } else {
                assertArrayEquals(p, q, 0f, "beat " + i + ": kept whole or zeroed whole");
            }
        }
        assertTrue(zeroed > 0 && zeroed < 12, zeroed + " of 12 beats zeroed at probability 0.5");
    }

    /**
     * The irregularity is the last RR input, from the dataset's context: previous intervals unknown,
     * 0.6, 0.7 and 0.8 s give no pair (0), no pair (0), |ln(0.7/0.6)| = 0.15415, and the median of
     * that and |ln(0.8/0.7)| = 0.13353, 0.14384; RR scaling leaves it alone (it is made of ratios).
     */
    @Test
    void irregularityIsTheLastRrInput() {
        InputSpec in = new InputSpec("MLII", 16, 360.0, 5, true, 0, 4, 2);
        io.beatflow.datasets.BeatDataset d = fourBeats();
        io.beatflow.models.internal.DatasetContexts ctx = io.beatflow.models.internal.DatasetContexts.of(d, in);
        int[] idx = {0, 1, 2, 3};
        int k = in.rrInputs();
        assertEquals(10, k);
        WindowTensors.Batch plain = WindowTensors.of(d, ctx, idx, 0, 4, in, null);
        WindowTensors.Batch scaled = WindowTensors.of(d, ctx, idx, 0, 4, in,
                new WindowTensors.Augmentation(0, 0, 0.3, new java.util.Random(5)));
        float[] expected = {0f, 0f, 0.15415f, 0.14384f};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], plain.rr()[i * k + k - 1], 1e-5f, "beat " + i);
            assertEquals(expected[i], scaled.rr()[i * k + k - 1], 1e-5f, "beat " + i + " scaled");
        }
    }

    /**
     * Four beats of one record, 16-sample windows of sin(i + j), previous intervals unknown, 0.6,
     * 0.7 and 0.8 s, next 0.9 s and local 0.8 s.
     */
    /**
     * The S timing transplant: only N beats in a regular rhythm (beats 0-3, and 7 whose unknown
     * previous interval and local mean count as its next interval) become S, and those get the donor's timing: the
     * one S beat has previous 0.56 s, next 1.04 s and local mean 0.8 s, so ratios 0.7 and 1.3, and a
     * taken beat (local 0.8 s) gets previous 0.56 s and next 1.04 s, inputs -0.24, 0.24, 0,
     * ln 0.7, ln 1.3, ln(0.7 / 1.3). The premature N beat (4), the S beat (5) and the V beat (6) are
     * never taken; every other input, and the windows, are those without augmentation.
     */
    @Test
    void sTimingIsLentToRegularNBeatsOnly() {
        InputSpec in = new InputSpec("MLII", 16, 360.0, 5, true, 0, 4);
        float[] prev = {0.8f, 0.8f, 0.8f, 0.8f, 0.5f, 0.56f, 0.8f, Float.NaN};
        float[] next = {0.8f, 0.8f, 0.8f, 0.8f, 1.0f, 1.04f, 0.8f, 0.8f};
        int[] labels = {0, 0, 0, 0, 0, 1, 2, 0};
        float[] w = new float[8 * 16];
        float[] rr = new float[8 * 3];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 16; j++) {
                w[i * 16 + j] = (float) Math.cos(i + 2 * j);
            }
            rr[i * 3] = prev[i];
            rr[i * 3 + 1] = next[i];
            // a record's first beat has no local mean either: the next interval stands in for it
            rr[i * 3 + 2] = i == 7 ? Float.NaN : 0.8f;
        }
        io.beatflow.datasets.BeatDataset d = new io.beatflow.datasets.BeatDataset(java.util.List.of("r"), 16, 360.0, w,
                labels, new byte[8], rr, new int[8], new long[] {100, 400, 700, 1000, 1300, 1600, 1900, 2200});
        io.beatflow.models.internal.DatasetContexts ctx = io.beatflow.models.internal.DatasetContexts.of(d, in);
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
        WindowTensors.TimingTransplant t = WindowTensors.TimingTransplant.of(d, all, 0, 1, 0.5);
        assertEquals(1, t.donors());
        int n = 400;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i % 8;
        }
        WindowTensors.Batch plain = WindowTensors.of(d, ctx, idx, 0, n, in, null);
        WindowTensors.Batch lent = WindowTensors.of(d, ctx, idx, 0, n, in,
                new WindowTensors.Augmentation(0, 0, 0, 0, t, new java.util.Random(11)));
        assertArrayEquals(plain.signal(), lent.signal(), 0f);
        int k = in.rrInputs();
        float[] expected = {-0.24f, 0.24f, 0f, (float) Math.log(0.7), (float) Math.log(1.3),
            (float) Math.log(0.7 / 1.3)};
        int taken = 0;
        int eligible = 0;
        for (int i = 0; i < n; i++) {
            boolean regularN = idx[i] <= 3 || idx[i] == 7;
            eligible += regularN ? 1 : 0;
            float[] got = java.util.Arrays.copyOfRange(lent.rr(), i * k, i * k + k);
            if (lent.relabelled(i)) {
                assertTrue(regularN, "beat " + idx[i] + " taken");
                taken++;
                assertArrayEquals(expected, java.util.Arrays.copyOf(got, 6), 1e-5f, "beat " + idx[i] + " RR inputs");
                // long-term ratios follow the new intervals; the local one stays
                assertEquals(plain.rr()[i * k + 8], got[8], 0f);
            } else {
                assertArrayEquals(java.util.Arrays.copyOfRange(plain.rr(), i * k, i * k + k), got, 0f, "beat " + idx[i]);
            }
        }
        assertTrue(taken > eligible / 4 && taken < eligible * 3 / 4, taken + " of " + eligible + " taken at 0.5");
        var none = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WindowTensors.TimingTransplant.of(d, new int[] {0, 1, 4, 6}, 0, 1, 0.5));
        assertTrue(none.getMessage().contains("no training beat of class index 1"), none.getMessage());
        var zero = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WindowTensors.TimingTransplant.of(d, all, 0, 1, 0));
        assertTrue(zero.getMessage().contains("probability must be in (0, 1)"), zero.getMessage());
    }

    private static io.beatflow.datasets.BeatDataset fourBeats() {
        float[] w = new float[4 * 16];
        float[] rr = new float[4 * 3];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 16; j++) {
                w[i * 16 + j] = (float) Math.sin(i + j);
            }
            rr[i * 3] = i == 0 ? Float.NaN : 0.5f + 0.1f * i;
            rr[i * 3 + 1] = 0.9f;
            rr[i * 3 + 2] = 0.8f;
        }
        return new io.beatflow.datasets.BeatDataset(java.util.List.of("r"), 16, 360.0, w, new int[4], new byte[4], rr,
                new int[4], new long[] {100, 400, 700, 1000});
    }
}

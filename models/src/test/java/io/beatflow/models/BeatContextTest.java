package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The causal patient context, with expected values worked out by hand. */
class BeatContextTest {
    @Test
    void firstBeatIsItsOwnTemplateThenTheMedianOfEarlierBeats() {
        BeatContext c = new BeatContext(3, 3, 2);
        // beat 1 {1, 2, 6}: median 2, centred {-1, 0, 4}; its own template
        BeatContext.Context a = c.next(new float[] {1, 2, 6}, 0, Double.NaN);
        assertArrayEquals(new float[] {-1, 0, 4}, a.template());
        assertEquals(2f, a.windowMedian());
        assertTrue(Double.isNaN(a.longTermRrSeconds()), "no interval known yet");
        // beat 2: template is beat 1's centred window; mean RR of {0.8}
        BeatContext.Context b = c.next(new float[] {10, 10, 10}, 0, 0.8);
        assertArrayEquals(new float[] {-1, 0, 4}, b.template());
        assertEquals(0.8, b.longTermRrSeconds(), 1e-12);
        // beat 3 {0, 1, 2} -> centred {-1, 0, 1}; template: median of {-1,0,4} and {0,0,0}
        // per sample = mean of the two middle values: {-0.5, 0, 2}; mean RR of {0.8, 1.0}
        BeatContext.Context d = c.next(new float[] {0, 1, 2}, 0, 1.0);
        assertArrayEquals(new float[] {-0.5f, 0, 2}, d.template());
        assertEquals(0.9, d.longTermRrSeconds(), 1e-12);
        // beat 4: median of {-1,0,4}, {0,0,0}, {-1,0,1} = {-1, 0, 1}; RR window of 2 keeps {1.0, 0.6}
        BeatContext.Context e = c.next(new float[] {0, 0, 0}, 0, 0.6);
        assertArrayEquals(new float[] {-1, 0, 1}, e.template());
        assertEquals(0.8, e.longTermRrSeconds(), 1e-12);
        // beat 5: the oldest beat {-1,0,4} has left: median of {0,0,0}, {-1,0,1}, {0,0,0} = {0, 0, 0};
        // an unknown interval leaves the mean as it was
        BeatContext.Context f = c.next(new float[] {5, 5, 5}, 0, Double.NaN);
        assertArrayEquals(new float[] {0, 0, 0}, f.template());
        assertEquals(0.8, f.longTermRrSeconds(), 1e-12);
    }

    @Test
    void templateIsTheMedianOfTheLastBeatsOverALongStream() {
        // against a direct computation: sort each position's values over the previous 5 beats
        int l = 7;
        int k = 5;
        BeatContext c = new BeatContext(l, k, 3);
        java.util.Random rnd = new java.util.Random(11);
        java.util.List<float[]> centred = new java.util.ArrayList<>();
        for (int b = 0; b < 40; b++) {
            float[] w = new float[l];
            for (int j = 0; j < l; j++) {
                w[j] = rnd.nextInt(5) - 2 + (j == 3 ? 4 : 0); // small integers: many ties
            }
            float[] t = c.next(w, 0, 0.8).template();
            if (b > 0) {
                for (int j = 0; j < l; j++) {
                    assertEquals(columnMedian(centred, b, k, j), t[j], 0f, "beat " + b + " sample " + j);
                }
            }
            float[] s = w.clone();
            java.util.Arrays.sort(s); // 7 samples: the median is the middle one
            float[] cw = new float[l];
            for (int j = 0; j < l; j++) {
                cw[j] = w[j] - s[l / 2];
            }
            centred.add(cw);
        }
    }

    /**
     * With even window lengths, signed zeros, ties and a full history that keeps turning over, the
     * window median and the template equal, bit for bit, those of a full sort
     * ({@code Arrays.sort}, in {@link Float#compare} order), and so do those of
     * {@code WindowTensors.median}.
     */
    @Test
    void mediansEqualThoseOfAFullSortBitForBit() {
        for (int l : new int[] {8, 256}) {
            int k = 6;
            BeatContext c = new BeatContext(l, k, 3);
            java.util.Random rnd = new java.util.Random(l);
            java.util.List<float[]> centred = new java.util.ArrayList<>();
            for (int b = 0; b < 60; b++) {
                float[] w = new float[l];
                for (int j = 0; j < l; j++) {
                    int r = rnd.nextInt(6);
                    w[j] = r == 0 ? -0.0f : r == 1 ? 0.0f : r == 2 ? rnd.nextInt(3) - 1 : (float) rnd.nextGaussian();
                }
                BeatContext.Context ctx = c.next(w, 0, 0.8);
                float m = sortedMedian(w.clone(), l);
                assertEquals(Float.floatToIntBits(m), Float.floatToIntBits(ctx.windowMedian()), "beat " + b);
                assertEquals(Float.floatToIntBits(m),
                        Float.floatToIntBits(io.beatflow.models.internal.WindowTensors.median(w.clone(), l)));
                float[] t = ctx.template();
                if (b > 0) {
                    for (int j = 0; j < l; j++) {
                        float expected = columnMedian(centred, b, k, j);
                        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(t[j]),
                                "beat " + b + " sample " + j + ": " + expected + " against " + t[j]);
                    }
                }
                float[] cw = new float[l];
                for (int j = 0; j < l; j++) {
                    cw[j] = w[j] - m;
                }
                centred.add(cw);
            }
        }
    }

    /** By a full sort: the median of sample j over the (up to) k centred beats before beat b. */
    private static float columnMedian(java.util.List<float[]> centred, int b, int k, int j) {
        int n = Math.min(k, b);
        float[] col = new float[n];
        for (int i = 0; i < n; i++) {
            col[i] = centred.get(b - 1 - i)[j];
        }
        return sortedMedian(col, n);
    }

    private static float sortedMedian(float[] a, int n) {
        java.util.Arrays.sort(a, 0, n);
        return n % 2 == 1 ? a[n / 2] : 0.5f * (a[n / 2 - 1] + a[n / 2]);
    }

    /**
     * The irregularity is the median of |ln(RR_k / RR_k-1)| over the last pairs: by hand, intervals
     * alternating 0.8 s and 0.6 s give |ln 0.75| = 0.28768 for every pair; one premature beat in a
     * regular rhythm (two outlying pairs of four) moves a median of four pairs only half-way.
     */
    @Test
    void irregularityIsTheMedianAbsoluteLogRatioOfSuccessiveIntervals() {
        BeatContext c = new BeatContext(2, 1, 1, 4);
        float[] w = {0, 0};
        assertTrue(Double.isNaN(c.next(w, 0, Double.NaN).rrIrregularity()), "no interval yet");
        assertTrue(Double.isNaN(c.next(w, 0, 0.8).rrIrregularity()), "one interval, no pair");
        assertEquals(0.28768, c.next(w, 0, 0.6).rrIrregularity(), 1e-5);
        assertEquals(0.28768, c.next(w, 0, 0.8).rrIrregularity(), 1e-5);
        c.next(w, 0, Double.NaN); // an unknown interval is skipped, not a pair
        assertEquals(0.28768, c.next(w, 0, 0.6).rrIrregularity(), 1e-5);

        BeatContext r = new BeatContext(2, 1, 1, 4);
        double[] rr = {0.8, 0.8, 0.8, 0.8, 0.8, 0.6, 1.0, 0.8};
        double last = Double.NaN;
        for (double v : rr) {
            last = r.next(w, 0, v).rrIrregularity();
        }
        // last four pairs: ln(0.6/0.8), ln(1.0/0.6), ln(0.8/1.0), 0 -> |.| sorted 0, 0.22314, 0.28768, 0.51083
        assertEquals((0.22314 + 0.28768) / 2, last, 1e-5);
        r.reset();
        assertTrue(Double.isNaN(r.next(w, 0, 0.8).rrIrregularity()), "reset forgets the last interval");
        assertEquals(0.0, r.next(w, 0, 0.8).rrIrregularity(), 0.0);
    }

    @Test
    void resetStartsANewStream() {
        BeatContext c = new BeatContext(2, 4, 4);
        c.next(new float[] {0, 8}, 0, 0.5);
        c.reset();
        BeatContext.Context a = c.next(new float[] {1, 3}, 0, Double.NaN);
        assertArrayEquals(new float[] {-1, 1}, a.template());
        assertTrue(Double.isNaN(a.longTermRrSeconds()));
    }

    @Test
    void badSizesAndShortWindowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BeatContext(0, 1, 1));
        IllegalArgumentException pairs = assertThrows(IllegalArgumentException.class, () -> new BeatContext(2, 1, 1, 0));
        assertTrue(pairs.getMessage().contains("irregularity pairs 0"), pairs.getMessage());
        IllegalArgumentException noRr = assertThrows(IllegalArgumentException.class,
                () -> new InputSpec("MLII", 64, 360.0, 21, false, 0, 0, 4));
        assertTrue(noRr.getMessage().contains("irregularityBeats needs useRr"), noRr.getMessage());
        BeatContext c = new BeatContext(4, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.next(new float[3], 0, 0.8));
        assertTrue(e.getMessage().contains("expected 4"), e.getMessage());
    }
}

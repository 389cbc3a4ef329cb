package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RrPrematurityTest {
    private static final double E = 1e-6;

    /** A premature beat in a metronomic rhythm: no deviation, so the floor sets the scale, and the score is cut. */
    @Test
    void aPrematureBeatInARegularRhythmScoresAtTheLimit() {
        RrPrematurity p = new RrPrematurity(5);
        for (int i = 0; i < 4; i++) {
            RrPrematurity.Reference r = p.next(0.8, 0.8, 0.8);
            assertEquals(0.0, r.centrePreviousToLocal(), E);
            assertEquals(RrPrematurity.MIN_SCALE, r.scalePreviousToLocal(), E);
        }
        // 25% early, then a pause: ln(0.6/0.8) = -0.2877, ln(0.6/1.0) = -0.5108; four zeros keep the medians at 0
        RrPrematurity.Reference r = p.next(0.6, 1.0, 0.8);
        assertEquals(0.0, r.centrePreviousToLocal(), E);
        assertEquals(0.02, r.scalePreviousToLocal(), E);
        float[] z = new float[2];
        r.input(Math.log(0.6 / 0.8), Math.log(0.6 / 1.0), z, 0);
        assertEquals(-3.0, z[0], E, "-0.2877 / 0.02 / 4 = -3.6, cut to -3");
        assertEquals(-3.0, z[1], E);
        // a beat on time scores 0
        r.input(0.0, 0.0, z, 0);
        assertEquals(0.0, z[0], E);
    }

    /** Values worked by hand: ln(prev/local) of 0.1, -0.1 and -0.5 over a reference of three beats. */
    @Test
    void theScoreIsTheDistanceFromTheMedianInRobustDeviations() {
        RrPrematurity p = new RrPrematurity(3);
        p.next(0.8 * Math.exp(0.1), 0.8, 0.8);
        p.next(0.8 * Math.exp(-0.1), 0.8, 0.8);
        RrPrematurity.Reference r = p.next(0.8 * Math.exp(-0.5), 0.8, 0.8);
        // median -0.1; absolute deviations 0.2, 0, 0.4, median 0.2; scale 1.4826 x 0.2
        assertEquals(-0.1, r.centrePreviousToLocal(), 1e-6);
        assertEquals(0.29652, r.scalePreviousToLocal(), 1e-6);
        // ln(prev/next) is the same series here (next = local)
        assertEquals(-0.1, r.centrePreviousToNext(), 1e-6);
        float[] z = new float[2];
        r.input(-0.5, -0.5, z, 0);
        assertEquals(-0.33725, z[0], 1e-5, "(-0.5 + 0.1) / 0.29652 / 4");
        // a fourth beat pushes the first (0.1) out: values -0.1, -0.5, 0.0
        RrPrematurity.Reference s = p.next(0.8, 0.8, 0.8);
        assertEquals(-0.1, s.centrePreviousToLocal(), 1e-6);
        assertEquals(1.4826 * 0.1, s.scalePreviousToLocal(), 1e-6, "deviations 0, 0.4, 0.1");
    }

    /** Unknown intervals are replaced as the RR inputs replace them: no next interval reads as the local mean. */
    @Test
    void unknownIntervalsTakeTheRrInputsFallbacks() {
        RrPrematurity p = new RrPrematurity(1);
        RrPrematurity.Reference r = p.next(0.6, Double.NaN, 0.8);
        assertEquals(Math.log(0.6 / 0.8), r.centrePreviousToLocal(), 1e-6);
        assertEquals(Math.log(0.6 / 0.8), r.centrePreviousToNext(), 1e-6);
        RrPrematurity.Reference first = new RrPrematurity(1).next(Double.NaN, 0.8, Double.NaN);
        assertEquals(0.0, first.centrePreviousToLocal(), 1e-6, "no previous interval: the next stands in for both");
    }

    @Test
    void resetStartsANewStreamAndBadSizesAreRefused() {
        RrPrematurity p = new RrPrematurity(4);
        p.next(0.5, 0.8, 0.8);
        p.next(0.5, 0.8, 0.8);
        p.reset();
        assertEquals(0.0, p.next(0.8, 0.8, 0.8).centrePreviousToLocal(), E);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RrPrematurity(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    /**
     * The batch a network receives holds, last among its RR values, each beat's z-scores as worked
     * out here from the dataset's intervals alone: a plain median and deviation over the beat's
     * last 16 beats (the beats of the synthetic record are in time order).
     */
    @Test
    void batchesHoldTheScoresOfAnIndependentReckoning() {
        io.beatflow.datasets.BeatDataset d = SyntheticBeats.make(60, 64, 3, "r");
        InputSpec in = SyntheticBeats.contextInput().withPrematurity(16);
        int[] idx = new int[d.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        io.beatflow.models.internal.WindowTensors.Batch b = io.beatflow.models.internal.WindowTensors.of(d,
                io.beatflow.models.internal.DatasetContexts.of(d, in), idx, 0, idx.length, in, null);
        int k = in.rrInputs();
        double[] toLocal = new double[d.size()];
        double[] toNext = new double[d.size()];
        int nonZero = 0;
        for (int i = 0; i < d.size(); i++) {
            float[] rr = d.rrFeatures(i);
            toLocal[i] = Math.log(rr[0] / rr[2]);
            toNext[i] = Math.log(rr[0] / rr[1]);
            double[] expected = {score(toLocal, i, 16), score(toNext, i, 16)};
            for (int j = 0; j < 2; j++) {
                assertEquals(expected[j], b.rr()[i * k + k - 2 + j], 1e-5, "beat " + i + ", score " + j);
            }
            nonZero += b.rr()[i * k + k - 2] != 0 ? 1 : 0;
        }
        assertTrue(nonZero > 10, "scores that are all 0 would test nothing: " + nonZero + " differ from 0");
        // a regular rhythm with one beat 25% early and a pause after it: that beat scores at the limit, the rest 0
        int n = 40;
        float[] rr = metronome(n);
        rr[30 * 3] = 0.6f;
        rr[30 * 3 + 1] = 1.0f;
        io.beatflow.datasets.BeatDataset regular = record(rr);
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        float[] got = io.beatflow.models.internal.WindowTensors.of(regular,
                io.beatflow.models.internal.DatasetContexts.of(regular, in), all, 0, n, in, null).rr();
        for (int i = 0; i < n; i++) {
            assertEquals(i == 30 ? -3.0 : 0.0, got[i * k + k - 2], 1e-6, "beat " + i + ", ln(prev/local)");
            assertEquals(i == 30 ? -3.0 : 0.0, got[i * k + k - 1], 1e-6, "beat " + i + ", ln(prev/next)");
        }
    }

    /**
     * A regular N beat lent an S timing in training is scored with its lent intervals against its
     * own record's reference: in a metronomic record the lent beats score at the limit, the others 0.
     */
    @Test
    void aLentTimingIsScoredAgainstTheBeatsOwnRhythm() {
        int n = 200;
        io.beatflow.datasets.BeatDataset regular = record(metronome(n));
        InputSpec in = SyntheticBeats.contextInput().withPrematurity(16);
        var transplant = new io.beatflow.models.internal.WindowTensors.TimingTransplant(0.5, 0, 1,
                new float[] {(float) Math.log(0.75)}, new float[] {(float) Math.log(1.25)});
        var augmentation = new io.beatflow.models.internal.WindowTensors.Augmentation(0, 0, 0, 0, transplant,
                new java.util.Random(7));
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        io.beatflow.models.internal.WindowTensors.Batch b = io.beatflow.models.internal.WindowTensors.of(regular,
                io.beatflow.models.internal.DatasetContexts.of(regular, in), all, 0, n, in, augmentation);
        int k = in.rrInputs();
        int lent = 0;
        for (int i = 0; i < n; i++) {
            double expected = b.relabelled(i) ? -3.0 : 0.0;
            lent += b.relabelled(i) ? 1 : 0;
            assertEquals(expected, b.rr()[i * k + k - 2], 1e-6, "beat " + i + ", ln(prev/local)");
            assertEquals(expected, b.rr()[i * k + k - 1], 1e-6, "beat " + i + ", ln(prev/next)");
        }
        assertTrue(lent > 50 && lent < 150, "about half of 200 beats lent the timing: " + lent);
    }

    /** RR features (previous, next, local) of {@code n} beats of a metronomic 0.8 s rhythm. */
    private static float[] metronome(int n) {
        float[] rr = new float[n * 3];
        java.util.Arrays.fill(rr, 0.8f);
        return rr;
    }

    /** Record "r" of N beats with these RR features, flat 64-sample windows, 0.8 s apart. */
    private static io.beatflow.datasets.BeatDataset record(float[] rr) {
        int n = rr.length / 3;
        long[] at = new long[n];
        for (int i = 0; i < n; i++) {
            at[i] = 1000L + 288L * i;
        }
        return new io.beatflow.datasets.BeatDataset(java.util.List.of("r"), 64, 360.0, new float[n * 64], new int[n],
                new byte[n], rr, new int[n], at);
    }

    /** z / 4 cut to +-3, of values[i] against values[i-beats+1 .. i], by a plain sort. */
    private static double score(double[] values, int i, int beats) {
        double[] h = java.util.Arrays.copyOfRange(values, Math.max(0, i - beats + 1), i + 1);
        double m = plainMedian(h);
        double[] dev = new double[h.length];
        for (int j = 0; j < h.length; j++) {
            dev[j] = Math.abs(h[j] - m);
        }
        double scale = Math.max(1.4826 * plainMedian(dev), 0.02);
        return Math.max(-3, Math.min(3, (values[i] - m) / scale / 4));
    }

    private static double plainMedian(double[] a) {
        double[] s = a.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    /** A context that keeps the reference cannot be fed without the next and local intervals. */
    @Test
    void aContextWithTheReferenceNeedsEveryInterval() {
        InputSpec in = SyntheticBeats.contextInput().withPrematurity(16);
        assertEquals(InputSpec.RR_INPUTS + InputSpec.LONG_TERM_RR_INPUTS + InputSpec.PREMATURITY_INPUTS, in.rrInputs());
        BeatContext c = new BeatContext(in);
        float[] w = new float[64];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.next(w, 0, 0.8));
        assertTrue(e.getMessage().contains("next(window, offset, previous, next, local)"), e.getMessage());
        assertEquals(0.0, c.next(w, 0, 0.8, 0.8, 0.8).prematurity().centrePreviousToLocal(), E);
        // a context without the reference does not serve a model that reads one
        BeatContext plain = new BeatContext(SyntheticBeats.contextInput());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> plain.checkServes(in, false));
        assertTrue(f.getMessage().contains("a prematurity reference of 16 beats"), f.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> new InputSpec("MLII", 64, 360.0, 21, false).withPrematurity(16));
        assertTrue(g.getMessage().contains("prematurityBeats needs useRr"), g.getMessage());
    }
}

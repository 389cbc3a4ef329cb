package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.models.internal.DatasetContexts;
import io.beatflow.models.internal.PrematureRuns;
import io.beatflow.models.internal.WindowTensors;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The copies of the S runs augmentation ({@link PrematureRuns}) on a regular rhythm
 * ({@link RegularRhythm}): where runs are made, what their beats and the beats after them are
 * lent, how many N beats are lent, and how a training batch takes them.
 */
class PrematureRunsTest {
    private static final int N = 30_000;
    private static final double FRACTION = 0.2;
    /** Record "r" is the dataset's first: its beats are indices 0 to N - 1, in time order. */
    private static final BeatDataset DATA = RegularRhythm.make(N, 16, 3);
    private static final double[] OWN = RegularRhythm.intervals(N, 3);
    /** A context input: a 4-beat median beat and a long-term mean of 32 intervals. */
    private static final InputSpec INPUT = new InputSpec("MLII", 16, 360.0, 5, true, 4, 32);

    private static int[] all(BeatDataset d) {
        int[] idx = new int[d.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return idx;
    }

    private static PrematureRuns runs(long seed) {
        return PrematureRuns.of(DATA, all(DATA), 0, 1, FRACTION, INPUT, new Random(seed));
    }

    /**
     * In every copy each run is 3 to 15 N beats taught as S, all of whose intervals are their own
     * times one donor's prematurity (0.6 or 0.85) and a jitter of exp(e), e of standard deviation
     * 0.03: so ln(lent / own) less ln(donor) is below 5 standard deviations for every interval of a
     * run, with one donor per run, and its spread is close to 0.03. (The lent previous / local is
     * that ratio only at a run's first beat, and only nearly: the local mean holds the shortened
     * interval too; inside a run it tends to 1, which is the point of runs.) The 10 beats after a
     * run are lent and stay N, the first of them with its own previous interval (the rhythm
     * resumes); the beat before a run and the 11th after it are left as they are. Every run
     * length is seen, and both donors.
     */
    @Test
    void copiesLendRunsOfThreeToFifteenNBeatsWithOneDonorsPrematurity() {
        PrematureRuns r = runs(5);
        assertEquals(8, r.copies());
        assertEquals(RegularRhythm.DONOR_BEATS, r.donors(), "S beats only 5% early lend nothing");
        boolean[] lengths = new boolean[16];
        int[] byDonor = new int[2];
        double ss = 0;
        int intervals = 0;
        for (int c = 0; c < r.copies(); c++) {
            int k = 0;
            while (k < N) {
                PrematureRuns.Lent l = r.lent(c, k);
                if (l == null || l.label() != 1) {
                    k++;
                    continue;
                }
                int start = k;
                while (k < N && r.lent(c, k) != null && r.lent(c, k).label() == 1) {
                    k++;
                }
                int length = k - start;
                assertTrue(length >= 3 && length <= 15, "copy " + c + " run at " + start + " of " + length + " beats");
                lengths[length] = true;
                assertNull(r.lent(c, start - 1), "the beat before the run at " + start);
                double mean = 0;
                for (int j = start; j < k; j++) {
                    mean += Math.log(r.lent(c, j).previousRrSeconds() / OWN[j]) / length;
                }
                int donor = Math.abs(mean - Math.log(RegularRhythm.DONORS[0]))
                        < Math.abs(mean - Math.log(RegularRhythm.DONORS[1])) ? 0 : 1;
                byDonor[donor]++;
                for (int j = start; j < k; j++) {
                    double e = Math.log(r.lent(c, j).previousRrSeconds() / OWN[j]) - Math.log(RegularRhythm.DONORS[donor]);
                    assertTrue(Math.abs(e) < 5 * 0.03, "copy " + c + " beat " + j + ": jitter " + e);
                    ss += e * e;
                    intervals++;
                }
                for (int j = k; j < k + 10; j++) {
                    PrematureRuns.Lent after = r.lent(c, j);
                    assertNotNull(after, "copy " + c + ": beat " + (j - k + 1) + " after the run at " + start);
                    assertEquals(0, after.label(), "beats after a run stay N");
                }
                assertEquals(OWN[k], r.lent(c, k).previousRrSeconds(), 0, "the interval after the run is the record's");
                assertNull(r.lent(c, k + 10), "the 11th beat after the run at " + start);
                k += 10;
            }
        }
        for (int length = 3; length <= 15; length++) {
            assertTrue(lengths[length], "no run of " + length);
        }
        assertTrue(byDonor[0] > 0 && byDonor[1] > 0, Arrays.toString(byDonor));
        double sd = Math.sqrt(ss / intervals);
        assertTrue(Math.abs(sd - 0.03) < 0.003, "jitter sd " + sd + " over " + intervals + " intervals");
        for (int k = N; k < DATA.size(); k++) {
            for (int c = 0; c < r.copies(); c++) {
                assertNull(r.lent(c, k), "S beats of record d are not lent");
            }
        }
    }

    /**
     * The share of N beats lent as S, averaged over the copies, is what the walk promises: at each
     * beat i from the second a run length L is drawn uniformly from 3 to 15; when i + L + 10 < n
     * (every beat is a regular N beat here) a run starts with probability p = fraction / 9, lends L
     * beats and the walk goes on at i + L + 11; otherwise at i + 1. The expected number of beats
     * lent from beat i on is then V(i) = (1/13) sum_L [i + L + 10 < n ? p (L + V(i + L + 11)) + (1 -
     * p) V(i + 1) : V(i + 1)], V(i) = 0 for i >= n, worked out backwards here (far from the record's
     * ends it is about 9p / (1 + 19p) per beat: 0.141 at fraction 0.2). 8 copies of 30,000 beats hold
     * about 3,750 runs of 9 beats on average (standard deviation 3.7), about 34,000 beats whose count
     * has a standard deviation below 600 (under 1.8%): the share is within 5% of its expectation at
     * close to three standard deviations, and a start probability of fraction / 8 (9% more beats)
     * would fail.
     */
    @Test
    void theShareOfNBeatsLentIsWhatTheWalkPromises() {
        double p = FRACTION / 9;
        double[] v = new double[N + 30];
        for (int i = N - 1; i >= 1; i--) {
            double sum = 0;
            for (int length = 3; length <= 15; length++) {
                sum += i + length + 10 < N ? p * (length + v[i + length + 11]) + (1 - p) * v[i + 1] : v[i + 1];
            }
            v[i] = sum / 13;
        }
        double expected = v[1] / N;
        assertEquals(9 * p / (1 + 19 * p), expected, 0.002, "far from the ends");
        PrematureRuns r = runs(7);
        double share = r.lentPerCopy() / N;
        assertEquals(N, r.fromBeats());
        assertEquals(expected, share, 0.05 * expected, "share of N beats lent per copy");
    }

    /**
     * Every lent beat's values are those of the copy's intervals, recomputed here: the copy's
     * interval ending at beat k is the lent previous interval where beat k is lent and the
     * record's own elsewhere; the next interval is the copy's next one; the local mean is the mean
     * of the last up to 10 intervals up to and including the previous one (as ingest defines it);
     * and the long-term mean is that of a {@link BeatContext} of 32 intervals fed the copy's
     * intervals, as {@link DatasetContexts} feeds a record's.
     */
    @Test
    void lentValuesAreTheCopysIntervalsRecomputed() {
        PrematureRuns r = runs(9);
        int checked = 0;
        for (int c = 0; c < r.copies(); c++) {
            double[] iv = OWN.clone();
            for (int k = 0; k < N; k++) {
                PrematureRuns.Lent l = r.lent(c, k);
                iv[k] = l != null ? l.previousRrSeconds() : iv[k];
            }
            BeatContext context = new BeatContext(16, 1, 32);
            float[] window = new float[16];
            for (int k = 0; k < N; k++) {
                double longTerm = context.next(window, 0, iv[k]).longTermRrSeconds();
                PrematureRuns.Lent l = r.lent(c, k);
                if (l == null) {
                    continue;
                }
                String at = "copy " + c + " beat " + k;
                assertEquals(iv[k + 1], l.nextRrSeconds(), 0, at + " next");
                assertEquals(RegularRhythm.local(iv, k), l.localRrSeconds(), 1e-12, at + " local");
                assertEquals(longTerm, l.longTermRrSeconds(), 1e-12, at + " long-term");
                checked++;
            }
        }
        assertTrue(checked > 1000, checked + " lent beats checked");
    }

    /**
     * In a batch, a beat takes the values of the copy drawn for it: its RR inputs are those of the
     * beat as it is, or those of one copy's lent values (with its own irregularity), and it is
     * relabelled exactly when that copy teaches it as S; about 1/8 of the lending copies' share of
     * draws lend. The recipe's own draws (shift, noise, the timing transplant) are those of a batch
     * without runs: the signals are the same to the bit, and so are the RR inputs and relabelling of
     * every beat no copy lent to.
     */
    @Test
    void aBatchTakesTheDrawnCopysValuesAndKeepsTheRecipesDraws() {
        DatasetContexts ctx = DatasetContexts.of(DATA, INPUT);
        WindowTensors.TimingTransplant t = WindowTensors.TimingTransplant.of(DATA, all(DATA), 0, 1, 0.3);
        PrematureRuns r = runs(11);
        int m = 6000;
        int[] idx = new int[m];
        Random pick = new Random(1);
        for (int i = 0; i < m; i++) {
            idx[i] = pick.nextInt(N);
        }
        WindowTensors.Batch plain = WindowTensors.of(DATA, ctx, idx, 0, m, INPUT,
                new WindowTensors.Augmentation(2, 0.05, 0, 0, t, new Random(5)));
        WindowTensors.Batch lent = WindowTensors.of(DATA, ctx, idx, 0, m, INPUT,
                new WindowTensors.Augmentation(2, 0.05, 0, 0, t, r, new Random(5)));
        assertArrayEquals(plain.signal(), lent.signal(), 0f);
        int k = INPUT.rrInputs();
        int taken = 0;
        double expected = 0;
        for (int i = 0; i < m; i++) {
            float[] got = Arrays.copyOfRange(lent.rr(), i * k, i * k + k);
            float[] own = Arrays.copyOfRange(plain.rr(), i * k, i * k + k);
            int lending = 0;
            PrematureRuns.Lent match = null;
            for (int c = 0; c < r.copies(); c++) {
                PrematureRuns.Lent l = r.lent(c, idx[i]);
                if (l != null) {
                    lending++;
                    float[] want = new float[k];
                    WindowTensors.rr(l.previousRrSeconds(), l.nextRrSeconds(), l.localRrSeconds(), want, 0);
                    WindowTensors.longTermRr(l.previousRrSeconds(), l.nextRrSeconds(), l.localRrSeconds(),
                            l.longTermRrSeconds(), want, 6);
                    if (Arrays.equals(want, got)) {
                        match = l;
                    }
                }
            }
            expected += lending / 8.0;
            if (match != null) {
                taken++;
                assertEquals(match.label() == 1, lent.relabelled(i), "beat " + idx[i] + " relabelled");
            } else {
                assertArrayEquals(own, got, 0f, "beat " + idx[i] + " RR inputs");
                assertEquals(plain.relabelled(i), lent.relabelled(i), "beat " + idx[i] + " relabelled");
            }
        }
        assertTrue(expected > 500, "lending draws expected: " + expected);
        assertEquals(expected, taken, 4 * Math.sqrt(expected), "lent beats in the batch");
    }

    /** S beats none of which is at least 10% early have no prematurity to lend: refused. */
    @Test
    void noEarlyEnoughSBeatIsRefused() {
        int[] some = new int[N + 2];
        for (int i = 0; i < N; i++) {
            some[i] = i;
        }
        some[N] = DATA.size() - 2;
        some[N + 1] = DATA.size() - 1;
        var e = assertThrows(IllegalArgumentException.class,
                () -> PrematureRuns.of(DATA, some, 0, 1, FRACTION, INPUT, new Random(1)));
        assertTrue(e.getMessage().contains("no training beat of class index 1 at least 10% early"), e.getMessage());
    }
}

package io.beatflow.eval.internal;

import java.util.Arrays;

/**
 * One-to-one pairing of reference and test beats by nearness in time.
 *
 * <p>Algorithm (closest pair first): every (reference, test) pair whose distance is at most the
 * match window is a candidate; candidates are taken in order of increasing distance (ties broken
 * by the earlier reference beat, then the earlier test beat) and a candidate is accepted when
 * neither of its beats is already paired. So each reference beat is paired with the closest test
 * beat that no closer reference beat claimed, which is the rule of the WFDB {@code bxb} program
 * (it pairs each reference beat with the closest test beat within the window, and a test beat
 * that is closer to the next reference beat is left for that one). Because beats are at least a
 * refractory period apart the candidate list is short: O(n) pairs for n beats, sorted in
 * O(n log n).
 *
 * <p>Pure: no I/O, no state.
 */
public final class BeatMatcher {
    private BeatMatcher() {
    }

    /**
     * Pairs reference beats with test beats.
     *
     * @param reference reference beat positions in samples, non-decreasing
     * @param test test beat positions in samples, non-decreasing
     * @param maxLagSamples largest distance in samples for a pair (inclusive), zero or more
     * @return for each reference beat the index of its test beat, or -1 when it has none
     */
    public static int[] match(long[] reference, long[] test, long maxLagSamples) {
        if (maxLagSamples < 0) {
            throw new IllegalArgumentException("maxLagSamples must be >= 0, got " + maxLagSamples);
        }
        // Collect candidates with a moving lower bound over the sorted test beats.
        long[] keys = new long[Math.max(16, 2 * (reference.length + test.length))];
        int[] ri = new int[keys.length];
        int[] ti = new int[keys.length];
        int n = 0;
        int lo = 0;
        for (int i = 0; i < reference.length; i++) {
            long r = reference[i];
            while (lo < test.length && test[lo] < r - maxLagSamples) {
                lo++;
            }
            for (int j = lo; j < test.length && test[j] <= r + maxLagSamples; j++) {
                if (n == keys.length) {
                    int grown = keys.length * 2;
                    keys = Arrays.copyOf(keys, grown);
                    ri = Arrays.copyOf(ri, grown);
                    ti = Arrays.copyOf(ti, grown);
                }
                keys[n] = Math.abs(test[j] - r);
                ri[n] = i;
                ti[n] = j;
                n++;
            }
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        final long[] fk = keys;
        final int[] fri = ri;
        final int[] fti = ti;
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(fk[a], fk[b]);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(fri[a], fri[b]);
            return c != 0 ? c : Integer.compare(fti[a], fti[b]);
        });
        int[] refToTest = new int[reference.length];
        Arrays.fill(refToTest, -1);
        boolean[] testUsed = new boolean[test.length];
        for (int k = 0; k < n; k++) {
            int c = order[k];
            if (refToTest[ri[c]] < 0 && !testUsed[ti[c]]) {
                refToTest[ri[c]] = ti[c];
                testUsed[ti[c]] = true;
            }
        }
        return refToTest;
    }

    /**
     * Checks that beat positions are non-negative and non-decreasing.
     *
     * @throws IllegalArgumentException naming the record, the array and the index
     */
    public static void requireSorted(String record, String what, long[] samples) {
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] < 0) {
                throw new IllegalArgumentException("record " + record + ": " + what + "[" + i
                        + "] = " + samples[i] + " is negative");
            }
            if (i > 0 && samples[i] < samples[i - 1]) {
                throw new IllegalArgumentException("record " + record + ": " + what + "[" + i
                        + "] = " + samples[i] + " is before " + what + "[" + (i - 1) + "] = "
                        + samples[i - 1] + "; beat positions must be in time order");
            }
        }
    }

    /** The match window in whole samples: floor(seconds x rate), tolerant of rounding. */
    public static long maxLagSamples(double windowSeconds, double sampleRateHz) {
        return (long) Math.floor(windowSeconds * sampleRateHz + 1e-6);
    }

    /** The first scored sample: ceil(seconds x rate), tolerant of rounding. */
    public static long firstScoredSample(double skipSeconds, double sampleRateHz) {
        return (long) Math.ceil(skipSeconds * sampleRateHz - 1e-6);
    }
}

package io.beatflow.eval.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The candidate-list matcher against a naive statement of the same rule: repeatedly take, among
 * all still-unpaired (reference, test) pairs within the window, the one with the smallest
 * distance (then the earlier reference, then the earlier test beat), until none is left. O(n^3),
 * written independently of the fast version.
 */
class BeatMatcherTest {

    private static int[] naive(long[] ref, long[] test, long maxLag) {
        int[] out = new int[ref.length];
        Arrays.fill(out, -1);
        boolean[] used = new boolean[test.length];
        while (true) {
            int bi = -1;
            int bj = -1;
            long bd = Long.MAX_VALUE;
            for (int i = 0; i < ref.length; i++) {
                if (out[i] >= 0) {
                    continue;
                }
                for (int j = 0; j < test.length; j++) {
                    long d = Math.abs(ref[i] - test[j]);
                    if (!used[j] && d <= maxLag && d < bd) {
                        bd = d;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                return out;
            }
            out[bi] = bj;
            used[bj] = true;
        }
    }

    private static long[] beats(SplittableRandom r, int n, int meanGap) {
        long[] b = new long[n];
        long t = r.nextInt(50);
        for (int i = 0; i < n; i++) {
            t += 1 + r.nextInt(2 * meanGap);
            b[i] = t;
        }
        return b;
    }

    @Test
    void agreesWithTheNaiveRuleOnRandomCrowdedBeats() {
        SplittableRandom r = new SplittableRandom(42);
        for (int trial = 0; trial < 300; trial++) {
            long[] ref = beats(r, 1 + r.nextInt(40), 40);
            long[] test = beats(r, r.nextInt(45), 35);
            long lag = r.nextInt(60);
            assertArrayEquals(naive(ref, test, lag), BeatMatcher.match(ref, test, lag), "trial " + trial);
        }
    }
}

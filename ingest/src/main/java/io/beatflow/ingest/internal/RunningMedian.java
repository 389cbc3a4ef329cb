package io.beatflow.ingest.internal;

import java.util.Arrays;

/**
 * Centred running median over a double array, with the array's end values held beyond its ends.
 *
 * <p>Keeps the window sorted; each step replaces the leaving value by the entering one with two
 * binary searches and one {@code System.arraycopy} of the values between their two ranks.
 */
public final class RunningMedian {
    private RunningMedian() {
    }

    /**
     * {@code out[i]} = median of {@code x[clamp(i - h)] .. x[clamp(i + h)]}, where {@code h =
     * (width - 1) / 2} and indices are clamped to {@code [0, n)}.
     *
     * @param width odd window length in samples, at least 1
     */
    public static void filter(double[] x, int n, int width, double[] out) {
        if (width < 1 || width % 2 == 0) {
            throw new IllegalArgumentException("median width must be odd and positive, got " + width);
        }
        if (n == 0) {
            return;
        }
        int h = (width - 1) / 2;
        double[] win = new double[width];
        for (int k = -h; k <= h; k++) {
            win[k + h] = x[clamp(k, n)];
        }
        Arrays.sort(win);
        out[0] = win[h];
        for (int i = 1; i < n; i++) {
            double leaving = x[clamp(i - h - 1, n)];
            double entering = x[clamp(i + h, n)];
            if (leaving != entering) {
                int from = lowerBound(win, leaving); // present in the window: finds an equal value
                int to = lowerBound(win, entering);
                if (to > from) {
                    // entering sorts after leaving: shift (from, to) down by one
                    System.arraycopy(win, from + 1, win, from, to - 1 - from);
                    win[to - 1] = entering;
                } else {
                    System.arraycopy(win, to, win, to + 1, from - to);
                    win[to] = entering;
                }
            }
            out[i] = win[h];
        }
    }

    /**
     * First index whose value is not below {@code key} ({@code win.length} if none), by halving
     * without a data-dependent branch (the comparison becomes a conditional move), which is faster
     * here than {@link Arrays#binarySearch(double[], double)} on unpredictable comparisons.
     * The values must not be NaN.
     */
    static int lowerBound(double[] win, double key) {
        int lo = 0;
        int len = win.length;
        while (len > 1) {
            int half = len >>> 1;
            lo = win[lo + half - 1] < key ? lo + half : lo;
            len -= half;
        }
        return win[lo] < key ? lo + 1 : lo;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}

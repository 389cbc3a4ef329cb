package io.beatflow.ingest.internal;

import io.beatflow.ingest.RrFeatures;
import io.beatflow.ingest.WindowNormalisation;
import java.util.Arrays;

/**
 * The arithmetic shared by the offline and incremental windowers, so that both give bit-identical
 * windows: source positions of window samples, interpolation, normalisation and RR features.
 */
public final class WindowMath {
    private WindowMath() {
    }

    /** Source position (fractional sample index) of window sample {@code j}. */
    public static double position(long rPeak, int j, int before, double ratio) {
        return rPeak + (j - before) * ratio;
    }

    /** First source sample a window needs. */
    public static long firstNeeded(long rPeak, int before, double ratio) {
        return (long) Math.floor(position(rPeak, 0, before, ratio));
    }

    /** Last source sample a window needs. */
    public static long lastNeeded(long rPeak, int before, int total, double ratio) {
        return (long) Math.ceil(position(rPeak, total - 1, before, ratio));
    }

    /**
     * Fills {@code out[0, total)} with the source interpolated linearly at the window's sample
     * positions. {@code src[k]} holds source sample {@code srcStart + k}; indices are clamped to
     * {@code [clampLo, clampHi]} (edge padding), which must lie within {@code src}.
     *
     * @param ratio source samples per window sample ({@code sourceRate / targetRate})
     */
    public static void extract(float[] src, long srcStart, long clampLo, long clampHi, long rPeak, int before,
            int total, double ratio, float[] out) {
        if (ratio == 1.0) {
            for (int j = 0; j < total; j++) {
                long i = rPeak + j - before;
                i = i < clampLo ? clampLo : (i > clampHi ? clampHi : i);
                out[j] = src[(int) (i - srcStart)];
            }
            return;
        }
        long lo = firstNeeded(rPeak, before, ratio);
        long hi = lastNeeded(rPeak, before, total, ratio);
        if (lo >= clampLo && hi <= clampHi && lo >= 0) {
            // common case: no clamping; positions are non-negative, so truncation is floor
            int off = (int) (lo - srcStart);
            for (int j = 0; j < total; j++) {
                double p = position(rPeak, j, before, ratio);
                long i = (long) p;
                double f = p - i;
                int k = (int) (i - lo) + off;
                float v0 = src[k];
                out[j] = f == 0 ? v0 : (float) (v0 + f * (src[k + 1] - v0));
            }
            return;
        }
        for (int j = 0; j < total; j++) {
            double p = position(rPeak, j, before, ratio);
            long i = (long) p; // truncation; one step down for negative non-integers = floor
            if (p < i) {
                i--;
            }
            double f = p - i;
            long i0 = i < clampLo ? clampLo : (i > clampHi ? clampHi : i);
            float v0 = src[(int) (i0 - srcStart)];
            if (f == 0) {
                out[j] = v0;
            } else {
                long i1 = i + 1 < clampLo ? clampLo : (i + 1 > clampHi ? clampHi : i + 1);
                float v1 = src[(int) (i1 - srcStart)];
                out[j] = (float) (v0 + f * (v1 - v0));
            }
        }
    }

    /** Normalises {@code w} in place. NaN samples make the median or z-score NaN. */
    public static void normalise(float[] w, WindowNormalisation how) {
        switch (how) {
            case NONE -> {
            }
            case SUBTRACT_MEDIAN -> {
                float[] work = w.clone();
                int n = work.length;
                double med;
                if (n % 2 == 1) {
                    med = select(work, n / 2);
                } else {
                    float upper = select(work, n / 2);
                    // after selection, work[0, n/2) holds the lower half: its maximum is the other middle value
                    float lower = work[0];
                    for (int i = 1; i < n / 2; i++) {
                        lower = Math.max(lower, work[i]);
                    }
                    med = 0.5 * ((double) lower + upper);
                }
                for (int i = 0; i < n; i++) {
                    w[i] = (float) (w[i] - med);
                }
            }
            case Z_SCORE -> {
                int n = w.length;
                double sum = 0;
                for (float v : w) {
                    sum += v;
                }
                double mean = sum / n;
                double ss = 0;
                for (float v : w) {
                    double d = v - mean;
                    ss += d * d;
                }
                double sd = Math.sqrt(ss / n);
                double scale = sd > 0 ? 1.0 / sd : 1.0;
                for (int i = 0; i < n; i++) {
                    w[i] = (float) ((w[i] - mean) * scale);
                }
            }
            default -> throw new IllegalArgumentException("unknown normalisation " + how);
        }
    }

    /**
     * The {@code k}-th smallest value (0-based) of {@code a}, by quickselect (Hoare's FIND); on return
     * {@code a[0, k)} holds values not above it and {@code a(k, n)} values not below it. NaN sorts
     * above every number, as in {@link Arrays#sort(float[])}.
     */
    public static float select(float[] a, int k) {
        int left = 0;
        int right = a.length - 1;
        while (right > left) {
            // median of three as pivot
            int mid = (left + right) >>> 1;
            if (Float.compare(a[mid], a[left]) < 0) {
                swap(a, mid, left);
            }
            if (Float.compare(a[right], a[left]) < 0) {
                swap(a, right, left);
            }
            if (Float.compare(a[right], a[mid]) < 0) {
                swap(a, right, mid);
            }
            float pivot = a[mid];
            int i = left;
            int j = right;
            while (i <= j) {
                while (Float.compare(a[i], pivot) < 0) {
                    i++;
                }
                while (Float.compare(a[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /**
     * RR features from sample distances.
     *
     * @param previousDelta samples from the previous R peak, or -1 if none
     * @param nextDelta samples to the next R peak, or -1 if none (yet)
     * @param localSpan samples spanned by the last {@code localCount} RR intervals
     * @param localCount number of intervals in {@code localSpan}; 0 if none
     */
    public static RrFeatures rr(long previousDelta, long nextDelta, long localSpan, int localCount, double rateHz) {
        double prev = previousDelta > 0 ? previousDelta / rateHz : Double.NaN;
        double next = nextDelta > 0 ? nextDelta / rateHz : Double.NaN;
        double local = localCount > 0 ? (localSpan / (double) localCount) / rateHz : Double.NaN;
        return RrFeatures.of(prev, next, local);
    }
}

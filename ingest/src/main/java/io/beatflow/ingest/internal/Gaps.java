package io.beatflow.ingest.internal;

/**
 * Bridging of gaps (NaN or infinite samples) before offline filtering, so that one missing sample
 * does not poison a whole record through a recursive filter.
 */
public final class Gaps {
    private Gaps() {
    }

    /**
     * Copies {@code x} into {@code dst[dstOff ..]} as doubles with every run of NaN or infinite
     * samples replaced by the
     * straight line between the valid samples on either side; runs at the start or end are held at
     * the nearest valid sample.
     *
     * @return the number of NaN samples found; {@code x.length} if none is valid (then {@code dst}
     *     is filled with zeros)
     */
    public static int fillLinear(float[] x, double[] dst, int dstOff) {
        int n = x.length;
        int nan = 0;
        int lastValid = -1;
        for (int i = 0; i < n; i++) {
            float v = x[i];
            if (!Float.isFinite(v)) { // an infinite sample is as missing as a NaN one
                nan++;
                continue;
            }
            if (lastValid < i - 1) {
                // bridge the run (lastValid, i)
                double left = lastValid < 0 ? v : x[lastValid];
                int from = lastValid + 1;
                double step = (v - left) / (i - lastValid);
                for (int k = from; k < i; k++) {
                    dst[dstOff + k] = lastValid < 0 ? v : left + step * (k - lastValid);
                }
            }
            dst[dstOff + i] = v;
            lastValid = i;
        }
        if (lastValid < 0) {
            java.util.Arrays.fill(dst, dstOff, dstOff + n, 0.0);
            return n;
        }
        for (int k = lastValid + 1; k < n; k++) {
            dst[dstOff + k] = x[lastValid];
        }
        return nan;
    }

    /** Sets {@code out[i]} to NaN wherever {@code x[i]} is NaN or infinite. */
    public static void restore(float[] x, float[] out) {
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                out[i] = Float.NaN;
            }
        }
    }
}

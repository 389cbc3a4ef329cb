package io.beatflow.ingest.internal;

/**
 * Forward-backward (zero-phase) filtering of a whole record through a biquad cascade.
 *
 * <p>The record is extended at both ends by odd reflection about its end samples
 * ({@code 2 x[0] - x[k]}), which continues its level and slope; each pass starts from the steady
 * state for a constant input equal to the first sample it sees. The padding is three time
 * constants of the slowest pole (at most {@code n - 1} samples), after which the start-up
 * transient has decayed by {@code e^-3}. NaN gaps are bridged by {@link Gaps#fillLinear} and put
 * back as NaN in the output. The magnitude response is the square of the single-pass one and the
 * phase is zero.
 */
public final class ZeroPhase {
    private ZeroPhase() {
    }

    /** Zero-phase filtering of {@code x}; returns a new array of the same length. */
    public static float[] filter(BiquadCascade cascade, float[] x) {
        int n = x.length;
        if (n == 0) {
            return new float[0];
        }
        double tau = cascade.slowestTimeConstantSamples();
        long want = Double.isFinite(tau) ? (long) Math.ceil(3 * tau) : Integer.MAX_VALUE;
        int pad = (int) Math.min(n - 1L, Math.max(want, 6L));
        double[] ext = new double[n + 2 * pad];
        int nan = Gaps.fillLinear(x, ext, pad);
        float[] out = new float[n];
        if (nan == n) {
            java.util.Arrays.fill(out, Float.NaN);
            return out;
        }
        double first = ext[pad];
        double last = ext[pad + n - 1];
        for (int k = 1; k <= pad; k++) {
            ext[pad - k] = 2 * first - ext[pad + k];
            ext[pad + n - 1 + k] = 2 * last - ext[pad + n - 1 - k];
        }
        double[] state = cascade.newState();
        cascade.steadyState(ext[0], state);
        cascade.forward(ext, 0, ext.length, state);
        cascade.steadyState(ext[ext.length - 1], state);
        cascade.backward(ext, 0, ext.length, state);
        for (int i = 0; i < n; i++) {
            out[i] = (float) ext[pad + i];
        }
        if (nan > 0) {
            Gaps.restore(x, out);
        }
        return out;
    }
}

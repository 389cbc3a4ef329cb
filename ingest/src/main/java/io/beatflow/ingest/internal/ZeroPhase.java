package io.beatflow.ingest.internal;

/**
 * Forward-backward (zero-phase) filtering of a whole record through a biquad cascade.
 *
 * <p>The record is extended at both ends by even (mirror) reflection about its end samples
 * ({@code x[-k] = x[k]}), and each pass starts from the steady state for a constant input equal to
 * the first sample it sees. Mirror rather than odd reflection ({@code 2 x[0] - x[k]}, scipy's
 * {@code filtfilt} default): odd reflection of an ECG that starts or ends inside a wave adds a DC
 * offset of twice that wave's height to the padding, which the high-pass part of a band-pass turns
 * into a long edge transient. Measured on MIT-BIH record 100 (76 ten-second excerpts, 0.5-40 Hz
 * order-2 band-pass, largest difference from filtering the whole record): mean 0.045 mV with
 * mirror padding against 0.126 mV with odd padding and 0.070 mV holding the end values.
 *
 * <p>The padding is six time constants of the slowest pole (at most {@code n - 1} samples), after
 * which the start-up transient of each pass has decayed by {@code e^-6 = 0.0025}. NaN gaps are bridged by {@link Gaps#fillLinear} and put
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
        long want = Double.isFinite(tau) ? (long) Math.ceil(6 * tau) : Integer.MAX_VALUE;
        int pad = (int) Math.min(n - 1L, Math.max(want, 6L));
        double[] ext = new double[n + 2 * pad];
        int nan = Gaps.fillLinear(x, ext, pad);
        float[] out = new float[n];
        if (nan == n) {
            java.util.Arrays.fill(out, Float.NaN);
            return out;
        }
        for (int k = 1; k <= pad; k++) {
            ext[pad - k] = ext[pad + k];
            ext[pad + n - 1 + k] = ext[pad + n - 1 - k];
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

package io.beatflow.ingest;

import io.beatflow.ingest.internal.BiquadCascade;
import io.beatflow.ingest.internal.DspState;

/**
 * A causal IIR filter with state, fed a stream in chunks of any size.
 *
 * <p>Feeding a signal in any split into chunks gives bit-for-bit the output of feeding it at
 * once. NaN or infinite input samples (gaps) give NaN output samples; the filter itself sees the last valid
 * input held over the gap (zero before the first valid sample), so a gap does not poison the
 * state. The state can be saved with {@link #snapshot()} and loaded into a filter of the same
 * design with {@link #restore(byte[])}. Not thread-safe: one instance per stream.
 */
public final class IncrementalFilter {
    private static final int BLOCK = 512;
    private static final String KIND = "IncrementalFilter";

    private final String description;
    private final BiquadCascade cascade;
    private final double[] state;
    private final double[] block = new double[BLOCK];
    private final boolean[] gap = new boolean[BLOCK];
    private double lastValid;
    private long samplesSeen;

    /** For the filter classes of this package: a running form of {@code cascade}. */
    IncrementalFilter(String description, BiquadCascade cascade) {
        this.description = description;
        this.cascade = cascade;
        this.state = cascade.newState();
    }

    /** What this filter is, e.g. {@code "band-pass Butterworth order 2, 0.5-40 Hz at 360 Hz"}. */
    public String description() {
        return description;
    }

    /** Number of samples processed since creation or {@link #reset()}. */
    public long samplesSeen() {
        return samplesSeen;
    }

    /**
     * Filters {@code in[off, off + len)} into {@code out[outOff, outOff + len)}. The ranges may be
     * the same array region (in-place filtering).
     *
     * @throws IndexOutOfBoundsException if a range lies outside its array
     */
    public void process(float[] in, int off, int len, float[] out, int outOff) {
        java.util.Objects.checkFromIndexSize(off, len, in.length);
        java.util.Objects.checkFromIndexSize(outOff, len, out.length);
        int done = 0;
        while (done < len) {
            int m = Math.min(BLOCK, len - done);
            boolean anyGap = false;
            double held = lastValid;
            for (int i = 0; i < m; i++) {
                float v = in[off + done + i];
                if (!Float.isFinite(v)) { // NaN or infinite: a gap
                    anyGap = true;
                    gap[i] = true;
                    block[i] = held;
                } else {
                    gap[i] = false;
                    held = v;
                    block[i] = v;
                }
            }
            lastValid = held;
            cascade.forward(block, 0, m, state);
            for (int i = 0; i < m; i++) {
                out[outOff + done + i] = (float) block[i];
            }
            if (anyGap) {
                for (int i = 0; i < m; i++) {
                    if (gap[i]) {
                        out[outOff + done + i] = Float.NaN;
                    }
                }
            }
            done += m;
        }
        samplesSeen += len;
    }

    /** Filters a chunk and returns the output as a new array of the same length. */
    public float[] process(float[] in) {
        float[] out = new float[in.length];
        process(in, 0, in.length, out, 0);
        return out;
    }

    /** Returns the filter to rest, as if new. */
    public void reset() {
        java.util.Arrays.fill(state, 0.0);
        lastValid = 0;
        samplesSeen = 0;
    }

    /** The state as bytes (design coefficients, section states, held value, sample count). */
    public byte[] snapshot() {
        return DspState.writer(KIND)
                .putDoubles(cascade.coefficients())
                .putDoubles(state)
                .putDouble(lastValid)
                .putLong(samplesSeen)
                .toBytes();
    }

    /**
     * Loads a state saved by {@link #snapshot()} of a filter of the same design.
     *
     * @throws IllegalArgumentException if the bytes are not such a snapshot, or the design differs
     */
    public void restore(byte[] snapshot) {
        DspState.Reader r = DspState.reader(snapshot, KIND);
        double[] coef = r.getDoubles("coefficients");
        if (!cascade.sameDesign(coef)) {
            throw r.mismatch("it was taken from a filter of another design than " + description);
        }
        double[] s = r.getDoubles("state");
        if (s.length != state.length) {
            throw r.mismatch("state has " + s.length + " values, expected " + state.length);
        }
        double held = r.getDouble("lastValid");
        long seen = r.getLong("samplesSeen");
        r.end();
        System.arraycopy(s, 0, state, 0, s.length);
        lastValid = held;
        samplesSeen = seen;
    }

    @Override
    public String toString() {
        return "IncrementalFilter[" + description + ", " + samplesSeen + " samples seen]";
    }
}

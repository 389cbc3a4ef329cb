package io.beatflow.ingest;

import io.beatflow.ingest.internal.DspState;

/**
 * The baseline high-pass of {@link BeatWindowConfig#baselineHighPassHz()}: a causal Butterworth
 * high-pass run over one lead from its first sample, as if the lead had held its first valid value
 * before it began (that value is subtracted from every sample before filtering, so a lead's offset
 * does not ring through the filter's step response). NaN samples stay NaN and do not disturb the
 * filter ({@link IncrementalFilter}). Fed in chunks of any size, it gives bit-for-bit what it gives
 * a whole lead, so {@link BeatWindower} and {@link IncrementalBeatWindower} cut the same windows.
 * Not thread-safe: one per lead or stream.
 */
final class BaselineStage {
    private static final String KIND = "BaselineStage";

    private final IncrementalFilter filter;
    private boolean started;
    private float first;

    private BaselineStage(IncrementalFilter filter) {
        this.filter = filter;
    }

    /**
     * The stage of {@code config} for a lead at {@code sourceRateHz}, or null when the config has
     * none.
     *
     * @throws IllegalArgumentException if the cut-off is not below half the source rate
     */
    static BaselineStage of(BeatWindowConfig config, double sourceRateHz, String where) {
        double hz = config.baselineHighPassHz();
        if (hz == 0) {
            return null;
        }
        if (!(hz < sourceRateHz / 2)) {
            throw new IllegalArgumentException(where + ": the baseline high-pass at " + hz + " Hz needs a sample rate"
                    + " above " + 2 * hz + " Hz, but the lead is sampled at " + sourceRateHz + " Hz");
        }
        return new BaselineStage(BaselineWanderFilter.highPass(sourceRateHz, hz, BeatWindowConfig.BASELINE_ORDER)
                .newIncremental());
    }

    /** The whole lead through a new stage of {@code config}, or the lead itself when there is none. */
    static float[] applyToLead(BeatWindowConfig config, float[] samples, double sourceRateHz, String where) {
        BaselineStage stage = of(config, sourceRateHz, where);
        if (stage == null) {
            return samples;
        }
        float[] out = new float[samples.length];
        stage.process(samples, 0, samples.length, out, 0);
        return out;
    }

    /** Filters {@code in[off, off + len)} into {@code out[outOff, outOff + len)} (the ranges may be the same). */
    void process(float[] in, int off, int len, float[] out, int outOff) {
        java.util.Objects.checkFromIndexSize(off, len, in.length);
        java.util.Objects.checkFromIndexSize(outOff, len, out.length);
        for (int i = 0; i < len; i++) {
            float v = in[off + i];
            if (!started && v == v) {
                started = true;
                first = v;
            }
            out[outOff + i] = started ? v - first : v;
        }
        filter.process(out, outOff, len, out, outOff);
    }

    /** The state as bytes. */
    byte[] snapshot() {
        return DspState.writer(KIND).putBoolean(started).putDouble(first).putBytes(filter.snapshot()).toBytes();
    }

    /** Loads a state saved by {@link #snapshot()} of a stage of the same design. */
    void restore(byte[] snapshot) {
        DspState.Reader r = DspState.reader(snapshot, KIND);
        boolean s = r.getBoolean("started");
        double f = r.getDouble("first");
        byte[] inner = r.getBytes("filter");
        r.end();
        filter.restore(inner);
        started = s;
        first = (float) f;
    }

    /** Returns the stage to its state before the first sample. */
    void reset() {
        filter.reset();
        started = false;
        first = 0;
    }
}

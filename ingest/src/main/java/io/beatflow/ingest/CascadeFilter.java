package io.beatflow.ingest;

import io.beatflow.ingest.internal.BiquadCascade;
import io.beatflow.ingest.internal.ZeroPhase;
import java.util.Objects;

/**
 * An IIR filter that runs as one biquad cascade: both forms (zero-phase offline, causal
 * incremental) and chaining in {@link FilterChain} come from the cascade alone, so the concrete
 * filters only design it.
 */
abstract class CascadeFilter implements SignalFilter {
    private final BiquadCascade cascade;

    CascadeFilter(BiquadCascade cascade) {
        this.cascade = Objects.requireNonNull(cascade, "cascade");
    }

    /** The biquad sections. */
    final BiquadCascade cascade() {
        return cascade;
    }

    @Override
    public final float[] applyZeroPhase(float[] x) {
        return ZeroPhase.filter(cascade, x);
    }

    @Override
    public final IncrementalFilter newIncremental() {
        return new IncrementalFilter(toString(), cascade);
    }
}

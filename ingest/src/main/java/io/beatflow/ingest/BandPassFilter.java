package io.beatflow.ingest;

import io.beatflow.ingest.internal.BiquadCascade;
import io.beatflow.ingest.internal.ZeroPhase;
import uk.me.berndporr.iirj.Butterworth;

/**
 * Butterworth band-pass filter, designed with iirj (analogue prototype, band-pass transform with
 * the bilinear transform, so the -3 dB points of one pass lie exactly at the configured corners)
 * and run as a biquad cascade over primitive arrays.
 */
public final class BandPassFilter implements SignalFilter {
    private final BandPassConfig config;
    private final BiquadCascade cascade;

    /** A filter of the given design. */
    public BandPassFilter(BandPassConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        Butterworth b = new Butterworth();
        b.bandPass(config.order(), config.sampleRateHz(), (config.lowHz() + config.highHz()) / 2,
                config.highHz() - config.lowHz());
        this.cascade = BiquadCascade.of(b);
    }

    /** The design. */
    public BandPassConfig config() {
        return config;
    }

    /** The biquad sections, for {@link FilterChain}; null where there are none. */
    BiquadCascade cascade() {
        return cascade;
    }

    @Override
    public double sampleRateHz() {
        return config.sampleRateHz();
    }

    @Override
    public float[] applyZeroPhase(float[] x) {
        return ZeroPhase.filter(cascade, x);
    }

    @Override
    public IncrementalFilter newIncremental() {
        return new IncrementalFilter(toString(), cascade);
    }

    @Override
    public String toString() {
        return "band-pass Butterworth order " + config.order() + ", " + config.lowHz() + "-" + config.highHz()
                + " Hz at " + config.sampleRateHz() + " Hz";
    }
}

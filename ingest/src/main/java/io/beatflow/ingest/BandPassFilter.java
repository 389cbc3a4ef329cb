package io.beatflow.ingest;

import io.beatflow.ingest.internal.BiquadCascade;
import uk.me.berndporr.iirj.Butterworth;

/**
 * Butterworth band-pass filter, designed with iirj (analogue prototype, band-pass transform with
 * the bilinear transform, so the -3 dB points of one pass lie exactly at the configured corners)
 * and run as a biquad cascade over primitive arrays.
 */
public final class BandPassFilter extends CascadeFilter {
    private final BandPassConfig config;

    /** A filter of the given design. */
    public BandPassFilter(BandPassConfig config) {
        super(design(config));
        this.config = config;
    }

    private static BiquadCascade design(BandPassConfig config) {
        java.util.Objects.requireNonNull(config, "config");
        Butterworth b = new Butterworth();
        b.bandPass(config.order(), config.sampleRateHz(), (config.lowHz() + config.highHz()) / 2,
                config.highHz() - config.lowHz());
        return BiquadCascade.of(b);
    }

    /** The design. */
    public BandPassConfig config() {
        return config;
    }

    @Override
    public double sampleRateHz() {
        return config.sampleRateHz();
    }

    @Override
    public String toString() {
        return "band-pass Butterworth order " + config.order() + ", " + config.lowHz() + "-" + config.highHz()
                + " Hz at " + config.sampleRateHz() + " Hz";
    }
}

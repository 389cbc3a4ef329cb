package io.beatflow.ingest;

/**
 * Fixed-length windows every {@code hopSamples}: window {@code k} covers samples
 * {@code [k * hop, k * hop + windowSamples)}. A partial window at the end is not emitted.
 *
 * @param windowSamples samples per window; at least 1
 * @param hopSamples samples between window starts; at least 1 (less than the window: overlap;
 *     more: gaps)
 * @param normalisation per-window normalisation
 */
public record SlidingWindowConfig(int windowSamples, int hopSamples, WindowNormalisation normalisation) {
    /** Validates. */
    public SlidingWindowConfig {
        if (windowSamples < 1) {
            throw new IllegalArgumentException("sliding window: windowSamples must be >= 1, got " + windowSamples);
        }
        if (hopSamples < 1) {
            throw new IllegalArgumentException("sliding window: hopSamples must be >= 1, got " + hopSamples);
        }
        java.util.Objects.requireNonNull(normalisation, "normalisation");
    }

    /**
     * Window and hop given in seconds at a sample rate, each rounded to the nearest sample.
     *
     * @throws IllegalArgumentException if either rounds to less than one sample
     */
    public static SlidingWindowConfig ofSeconds(double windowSeconds, double hopSeconds, double sampleRateHz,
            WindowNormalisation normalisation) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sliding window: sampleRateHz must be positive, got " + sampleRateHz);
        }
        if (!(windowSeconds > 0) || !(hopSeconds > 0) || windowSeconds * sampleRateHz > Integer.MAX_VALUE
                || hopSeconds * sampleRateHz > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sliding window: window " + windowSeconds + " s and hop " + hopSeconds
                    + " s must be positive and fit in an int of samples at " + sampleRateHz + " Hz");
        }
        return new SlidingWindowConfig((int) Math.round(windowSeconds * sampleRateHz),
                (int) Math.round(hopSeconds * sampleRateHz), normalisation);
    }
}

package io.beatflow.ingest;

/**
 * Design of a Butterworth band-pass filter.
 *
 * @param order order of the low-pass prototype (1 to 16); the band-pass has twice as many poles,
 *     and zero-phase filtering doubles the attenuation in dB again
 * @param lowHz lower -3 dB corner frequency of one pass, in Hz; positive
 * @param highHz upper -3 dB corner frequency of one pass, in Hz; above {@code lowHz} and below
 *     the Nyquist frequency {@code sampleRateHz / 2}
 * @param sampleRateHz sample rate, in Hz
 */
public record BandPassConfig(int order, double lowHz, double highHz, double sampleRateHz) {
    /** Largest prototype order accepted. */
    public static final int MAX_ORDER = 16;

    /** Validates the design. */
    public BandPassConfig {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("band-pass: sampleRateHz must be positive and finite, got " + sampleRateHz);
        }
        if (order < 1 || order > MAX_ORDER) {
            throw new IllegalArgumentException("band-pass: order must be in [1, " + MAX_ORDER + "], got " + order);
        }
        if (!(lowHz > 0) || !Double.isFinite(lowHz)) {
            throw new IllegalArgumentException("band-pass: lowHz must be positive, got " + lowHz);
        }
        if (!(highHz > lowHz)) {
            throw new IllegalArgumentException("band-pass: highHz (" + highHz + ") must exceed lowHz (" + lowHz + ")");
        }
        if (!(highHz < sampleRateHz / 2)) {
            throw new IllegalArgumentException("band-pass: highHz " + highHz + " must be below the Nyquist frequency "
                    + sampleRateHz / 2 + " Hz of sample rate " + sampleRateHz + " Hz");
        }
    }

    /**
     * The common ECG pre-processing band, 0.5-40 Hz, order 2: 0.5 Hz removes most baseline
     * wander (respiration is about 0.15-0.5 Hz) and 40 Hz keeps the QRS energy (mostly below
     * 40 Hz) while rejecting 50/60 Hz mains and much muscle noise.
     *
     * @throws IllegalArgumentException if {@code sampleRateHz} is 80 Hz or less
     */
    public static BandPassConfig ecg(double sampleRateHz) {
        return new BandPassConfig(2, 0.5, 40.0, sampleRateHz);
    }
}

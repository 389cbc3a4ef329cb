package io.beatflow.ingest;

/**
 * Settings of a QRS (beat) detector.
 *
 * <p>{@link #panTompkins(double)} gives the constants of Pan and Tompkins (J. Pan, W. J. Tompkins,
 * "A real-time QRS detection algorithm", IEEE Trans. Biomed. Eng. 32(3):230-236, 1985): a 5-15 Hz
 * pass band, a 150 ms
 * moving-window integrator, a 200 ms refractory period, T-wave discrimination within 360 ms of
 * the previous beat and search-back for a missed beat after 166% of the average RR interval.
 * Filters are designed for the given sample rate, so one setting serves 128 to 1000 Hz.
 *
 * @param sampleRateHz samples per second per lead; 128 to 1000
 * @param bandLowHz lower edge of the detection band, in Hz; 1 to 20 and below {@code bandHighHz}
 * @param bandHighHz upper edge of the detection band, in Hz; at most 0.4 x the sample rate and 40
 * @param integrationWindowSeconds length of the moving-window integrator, in seconds; 0.05 to 0.3
 * @param refractorySeconds time after a beat in which no other beat is accepted, in seconds; 0.1
 *     to 0.4
 * @param tWaveWindowSeconds time after a beat in which a candidate must pass the T-wave slope test,
 *     in seconds; from {@code refractorySeconds} to 0.6
 * @param searchBackFactor a beat is searched back for once this many average RR intervals pass
 *     without one; 1.1 to 3
 * @param maxSearchBackSeconds the longest wait, in seconds, before searching back (caps the RR
 *     interval term, and with it the detector's latency); 0.5 to 4
 * @param learningSeconds length of the initial learning phase in which the thresholds are set, in
 *     seconds; 0.5 to 10
 */
public record DetectorConfig(double sampleRateHz, double bandLowHz, double bandHighHz,
        double integrationWindowSeconds, double refractorySeconds, double tWaveWindowSeconds,
        double searchBackFactor, double maxSearchBackSeconds, double learningSeconds) {

    /** Lowest supported sample rate, in Hz. */
    public static final double MIN_SAMPLE_RATE_HZ = 128;
    /** Highest supported sample rate, in Hz. */
    public static final double MAX_SAMPLE_RATE_HZ = 1000;

    /** Validates every field; messages name the field and the value. */
    public DetectorConfig {
        check("sampleRateHz", sampleRateHz, MIN_SAMPLE_RATE_HZ, MAX_SAMPLE_RATE_HZ);
        check("bandLowHz", bandLowHz, 1, 20);
        check("bandHighHz", bandHighHz, bandLowHz + 1, Math.min(40, 0.4 * sampleRateHz));
        check("integrationWindowSeconds", integrationWindowSeconds, 0.05, 0.3);
        check("refractorySeconds", refractorySeconds, 0.1, 0.4);
        check("tWaveWindowSeconds", tWaveWindowSeconds, refractorySeconds, 0.6);
        check("searchBackFactor", searchBackFactor, 1.1, 3);
        check("maxSearchBackSeconds", maxSearchBackSeconds, 0.5, 4);
        check("learningSeconds", learningSeconds, 0.5, 10);
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("DetectorConfig." + name + " must be in [" + min + ", " + max
                    + "], got " + value);
        }
    }

    /**
     * The settings of Pan and Tompkins' paper for a sample rate: a 5-15 Hz band, 150 ms integrator,
     * 200 ms refractory period, 360 ms T-wave window, search-back after 166% of the RR average
     * (capped at 2 s), and a 2 s learning phase.
     *
     * @param sampleRateHz samples per second; 128 to 1000
     * @throws IllegalArgumentException if the rate is outside that range
     */
    public static DetectorConfig panTompkins(double sampleRateHz) {
        return new DetectorConfig(sampleRateHz, 5, 15, 0.150, 0.200, 0.360, 1.66, 2.0, 2.0);
    }

    /**
     * beatflow's default settings: {@link #panTompkins(double)} with a 6-13 Hz detection band, which
     * kept the accuracy on the clean MIT-BIH records and passed less muscle noise (see
     * ingest/README.md, "Beat detection").
     *
     * @param sampleRateHz samples per second; 128 to 1000
     * @throws IllegalArgumentException if the rate is outside that range
     */
    public static DetectorConfig defaults(double sampleRateHz) {
        return panTompkins(sampleRateHz).withBand(6, 13);
    }

    /** A copy with another detection band, in Hz. */
    public DetectorConfig withBand(double lowHz, double highHz) {
        return new DetectorConfig(sampleRateHz, lowHz, highHz, integrationWindowSeconds, refractorySeconds,
                tWaveWindowSeconds, searchBackFactor, maxSearchBackSeconds, learningSeconds);
    }

    /** A copy with another moving-window integrator length, in seconds. */
    public DetectorConfig withIntegrationWindowSeconds(double seconds) {
        return new DetectorConfig(sampleRateHz, bandLowHz, bandHighHz, seconds, refractorySeconds,
                tWaveWindowSeconds, searchBackFactor, maxSearchBackSeconds, learningSeconds);
    }

    /** A copy with another search-back factor (multiples of the average RR interval). */
    public DetectorConfig withSearchBackFactor(double factor) {
        return new DetectorConfig(sampleRateHz, bandLowHz, bandHighHz, integrationWindowSeconds, refractorySeconds,
                tWaveWindowSeconds, factor, maxSearchBackSeconds, learningSeconds);
    }

    /** Converts seconds to a whole number of samples at this rate (at least 1). */
    public int samples(double seconds) {
        return Math.max(1, (int) Math.round(seconds * sampleRateHz));
    }
}

package io.beatflow.ingest;

/**
 * How beat windows are cut: span around the R peak, output rate, lead, normalisation, edges.
 *
 * <p>Window sample {@code j} (0-based) lies at time {@code (j - beforeSamples()) / targetRateHz}
 * seconds from the R peak, so the R peak is sample {@link #beforeSamples()} and the window has
 * {@link #windowSamples()} = {@code round(secondsBefore * targetRateHz) +
 * round(secondsAfter * targetRateHz)} samples. When the source rate differs from the target rate
 * the source is interpolated linearly at those times (see {@link Resampler#linear}); for strong
 * downsampling, band-limit the source first (e.g. {@link BandPassFilter} or {@link Resampler}).
 *
 * <p>Defaults ({@link #defaults}): 0.25 s before and 0.45 s after the R peak, i.e. the P wave
 * (the PR interval is normally at most 0.20 s, plus the Q-to-R time) and the T wave at normal
 * heart rates (the QT interval is roughly 0.35-0.44 s). For comparison, de Chazal, O'Dwyer and
 * Reilly (IEEE Trans. Biomed. Eng. 51(7), 2004), the reference inter-patient study on MIT-BIH,
 * sample QRS morphology from 50 ms before to 100 ms after the fiducial point and T-wave morphology
 * from 150 ms to 500 ms after it.
 *
 * @param secondsBefore span before the R peak, seconds; non-negative
 * @param secondsAfter span after the R peak, seconds; non-negative, and the window must hold at
 *     least one sample
 * @param targetRateHz sample rate of the windows (the model's input rate), Hz
 * @param leadIndex lead to window when {@code leadName} is null; non-negative
 * @param leadName lead to window by name (case-insensitive), or null to use {@code leadIndex}
 * @param normalisation per-window normalisation
 * @param edges what to do with beats whose window reaches beyond the signal
 * @param localRrBeats number N of previous RR intervals averaged for
 *     {@link RrFeatures#localAverageRrSeconds()}; at least 1
 * @param baselineHighPassHz 0 to window the lead as it is; otherwise the -3 dB frequency of a
 *     causal Butterworth high-pass (order {@value #BASELINE_ORDER}) that the lead passes through
 *     before windows are cut, to remove baseline wander. It runs from the lead's first sample, started
 *     as if the lead had held its first valid value before it began (so the lead's offset does not
 *     ring), at the source rate; a record ({@link BeatWindower}) and a stream
 *     ({@link IncrementalBeatWindower}) get the same samples. Being causal, it can run on a live
 *     stream; it shifts the phase of the slow waves (ST segment, T wave) a little, the same way for
 *     every beat.
 */
public record BeatWindowConfig(double secondsBefore, double secondsAfter, double targetRateHz, int leadIndex,
        String leadName, WindowNormalisation normalisation, EdgePolicy edges, int localRrBeats,
        double baselineHighPassHz) {

    /** Beats whose window reaches before the first or after the last sample. */
    public enum EdgePolicy {
        /** Leave them out; their indices are reported ({@link BeatWindows#skippedBeatIndices()}). */
        SKIP,
        /** Window them, holding the first (last) sample beyond the signal's start (end). */
        PAD
    }

    /** Default N of the local RR average. */
    public static final int DEFAULT_LOCAL_RR_BEATS = 10;
    /** Order of the baseline high-pass ({@link #baselineHighPassHz()}). */
    public static final int BASELINE_ORDER = 2;

    /** Validates every field. */
    public BeatWindowConfig {
        if (!(secondsBefore >= 0) || !Double.isFinite(secondsBefore)) {
            throw new IllegalArgumentException("beat window: secondsBefore must be >= 0, got " + secondsBefore);
        }
        if (!(secondsAfter >= 0) || !Double.isFinite(secondsAfter)) {
            throw new IllegalArgumentException("beat window: secondsAfter must be >= 0, got " + secondsAfter);
        }
        if (!(targetRateHz > 0) || !Double.isFinite(targetRateHz)) {
            throw new IllegalArgumentException("beat window: targetRateHz must be positive, got " + targetRateHz);
        }
        long total = Math.round(secondsBefore * targetRateHz) + Math.round(secondsAfter * targetRateHz);
        if (total < 1 || total > 1_000_000) {
            throw new IllegalArgumentException("beat window: " + secondsBefore + " s before + " + secondsAfter
                    + " s after at " + targetRateHz + " Hz gives " + total + " samples; need 1 to 1000000");
        }
        if (leadIndex < 0) {
            throw new IllegalArgumentException("beat window: leadIndex must be >= 0, got " + leadIndex);
        }
        if (leadName != null && leadName.isBlank()) {
            throw new IllegalArgumentException("beat window: leadName must not be blank");
        }
        java.util.Objects.requireNonNull(normalisation, "normalisation");
        java.util.Objects.requireNonNull(edges, "edges");
        if (localRrBeats < 1) {
            throw new IllegalArgumentException("beat window: localRrBeats must be >= 1, got " + localRrBeats);
        }
        if (!(baselineHighPassHz >= 0) || !(baselineHighPassHz < 100)) {
            throw new IllegalArgumentException("beat window: baselineHighPassHz must be 0 (none) or a frequency below"
                    + " 100 Hz, got " + baselineHighPassHz);
        }
    }

    /** Without a baseline high-pass. */
    public BeatWindowConfig(double secondsBefore, double secondsAfter, double targetRateHz, int leadIndex,
            String leadName, WindowNormalisation normalisation, EdgePolicy edges, int localRrBeats) {
        this(secondsBefore, secondsAfter, targetRateHz, leadIndex, leadName, normalisation, edges, localRrBeats, 0);
    }

    /** 0.25 s before and 0.45 s after the R peak at {@code targetRateHz}, lead 0, no normalisation, skip edges. */
    public static BeatWindowConfig defaults(double targetRateHz) {
        return new BeatWindowConfig(0.25, 0.45, targetRateHz, 0, null, WindowNormalisation.NONE, EdgePolicy.SKIP,
                DEFAULT_LOCAL_RR_BEATS);
    }

    /** 256 samples at 360 Hz (MIT-BIH's rate): 90 before the R peak (0.25 s) and 166 from it on. */
    public static BeatWindowConfig samples256At360() {
        return new BeatWindowConfig(90 / 360.0, 166 / 360.0, 360.0, 0, null, WindowNormalisation.NONE,
                EdgePolicy.SKIP, DEFAULT_LOCAL_RR_BEATS);
    }

    /** Samples before the R peak: {@code round(secondsBefore * targetRateHz)}. */
    public int beforeSamples() {
        return (int) Math.round(secondsBefore * targetRateHz);
    }

    /** Samples in a window. */
    public int windowSamples() {
        return beforeSamples() + (int) Math.round(secondsAfter * targetRateHz);
    }

    /** This config with another lead, by name. */
    public BeatWindowConfig withLead(String name) {
        return new BeatWindowConfig(secondsBefore, secondsAfter, targetRateHz, leadIndex,
                java.util.Objects.requireNonNull(name, "name"), normalisation, edges, localRrBeats, baselineHighPassHz);
    }

    /** This config with another lead, by index. */
    public BeatWindowConfig withLead(int index) {
        return new BeatWindowConfig(secondsBefore, secondsAfter, targetRateHz, index, null, normalisation, edges,
                localRrBeats, baselineHighPassHz);
    }

    /** This config with another normalisation. */
    public BeatWindowConfig withNormalisation(WindowNormalisation n) {
        return new BeatWindowConfig(secondsBefore, secondsAfter, targetRateHz, leadIndex, leadName, n, edges,
                localRrBeats, baselineHighPassHz);
    }

    /** This config with another edge policy. */
    public BeatWindowConfig withEdges(EdgePolicy e) {
        return new BeatWindowConfig(secondsBefore, secondsAfter, targetRateHz, leadIndex, leadName, normalisation, e,
                localRrBeats, baselineHighPassHz);
    }

    /** This config with another N for the local RR average. */
    public BeatWindowConfig withLocalRrBeats(int n) {
        return new BeatWindowConfig(secondsBefore, secondsAfter, targetRateHz, leadIndex, leadName, normalisation,
                edges, n, baselineHighPassHz);
    }

    /** This config with a baseline high-pass at {@code hz} before windowing (0: none). */
    public BeatWindowConfig withBaselineHighPass(double hz) {
        return new BeatWindowConfig(secondsBefore, secondsAfter, targetRateHz, leadIndex, leadName, normalisation,
                edges, localRrBeats, hz);
    }

    /**
     * The components as a record would print them, the baseline high-pass only when there is one, so
     * that the text of a config without it (a key of cached datasets, a windower snapshot) is what
     * it was before the baseline stage existed.
     */
    @Override
    public String toString() {
        return "BeatWindowConfig[secondsBefore=" + secondsBefore + ", secondsAfter=" + secondsAfter + ", targetRateHz="
                + targetRateHz + ", leadIndex=" + leadIndex + ", leadName=" + leadName + ", normalisation="
                + normalisation + ", edges=" + edges + ", localRrBeats=" + localRrBeats
                + (baselineHighPassHz > 0 ? ", baselineHighPassHz=" + baselineHighPassHz : "") + "]";
    }

    /** The lead index this config selects in {@code signal}. */
    public int leadIn(Signal signal) {
        if (leadName != null) {
            return signal.leadIndex(leadName);
        }
        if (leadIndex >= signal.leadCount()) {
            throw new IllegalArgumentException(signal.name() + ": lead " + leadIndex + " requested but the signal has "
                    + signal.leadCount() + " leads");
        }
        return leadIndex;
    }
}

package io.beatflow.eval;

/**
 * Options of the beat-by-beat comparison of ANSI/AAMI EC57.
 *
 * <p>EC57 (ANSI/AAMI EC57:2012, section 4.1.3; the same rule as EC38) counts a detected beat as
 * a match of a reference beat when the two lie within 150 ms of each other, and leaves the first
 * 5 minutes of each record out of the statistics so that a detector may settle. The WFDB
 * {@code bxb} program follows both defaults: its match window is 0.15 s ({@code -w}) and its
 * comparison starts at 5 minutes unless {@code -f} says otherwise
 * (<a href="https://physionet.org/physiotools/wag/bxb-1.htm">bxb(1), WFDB Applications Guide</a>).
 *
 * @param matchWindowSeconds largest distance, in seconds, between a reference beat and the test
 *     beat paired with it (inclusive); positive and finite
 * @param skipSeconds length, in seconds, of the interval at the start of each record that is not
 *     scored; zero or positive and finite
 */
public record BeatMatchConfig(double matchWindowSeconds, double skipSeconds) {

    /** EC57's match window: 150 ms. */
    public static final double EC57_MATCH_WINDOW_SECONDS = 0.150;
    /** EC57's and bxb's default unscored learning period: 5 minutes. */
    public static final double EC57_SKIP_SECONDS = 300.0;

    /** Validates the options. */
    public BeatMatchConfig {
        if (!(matchWindowSeconds > 0) || !Double.isFinite(matchWindowSeconds)) {
            throw new IllegalArgumentException(
                    "matchWindowSeconds must be positive and finite, got " + matchWindowSeconds);
        }
        if (!(skipSeconds >= 0) || !Double.isFinite(skipSeconds)) {
            throw new IllegalArgumentException(
                    "skipSeconds must be zero or positive and finite, got " + skipSeconds);
        }
    }

    /** The match window in samples at {@code sampleRateHz}, as the comparison rounds it (down). */
    public long matchWindowSamples(double sampleRateHz) {
        return io.beatflow.eval.internal.BeatMatcher.maxLagSamples(matchWindowSeconds, sampleRateHz);
    }

    /** The first scored sample at {@code sampleRateHz}, as the comparison computes it (rounded up). */
    public long firstScoredSample(double sampleRateHz) {
        return io.beatflow.eval.internal.BeatMatcher.firstScoredSample(skipSeconds, sampleRateHz);
    }

    /** The EC57 defaults: a 150 ms match window and the first 300 s unscored. */
    public static BeatMatchConfig ec57() {
        return new BeatMatchConfig(EC57_MATCH_WINDOW_SECONDS, EC57_SKIP_SECONDS);
    }

    /** A copy with another match window. */
    public BeatMatchConfig withMatchWindowSeconds(double seconds) {
        return new BeatMatchConfig(seconds, skipSeconds);
    }

    /** A copy with another unscored interval at the start of each record. */
    public BeatMatchConfig withSkipSeconds(double seconds) {
        return new BeatMatchConfig(matchWindowSeconds, seconds);
    }
}

package io.beatflow.models;

import io.beatflow.ingest.BeatWindowConfig;
import io.beatflow.ingest.WindowNormalisation;
import java.util.Objects;

/**
 * What a model takes in: one lead, a beat-centred window of a fixed length at a fixed rate, and
 * (optionally) the beat's RR-interval features.
 *
 * <p>Every window is normalised per window before it reaches the network (z-score: mean removed,
 * divided by the population standard deviation; a flat window is only mean-removed), whatever
 * normalisation the window already had, so windows cut with any {@code WindowNormalisation} give
 * the same input. RR features enter the head as six values: previous, next and local-average RR
 * minus 0.8 s, and the natural logarithms of previous/local, next/local and previous/next (an
 * undefined interval is replaced by the local average, or by 0.8 s when that too is undefined).
 *
 * @param lead lead name the model was trained on, e.g. {@code MLII}
 * @param windowSamples samples per window; at least 16
 * @param sampleRateHz window sample rate, Hz
 * @param rPeakIndex index of the R peak within the window
 * @param useRr whether the head receives the RR features
 */
public record InputSpec(String lead, int windowSamples, double sampleRateHz, int rPeakIndex, boolean useRr) {
    /** Number of RR values the head receives when {@link #useRr()} holds. */
    public static final int RR_INPUTS = 6;

    /** Validates every field. */
    public InputSpec {
        Objects.requireNonNull(lead, "lead");
        if (lead.isBlank()) {
            throw new IllegalArgumentException("input: lead must not be blank");
        }
        if (windowSamples < 16 || windowSamples > 100_000) {
            throw new IllegalArgumentException("input: windowSamples must be 16 to 100000, got " + windowSamples);
        }
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("input: sampleRateHz must be positive, got " + sampleRateHz);
        }
        if (rPeakIndex < 0 || rPeakIndex >= windowSamples) {
            throw new IllegalArgumentException("input: rPeakIndex " + rPeakIndex + " outside a window of "
                    + windowSamples + " samples");
        }
    }

    /** MLII, 256 samples at 360 Hz (MIT-BIH's rate) with the R peak at sample 90, RR features on. */
    public static InputSpec mitBih256() {
        return new InputSpec("MLII", 256, 360.0, 90, true);
    }

    /**
     * The window configuration that cuts this input from a record: {@code rPeakIndex} samples
     * before the R peak and the rest from it on, at {@code sampleRateHz}, lead {@code lead}, no
     * normalisation (the model normalises), beats too close to the record's edges skipped.
     */
    public BeatWindowConfig windowConfig() {
        return new BeatWindowConfig(rPeakIndex / sampleRateHz, (windowSamples - rPeakIndex) / sampleRateHz,
                sampleRateHz, 0, lead, WindowNormalisation.NONE, BeatWindowConfig.EdgePolicy.SKIP,
                BeatWindowConfig.DEFAULT_LOCAL_RR_BEATS);
    }

    /** RR inputs of the head: {@link #RR_INPUTS} or 0. */
    public int rrInputs() {
        return useRr ? RR_INPUTS : 0;
    }
}

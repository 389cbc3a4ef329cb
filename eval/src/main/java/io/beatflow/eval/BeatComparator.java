package io.beatflow.eval;

import io.beatflow.eval.internal.BeatMatcher;
import java.util.Objects;

/**
 * EC57 beat-by-beat comparison of a beat detector's output with reference annotations.
 *
 * <p>Pairing is one-to-one by nearness (see {@link BeatMatcher}): each reference beat is paired
 * with the closest test beat within the match window that no closer reference beat claimed, as
 * the WFDB {@code bxb} program does (ANSI/AAMI EC57:2012 section 4.1.3;
 * <a href="https://physionet.org/physiotools/wag/bxb-1.htm">bxb(1)</a>). A pair counts when its
 * reference beat lies in the scored interval (at or after {@code skipSeconds}); an unpaired
 * reference beat counts as FN and an unpaired test beat as FP when it lies in that interval, so
 * that a pair straddling the start of scoring is neither rewarded nor punished. Given the reference's
 * {@link ReferenceEpisodes}, it also leaves out, as bxb does, reference beats inside ventricular
 * flutter/fibrillation and unpaired detections inside flutter or shutdown.
 *
 * <p>Stateless and pure.
 */
public final class BeatComparator {
    private BeatComparator() {
    }

    /**
     * Compares detected beats with reference beats of one record.
     *
     * @param record record name, for the result and for error messages
     * @param referenceSamples reference beat positions in samples, non-negative and non-decreasing
     * @param testSamples detected beat positions in samples, non-negative and non-decreasing
     * @param sampleRateHz sampling rate of both, in Hz
     * @param cfg match window and unscored interval
     * @return TP, FN and FP of the record
     * @throws IllegalArgumentException if a position is negative or out of order, or the rate is
     *     not positive
     */
    public static RecordComparison compare(String record, long[] referenceSamples,
            long[] testSamples, double sampleRateHz, BeatMatchConfig cfg) {
        return compare(record, referenceSamples, testSamples, sampleRateHz, cfg, ReferenceEpisodes.NONE);
    }

    /**
     * Compares detected beats with reference beats of one record, leaving out what the reference's
     * flutter/fibrillation and shutdown episodes leave out (see {@link ReferenceEpisodes}): reference
     * beats inside a flutter episode, and unpaired detections inside either kind of episode.
     *
     * @param episodes the reference annotations' episodes ({@link ReferenceEpisodes#NONE} for none)
     * @see #compare(String, long[], long[], double, BeatMatchConfig)
     */
    public static RecordComparison compare(String record, long[] referenceSamples,
            long[] testSamples, double sampleRateHz, BeatMatchConfig cfg, ReferenceEpisodes episodes) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(episodes, "episodes");
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("record " + record
                    + ": sampleRateHz must be positive and finite, got " + sampleRateHz);
        }
        BeatMatcher.requireSorted(record, "referenceSamples", referenceSamples);
        BeatMatcher.requireSorted(record, "testSamples", testSamples);
        if (!episodes.flutter().isEmpty()) {
            referenceSamples = java.util.Arrays.stream(referenceSamples).filter(r -> !episodes.inFlutter(r)).toArray();
        }
        long maxLag = BeatMatcher.maxLagSamples(cfg.matchWindowSeconds(), sampleRateHz);
        long first = BeatMatcher.firstScoredSample(cfg.skipSeconds(), sampleRateHz);
        int[] refToTest = BeatMatcher.match(referenceSamples, testSamples, maxLag);
        boolean[] testPaired = new boolean[testSamples.length];
        long tp = 0;
        long fn = 0;
        long fp = 0;
        double lagSum = 0;
        for (int i = 0; i < referenceSamples.length; i++) {
            int j = refToTest[i];
            if (j >= 0) {
                testPaired[j] = true;
            }
            if (referenceSamples[i] < first) {
                continue;
            }
            if (j >= 0) {
                tp++;
                lagSum += Math.abs(testSamples[j] - referenceSamples[i]);
            } else {
                fn++;
            }
        }
        for (int j = 0; j < testSamples.length; j++) {
            if (!testPaired[j] && testSamples[j] >= first && !episodes.excusesDetectionAt(testSamples[j])) {
                fp++;
            }
        }
        double mae = tp == 0 ? Double.NaN : lagSum / tp / sampleRateHz;
        return new RecordComparison(record, tp, fn, fp, mae);
    }
}

package io.beatflow.eval;

import io.beatflow.eval.internal.BeatMatcher;
import java.util.List;
import java.util.Objects;

/**
 * EC57 beat-by-beat comparison of a beat classifier's output (positions and AAMI classes) with
 * reference annotations: beats are paired as in {@link BeatComparator} and each pair, missed
 * reference beat and extra test beat is counted in a {@link Ec57ClassComparison}.
 */
public final class ClassifierComparator {
    private ClassifierComparator() {
    }

    /**
     * Compares one record.
     *
     * @param record record name
     * @param referenceSamples reference beat positions (samples), non-decreasing
     * @param referenceClasses AAMI class index (0..4 = N, S, V, F, Q) of each reference beat
     * @param testSamples test beat positions (samples), non-decreasing
     * @param testClasses AAMI class index of each test beat
     * @param sampleRateHz sampling rate in Hz
     * @param cfg match window and unscored start
     * @throws IllegalArgumentException on unsorted positions, length mismatch or a class out of 0..4
     */
    public static Ec57ClassComparison compare(String record, long[] referenceSamples, int[] referenceClasses,
            long[] testSamples, int[] testClasses, double sampleRateHz, BeatMatchConfig cfg) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(cfg, "cfg");
        if (referenceSamples.length != referenceClasses.length || testSamples.length != testClasses.length) {
            throw new IllegalArgumentException("record " + record + ": positions and classes differ in length");
        }
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("record " + record + ": sampleRateHz must be positive, got "
                    + sampleRateHz);
        }
        checkClasses(record, "referenceClasses", referenceClasses);
        checkClasses(record, "testClasses", testClasses);
        BeatMatcher.requireSorted(record, "referenceSamples", referenceSamples);
        BeatMatcher.requireSorted(record, "testSamples", testSamples);
        long maxLag = BeatMatcher.maxLagSamples(cfg.matchWindowSeconds(), sampleRateHz);
        long first = BeatMatcher.firstScoredSample(cfg.skipSeconds(), sampleRateHz);
        int[] refToTest = BeatMatcher.match(referenceSamples, testSamples, maxLag);
        boolean[] paired = new boolean[testSamples.length];
        long[][] c = new long[6][6];
        for (int i = 0; i < referenceSamples.length; i++) {
            int j = refToTest[i];
            if (j >= 0) {
                paired[j] = true;
            }
            if (referenceSamples[i] < first) {
                continue;
            }
            c[referenceClasses[i]][j >= 0 ? testClasses[j] : Ec57ClassComparison.NONE]++;
        }
        for (int j = 0; j < testSamples.length; j++) {
            if (!paired[j] && testSamples[j] >= first) {
                c[Ec57ClassComparison.NONE][testClasses[j]]++;
            }
        }
        return new Ec57ClassComparison(record, c);
    }

    private static void checkClasses(String record, String what, int[] classes) {
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] > 4) {
                throw new IllegalArgumentException("record " + record + ": " + what + "[" + i + "] = "
                        + classes[i] + " is not an AAMI class index 0..4 (N, S, V, F, Q)");
            }
        }
    }

    /**
     * Gross (summed matrix) and record-averaged statistics of several records.
     *
     * @param records per-record matrices
     * @return the summary
     */
    public static Ec57ClassSummary summarize(List<Ec57ClassComparison> records) {
        return new Ec57ClassSummary(records);
    }
}

package io.beatflow.eval;

import java.util.Objects;

/**
 * Beat-by-beat detection counts of one record, in the sense of ANSI/AAMI EC57 section 3.
 *
 * <p>TP: reference beats paired with a test beat; FN: reference beats without one; FP: test beats
 * paired with no reference beat. Only beats in the scored interval count (see
 * {@link BeatMatchConfig#skipSeconds()}).
 *
 * @param record record name
 * @param truePositives matched beats
 * @param falseNegatives reference beats the detector missed
 * @param falsePositives detected beats with no reference beat
 * @param meanAbsoluteErrorSeconds mean |test - reference| time of the matched pairs, in seconds;
 *     NaN when there is no matched pair
 */
public record RecordComparison(String record, long truePositives, long falseNegatives,
        long falsePositives, double meanAbsoluteErrorSeconds) {

    /** Validates the counts. */
    public RecordComparison {
        Objects.requireNonNull(record, "record");
        if (truePositives < 0 || falseNegatives < 0 || falsePositives < 0) {
            throw new IllegalArgumentException("record " + record + ": counts must be >= 0, got TP="
                    + truePositives + " FN=" + falseNegatives + " FP=" + falsePositives);
        }
    }

    /** Reference beats scored: TP + FN. */
    public long referenceBeats() {
        return truePositives + falseNegatives;
    }

    /** Test beats scored: TP + FP. */
    public long testBeats() {
        return truePositives + falsePositives;
    }

    /** Sensitivity Se = TP / (TP + FN); NaN (undefined) when the record has no reference beat. */
    public double sensitivity() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** Positive predictivity +P = TP / (TP + FP); NaN (undefined) when nothing was detected. */
    public double positivePredictivity() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }
}

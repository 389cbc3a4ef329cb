package io.beatflow.eval;

import java.util.List;
import java.util.Objects;

/**
 * EC57 detection statistics over several records.
 *
 * <p>Gross statistics pool the beats of all records (Se = sum TP / sum (TP + FN)); record-averaged
 * statistics are the mean of the per-record figures, each record weighing the same (ANSI/AAMI
 * EC57:2012 section 3.2 / EC38 "gross" and "average" statistics). A record whose figure is
 * undefined (no reference beat for Se, no detected beat for +P) is left out of that average.
 *
 * @param records per-record comparisons, in report order
 */
public record DetectionSummary(List<RecordComparison> records) {

    /** Copies the list. */
    public DetectionSummary {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
    }

    /** Sum of TP over records. */
    public long truePositives() {
        return records.stream().mapToLong(RecordComparison::truePositives).sum();
    }

    /** Sum of FN over records. */
    public long falseNegatives() {
        return records.stream().mapToLong(RecordComparison::falseNegatives).sum();
    }

    /** Sum of FP over records. */
    public long falsePositives() {
        return records.stream().mapToLong(RecordComparison::falsePositives).sum();
    }

    /** Gross sensitivity: sum TP / sum (TP + FN); NaN when there is no reference beat at all. */
    public double grossSensitivity() {
        return RecordComparison.ratio(truePositives(), truePositives() + falseNegatives());
    }

    /** Gross positive predictivity: sum TP / sum (TP + FP); NaN when nothing was detected. */
    public double grossPositivePredictivity() {
        return RecordComparison.ratio(truePositives(), truePositives() + falsePositives());
    }

    /** Mean of the defined per-record sensitivities; NaN when none is defined. */
    public double averageSensitivity() {
        return records.stream().mapToDouble(RecordComparison::sensitivity)
                .filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    /** Mean of the defined per-record positive predictivities; NaN when none is defined. */
    public double averagePositivePredictivity() {
        return records.stream().mapToDouble(RecordComparison::positivePredictivity)
                .filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }
}

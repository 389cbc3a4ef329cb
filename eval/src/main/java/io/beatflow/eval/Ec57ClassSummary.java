package io.beatflow.eval;

import java.util.List;
import java.util.Objects;

/**
 * EC57 classification statistics over several records: gross figures from the summed matrix and
 * record averages (mean over records where the figure is defined), per AAMI class.
 *
 * @param records per-record matrices
 */
public record Ec57ClassSummary(List<Ec57ClassComparison> records) {

    /** Copies the list. */
    public Ec57ClassSummary {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
    }

    /** The summed matrix. */
    public Ec57ClassComparison gross() {
        return Ec57ClassComparison.sum("gross", records);
    }

    /** Record-averaged Se of class x; NaN when no record has a beat of class x. */
    public double averageSensitivity(int x) {
        return records.stream().mapToDouble(r -> r.sensitivity(x)).filter(d -> !Double.isNaN(d))
                .average().orElse(Double.NaN);
    }

    /** Record-averaged +P of class x; NaN when no record has a beat called x. */
    public double averagePositivePredictivity(int x) {
        return records.stream().mapToDouble(r -> r.positivePredictivity(x)).filter(d -> !Double.isNaN(d))
                .average().orElse(Double.NaN);
    }

    /** Record-averaged FPR of class x. */
    public double averageFalsePositiveRate(int x) {
        return records.stream().mapToDouble(r -> r.falsePositiveRate(x)).filter(d -> !Double.isNaN(d))
                .average().orElse(Double.NaN);
    }
}

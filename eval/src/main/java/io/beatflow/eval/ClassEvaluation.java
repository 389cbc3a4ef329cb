package io.beatflow.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One class's results, one-vs-rest: metrics keyed by id (see {@link Evaluation} for the ids),
 * curves, bands, calibration and operating points. Curves and operating points are null when the
 * class is absent or universal (then the corresponding metrics carry the reason).
 *
 * @param className class name
 * @param support beats whose reference class is this class
 * @param predicted beats predicted as this class (arg-max)
 * @param metrics metrics by id, in a fixed order
 * @param roc ROC curve or null
 * @param rocBand bootstrap band of the ROC curve or null
 * @param pr PR curve or null
 * @param prBand bootstrap band of the interpolated PR curve or null
 * @param reliability reliability curve bins (empty when there are no beats)
 * @param deLong DeLong estimate of the AUROC or null (fewer than two positives or negatives)
 * @param youden the threshold maximising Youden's J, or null
 * @param sensitivityAtPpv best sensitivity with +P at least the configured target, or null
 * @param ppvAtSensitivity best +P with sensitivity at least the configured target, or null
 */
public record ClassEvaluation(String className, long support, long predicted, Map<String, MetricValue> metrics,
        RocCurve roc, CurveBand rocBand, PrCurve pr, CurveBand prBand, List<Calibration.Bin> reliability,
        DeLong.Estimate deLong, OperatingPoint youden, OperatingPoint sensitivityAtPpv,
        OperatingPoint ppvAtSensitivity) {

    /** Copies the collections. */
    public ClassEvaluation {
        Objects.requireNonNull(className, "className");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        reliability = List.copyOf(reliability);
    }

    /**
     * The metric with this id.
     *
     * @throws IllegalArgumentException if there is no such metric
     */
    public MetricValue metric(String id) {
        MetricValue v = metrics.get(id);
        if (v == null) {
            throw new IllegalArgumentException("class " + className + " has no metric '" + id + "'; known: "
                    + metrics.keySet());
        }
        return v;
    }
}

package io.beatflow.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable result of evaluating one model's beat predictions, keyed by metric id, with
 * provenance.
 *
 * <p>Overall metric ids: {@code accuracy}, {@code macro_f1}, {@code micro_f1},
 * {@code macro_sensitivity}, {@code macro_ppv}, {@code macro_auroc}. Per-class ids (in
 * {@link ClassEvaluation#metrics()}): {@code auroc}, {@code average_precision},
 * {@code auprc_interpolated}, {@code sensitivity}, {@code ppv}, {@code specificity}, {@code fpr},
 * {@code f1}, {@code brier}, {@code ece}, {@code calibration_slope},
 * {@code calibration_intercept}.
 *
 * @param modelName the model's name in reports
 * @param provenance where the evaluation came from
 * @param classNames class names in index order
 * @param beats number of beats
 * @param records record names
 * @param confusion arg-max confusion matrix
 * @param metrics overall metrics by id
 * @param classes one-vs-rest results per class, in class order
 * @param ec57 EC57 per-record classification matrices
 * @param methods a paragraph stating exactly what was computed
 * @param confidenceLevel level of every confidence interval in this evaluation
 */
public record Evaluation(String modelName, Provenance provenance, List<String> classNames, long beats,
        List<String> records, ConfusionMatrix confusion, Map<String, MetricValue> metrics,
        List<ClassEvaluation> classes, Ec57ClassSummary ec57, String methods, double confidenceLevel) {

    /** Copies the collections. */
    public Evaluation {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(confusion, "confusion");
        Objects.requireNonNull(ec57, "ec57");
        Objects.requireNonNull(methods, "methods");
        classNames = List.copyOf(classNames);
        records = List.copyOf(records);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        classes = List.copyOf(classes);
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1), got " + confidenceLevel);
        }
    }

    /**
     * An overall metric.
     *
     * @throws IllegalArgumentException if there is no such metric
     */
    public MetricValue metric(String id) {
        MetricValue v = metrics.get(id);
        if (v == null) {
            throw new IllegalArgumentException("no overall metric '" + id + "'; known: " + metrics.keySet());
        }
        return v;
    }

    /**
     * The results of a class.
     *
     * @throws IllegalArgumentException if there is no such class
     */
    public ClassEvaluation forClass(String className) {
        for (ClassEvaluation c : classes) {
            if (c.className().equals(className)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no class '" + className + "'; known: " + classNames);
    }
}

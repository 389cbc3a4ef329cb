package io.beatflow.eval;

import java.util.List;

/**
 * Several models evaluated side by side, with pairwise DeLong tests per class.
 *
 * @param models evaluations, in report order
 * @param comparisons paired tests of every pair of models, per class
 * @param comparisonNote why there are no comparisons (e.g. different beats), or null
 */
public record EvaluationReport(List<Evaluation> models, List<ModelComparison> comparisons, String comparisonNote) {

    /** Copies the lists and requires at least one model. */
    public EvaluationReport {
        models = List.copyOf(models);
        comparisons = List.copyOf(comparisons);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one evaluation");
        }
    }
}

package io.beatflow.eval;

/**
 * A statistic that can be evaluated for any weighting of the records: the seam between the
 * record bootstrap and the metrics. A bootstrap replicate is a weighting (each record's
 * multiplicity in the resample), the point estimate is all weights 1, a jackknife value is one
 * weight 0. Implementations precompute per-record sufficient statistics so that one evaluation
 * is cheap, and must be safe to call from several threads at once.
 */
public interface RecordStatistic {

    /** Number of values the statistic produces. */
    int dimension();

    /**
     * Evaluates the statistic.
     *
     * @param recordWeights weight of each record (not modified)
     * @param out receives {@link #dimension()} values; NaN where a value is undefined for this
     *     weighting (e.g. no positive item in the resample)
     */
    void evaluate(double[] recordWeights, double[] out);
}

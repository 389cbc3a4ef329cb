package io.beatflow.eval;

/**
 * Replicates of a record bootstrap for one {@link RecordStatistic}, and intervals read from them.
 */
public final class BootstrapResult {
    private final double[] estimate;
    private final double[][] replicates;
    private final double[][] jackknife;
    private final BootstrapConfig config;

    BootstrapResult(double[] estimate, double[][] replicates, double[][] jackknife, BootstrapConfig config) {
        this.estimate = estimate;
        this.replicates = replicates;
        this.jackknife = jackknife;
        this.config = config;
    }

    /** Number of values of the statistic. */
    public int dimension() {
        return estimate.length;
    }

    /** The point estimate of value d (all records weight 1). */
    public double estimate(int d) {
        return estimate[d];
    }

    /** The replicates of value d, in replicate order (NaN where undefined). */
    public double[] replicates(int d) {
        return replicates[d].clone();
    }

    /** Replicates of value d that were undefined (e.g. a resample without a positive item). */
    public int undefinedReplicates(int d) {
        int n = 0;
        for (double v : replicates[d]) {
            if (Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** The interval of value d by the configured method; null when it is undefined. */
    public ConfidenceInterval interval(int d) {
        return interval(d, config.method());
    }

    /**
     * The interval of value d by the given method; null when the estimate is undefined or fewer
     * than two replicates are defined. BCa falls back to the percentile interval when the bias
     * correction is infinite (every defined replicate on one side of the estimate).
     */
    public ConfidenceInterval interval(int d, BootstrapConfig.Method method) {
        double[] v = RecordBootstrap.defined(replicates[d]);
        if (Double.isNaN(estimate[d]) || v.length < 2) {
            return null;
        }
        java.util.Arrays.sort(v);
        double alpha = 1 - config.confidenceLevel();
        if (method == BootstrapConfig.Method.BCA) {
            double[] bca = RecordBootstrap.bcaLevels(v, estimate[d], RecordBootstrap.defined(jackknife[d]), alpha);
            if (bca != null) {
                return new ConfidenceInterval(RecordBootstrap.quantile(v, bca[0]),
                        RecordBootstrap.quantile(v, bca[1]), config.confidenceLevel(), "bootstrap-bca");
            }
        }
        return new ConfidenceInterval(RecordBootstrap.quantile(v, alpha / 2),
                RecordBootstrap.quantile(v, 1 - alpha / 2), config.confidenceLevel(), "bootstrap-percentile");
    }
}

package io.beatflow.eval;

import io.beatflow.eval.internal.RankedScores;

/**
 * A receiver operating characteristic curve: one point per distinct score, by decreasing
 * threshold, starting at (0, 0) with threshold +infinity. A point at threshold t counts an item
 * positive when its score is {@code >= t}. This is scikit-learn's {@code roc_curve} with
 * {@code drop_intermediate=False} (its first threshold is a placeholder above the largest score).
 *
 * @param falsePositiveRates FPR of each point, non-decreasing from 0 to 1 (copied)
 * @param truePositiveRates TPR of each point, non-decreasing from 0 to 1 (copied)
 * @param thresholds threshold of each point, decreasing, the first +infinity (copied)
 */
public record RocCurve(double[] falsePositiveRates, double[] truePositiveRates, double[] thresholds) {

    /** Validates lengths and copies. */
    public RocCurve {
        if (falsePositiveRates.length != truePositiveRates.length || thresholds.length != truePositiveRates.length) {
            throw new IllegalArgumentException("ROC arrays differ in length: " + falsePositiveRates.length
                    + ", " + truePositiveRates.length + ", " + thresholds.length);
        }
        falsePositiveRates = falsePositiveRates.clone();
        truePositiveRates = truePositiveRates.clone();
        thresholds = thresholds.clone();
    }

    /**
     * The ROC curve of scores against binary labels.
     *
     * @param scores finite scores, higher meaning more likely positive
     * @param positive label of each item
     * @throws IllegalArgumentException if lengths differ, a score is not finite, or the labels
     *     hold no positive or no negative item (the curve is undefined)
     */
    public static RocCurve of(double[] scores, boolean[] positive) {
        RankedScores rs = RankedScores.of(scores, positive, null, 1);
        RankingMetrics.requireBothClasses(rs);
        int g = rs.groups();
        double[] tp = new double[g];
        double[] fp = new double[g];
        rs.cumulative(null, tp, fp);
        double p = rs.positives(0);
        double n = rs.negatives(0);
        double[] fpr = new double[g + 1];
        double[] tpr = new double[g + 1];
        double[] th = new double[g + 1];
        th[0] = Double.POSITIVE_INFINITY;
        for (int i = 0; i < g; i++) {
            fpr[i + 1] = fp[i] / n;
            tpr[i + 1] = tp[i] / p;
            th[i + 1] = rs.groupScore(i);
        }
        return new RocCurve(fpr, tpr, th);
    }

    /** Number of points. */
    public int size() {
        return thresholds.length;
    }

    /** Area under the curve by the trapezoidal rule (equals the Mann-Whitney AUROC). */
    public double area() {
        double a = 0;
        for (int i = 1; i < falsePositiveRates.length; i++) {
            a += (falsePositiveRates[i] - falsePositiveRates[i - 1])
                    * (truePositiveRates[i] + truePositiveRates[i - 1]) / 2;
        }
        return a;
    }

    @Override
    public double[] falsePositiveRates() {
        return falsePositiveRates.clone();
    }

    @Override
    public double[] truePositiveRates() {
        return truePositiveRates.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RocCurve r && java.util.Arrays.equals(falsePositiveRates, r.falsePositiveRates)
                && java.util.Arrays.equals(truePositiveRates, r.truePositiveRates)
                && java.util.Arrays.equals(thresholds, r.thresholds);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(truePositiveRates) * 31 + java.util.Arrays.hashCode(falsePositiveRates);
    }

    @Override
    public String toString() {
        return "RocCurve[" + size() + " points]";
    }
}

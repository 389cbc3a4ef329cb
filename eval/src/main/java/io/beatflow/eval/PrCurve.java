package io.beatflow.eval;

import io.beatflow.eval.internal.RankedScores;

/**
 * A precision-recall curve: one point per distinct score by decreasing threshold, preceded by
 * the point (recall 0, precision 1) with threshold +infinity. This is scikit-learn's
 * {@code precision_recall_curve} read backwards (it lists thresholds increasing and ends with
 * recall 0, precision 1).
 *
 * @param recalls recall of each point, non-decreasing (copied)
 * @param precisions precision of each point (copied)
 * @param thresholds threshold of each point, decreasing, the first +infinity (copied)
 */
public record PrCurve(double[] recalls, double[] precisions, double[] thresholds) {

    /** Validates lengths and copies. */
    public PrCurve {
        if (recalls.length != precisions.length || thresholds.length != precisions.length) {
            throw new IllegalArgumentException("PR arrays differ in length: " + recalls.length + ", "
                    + precisions.length + ", " + thresholds.length);
        }
        recalls = recalls.clone();
        precisions = precisions.clone();
        thresholds = thresholds.clone();
    }

    /**
     * The PR curve of scores against binary labels.
     *
     * @throws IllegalArgumentException if lengths differ, a score is not finite, or there is no
     *     positive item (recall is undefined)
     */
    public static PrCurve of(double[] scores, boolean[] positive) {
        RankedScores rs = RankedScores.of(scores, positive, null, 1);
        if (rs.positives(0) == 0) {
            throw new IllegalArgumentException("no positive item: the PR curve is undefined");
        }
        int g = rs.groups();
        double[] tp = new double[g];
        double[] fp = new double[g];
        rs.cumulative(null, tp, fp);
        double p = rs.positives(0);
        double[] rec = new double[g + 1];
        double[] prec = new double[g + 1];
        double[] th = new double[g + 1];
        th[0] = Double.POSITIVE_INFINITY;
        prec[0] = 1.0;
        for (int i = 0; i < g; i++) {
            rec[i + 1] = tp[i] / p;
            prec[i + 1] = tp[i] / (tp[i] + fp[i]);
            th[i + 1] = rs.groupScore(i);
        }
        return new PrCurve(rec, prec, th);
    }

    /** Number of points. */
    public int size() {
        return thresholds.length;
    }

    /** Average precision: sum over points of (R_n - R_{n-1}) P_n (scikit-learn's definition). */
    public double averagePrecision() {
        double ap = 0;
        for (int i = 1; i < recalls.length; i++) {
            ap += (recalls[i] - recalls[i - 1]) * precisions[i];
        }
        return ap;
    }

    /**
     * Area under the interpolated curve p_interp(r) = max over points with recall &gt;= r of
     * precision (all-points interpolation, as in the PASCAL VOC evaluation after 2010):
     * sum of (R_n - R_{n-1}) x max over m &gt;= n of P_m. Never below {@link #averagePrecision()}.
     */
    public double interpolatedArea() {
        double area = 0;
        double best = 0;
        for (int i = recalls.length - 1; i >= 1; i--) {
            best = Math.max(best, precisions[i]);
            area += (recalls[i] - recalls[i - 1]) * best;
        }
        return area;
    }

    @Override
    public double[] recalls() {
        return recalls.clone();
    }

    @Override
    public double[] precisions() {
        return precisions.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrCurve r && java.util.Arrays.equals(recalls, r.recalls)
                && java.util.Arrays.equals(precisions, r.precisions)
                && java.util.Arrays.equals(thresholds, r.thresholds);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(recalls) * 31 + java.util.Arrays.hashCode(precisions);
    }

    @Override
    public String toString() {
        return "PrCurve[" + size() + " points]";
    }
}

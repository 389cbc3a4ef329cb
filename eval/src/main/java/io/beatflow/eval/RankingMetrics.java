package io.beatflow.eval;

import io.beatflow.eval.internal.RankedScores;

/**
 * Threshold-free metrics of binary scores, as static functions over arrays.
 *
 * <p>AUROC is the Mann-Whitney form: the probability that a random positive scores above a
 * random negative, ties counting 1/2 - exactly the trapezoidal area under {@link RocCurve}.
 * Average precision is scikit-learn's step-wise sum AP = sum (R_n - R_{n-1}) P_n, with no
 * interpolation. Both run in O(n log n).
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * AUROC with ties counted 1/2.
     *
     * @throws IllegalArgumentException if lengths differ, a score is not finite, or there is no
     *     positive or no negative item
     */
    public static double auroc(double[] scores, boolean[] positive) {
        RankedScores rs = RankedScores.of(scores, positive, null, 1);
        requireBothClasses(rs);
        double[] out = new double[2];
        rs.pass(null, 0, out);
        return out[0];
    }

    /**
     * Average precision, scikit-learn's step-wise definition.
     *
     * @throws IllegalArgumentException if lengths differ, a score is not finite, or there is no
     *     positive item
     */
    public static double averagePrecision(double[] scores, boolean[] positive) {
        return PrCurve.of(scores, positive).averagePrecision();
    }

    /** Area under the interpolated PR curve; see {@link PrCurve#interpolatedArea()}. */
    public static double interpolatedAuprc(double[] scores, boolean[] positive) {
        return PrCurve.of(scores, positive).interpolatedArea();
    }

    /** One-vs-rest labels: whether each label equals {@code positiveClass}. */
    public static boolean[] oneVsRest(int[] labels, int positiveClass) {
        boolean[] out = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] == positiveClass;
        }
        return out;
    }

    /** Column c of a row-major score matrix (items x classes). */
    public static double[] column(double[][] scores, int c) {
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i][c];
        }
        return out;
    }

    static void requireBothClasses(RankedScores rs) {
        if (rs.positives(0) == 0 || rs.negatives(0) == 0) {
            throw new IllegalArgumentException("need at least one positive and one negative item, got "
                    + rs.positives(0) + " positive and " + rs.negatives(0) + " negative: AUROC is undefined");
        }
    }
}

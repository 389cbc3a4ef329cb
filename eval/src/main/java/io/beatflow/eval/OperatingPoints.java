package io.beatflow.eval;

import io.beatflow.eval.internal.RankedScores;
import java.util.Optional;

/**
 * Choosing a threshold on a binary score. Candidate thresholds are the distinct scores (an item
 * is positive when its score is {@code >= threshold}).
 */
public final class OperatingPoints {
    private OperatingPoints() {
    }

    /**
     * The threshold maximising Youden's J = sensitivity + specificity - 1 (Youden 1950); among
     * equal J the higher threshold.
     *
     * @throws IllegalArgumentException as {@link RocCurve#of}
     */
    public static OperatingPoint youden(double[] scores, boolean[] positive) {
        OperatingPoint[] pts = points(scores, positive);
        OperatingPoint best = pts[0];
        for (OperatingPoint p : pts) {
            if (p.sensitivity() + p.specificity() > best.sensitivity() + best.specificity() + 1e-15) {
                best = p;
            }
        }
        return best;
    }

    /**
     * The highest sensitivity among thresholds whose positive predictivity is at least
     * {@code minPpv}; empty when no threshold reaches it.
     */
    public static Optional<OperatingPoint> sensitivityAtPositivePredictivity(double[] scores,
            boolean[] positive, double minPpv) {
        checkTarget("minPpv", minPpv);
        OperatingPoint best = null;
        for (OperatingPoint p : points(scores, positive)) {
            if (p.positivePredictivity() >= minPpv && (best == null || p.sensitivity() > best.sensitivity())) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The highest positive predictivity among thresholds whose sensitivity is at least
     * {@code minSensitivity}; empty when none reaches it (cannot happen for minSensitivity &lt;= 1).
     */
    public static Optional<OperatingPoint> positivePredictivityAtSensitivity(double[] scores,
            boolean[] positive, double minSensitivity) {
        checkTarget("minSensitivity", minSensitivity);
        OperatingPoint best = null;
        for (OperatingPoint p : points(scores, positive)) {
            if (p.sensitivity() >= minSensitivity
                    && (best == null || p.positivePredictivity() > best.positivePredictivity())) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    private static void checkTarget(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
        }
    }

    private static OperatingPoint[] points(double[] scores, boolean[] positive) {
        RankedScores rs = RankedScores.of(scores, positive, null, 1);
        RankingMetrics.requireBothClasses(rs);
        int g = rs.groups();
        double[] tp = new double[g];
        double[] fp = new double[g];
        rs.cumulative(null, tp, fp);
        double p = rs.positives(0);
        double n = rs.negatives(0);
        OperatingPoint[] out = new OperatingPoint[g];
        for (int i = 0; i < g; i++) {
            out[i] = new OperatingPoint(rs.groupScore(i), tp[i] / p, 1 - fp[i] / n, tp[i] / (tp[i] + fp[i]));
        }
        return out;
    }
}

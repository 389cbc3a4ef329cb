package io.beatflow.eval;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * DeLong's nonparametric variance of the AUROC and the paired test of two AUROCs measured on the
 * same items (E. R. DeLong, D. M. DeLong, D. L. Clarke-Pearson, "Comparing the areas under two or
 * more correlated receiver operating characteristic curves: a nonparametric approach",
 * Biometrics 44(3):837-845, 1988), computed with the O(n log n) midrank algorithm of X. Sun and
 * W. Xu, "Fast implementation of DeLong's algorithm for comparing the areas under correlated
 * receiver operating characteristic curves", IEEE Signal Processing Letters 21(11):1389-1393, 2014.
 *
 * <p>With m positives X, n negatives Y, midranks T_Z over all items, T_X within the positives and
 * T_Y within the negatives: AUC = (sum_i T_Z(X_i) - m(m+1)/2) / (mn); structural components
 * V10_i = (T_Z(X_i) - T_X(X_i)) / n and V01_j = 1 - (T_Z(Y_j) - T_Y(Y_j)) / m; with S10 and S01
 * their sample (co)variances (denominators m-1 and n-1), Var(AUC) = S10/m + S01/n. The confidence
 * interval is AUC +- z * sqrt(Var), clipped to [0, 1], as pROC's {@code ci.auc(method="delong")}.
 */
public final class DeLong {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private DeLong() {
    }

    /**
     * AUROC with its DeLong variance.
     *
     * @param auroc the AUROC (ties 1/2)
     * @param variance DeLong's variance estimate of the AUROC
     * @param positives m
     * @param negatives n
     */
    public record Estimate(double auroc, double variance, int positives, int negatives) {
        /**
         * The two-sided normal confidence interval clipped to [0, 1].
         *
         * @param level confidence level in (0, 1), e.g. 0.95
         * @return {lower, upper}
         */
        public double[] confidenceInterval(double level) {
            double z = zFor(level);
            double half = z * Math.sqrt(variance);
            return new double[] {Math.max(0, auroc - half), Math.min(1, auroc + half)};
        }
    }

    /**
     * The paired comparison of two AUROCs on the same items.
     *
     * @param aurocA AUROC of model A
     * @param aurocB AUROC of model B
     * @param difference aurocA - aurocB
     * @param standardError DeLong standard error of the difference
     * @param z difference / standardError (0 when both are 0)
     * @param pValue two-sided p-value of H0: equal AUROCs, from the normal distribution
     */
    public record Comparison(double aurocA, double aurocB, double difference, double standardError,
            double z, double pValue) {
    }

    /**
     * The AUROC and its DeLong variance.
     *
     * @throws IllegalArgumentException if lengths differ, a score is not finite, or there are
     *     fewer than two positives or two negatives (the variance is undefined)
     */
    public static Estimate estimate(double[] scores, boolean[] positive) {
        Components c = components(new double[][] {scores}, positive);
        double var = c.covariance(0, 0);
        return new Estimate(c.auc[0], var, c.m, c.n);
    }

    /**
     * The paired DeLong test of two models scored on the same items.
     *
     * @throws IllegalArgumentException as {@link #estimate}, or if the score arrays differ in length
     */
    public static Comparison compare(double[] scoresA, double[] scoresB, boolean[] positive) {
        Components c = components(new double[][] {scoresA, scoresB}, positive);
        double var = c.covariance(0, 0) + c.covariance(1, 1) - 2 * c.covariance(0, 1);
        double diff = c.auc[0] - c.auc[1];
        double se = Math.sqrt(Math.max(0, var));
        double z;
        if (se == 0) {
            z = diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
        } else {
            z = diff / se;
        }
        double p = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
        return new Comparison(c.auc[0], c.auc[1], diff, se, z, Math.min(1, p));
    }

    /** The two-sided standard normal quantile for a confidence level: level 0.95 gives 1.95996. */
    static double zFor(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(0.5 + level / 2);
    }

    /** Standard normal CDF, for the bootstrap's BCa. */
    static double phi(double x) {
        return STANDARD_NORMAL.cumulativeProbability(x);
    }

    /** Standard normal quantile, for the bootstrap's BCa. */
    static double phiInverse(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    private static final class Components {
        final int m;
        final int n;
        final double[] auc;
        final double[][] v10;
        final double[][] v01;

        Components(int m, int n, int k) {
            this.m = m;
            this.n = n;
            auc = new double[k];
            v10 = new double[k][m];
            v01 = new double[k][n];
        }

        double covariance(int a, int b) {
            return cov(v10[a], v10[b]) / m + cov(v01[a], v01[b]) / n;
        }

        private static double cov(double[] x, double[] y) {
            double mx = 0;
            double my = 0;
            for (int i = 0; i < x.length; i++) {
                mx += x[i];
                my += y[i];
            }
            mx /= x.length;
            my /= y.length;
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += (x[i] - mx) * (y[i] - my);
            }
            return s / (x.length - 1);
        }
    }

    private static Components components(double[][] models, boolean[] positive) {
        Objects.requireNonNull(positive, "positive");
        int total = positive.length;
        int m = 0;
        for (boolean b : positive) {
            if (b) {
                m++;
            }
        }
        int n = total - m;
        if (m < 2 || n < 2) {
            throw new IllegalArgumentException("DeLong's variance needs at least two positive and two "
                    + "negative items, got " + m + " positive and " + n + " negative");
        }
        Components c = new Components(m, n, models.length);
        for (int k = 0; k < models.length; k++) {
            double[] s = models[k];
            if (s.length != total) {
                throw new IllegalArgumentException("model " + k + " has " + s.length + " scores for "
                        + total + " labels");
            }
            double[] x = new double[m];
            double[] y = new double[n];
            int xi = 0;
            int yi = 0;
            for (int i = 0; i < total; i++) {
                if (!Double.isFinite(s[i])) {
                    throw new IllegalArgumentException("model " + k + " score[" + i + "] is " + s[i]);
                }
                if (positive[i]) {
                    x[xi++] = s[i];
                } else {
                    y[yi++] = s[i];
                }
            }
            double[] z = new double[total];
            System.arraycopy(x, 0, z, 0, m);
            System.arraycopy(y, 0, z, m, n);
            double[] tx = midranks(x);
            double[] ty = midranks(y);
            double[] tz = midranks(z);
            double sumX = 0;
            for (int i = 0; i < m; i++) {
                sumX += tz[i];
                c.v10[k][i] = (tz[i] - tx[i]) / n;
            }
            for (int j = 0; j < n; j++) {
                c.v01[k][j] = 1 - (tz[m + j] - ty[j]) / m;
            }
            c.auc[k] = (sumX - (double) m * (m + 1) / 2) / ((double) m * n);
        }
        return c;
    }

    /** Midranks (1-based, ties get the mean of their ranks), in the input's order. */
    static double[] midranks(double[] v) {
        int len = v.length;
        Integer[] order = new Integer[len];
        for (int i = 0; i < len; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[len];
        int i = 0;
        while (i < len) {
            int j = i;
            while (j < len && v[order[j]] == v[order[i]]) {
                j++;
            }
            double rank = 0.5 * (i + j - 1) + 1;
            for (int k = i; k < j; k++) {
                r[order[k]] = rank;
            }
            i = j;
        }
        return r;
    }
}

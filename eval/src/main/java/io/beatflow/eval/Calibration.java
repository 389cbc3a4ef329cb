package io.beatflow.eval;

/**
 * Calibration of predicted probabilities of one class against its occurrence.
 *
 * <ul>
 * <li>Brier score: mean (p_i - y_i)^2 (Brier 1950; scikit-learn's {@code brier_score_loss}).
 * <li>Reliability curve: probabilities cut into equal-width bins over [0, 1] (bin b holds
 *     b/B &lt;= p &lt; (b+1)/B, the last bin closed); per bin the mean prediction, the observed
 *     frequency and the count. Empty bins are left out.
 * <li>Expected calibration error: sum over bins of (count / N) |observed - mean prediction|
 *     (Naeini, Cooper, Hauskrecht 2015; Guo et al. 2017).
 * <li>Calibration slope and intercept: the logistic recalibration fit logit P(y=1) = a + b
 *     logit(p) by maximum likelihood (Cox 1958; Steyerberg, Clinical Prediction Models). A
 *     perfectly calibrated model has a = 0, b = 1; b &lt; 1 means over-confident predictions.
 *     Probabilities of exactly 0 or 1 (as rounding writes very small or very large ones) have
 *     infinite logits: with any of them the fit is undefined, since it would depend on where they
 *     were clipped.
 * </ul>
 */
public final class Calibration {
    private Calibration() {
    }

    /**
     * One bin of a reliability curve.
     *
     * @param lower lower edge of the bin
     * @param upper upper edge of the bin
     * @param meanPredicted mean predicted probability in the bin
     * @param observedFrequency fraction of positive items in the bin
     * @param count items in the bin
     */
    public record Bin(double lower, double upper, double meanPredicted, double observedFrequency, long count) {
    }

    /**
     * The logistic recalibration fit.
     *
     * @param intercept a
     * @param slope b
     */
    public record Fit(double intercept, double slope) {
    }

    /** Brier score of probabilities against outcomes. */
    public static double brier(double[] probabilities, boolean[] outcome) {
        check(probabilities, outcome);
        double s = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - (outcome[i] ? 1 : 0);
            s += d * d;
        }
        return s / probabilities.length;
    }

    /** The reliability curve over {@code bins} equal-width bins; empty bins are omitted. */
    public static Bin[] reliability(double[] probabilities, boolean[] outcome, int bins) {
        check(probabilities, outcome);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double[] sumP = new double[bins];
        long[] pos = new long[bins];
        long[] count = new long[bins];
        for (int i = 0; i < probabilities.length; i++) {
            int b = Math.min(bins - 1, (int) Math.floor(probabilities[i] * bins));
            sumP[b] += probabilities[i];
            count[b]++;
            if (outcome[i]) {
                pos[b]++;
            }
        }
        int used = 0;
        for (long c : count) {
            if (c > 0) {
                used++;
            }
        }
        Bin[] out = new Bin[used];
        int k = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                out[k++] = new Bin((double) b / bins, (double) (b + 1) / bins, sumP[b] / count[b],
                        (double) pos[b] / count[b], count[b]);
            }
        }
        return out;
    }

    /** Expected calibration error over {@code bins} equal-width bins. */
    public static double expectedCalibrationError(double[] probabilities, boolean[] outcome, int bins) {
        double e = 0;
        for (Bin b : reliability(probabilities, outcome, bins)) {
            e += (double) b.count() / probabilities.length * Math.abs(b.observedFrequency() - b.meanPredicted());
        }
        return e;
    }

    /**
     * Calibration intercept and slope: the maximum-likelihood logistic regression of the outcomes
     * on the predictions' logits, by damped Newton-Raphson.
     *
     * @throws IllegalArgumentException if all outcomes are equal, all logits are equal, or the
     *     predictions separate the outcomes (no finite maximum): the fit is then undefined
     */
    public static Fit logisticFit(double[] probabilities, boolean[] outcome) {
        check(probabilities, outcome);
        int n = probabilities.length;
        double[] x = new double[n];
        int positives = 0;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        int extreme = 0;
        for (double p : probabilities) {
            if (p <= 0 || p >= 1) {
                extreme++;
            }
        }
        if (extreme > 0) {
            throw new IllegalArgumentException("calibration fit undefined: " + extreme + " of the " + n
                    + " probabilities are exactly 0 or 1, whose logits are infinite (the fit would depend on where"
                    + " they were clipped); write the probabilities with more decimals");
        }
        for (int i = 0; i < n; i++) {
            double p = probabilities[i];
            x[i] = Math.log(p / (1 - p));
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            if (outcome[i]) {
                positives++;
            }
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("calibration fit undefined: all " + n + " outcomes are "
                    + (positives == 0 ? "negative" : "positive"));
        }
        if (maxX - minX < 1e-12) {
            throw new IllegalArgumentException("calibration fit undefined: every prediction is the same");
        }
        // With one regressor and an intercept the maximum likelihood is infinite exactly when the
        // logits separate the outcomes (complete or quasi-complete separation, Albert and
        // Anderson 1984): every positive at or above every negative, or the reverse.
        double minPos = Double.POSITIVE_INFINITY;
        double maxPos = Double.NEGATIVE_INFINITY;
        double minNeg = Double.POSITIVE_INFINITY;
        double maxNeg = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (outcome[i]) {
                minPos = Math.min(minPos, x[i]);
                maxPos = Math.max(maxPos, x[i]);
            } else {
                minNeg = Math.min(minNeg, x[i]);
                maxNeg = Math.max(maxNeg, x[i]);
            }
        }
        if (maxNeg <= minPos || maxPos <= minNeg) {
            throw new IllegalArgumentException("calibration fit undefined: the predictions separate the "
                    + "outcomes, so the logistic fit has no finite maximum");
        }
        // Newton-Raphson from the identity (a = 0, b = 1), each step halved until the
        // log-likelihood does not fall. Without separation the log-likelihood is strictly concave
        // with a finite maximum, so the damped iteration converges; full steps alone can overshoot
        // and diverge when many predictions sit near 0 or 1 (logits of +-20 after clipping).
        double a = 0;
        double b = 1;
        double ll = logLikelihood(x, outcome, a, b);
        for (int iter = 0; iter < 200; iter++) {
            double g0 = 0;
            double g1 = 0;
            double h00 = 0;
            double h01 = 0;
            double h11 = 0;
            for (int i = 0; i < n; i++) {
                double mu = sigmoid(a + b * x[i]);
                double r = (outcome[i] ? 1 : 0) - mu;
                double w = mu * (1 - mu);
                g0 += r;
                g1 += r * x[i];
                h00 += w;
                h01 += w * x[i];
                h11 += w * x[i] * x[i];
            }
            double det = h00 * h11 - h01 * h01;
            if (!(Math.abs(det) > 1e-300)) {
                break;
            }
            double da = (h11 * g0 - h01 * g1) / det;
            double db = (h00 * g1 - h01 * g0) / det;
            double step = 1;
            double next = logLikelihood(x, outcome, a + da, b + db);
            while (!(next >= ll) && step > 1e-12) {
                step /= 2;
                next = logLikelihood(x, outcome, a + step * da, b + step * db);
            }
            if (!(next >= ll)) {
                break;
            }
            a += step * da;
            b += step * db;
            ll = next;
            if (Math.abs(step * da) < 1e-10 && Math.abs(step * db) < 1e-10) {
                return new Fit(a, b);
            }
        }
        throw new IllegalArgumentException("calibration fit undefined: the logistic fit did not converge "
                + "in 200 damped Newton steps");
    }

    private static double sigmoid(double eta) {
        return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
    }

    /** The logistic log-likelihood of outcomes given logits x under intercept a and slope b. */
    private static double logLikelihood(double[] x, boolean[] outcome, double a, double b) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double eta = a + b * x[i];
            // log(1 + e^eta), without overflow for large |eta|
            double softplus = Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta)));
            sum += (outcome[i] ? eta : 0) - softplus;
        }
        return sum;
    }

    private static void check(double[] p, boolean[] y) {
        if (p.length != y.length) {
            throw new IllegalArgumentException(p.length + " probabilities for " + y.length + " outcomes");
        }
        if (p.length == 0) {
            throw new IllegalArgumentException("no items");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("probability[" + i + "] = " + p[i] + " is not in [0, 1]");
            }
        }
    }
}

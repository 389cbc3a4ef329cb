package io.beatflow.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Small cases worked by hand; the derivation is in each test's javadoc. */
class HandDerivedMetricsTest {

    /**
     * actual  = [0,0,0,1,1,2], predicted = [0,0,1,1,2,2]. Matrix rows [2,1,0],[0,1,1],[0,0,1].
     * Class 0: TP 2, FN 1, FP 0, TN 3: Se 2/3, +P 1, Sp 1, FPR 0, F1 4/5. Class 1: TP 1, FN 1, FP 1,
     * TN 3: Se 1/2, +P 1/2, Sp 3/4, F1 1/2. Class 2: TP 1, FN 0, FP 1, TN 4: Se 1, +P 1/2, F1 2/3.
     * Accuracy 4/6; macro F1 (0.8 + 0.5 + 2/3)/3; micro F1 = accuracy.
     */
    @Test
    void confusionMatrixFigures() {
        ConfusionMatrix m = ConfusionMatrix.of(List.of("a", "b", "c"), new int[] {0, 0, 0, 1, 1, 2},
                new int[] {0, 0, 1, 1, 2, 2});
        assertArrayEquals(new long[] {2, 1, 0}, m.counts()[0]);
        assertEquals(2.0 / 3, m.sensitivity(0), 1e-15);
        assertEquals(1.0, m.positivePredictivity(0));
        assertEquals(1.0, m.specificity(0));
        assertEquals(0.0, m.falsePositiveRate(0));
        assertEquals(0.8, m.f1(0), 1e-15);
        assertEquals(0.5, m.sensitivity(1));
        assertEquals(0.75, m.specificity(1));
        assertEquals(0.25, m.falsePositiveRate(1));
        assertEquals(2.0 / 3, m.f1(2), 1e-15);
        assertEquals(4.0 / 6, m.accuracy(), 1e-15);
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, m.macroF1(), 1e-15);
        assertEquals(m.accuracy(), m.microF1(), 1e-15);
    }

    /**
     * Positives {0.9, 0.8, 0.4}, negatives {0.7, 0.5, 0.3, 0.2}. Pairs won: 4 + 4 + 2 = 10 of 12,
     * AUROC 5/6. Placements: V10 = [1, 1, 1/2]; V01 (share of positives above each negative) =
     * [2/3, 2/3, 1, 1]. S10 = var([1, 1, 1/2]) = 1/12, S01 = var([2/3, 2/3, 1, 1]) = 1/27 (ddof 1);
     * Var = S10/3 + S01/4 = 1/36 + 1/108 = 1/27.
     */
    @Test
    void deLongVarianceByHand() {
        double[] s = {0.9, 0.8, 0.4, 0.7, 0.5, 0.3, 0.2};
        boolean[] y = {true, true, true, false, false, false, false};
        DeLong.Estimate e = DeLong.estimate(s, y);
        assertEquals(5.0 / 6, e.auroc(), 1e-15);
        assertEquals(1.0 / 27, e.variance(), 1e-15);
        double[] ci = e.confidenceInterval(0.95);
        assertEquals(5.0 / 6 - 1.959963984540054 * Math.sqrt(1.0 / 27), ci[0], 1e-9);
        assertEquals(1.0, ci[1], "clipped at 1");
    }

    /** The paired test of a model with itself: difference 0, p = 1; fewer than 2 positives throws. */
    @Test
    void pairedDeLongEdgeCases() {
        double[] s = {0.9, 0.8, 0.4, 0.7, 0.5, 0.3, 0.2};
        boolean[] y = {true, true, true, false, false, false, false};
        DeLong.Comparison c = DeLong.compare(s, s, y);
        assertEquals(0.0, c.difference());
        assertEquals(1.0, c.pValue());
        assertThrows(IllegalArgumentException.class,
                () -> DeLong.estimate(s, new boolean[] {true, false, false, false, false, false, false}));
    }

    /**
     * Ties: scores pos {0.5, 0.5}, neg {0.5, 0.1}: pairs 0.5 vs 0.5 count 1/2 twice, 0.5 vs 0.1 win
     * twice: (1 + 2) / 4 = 0.75. ROC points (0,0), (1/2, 1), (1, 1); area 1/2 x 1/2 + 1/2 = 0.75.
     * PR: (R 0, P 1), at 0.5: TP 2 FP 1 -> (1, 2/3); at 0.1: (1, 1/2). AP = 1 x 2/3.
     * Interpolated area: the max precision at recall >= r for r in (0, 1] is 2/3 -> 2/3.
     */
    @Test
    void tiesCountHalf() {
        double[] s = {0.5, 0.5, 0.5, 0.1};
        boolean[] y = {true, true, false, false};
        assertEquals(0.75, RankingMetrics.auroc(s, y));
        RocCurve roc = RocCurve.of(s, y);
        assertArrayEquals(new double[] {0, 0.5, 1}, roc.falsePositiveRates());
        assertArrayEquals(new double[] {0, 1, 1}, roc.truePositiveRates());
        assertEquals(2.0 / 3, RankingMetrics.averagePrecision(s, y), 1e-15);
        assertEquals(2.0 / 3, RankingMetrics.interpolatedAuprc(s, y), 1e-15);
    }

    /**
     * Interpolation raises AP: scores 0.9 (neg), 0.8 (pos), 0.7 (pos). Points: (0,1), (0, 0),
     * (1/2, 1/2), (1, 2/3). AP = 1/2 x 1/2 + 1/2 x 2/3 = 7/12; interpolated: max precision at
     * recall >= r is 2/3 on (0, 1] -> 2/3.
     */
    @Test
    void interpolatedAuprcIsAboveStepwiseAp() {
        double[] s = {0.9, 0.8, 0.7};
        boolean[] y = {false, true, true};
        assertEquals(7.0 / 12, RankingMetrics.averagePrecision(s, y), 1e-15);
        assertEquals(2.0 / 3, RankingMetrics.interpolatedAuprc(s, y), 1e-15);
    }

    /** Undefined inputs throw with a reason instead of returning NaN. */
    @Test
    void singleClassInputsThrow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.auroc(new double[] {0.1, 0.2}, new boolean[] {false, false}));
        assertTrue(e.getMessage().contains("undefined"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.averagePrecision(new double[] {0.1}, new boolean[] {false}));
        assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.auroc(new double[] {Double.NaN, 0.2}, new boolean[] {true, false}));
    }

    /**
     * Scores 0.9+, 0.8-, 0.7+, 0.6+, 0.2-, 0.1- (P 3, N 3). Thresholds and (Se, Sp, +P):
     * 0.9 (1/3, 1, 1), 0.8 (1/3, 2/3, 1/2), 0.7 (2/3, 2/3, 2/3), 0.6 (1, 2/3, 3/4),
     * 0.2 (1, 1/3, 3/5), 0.1 (1, 0, 1/2). Youden J is largest (2/3) at 0.6. Best Se with +P >= 0.7:
     * 1 at 0.6 (+P 3/4). Best +P with Se >= 0.6: 3/4 at 0.6. +P >= 0.99 only at 0.9 (Se 1/3).
     */
    @Test
    void operatingPoints() {
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.2, 0.1};
        boolean[] y = {true, false, true, true, false, false};
        OperatingPoint j = OperatingPoints.youden(s, y);
        assertEquals(0.6, j.threshold());
        assertEquals(1.0, j.sensitivity());
        assertEquals(2.0 / 3, j.specificity(), 1e-15);
        assertEquals(0.6, OperatingPoints.sensitivityAtPositivePredictivity(s, y, 0.7).orElseThrow().threshold());
        assertEquals(0.75, OperatingPoints.positivePredictivityAtSensitivity(s, y, 0.6).orElseThrow()
                .positivePredictivity(), 1e-15);
        assertEquals(1.0 / 3, OperatingPoints.sensitivityAtPositivePredictivity(s, y, 0.99).orElseThrow()
                .sensitivity(), 1e-15);
    }

    /**
     * p = {0.1, 0.4, 0.35, 0.8}, y = {0, 0, 1, 1}. Brier = (0.01 + 0.16 + 0.4225 + 0.04)/4 = 0.158125.
     * Two bins: [0, 0.5) holds 0.1, 0.4, 0.35 (mean 0.85/3, observed 1/3); [0.5, 1] holds 0.8
     * (observed 1). ECE = 3/4 |1/3 - 0.85/3| + 1/4 |1 - 0.8| = 0.0375 + 0.05 = 0.0875.
     */
    @Test
    void brierReliabilityAndEce() {
        double[] p = {0.1, 0.4, 0.35, 0.8};
        boolean[] y = {false, false, true, true};
        assertEquals(0.158125, Calibration.brier(p, y), 1e-15);
        Calibration.Bin[] bins = Calibration.reliability(p, y, 2);
        assertEquals(2, bins.length);
        assertEquals(0.85 / 3, bins[0].meanPredicted(), 1e-15);
        assertEquals(1.0 / 3, bins[0].observedFrequency(), 1e-15);
        assertEquals(3, bins[0].count());
        assertEquals(0.0875, Calibration.expectedCalibrationError(p, y, 2), 1e-15);
    }

    /**
     * Outcome frequencies equal to the predictions (p = 0.2: 2 of 10, 0.5: 5 of 10, 0.8: 8 of 10)
     * satisfy the logistic score equations at intercept 0, slope 1, so that is the fit.
     * Separated outcomes have no finite fit and are reported as undefined.
     */
    @Test
    void calibrationFit() {
        double[] p = new double[30];
        boolean[] y = new boolean[30];
        double[] levels = {0.2, 0.5, 0.8};
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < 10; i++) {
                p[10 * g + i] = levels[g];
                y[10 * g + i] = i < Math.round(levels[g] * 10);
            }
        }
        Calibration.Fit fit = Calibration.logisticFit(p, y);
        assertEquals(1.0, fit.slope(), 1e-9);
        assertEquals(0.0, fit.intercept(), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Calibration.logisticFit(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {false, false, true, true}));
        assertTrue(e.getMessage().contains("undefined"), e.getMessage());
    }

    /**
     * Overconfident predictions: logits -20..20 in steps of 1 (probabilities near 0 and 1), with
     * every third beat positive below logit 6 and every beat positive from 6 up. Positives and
     * negatives overlap, so the fit exists; undamped Newton steps from slope 1 overshoot here (the
     * weights mu(1 - mu) are nearly 0 at logits of +-20). The fit must satisfy the logistic score
     * equations, sum(y - mu) = 0 and sum((y - mu) x) = 0, and shrink the overconfident slope
     * below 1.
     */
    @Test
    void calibrationFitOfOverconfidentPredictions() {
        int n = 41;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i - 20;
            p[i] = 1 / (1 + Math.exp(-x[i]));
            y[i] = i % 3 == 0 || x[i] > 5;
        }
        Calibration.Fit fit = Calibration.logisticFit(p, y);
        double s0 = 0;
        double s1 = 0;
        for (int i = 0; i < n; i++) {
            double mu = 1 / (1 + Math.exp(-(fit.intercept() + fit.slope() * x[i])));
            s0 += (y[i] ? 1 : 0) - mu;
            s1 += ((y[i] ? 1 : 0) - mu) * x[i];
        }
        assertEquals(0.0, s0, 1e-6);
        assertEquals(0.0, s1, 1e-6);
        assertTrue(fit.slope() > 0 && fit.slope() < 1, "slope " + fit.slope());
    }

    /**
     * EC57 classification matrix at 1000 Hz (150-sample window). Reference N@100, V@400, N@700,
     * S@1000; test N@105, N@398, V@900, S@1003. Pairs: 100-105 (N,N), 400-398 (V,N), 1000-1003
     * (S,S); reference 700 has no test beat within 150 (N,O); test 900 has no reference (O,V).
     * N: TP 1, FN 1, FP 1 (the V called N), Se 1/2, +P 1/2, FPR 1/2 (2 non-N reference beats).
     * V: TP 0, FN 1, FP 1: Se 0, +P 0. S: Se 1, +P 1.
     */
    @Test
    void ec57ClassificationMatrix() {
        Ec57ClassComparison r = ClassifierComparator.compare("x", new long[] {100, 400, 700, 1000},
                new int[] {0, 2, 0, 1}, new long[] {105, 398, 900, 1003}, new int[] {0, 0, 2, 1}, 1000,
                BeatMatchConfig.ec57().withSkipSeconds(0));
        assertEquals(1, r.count(0, 0));
        assertEquals(1, r.count(2, 0));
        assertEquals(1, r.count(0, Ec57ClassComparison.NONE));
        assertEquals(1, r.count(Ec57ClassComparison.NONE, 2));
        assertEquals(1, r.count(1, 1));
        assertEquals(0.5, r.sensitivity(0));
        assertEquals(0.5, r.positivePredictivity(0));
        assertEquals(0.5, r.falsePositiveRate(0));
        assertEquals(0.0, r.sensitivity(2));
        assertEquals(0.0, r.positivePredictivity(2));
        assertEquals(1.0, r.sensitivity(1));
        Ec57ClassSummary s = ClassifierComparator.summarize(List.of(r, r));
        assertEquals(2, s.gross().count(0, 0));
        assertEquals(0.5, s.averageSensitivity(0));
        assertTrue(Double.isNaN(s.averageSensitivity(3)), "no F beat anywhere");
    }
}

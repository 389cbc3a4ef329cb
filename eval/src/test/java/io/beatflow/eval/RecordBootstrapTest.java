package io.beatflow.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.eval.internal.RankingStatistic;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordBootstrapTest {

    private static double[] scores(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.round(r.nextDouble() * 50) / 50.0; // many ties
        }
        return s;
    }

    /**
     * The weighted pass must equal the plain metrics on the data physically resampled: record
     * weights (2, 0, 1, 3) are the same as a data set holding record 0 twice, record 2 once and
     * record 3 three times. The plain metrics are checked against scikit-learn elsewhere.
     */
    @Test
    void weightedPassEqualsMetricsOnTheReplicatedData() {
        int n = 400;
        double[] s = scores(n, 1);
        boolean[] y = new boolean[n];
        int[] rec = new int[n];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.3 + 0.4 * s[i];
            rec[i] = i % 4;
        }
        double[] w = {2, 0, 1, 3};
        List<Double> rs = new ArrayList<>();
        List<Boolean> ry = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w[rec[i]]; k++) {
                rs.add(s[i]);
                ry.add(y[i]);
            }
        }
        double[] s2 = rs.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] y2 = new boolean[ry.size()];
        for (int i = 0; i < y2.length; i++) {
            y2[i] = ry.get(i);
        }
        int grid = 11;
        RankingStatistic st = new RankingStatistic(s, y, rec, 4, grid);
        double[] out = new double[st.dimension()];
        st.evaluate(w, out);
        assertEquals(RankingMetrics.auroc(s2, y2), out[0], 1e-12);
        assertEquals(RankingMetrics.averagePrecision(s2, y2), out[1], 1e-12);
        // ROC grid: linear interpolation of the ROC curve, taking the top of vertical steps.
        RocCurve roc = RocCurve.of(s2, y2);
        double[] fx = roc.falsePositiveRates();
        double[] ty = roc.truePositiveRates();
        for (int g = 0; g < grid; g++) {
            double x = g / 10.0;
            double best = 0;
            for (int i = 1; i < fx.length; i++) {
                if (fx[i - 1] <= x && x <= fx[i]) {
                    double v = fx[i] == fx[i - 1] ? ty[i] : ty[i - 1] + (ty[i] - ty[i - 1]) * (x - fx[i - 1]) / (fx[i] - fx[i - 1]);
                    best = Math.max(best, v);
                }
            }
            assertEquals(best, out[2 + g], 1e-12, "tpr at fpr " + x);
        }
        // PR grid: max precision over curve points with recall >= r (small tolerance at grid edges).
        PrCurve pr = PrCurve.of(s2, y2);
        double[] rc = pr.recalls();
        double[] pc = pr.precisions();
        for (int g = 0; g < grid; g++) {
            double x = g / 10.0;
            double best = 0;
            for (int i = 1; i < rc.length; i++) {
                if (rc[i] >= x - 1e-12) {
                    best = Math.max(best, pc[i]);
                }
            }
            assertEquals(best, out[2 + grid + g], 1e-12, "precision at recall " + x);
        }
    }

    /** Replicate b draws from its own seeded generator, so 1 and 2 threads give identical results. */
    @Test
    void resultsDoNotDependOnThreadCount() {
        Predictions p = BootstrapBenchmark.synthetic(3000, 10, 9);
        int[] labels = p.labels();
        RankingStatistic st = new RankingStatistic(p.probabilities(2), RankingMetrics.oneVsRest(labels, 2),
                p.recordIndex(), 10, 5);
        BootstrapConfig one = BootstrapConfig.defaults().withReplicates(300).withThreads(1);
        BootstrapResult a = RecordBootstrap.run(10, List.of(st), one).get(0);
        BootstrapResult b = RecordBootstrap.run(10, List.of(st), one.withThreads(2)).get(0);
        assertArrayEquals(a.replicates(0), b.replicates(0));
        assertEquals(a.interval(0), b.interval(0));
        BootstrapResult c = RecordBootstrap.run(10, List.of(st), one.withSeed(5)).get(0);
        assertNotEquals(a.interval(0), c.interval(0), "another seed gives other replicates");
    }

    /**
     * The macro F1 keeps the estimate's classes in every replicate. Ten records of 10 N beats, all
     * called N, except that record 9's last beat is a V called N: N F1 = 2*99/(2*99 + 1) = 198/199, V
     * F1 = 0, so the macro F1 is 99/199. A replicate that draws record 9 has V F1 0 and a macro F1 of
     * at most 1/2; one that misses it has no V beat, so no macro F1 (it would be 1 if V were dropped
     * from the mean, and the interval would reach 1).
     */
    @Test
    void macroF1ReplicatesAverageTheEstimatesClasses() {
        int[] actual = new int[100];
        int[] predicted = new int[100];
        int[] record = new int[100];
        for (int i = 0; i < 100; i++) {
            record[i] = i / 10;
        }
        actual[99] = 2;
        io.beatflow.eval.internal.ConfusionStatistic st = new io.beatflow.eval.internal.ConfusionStatistic(actual,
                predicted, record, 10, 3);
        BootstrapResult r = RecordBootstrap.run(10, List.of(st), BootstrapConfig.defaults().withReplicates(400)).get(0);
        int macro = 4 * 3 + 1;
        assertEquals(99.0 / 199, r.estimate(macro), 1e-12);
        assertTrue(r.undefinedReplicates(macro) > 0, "replicates without record 9");
        for (double v : r.replicates(macro)) {
            assertTrue(Double.isNaN(v) || v <= 0.5, "replicate macro F1 " + v);
        }
    }

    /** Each replicate draws exactly R records. */
    @Test
    void replicatesDrawRecordCountRecords() {
        double[] w = new double[44];
        for (int rep = 0; rep < 50; rep++) {
            RecordBootstrap.draw(7, rep, w);
            double sum = 0;
            for (double v : w) {
                sum += v;
                assertEquals(Math.rint(v), v);
            }
            assertEquals(44.0, sum);
        }
    }

    /**
     * With no bias (half the replicates below the estimate) and no acceleration (symmetric
     * jackknife), BCa levels are the percentile levels alpha/2 and 1 - alpha/2.
     */
    @Test
    void bcaReducesToPercentileWithoutBiasOrAcceleration() {
        double[] sorted = {1, 2, 3, 4, 6, 7, 8, 9};
        double[] levels = RecordBootstrap.bcaLevels(sorted, 5, new double[] {4, 5, 6}, 0.05);
        assertEquals(0.025, levels[0], 1e-12);
        assertEquals(0.975, levels[1], 1e-12);
        // Type-7 quantile: h = 7 x 0.5 = 3.5 -> between 4 and 6.
        assertEquals(5.0, RecordBootstrap.quantile(sorted, 0.5), 1e-15);
    }

    /**
     * Coverage sanity for a statistic with a known answer: the mean of record means, 30 records
     * whose values are iid N(0, 1). The 95 % percentile interval must cover 0 in most of 40
     * independent data sets (expected ~38; a broken interval gives far fewer).
     */
    @Test
    void percentileIntervalCoversTheTrueMean() {
        int covered = 0;
        for (int trial = 0; trial < 40; trial++) {
            SplittableRandom r = new SplittableRandom(100 + trial);
            double[] v = new double[30];
            for (int i = 0; i < 30; i++) {
                v[i] = r.nextGaussian();
            }
            RecordStatistic mean = new RecordStatistic() {
                @Override
                public int dimension() {
                    return 1;
                }

                @Override
                public void evaluate(double[] w, double[] out) {
                    double s = 0;
                    double n = 0;
                    for (int i = 0; i < w.length; i++) {
                        s += w[i] * v[i];
                        n += w[i];
                    }
                    out[0] = s / n;
                }
            };
            ConfidenceInterval ci = RecordBootstrap.run(30, List.of(mean),
                    BootstrapConfig.defaults().withReplicates(400).withThreads(1)).get(0)
                    .interval(0, BootstrapConfig.Method.PERCENTILE);
            if (ci.lower() <= 0 && 0 <= ci.upper()) {
                covered++;
            }
        }
        assertTrue(covered >= 33, "covered " + covered + " of 40");
    }
}

package io.beatflow.eval;

import io.beatflow.eval.internal.ConfusionStatistic;
import io.beatflow.eval.internal.RankingStatistic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the record bootstrap on synthetic predictions: by default 50,000 beats in 44 records,
 * 5 classes, 2000 replicates, 2 threads - every statistic the evaluator bootstraps (per class
 * AUROC, average precision, ROC and PR bands on a 101-point grid; confusion-matrix figures).
 *
 * <p>Run: {@code java -cp eval/target/classes:$(commons-math3 jar) io.beatflow.eval.BootstrapBenchmark
 * [beats records replicates threads runs]}, or {@code beatflow bench bootstrap}.
 */
public final class BootstrapBenchmark {
    private BootstrapBenchmark() {
    }

    /**
     * Timings of several runs.
     *
     * @param millis wall time of each run in milliseconds (bootstrap only: precomputation included,
     *     point estimates excluded)
     * @param medianMillis the median
     */
    public record Result(double[] millis, double medianMillis) {
        /** Copies the timings. */
        public Result {
            millis = millis.clone();
        }

        @Override
        public double[] millis() {
            return millis.clone();
        }
    }

    /** Synthetic predictions: class frequencies like MIT-BIH (N 89 %, S 3 %, V 7 %, F 0.8 %, Q 0.2 %). */
    public static Predictions synthetic(int beats, int records, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] freq = {0.89, 0.03, 0.07, 0.008, 0.002};
        String[] rec = new String[beats];
        long[] samples = new long[beats];
        int[] labels = new int[beats];
        double[][] p = new double[beats][5];
        for (int i = 0; i < beats; i++) {
            int r = (int) ((long) i * records / beats);
            rec[i] = Integer.toString(100 + r);
            samples[i] = 300L * i;
            double u = rng.nextDouble();
            int c = 0;
            double acc = freq[0];
            while (u > acc && c < 4) {
                c++;
                acc += freq[c];
            }
            labels[i] = c;
            double sum = 0;
            for (int j = 0; j < 5; j++) {
                double logit = rng.nextGaussian() + (j == c ? 2.0 : 0.0) + (j == 0 ? 1.0 : 0.0);
                p[i][j] = Math.exp(logit);
                sum += p[i][j];
            }
            for (int j = 0; j < 5; j++) {
                p[i][j] /= sum;
            }
        }
        return new Predictions("synthetic", Predictions.AAMI_CLASSES, rec, samples, labels, p);
    }

    /** Runs the timing. */
    public static Result run(int beats, int records, int replicates, int threads, int runs) {
        Predictions p = synthetic(beats, records, 7);
        BootstrapConfig cfg = BootstrapConfig.defaults().withReplicates(replicates).withThreads(threads);
        double[] ms = new double[runs];
        for (int run = -1; run < runs; run++) {
            long t0 = System.nanoTime();
            int[] labels = p.labels();
            int[] predicted = p.predictedClasses();
            int[] ri = p.recordIndex();
            int rc = p.recordNames().size();
            List<RecordStatistic> stats = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                stats.add(new RankingStatistic(p.probabilities(c), RankingMetrics.oneVsRest(labels, c), ri, rc, 101));
            }
            stats.add(new ConfusionStatistic(labels, predicted, ri, rc, 5));
            List<BootstrapResult> res = RecordBootstrap.run(rc, stats, cfg);
            for (BootstrapResult r : res) {
                r.interval(0);
            }
            double elapsed = (System.nanoTime() - t0) / 1e6;
            if (run >= 0) {
                ms[run] = elapsed; // run -1 warms the JIT and is not counted
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
        return new Result(ms, median);
    }

    /** Prints the timing: args [beats records replicates threads runs], default 50000 44 2000 2 5. */
    public static void main(String[] args) {
        int beats = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 44;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        Result r = run(beats, records, reps, threads, runs);
        StringBuilder each = new StringBuilder();
        for (double m : r.millis()) {
            each.append(String.format(Locale.ROOT, " %.0f", m));
        }
        System.out.printf(Locale.ROOT, "record bootstrap: %d beats, %d records, 5 classes, %d replicates, %d threads:"
                + " median %.0f ms over %d runs (runs:%s ms)%n", beats, records, reps, threads, r.medianMillis(),
                runs, each);
    }
}

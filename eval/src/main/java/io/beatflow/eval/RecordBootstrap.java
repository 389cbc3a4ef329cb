package io.beatflow.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The bootstrap that resamples records (patients), not beats: beats of one record are
 * correlated, so resampling beats understates the variance (the cluster bootstrap, Davison and
 * Hinkley, Bootstrap Methods and their Application, 1997, section 3.8). A replicate draws
 * {@code R} records with replacement out of the {@code R} records and evaluates each statistic
 * with every record weighted by its multiplicity.
 *
 * <p>Deterministic: replicate b draws from its own generator seeded by (seed, b), so the
 * replicates do not depend on the number of threads; threads take replicates in interleaved
 * order and write to fixed slots.
 */
public final class RecordBootstrap {
    private RecordBootstrap() {
    }

    /**
     * Runs the bootstrap for several statistics on the same resamples (so that their replicates
     * are paired, e.g. for differences between models).
     *
     * @param recordCount number of records R, at least 2
     * @param statistics statistics to evaluate
     * @param cfg replicates, seed, level, method, threads
     * @return one result per statistic, in order
     */
    public static List<BootstrapResult> run(int recordCount, List<? extends RecordStatistic> statistics,
            BootstrapConfig cfg) {
        Objects.requireNonNull(cfg, "cfg");
        if (recordCount < 2) {
            throw new IllegalArgumentException("the record bootstrap needs at least 2 records, got " + recordCount);
        }
        int s = statistics.size();
        int b = cfg.replicates();
        double[][][] reps = new double[s][][];
        double[][] est = new double[s][];
        double[][][] jack = new double[s][][];
        double[] ones = new double[recordCount];
        java.util.Arrays.fill(ones, 1.0);
        for (int k = 0; k < s; k++) {
            RecordStatistic st = statistics.get(k);
            int dim = st.dimension();
            reps[k] = new double[dim][b];
            est[k] = new double[dim];
            st.evaluate(ones, est[k]);
            jack[k] = new double[dim][recordCount];
            double[] w = ones.clone();
            double[] out = new double[dim];
            for (int r = 0; r < recordCount; r++) {
                w[r] = 0;
                st.evaluate(w, out);
                for (int d = 0; d < dim; d++) {
                    jack[k][d][r] = out[d];
                }
                w[r] = 1;
            }
        }
        int threads = Math.min(cfg.threads(), b);
        List<Thread> workers = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[1];
        for (int t = 0; t < threads; t++) {
            final int first = t;
            Runnable work = () -> {
                double[] w = new double[recordCount];
                double[][] out = new double[s][];
                for (int k = 0; k < s; k++) {
                    out[k] = new double[statistics.get(k).dimension()];
                }
                for (int rep = first; rep < b; rep += threads) {
                    draw(cfg.seed(), rep, w);
                    for (int k = 0; k < s; k++) {
                        statistics.get(k).evaluate(w, out[k]);
                        for (int d = 0; d < out[k].length; d++) {
                            reps[k][d][rep] = out[k][d];
                        }
                    }
                }
            };
            if (threads == 1) {
                work.run();
            } else {
                Thread th = new Thread(work, "record-bootstrap-" + t);
                th.setUncaughtExceptionHandler((x, e) -> {
                    synchronized (failure) {
                        failure[0] = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                    }
                });
                workers.add(th);
                th.start();
            }
        }
        for (Thread th : workers) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("bootstrap interrupted", e);
            }
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        List<BootstrapResult> results = new ArrayList<>();
        for (int k = 0; k < s; k++) {
            results.add(new BootstrapResult(est[k], reps[k], jack[k], cfg));
        }
        return results;
    }

    /** Fills w with the multiplicities of replicate rep: R draws with replacement. */
    static void draw(long seed, int rep, double[] w) {
        java.util.Arrays.fill(w, 0.0);
        SplittableRandom rng = new SplittableRandom(mix(seed, rep));
        int r = w.length;
        for (int i = 0; i < r; i++) {
            w[rng.nextInt(r)] += 1.0;
        }
    }

    private static long mix(long seed, int rep) {
        long z = seed + 0x9E3779B97F4A7C15L * (rep + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double[] defined(double[] v) {
        int n = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                n++;
            }
        }
        double[] out = new double[n];
        int k = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                out[k++] = d;
            }
        }
        return out;
    }

    /** Quantile of sorted values, linear interpolation between order statistics (type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * BCa levels (Efron 1987; Efron and Tibshirani 1993, eq. 14.9-14.15): z0 = Phi^-1 of the
     * share of replicates below the estimate (ties count half), acceleration a from the jackknife
     * values, levels Phi(z0 + (z0 + z_q) / (1 - a (z0 + z_q))) for q = alpha/2 and 1 - alpha/2.
     * Null when z0 is infinite.
     */
    static double[] bcaLevels(double[] sortedReplicates, double estimate, double[] jackknife, double alpha) {
        double below = 0;
        for (double v : sortedReplicates) {
            if (v < estimate) {
                below += 1;
            } else if (v == estimate) {
                below += 0.5;
            }
        }
        double share = below / sortedReplicates.length;
        if (share <= 0 || share >= 1) {
            return null;
        }
        double z0 = DeLong.phiInverse(share);
        double a = 0;
        if (jackknife.length >= 2) {
            double mean = 0;
            for (double j : jackknife) {
                mean += j;
            }
            mean /= jackknife.length;
            double num = 0;
            double den = 0;
            for (double j : jackknife) {
                double d = mean - j;
                num += d * d * d;
                den += d * d;
            }
            if (den > 0) {
                a = num / (6 * Math.pow(den, 1.5));
            }
        }
        double zl = DeLong.phiInverse(alpha / 2);
        double zu = DeLong.phiInverse(1 - alpha / 2);
        double l = DeLong.phi(z0 + (z0 + zl) / (1 - a * (z0 + zl)));
        double u = DeLong.phi(z0 + (z0 + zu) / (1 - a * (z0 + zu)));
        if (!(l <= u)) {
            return null;
        }
        return new double[] {l, u};
    }
}

package io.beatflow.eval;

import java.util.Objects;

/**
 * Options of the record (patient) bootstrap.
 *
 * @param replicates number of bootstrap replicates, at least 100
 * @param seed seed of the resampling; the same seed gives the same intervals whatever the thread
 *     count
 * @param confidenceLevel two-sided confidence level in (0, 1)
 * @param method how an interval is read from the replicates
 * @param threads worker threads, at least 1
 */
public record BootstrapConfig(int replicates, long seed, double confidenceLevel, Method method, int threads) {

    /** Interval methods (Efron and Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13-14). */
    public enum Method {
        /** The alpha/2 and 1 - alpha/2 quantiles of the replicates. */
        PERCENTILE,
        /** Bias-corrected and accelerated; acceleration from the leave-one-record-out jackknife. */
        BCA
    }

    /** Default replicates: 2000. */
    public static final int DEFAULT_REPLICATES = 2000;
    /** Default seed. */
    public static final long DEFAULT_SEED = 1988L;

    /** Validates the options. */
    public BootstrapConfig {
        Objects.requireNonNull(method, "method");
        if (replicates < 100) {
            throw new IllegalArgumentException("replicates must be >= 100, got " + replicates);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1), got " + confidenceLevel);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** 2000 replicates, seed 1988, 95 %, BCa, 2 threads. */
    public static BootstrapConfig defaults() {
        return new BootstrapConfig(DEFAULT_REPLICATES, DEFAULT_SEED, 0.95, Method.BCA, 2);
    }

    /** A copy with another replicate count. */
    public BootstrapConfig withReplicates(int n) {
        return new BootstrapConfig(n, seed, confidenceLevel, method, threads);
    }

    /** A copy with another seed. */
    public BootstrapConfig withSeed(long s) {
        return new BootstrapConfig(replicates, s, confidenceLevel, method, threads);
    }

    /** A copy with another interval method. */
    public BootstrapConfig withMethod(Method m) {
        return new BootstrapConfig(replicates, seed, confidenceLevel, m, threads);
    }

    /** A copy with another thread count. */
    public BootstrapConfig withThreads(int t) {
        return new BootstrapConfig(replicates, seed, confidenceLevel, method, t);
    }
}

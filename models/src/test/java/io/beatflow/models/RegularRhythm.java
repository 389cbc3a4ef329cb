package io.beatflow.models;

import io.beatflow.datasets.BeatDataset;
import java.util.List;
import java.util.Random;

/**
 * A beat dataset in which runs of premature timing can be made: record "r", a regular rhythm of N
 * beats, and record "d", S beats whose prematurity the runs take.
 *
 * <p>Record "r": {@code n} N beats whose intervals are 0.8 s times {@code exp(0.01 z)}, z
 * standard normal, so every beat's previous and next intervals lie well within 10% of its local
 * mean (a regular rhythm). Its RR features are made as ingest makes them: the first beat has no
 * previous interval and no local mean, the last no next interval, and the local mean is the mean
 * of the last up to {@value #LOCAL} intervals up to and including the previous one.
 *
 * <p>Record "d": {@value #DONOR_BEATS} S beats whose previous interval is {@link #DONORS} (0.6 or
 * 0.85, alternately) times a local mean of 0.8 s, then two S beats only 5% early, too little to
 * lend; next interval 1.04 s. Its beats are no N beats, so no run is made in it.
 */
final class RegularRhythm {
    /** Intervals in the local mean. */
    static final int LOCAL = 10;
    /** S beats at least 10% early in record "d". */
    static final int DONOR_BEATS = 20;
    /** The prematurities the donors lend, as previous / local. */
    static final double[] DONORS = {0.6, 0.85};

    private RegularRhythm() {
    }

    /** The two records; {@code samples}-sample windows, window shapes with noise of seed {@code seed}. */
    static BeatDataset make(int n, int samples, long seed) {
        Random rnd = new Random(seed);
        int m = n + DONOR_BEATS + 2;
        float[] w = new float[m * samples];
        int[] labels = new int[m];
        float[] rr = new float[m * 3];
        int[] record = new int[m];
        long[] at = new long[m];
        double[] iv = intervals(n, seed);
        double t = 1;
        for (int k = 0; k < n; k++) {
            t += k == 0 ? 0 : iv[k];
            at[k] = Math.round(t * 360);
            rr[3 * k] = (float) iv[k];
            rr[3 * k + 1] = k + 1 < n ? (float) iv[k + 1] : Float.NaN;
            rr[3 * k + 2] = (float) local(iv, k);
        }
        for (int j = 0; j < DONOR_BEATS + 2; j++) {
            int k = n + j;
            labels[k] = 1;
            record[k] = 1;
            at[k] = 1000L + 400L * j;
            double ratio = j < DONOR_BEATS ? DONORS[j % 2] : 0.95;
            rr[3 * k] = (float) (0.8 * ratio);
            rr[3 * k + 1] = 1.04f;
            rr[3 * k + 2] = 0.8f;
        }
        int peak = samples / 3;
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < samples; j++) {
                double u = (j - peak) / (samples / 40.0);
                w[k * samples + j] = (float) (Math.exp(-0.5 * u * u) + 0.1 * rnd.nextGaussian() + 0.3);
            }
        }
        return new BeatDataset(List.of("r", "d"), samples, 360.0, w, labels, new byte[m], rr, record, at);
    }

    /** Record "r"'s intervals: entry k ends at beat k (NaN for the first beat), seconds, as stored (floats). */
    static double[] intervals(int n, long seed) {
        Random rnd = new Random(seed + 1);
        double[] iv = new double[n];
        iv[0] = Double.NaN;
        for (int k = 1; k < n; k++) {
            iv[k] = (float) (0.8 * Math.exp(0.01 * rnd.nextGaussian()));
        }
        return iv;
    }

    /** The mean of the last up to {@value #LOCAL} known intervals up to and including {@code iv[k]}, NaN if none. */
    static double local(double[] iv, int k) {
        double sum = 0;
        int count = 0;
        for (int j = Math.max(0, k - LOCAL + 1); j <= k; j++) {
            if (!Double.isNaN(iv[j])) {
                sum += iv[j];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}

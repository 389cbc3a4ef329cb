package io.beatflow.ingest;

import java.util.Random;

/**
 * A synthetic ECG for detector tests: each beat a sum of Gaussian waves (P, Q, R, S, T) at known
 * R-peak times, plus baseline wander and a little white noise. The R peaks are where the tests
 * expect beats; they are placed here, not found by any detector.
 */
final class SyntheticEcg {
    final float[] samples;
    final long[] rPeaks;

    private SyntheticEcg(float[] samples, long[] rPeaks) {
        this.samples = samples;
        this.rPeaks = rPeaks;
    }

    /**
     * @param rateHz sample rate
     * @param seconds duration
     * @param bpm mean heart rate; RR intervals vary by +-8% at random
     * @param seed random seed
     */
    static SyntheticEcg generate(double rateHz, double seconds, double bpm, long seed) {
        Random rnd = new Random(seed);
        int n = (int) Math.round(rateHz * seconds);
        double[] x = new double[n];
        long[] peaks = new long[(int) (seconds * bpm / 60 * 1.2) + 2];
        int count = 0;
        double rr = 60.0 / bpm;
        for (double t = 0.6; t < seconds - 0.4; t += rr * (0.92 + 0.16 * rnd.nextDouble())) {
            long at = Math.round(t * rateHz);
            peaks[count++] = at;
            wave(x, rateHz, t - 0.20, 0.15, 0.025);
            wave(x, rateHz, t - 0.03, -0.10, 0.008);
            wave(x, rateHz, t, 1.00, 0.010);
            wave(x, rateHz, t + 0.03, -0.25, 0.008);
            wave(x, rateHz, t + 0.25, 0.30, 0.040);
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / rateHz;
            out[i] = (float) (x[i] + 0.3 * Math.sin(2 * Math.PI * 0.3 * t) + 0.01 * rnd.nextGaussian());
        }
        return new SyntheticEcg(out, java.util.Arrays.copyOf(peaks, count));
    }

    private static void wave(double[] x, double rateHz, double centre, double amp, double sigma) {
        int from = Math.max(0, (int) ((centre - 5 * sigma) * rateHz));
        int to = Math.min(x.length - 1, (int) ((centre + 5 * sigma) * rateHz));
        for (int i = from; i <= to; i++) {
            double d = (i / rateHz - centre) / sigma;
            x[i] += amp * Math.exp(-0.5 * d * d);
        }
    }

    /** Number of detections within {@code toleranceSeconds} of a distinct reference peak. */
    static int matched(long[] reference, long[] detected, double rateHz, double toleranceSeconds) {
        long tol = Math.round(toleranceSeconds * rateHz);
        int hits = 0;
        int j = 0;
        for (long r : reference) {
            while (j < detected.length && detected[j] < r - tol) {
                j++;
            }
            if (j < detected.length && Math.abs(detected[j] - r) <= tol) {
                hits++;
                j++;
            }
        }
        return hits;
    }
}

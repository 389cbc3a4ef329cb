package io.beatflow.ingest.dsp;

import java.util.Random;

/** Synthetic test signals and a lock-in amplitude measurement. */
final class Sines {
    private Sines() {
    }

    /** {@code amplitude * sin(2 pi f i / fs + phase)}, {@code n} samples. */
    static float[] sine(double f, double fs, int n, double amplitude, double phase) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * f * i / fs + phase));
        }
        return x;
    }

    /**
     * Amplitude of the component at {@code f} in {@code y[from, from + len)}, by correlation with a
     * sine and a cosine (exact for a pure sine when {@code len} spans whole periods).
     */
    static double amplitude(float[] y, int from, int len, double f, double fs) {
        double s = 0;
        double c = 0;
        for (int i = from; i < from + len; i++) {
            double w = 2 * Math.PI * f * i / fs;
            s += y[i] * Math.sin(w);
            c += y[i] * Math.cos(w);
        }
        return 2 * Math.hypot(s, c) / len;
    }

    /** Gain in dB of a filter's steady-state response, from input and output amplitude. */
    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** Random chunk sizes (0 included) covering {@code n}. */
    static int[] chunks(Random rnd, int n, int max) {
        java.util.List<Integer> sizes = new java.util.ArrayList<>();
        int left = n;
        while (left > 0) {
            int s = Math.min(left, rnd.nextInt(max + 1));
            sizes.add(s);
            left -= s;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** White noise, deterministic. */
    static float[] noise(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}

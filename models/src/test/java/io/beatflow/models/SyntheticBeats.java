package io.beatflow.models;

import io.beatflow.datasets.BeatDataset;
import java.util.List;
import java.util.Random;

/**
 * Small labelled beat datasets for tests: three classes with clearly different shapes and RR
 * patterns (class 0: narrow peak, regular rhythm; class 1: narrow peak, premature; class 2: wide
 * inverted complex, premature with a long pause), plus Gaussian noise.
 */
final class SyntheticBeats {
    private SyntheticBeats() {
    }

    static BeatDataset make(int n, int samples, long seed, String record) {
        return make(n, samples, 360.0, seed, record);
    }

    /** {@link #make(int, int, long, String)} with windows said to be at {@code sampleRateHz}. */
    static BeatDataset make(int n, int samples, double sampleRateHz, long seed, String record) {
        Random rnd = new Random(seed);
        float[] w = new float[n * samples];
        int[] labels = new int[n];
        float[] rr = new float[n * 3];
        int peak = samples / 3;
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            double width = c == 2 ? samples / 10.0 : samples / 40.0;
            double amp = c == 2 ? -1.5 : 1.0;
            double shift = rnd.nextGaussian() * 1.5;
            for (int j = 0; j < samples; j++) {
                double t = (j - peak - shift) / width;
                w[i * samples + j] = (float) (amp * Math.exp(-0.5 * t * t) + 0.1 * rnd.nextGaussian() + 0.3);
            }
            double local = 0.8 + 0.05 * rnd.nextGaussian();
            rr[i * 3] = (float) (c == 0 ? local : 0.6 * local);
            rr[i * 3 + 1] = (float) (c == 2 ? 1.4 * local : local);
            rr[i * 3 + 2] = (float) local;
        }
        byte[] origins = new byte[n];
        int[] recordIndex = new int[n];
        long[] samplesAt = new long[n];
        for (int i = 0; i < n; i++) {
            samplesAt[i] = 1000L + 300L * i;
        }
        return new BeatDataset(List.of(record), samples, sampleRateHz, w, labels, origins, rr, recordIndex, samplesAt);
    }

    static BeatDataset empty(int samples) {
        return new BeatDataset(List.of(), samples, 360.0, new float[0], new int[0], new byte[0], new float[0],
                new int[0], new long[0]);
    }

    /** A 64-sample input with RR features. */
    static InputSpec input() {
        return new InputSpec("MLII", 64, 360.0, 21, true);
    }

    /** {@link #input()} with a patient context: an 8-beat median beat and a 16-interval mean RR. */
    static InputSpec contextInput() {
        return new InputSpec("MLII", 64, 360.0, 21, true, 8, 16);
    }

    /** The context input without the raw-window channel (the relative input of the class experts). */
    static InputSpec relativeInput() {
        InputSpec c = contextInput();
        return new InputSpec(c.lead(), c.windowSamples(), c.sampleRateHz(), c.rPeakIndex(), c.useRr(), c.templateBeats(),
                c.longTermRrBeats(), c.irregularityBeats(), false);
    }

    static HeadConfig head() {
        return new HeadConfig(16, 0.0, HeadConfig.AAMI);
    }

    static ModelConfig small(Architecture a) {
        return small(a, input());
    }

    static ModelConfig small(Architecture a, InputSpec in) {
        return switch (a) {
            case CNN -> new CnnConfig(in, 8, List.of(8, 16), 5, head());
            case BILSTM -> new BiLstmConfig(in, 8, 4, 8, head());
            case ATTENTION -> new AttentionConfig(in, 8, 2, 0, 2, 8, head());
            case TRANSFORMER -> new TransformerConfig(in, 8, 16, 2, 1, 32, head());
        };
    }

    static TrainingConfig training(int epochs) {
        return new TrainingConfig(epochs, 32, 3e-3, 1.0, 0, 1.0, TrainingConfig.ClassWeighting.NONE, 20, 7, 100, 0, 0, 0,
                0, 0, 0, 0, 0, false, 0, List.of());
    }
}

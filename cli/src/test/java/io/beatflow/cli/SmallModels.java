package io.beatflow.cli;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.models.CnnConfig;
import io.beatflow.models.HeadConfig;
import io.beatflow.models.InputSpec;
import io.beatflow.models.TrainingConfig;
import java.util.List;
import java.util.Random;

/** What the command tests train their small, barely trained models on and with. */
final class SmallModels {
    private SmallModels() {
    }

    /** 32 windows of 256 samples of seeded Gaussian noise, labelled N, S, V in turn, RR 0.8 s. */
    static BeatDataset noiseBeats() {
        int n = 32;
        int l = 256;
        Random rnd = new Random(1);
        float[] w = new float[n * l];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        float[] rr = new float[n * 3];
        java.util.Arrays.fill(rr, 0.8f);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return new BeatDataset(List.of("x"), l, 360, w, labels, new byte[n], rr, new int[n], new long[n]);
    }

    /** No beats (no validation split). */
    static BeatDataset noBeats() {
        return new BeatDataset(List.of(), 256, 360, new float[0], new int[0], new byte[0], new float[0], new int[0],
                new long[0]);
    }

    /** One epoch of 16-beat batches, seed 1, no class weighting. */
    static TrainingConfig oneEpoch() {
        return new TrainingConfig(1, 16, 1e-3, 1, 0, 0, TrainingConfig.ClassWeighting.NONE, 20, 1, 1, 0, 0, 0, 0, 0, 0,
                0, 0, false, 0, List.of());
    }

    /** A CNN of 4 filters, one stage, kernel 3, a 4-unit head over the AAMI classes. */
    static CnnConfig tinyCnn(InputSpec input) {
        return new CnnConfig(input, 4, List.of(4), 3, new HeadConfig(4, 0, HeadConfig.AAMI));
    }
}

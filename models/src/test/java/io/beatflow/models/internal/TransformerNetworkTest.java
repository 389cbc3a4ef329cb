package io.beatflow.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.models.HeadConfig;
import io.beatflow.models.InputSpec;
import io.beatflow.models.TransformerConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.FixedSchedule;

/**
 * The transformer's own training step: gradients clipped element-wise before Adam, and the head's
 * dropout in the loss only.
 */
class TransformerNetworkTest {
    private static final InputSpec INPUT = new InputSpec("MLII", 64, 360.0, 21, true);
    private static final int N = 16;

    private static TransformerNetwork network(double clip, double dropout, double lr) {
        TransformerConfig c = new TransformerConfig(INPUT, 8, 16, 2, 1, 32,
                new HeadConfig(16, dropout, HeadConfig.AAMI, true));
        return TransformerNetwork.create(c, new TransformerNetwork.Training(7, new FixedSchedule(lr), 0, clip, dropout),
                null);
    }

    private static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static final float[] SIGNAL = gaussian(N * 64, 1);
    private static final float[] RR = gaussian(N * InputSpec.RR_INPUTS, 2);
    private static final int[] LABELS = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 0, 0, 1, 2, 2};

    /** Largest change of any trainable value over one step. */
    private static double largestStep(TransformerNetwork net) {
        float[] before = net.parameterValues();
        net.fit(SIGNAL, RR, LABELS, N);
        float[] after = net.parameterValues();
        double largest = 0;
        for (int i = 0; i < before.length; i++) {
            largest = Math.max(largest, Math.abs(after[i] - before[i]));
        }
        return largest;
    }

    @Test
    void clippingBoundsTheGradientsThatAdamSees() {
        // ND4J's Adam (Kingma and Ba 2015, the form at the end of section 2: eps added to the
        // uncorrected sqrt(v)) moves a value on its first step by
        // lr * sqrt(1 - b2) / (1 - b1) * m / (sqrt(v) + eps), with m = (1 - b1) g, v = (1 - b2) g^2:
        // lr * s |g| / (s |g| + eps), s = sqrt(1 - b2) = sqrt(0.001). That is about lr for any gradient
        // well above eps / s; a gradient clipped to c gives lr * s c / (s c + eps) at most.
        double lr = 1e-2;
        double s = Math.sqrt(1 - 0.999);
        double c = 1e-9;
        double free = largestStep(network(0, 0, lr));
        double clipped = largestStep(network(c, 0, lr));
        assertEquals(lr, free, lr * 0.01, "first Adam step without clipping");
        assertEquals(lr * s * c / (s * c + 1e-8), clipped, lr * 1e-4, "first Adam step with gradients clipped to " + c);
    }

    @Test
    void dropoutChangesTheTrainingLossButNotTheOutputs() {
        TransformerNetwork plain = network(1, 0, 1e-3);
        TransformerNetwork dropped = network(1, 0.5, 1e-3);
        float[][] a = plain.output(SIGNAL, RR, N);
        float[][] b = dropped.output(SIGNAL, RR, N);
        float[][] b2 = dropped.output(SIGNAL, RR, N);
        for (int i = 0; i < N; i++) {
            assertArrayEquals(a[i], b[i], 1e-6f, "same seed, same weights: inference ignores dropout, beat " + i);
            assertArrayEquals(b[i], b2[i], "inference is deterministic, beat " + i);
        }
        double lossPlain = plain.fit(SIGNAL, RR, LABELS, N);
        double lossDropped = dropped.fit(SIGNAL, RR, LABELS, N);
        assertTrue(Double.isFinite(lossDropped));
        assertNotEquals(lossPlain, lossDropped, 1e-4, "half the head's inputs dropped in the loss");
    }

    @Test
    void aCopyHasTheSameOutputs() {
        TransformerNetwork net = network(1, 0.3, 1e-3);
        net.fit(SIGNAL, RR, LABELS, N);
        float[][] a = net.output(SIGNAL, RR, N);
        float[][] b = net.copy().output(SIGNAL, RR, N);
        for (int i = 0; i < N; i++) {
            assertArrayEquals(a[i], b[i], "beat " + i);
        }
    }
}

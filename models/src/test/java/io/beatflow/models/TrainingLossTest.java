package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beatflow.models.internal.BeatNetwork;
import io.beatflow.models.internal.Networks;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The loss a training step reports is the batch's class-weighted cross-entropy before the step,
 * computed from the network's own probabilities, with no weight decay term in it. (DL4J's weighted
 * cross-entropy divides the weighted sum by the number of beats, the transformer's by the sum of
 * the beats' weights.)
 */
class TrainingLossTest {
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void theReportedLossIsTheCrossEntropyWithoutWeightDecay(Architecture a) {
        ModelConfig m = SyntheticBeats.small(a);
        InputSpec in = m.input();
        int n = 6;
        Random rnd = new Random(2);
        float[] x = new float[n * in.channels() * in.windowSamples()];
        float[] rr = new float[n * in.rrInputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < rr.length; i++) {
            rr[i] = (float) (0.2 * rnd.nextGaussian());
        }
        int[] labels = {0, 1, 2, 0, 1, 2};
        float[] weights = {1f, 2f, 3f, 1f, 1f};
        // a large weight decay, so that a decay term in the loss would show
        BeatNetwork net = Networks.create(m, 5, 1e-3, 1, 1, 0.5, 0, weights);
        float[][] p = net.output(x, rr, n);
        double sum = 0;
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            sum -= weights[labels[i]] * Math.log(p[i][labels[i]]);
            weightSum += weights[labels[i]];
        }
        double expected = a == Architecture.TRANSFORMER ? sum / weightSum : sum / n;
        assertEquals(expected, net.fit(x, rr, labels, n), 1e-4 * expected, a.id());
    }
}

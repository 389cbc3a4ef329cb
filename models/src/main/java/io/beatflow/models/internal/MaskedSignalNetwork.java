package io.beatflow.models.internal;

import io.beatflow.models.ModelConfig;
import io.beatflow.models.TransformerConfig;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * The network of masked-signal pretraining: an architecture's encoder with a reconstruction head
 * (for the DL4J architectures {@link GraphNetworks#createPretraining}, for the transformer
 * {@link TransformerNetwork#createPretraining}), behind plain float arrays. Not thread-safe.
 */
public interface MaskedSignalNetwork {
    /**
     * A new network for the encoder of {@code config}; the learning rate is multiplied by
     * {@code decay} after every {@code stepsPerEpoch} steps.
     */
    static MaskedSignalNetwork create(ModelConfig config, long seed, double learningRate, double decay,
            int stepsPerEpoch, double weightDecay, double gradientClip, int hiddenUnits) {
        Backend.requireUsableDevice();
        ISchedule lr = new StepSchedule(ScheduleType.ITERATION, learningRate, decay, Math.max(1, stepsPerEpoch));
        if (config instanceof TransformerConfig t) {
            return TransformerNetwork.createPretraining(t, new TransformerNetwork.Training(seed, lr, weightDecay,
                    gradientClip, 0), hiddenUnits);
        }
        ComputationGraph g = GraphNetworks.createPretraining(config,
                new GraphNetworks.Optimiser(seed, lr, weightDecay, gradientClip, null), hiddenUnits);
        return new GraphMaskedSignalNetwork(g, config.input().channels(), config.input().windowSamples());
    }

    /**
     * One optimiser step on {@code n} masked windows; returns the batch's loss before the step: the
     * squared error summed over the masked samples ({@code mask} 1) of each beat, divided by the
     * window's length, averaged over the beats.
     *
     * @param signal the masked inputs, {@code n * channels * windowSamples} values
     * @param target the first channel as it was before masking, {@code n * windowSamples}
     * @param mask 1 where a sample was masked (scored), else 0, {@code n * windowSamples}
     */
    double fit(float[] signal, float[] target, float[] mask, int n);

    /** The reconstruction of the first channel, {@code n x windowSamples} (for tests and probes). */
    float[][] reconstruct(float[] signal, int n);

    /** The encoder's weights, as {@link BeatNetwork#encoderWeights} gives a classifier's. */
    Map<String, float[]> encoderWeights();

    /** Trainable parameters, the reconstruction head's included. */
    long parameterCount();
}

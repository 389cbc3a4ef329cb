package io.beatflow.models.internal;

import io.beatflow.models.ModelConfig;
import io.beatflow.models.TransformerConfig;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * The network of masked-signal pretraining: an architecture's encoder with a reconstruction head
 * ({@link GraphNetworks#createPretraining}), behind plain float arrays. Not thread-safe.
 */
public final class MaskedSignalNetwork {
    private final ComputationGraph graph;
    private final int channels;
    private final int windowSamples;

    private MaskedSignalNetwork(ComputationGraph graph, int channels, int windowSamples) {
        this.graph = graph;
        this.channels = channels;
        this.windowSamples = windowSamples;
    }

    /**
     * A new network for the encoder of {@code config}; the learning rate is multiplied by
     * {@code decay} after every {@code stepsPerEpoch} steps.
     *
     * @throws IllegalArgumentException for the transformer, whose SameDiff graph has no
     *     reconstruction head yet
     */
    public static MaskedSignalNetwork create(ModelConfig config, long seed, double learningRate, double decay,
            int stepsPerEpoch, double weightDecay, double gradientClip, int hiddenUnits) {
        if (config instanceof TransformerConfig) {
            throw new IllegalArgumentException("masked-signal pretraining is implemented for the DL4J architectures"
                    + " (cnn, bilstm, attention), not yet for the transformer: pretrain one of those");
        }
        ISchedule lr = new StepSchedule(ScheduleType.ITERATION, learningRate, decay, Math.max(1, stepsPerEpoch));
        ComputationGraph g = GraphNetworks.createPretraining(config,
                new GraphNetworks.Optimiser(seed, lr, weightDecay, gradientClip, null), hiddenUnits);
        return new MaskedSignalNetwork(g, config.input().channels(), config.input().windowSamples());
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
    public double fit(float[] signal, float[] target, float[] mask, int n) {
        INDArray x = Nd4j.createFromArray(signal).reshape(n, channels, windowSamples);
        INDArray y = Nd4j.createFromArray(target).reshape(n, windowSamples);
        INDArray m = Nd4j.createFromArray(mask).reshape(n, windowSamples);
        graph.fit(new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}, null, new INDArray[] {m}));
        return graph.score();
    }

    /** The reconstruction of the first channel, {@code n x windowSamples} (for tests and probes). */
    public float[][] reconstruct(float[] signal, int n) {
        INDArray x = Nd4j.createFromArray(signal).reshape(n, channels, windowSamples);
        return Tensors.rows(graph.output(false, x)[0]);
    }

    /** The encoder's weights, as {@link BeatNetwork#encoderWeights} gives a classifier's. */
    public Map<String, float[]> encoderWeights() {
        return GraphNetwork.encoderWeights(graph);
    }

    /** Trainable parameters, the reconstruction head's included. */
    public long parameterCount() {
        return graph.numParams();
    }
}

package io.beatflow.models.internal;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** {@link MaskedSignalNetwork} of the DL4J architectures: a graph of {@link GraphNetworks#createPretraining}. */
final class GraphMaskedSignalNetwork implements MaskedSignalNetwork {
    private final ComputationGraph graph;
    private final int channels;
    private final int windowSamples;

    GraphMaskedSignalNetwork(ComputationGraph graph, int channels, int windowSamples) {
        this.graph = graph;
        this.channels = channels;
        this.windowSamples = windowSamples;
    }

    @Override
    public double fit(float[] signal, float[] target, float[] mask, int n) {
        INDArray x = Nd4j.createFromArray(signal).reshape(n, channels, windowSamples);
        INDArray y = Nd4j.createFromArray(target).reshape(n, windowSamples);
        INDArray m = Nd4j.createFromArray(mask).reshape(n, windowSamples);
        // DL4J's score adds the weight decay term (0.5 coeff |w|^2) to the loss; the masked error is without it
        double regularisation = graph.calcRegularizationScore(true);
        graph.fit(new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}, null, new INDArray[] {m}));
        return graph.score() - regularisation;
    }

    @Override
    public float[][] reconstruct(float[] signal, int n) {
        INDArray x = Nd4j.createFromArray(signal).reshape(n, channels, windowSamples);
        return Tensors.rows(graph.output(false, x)[0]);
    }

    @Override
    public Map<String, float[]> encoderWeights() {
        return GraphNetwork.encoderWeights(graph);
    }

    @Override
    public long parameterCount() {
        return graph.numParams();
    }
}

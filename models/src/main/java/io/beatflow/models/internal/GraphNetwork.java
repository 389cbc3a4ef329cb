package io.beatflow.models.internal;

import java.io.IOException;
import java.io.OutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** A {@link BeatNetwork} backed by a DL4J {@link ComputationGraph}. */
public final class GraphNetwork implements BeatNetwork {
    private final ComputationGraph graph;
    private final int channels;
    private final int windowSamples;
    private final int rrInputs;
    private final int classes;
    private final GraphInference inference;

    /** Wraps a graph built by {@link GraphNetworks} (or loaded from a bundle). */
    public GraphNetwork(ComputationGraph graph, int channels, int windowSamples, int rrInputs, int classes) {
        this.graph = graph;
        this.channels = channels;
        this.windowSamples = windowSamples;
        this.rrInputs = rrInputs;
        this.classes = classes;
        this.inference = new GraphInference(graph);
    }

    /** The graph (for transfer learning inside this module). */
    public ComputationGraph graph() {
        return graph;
    }

    /** The graph's input arrays of a batch (also what DL4J's own {@code output} takes). */
    INDArray[] inputs(float[] signal, float[] rr, int n) {
        INDArray s = Nd4j.createFromArray(signal).reshape(n, channels, windowSamples);
        if (rrInputs == 0) {
            return new INDArray[] {s};
        }
        return new INDArray[] {s, Nd4j.createFromArray(rr).reshape(n, rrInputs)};
    }

    @Override
    public double fit(float[] signal, float[] rr, int[] labels, int n) {
        INDArray y = Tensors.oneHot(labels, n, classes);
        MultiDataSet ds = new MultiDataSet(inputs(signal, rr, n), new INDArray[] {y});
        graph.fit(ds);
        return graph.score();
    }

    @Override
    public float[][] output(float[] signal, float[] rr, int n) {
        INDArray[] in = inputs(signal, rr, n);
        // the faster path for the graphs it handles (the CNN), the same outputs to float rounding
        INDArray out = inference.output(in);
        if (out == null) {
            out = graph.output(false, in)[0];
        }
        return out.toFloatMatrix();
    }

    @Override
    public void write(OutputStream out) throws IOException {
        ModelSerializer.writeModel(graph, out, false);
    }

    @Override
    public String format() {
        return GraphNetworks.FORMAT;
    }

    @Override
    public long parameterCount() {
        return graph.numParams();
    }

    @Override
    public BeatNetwork copy() {
        return new GraphNetwork(graph.clone(), channels, windowSamples, rrInputs, classes);
    }
}

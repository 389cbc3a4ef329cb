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
        // DL4J's score adds the weight decay term (0.5 coeff |w|^2); the loss, as the transformer's, is without it
        double regularisation = graph.calcRegularizationScore(true);
        graph.fit(ds);
        return graph.score() - regularisation;
    }

    @Override
    public float[][] output(float[] signal, float[] rr, int n) {
        INDArray[] in = inputs(signal, rr, n);
        // the faster path for the graphs it handles (the CNN), the same outputs to float rounding
        INDArray out = inference.output(in);
        if (out == null) {
            out = graph.output(false, in)[0];
        }
        return Tensors.rows(out);
    }

    @Override
    public void write(OutputStream out) throws IOException {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, zip, false);
        out.write(withFixedTimes(zip.toByteArray()));
    }

    /** Zip entry time of written networks: 1980-01-01 00:00, the earliest a zip can hold (no time zone). */
    static final java.time.LocalDateTime ENTRY_TIME = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);

    /**
     * The zip that DL4J wrote, entry by entry, with every entry's time set to {@link #ENTRY_TIME}.
     * DL4J stamps each entry with the time of writing, so the same weights written twice a few
     * seconds apart would otherwise differ in bytes and checksum.
     */
    static byte[] withFixedTimes(byte[] zip) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(zip.length);
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
                java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                java.util.zip.ZipEntry copy = new java.util.zip.ZipEntry(e.getName());
                copy.setTimeLocal(ENTRY_TIME);
                z.putNextEntry(copy);
                in.transferTo(z);
                z.closeEntry();
            }
        }
        return out.toByteArray();
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

    @Override
    public java.util.Map<String, float[]> encoderWeights() {
        return encoderWeights(graph);
    }

    /** The {@code enc_*} weights of a graph, as {@link BeatNetwork#encoderWeights} gives them. */
    static java.util.Map<String, float[]> encoderWeights(ComputationGraph graph) {
        java.util.Map<String, float[]> out = new java.util.TreeMap<>();
        graph.paramTable().forEach((name, v) -> {
            if (name.startsWith(ENCODER_PREFIX)) {
                out.put(name, v.dup('c').data().asFloat());
            }
        });
        return out;
    }

    @Override
    public void setEncoderWeights(java.util.Map<String, float[]> weights) {
        BeatNetwork.checkEncoderWeights(encoderWeights(), weights);
        java.util.Map<String, INDArray> table = graph.paramTable();
        weights.forEach((name, values) -> {
            INDArray p = table.get(name);
            p.assign(Nd4j.createFromArray(values).reshape('c', p.shape()));
        });
    }
}

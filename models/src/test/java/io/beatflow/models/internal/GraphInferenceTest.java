package io.beatflow.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.models.Architecture;
import io.beatflow.models.CnnConfig;
import io.beatflow.models.HeadConfig;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelConfig;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GraphInference} gives what DL4J's own {@code ComputationGraph.output} gives (the
 * reference), within 1e-5, with the graph's current weights, and leaves the graphs it does not
 * handle to DL4J.
 */
class GraphInferenceTest {
    private static final double TOLERANCE = 1e-5;

    private static GraphNetwork network(ModelConfig c, long seed) {
        return (GraphNetwork) Networks.create(c, seed, 1e-2, 1.0, 1, 0, 1.0, null);
    }

    private static float[] gaussian(int n, long seed, double scale) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (scale * r.nextGaussian());
        }
        return x;
    }

    /** The reference: DL4J's forward pass of the same inputs. */
    private static float[][] reference(GraphNetwork net, float[] signal, float[] rr, int n, InputSpec in) {
        INDArray s = Nd4j.createFromArray(signal).reshape(n, signal.length / n / in.windowSamples(), in.windowSamples());
        ComputationGraph g = net.graph();
        INDArray[] x = in.useRr() ? new INDArray[] {s, Nd4j.createFromArray(rr).reshape(n, in.rrInputs())}
                : new INDArray[] {s};
        return g.output(false, x)[0].toFloatMatrix();
    }

    private static void assertClose(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], (float) TOLERANCE, "row " + i);
        }
    }

    @Test
    void defaultCnnMatchesDl4jForBatchesOfOneAndSeven() {
        InputSpec in = InputSpec.mitBih256();
        GraphNetwork net = network(ModelConfig.defaults(Architecture.CNN, in), 3);
        for (int n : new int[] {1, 7}) {
            float[] s = gaussian(n * in.windowSamples(), n, 1);
            float[] rr = gaussian(n * in.rrInputs(), n + 100, 0.2);
            float[] sCopy = s.clone();
            float[][] fast = net.output(s, rr, n);
            assertClose(reference(net, s, rr, n, in), fast);
            assertArrayEquals(sCopy, s, "the caller's input is left alone");
        }
    }

    /** The patient-context input: two channels and nine RR values. */
    @Test
    void twoChannelCnnMatchesDl4j() {
        InputSpec in = InputSpec.mitBih256Context();
        GraphNetwork net = network(ModelConfig.defaults(Architecture.CNN, in), 4);
        int n = 5;
        float[] s = gaussian(n * in.channels() * in.windowSamples(), 21, 1);
        float[] rr = gaussian(n * in.rrInputs(), 22, 0.2);
        assertClose(reference(net, s, rr, n, in), net.output(s, rr, n));
    }

    /** The path reads the live weights: after an optimiser step it still agrees with DL4J. */
    @Test
    void agreesAfterTrainingSteps() {
        InputSpec in = new InputSpec("MLII", 64, 360.0, 21, true);
        GraphNetwork net = network(new CnnConfig(in, 4, List.of(4, 8), 5, new HeadConfig(8, 0, HeadConfig.AAMI)), 5);
        int n = 8;
        float[] s = gaussian(n * in.windowSamples(), 1, 1);
        float[] rr = gaussian(n * in.rrInputs(), 2, 0.2);
        float[][] before = net.output(s, rr, n);
        int[] labels = {0, 1, 2, 3, 4, 0, 1, 2};
        net.fit(s, rr, labels, n);
        float[][] after = net.output(s, rr, n);
        assertTrue(Math.abs(after[0][0] - before[0][0]) > 1e-6, "the steps changed the outputs");
        assertClose(reference(net, s, rr, n, in), after);
    }

    /**
     * Odd sizes: kernel 3, unequal stage widths (projected shortcuts), no RR input, two classes;
     * both activation layouts.
     */
    @Test
    void otherCnnShapesMatchDl4j() {
        InputSpec in = new InputSpec("MLII", 96, 360.0, 30, false);
        CnnConfig c = new CnnConfig(in, 5, List.of(5, 9, 3), 3, new HeadConfig(7, 0.5, List.of("a", "b")));
        GraphNetwork net = network(c, 11);
        int n = 3;
        float[] s = gaussian(n * in.windowSamples(), 9, 2);
        assertClose(reference(net, s, new float[0], n, in), net.output(s, new float[0], n));
        INDArray x = Nd4j.createFromArray(s).reshape(n, 1, in.windowSamples());
        assertClose(reference(net, s, new float[0], n, in),
                new GraphInference(net.graph(), false).output(x).toFloatMatrix());
    }

    /**
     * Strided stems: stride 2 on an even and an odd window (same padding, odd sample on the
     * right), strides 3 and 4; both activation layouts.
     */
    @Test
    void stridedStemsMatchDl4j() {
        for (int[] shape : new int[][] {{96, 2}, {95, 2}, {96, 3}, {94, 4}}) {
            InputSpec in = new InputSpec("MLII", shape[0], 360.0, 30, true);
            CnnConfig c = new CnnConfig(in, 6, shape[1], List.of(6, 10), 5, new HeadConfig(8, 0, HeadConfig.AAMI));
            GraphNetwork net = network(c, 13);
            int n = 4;
            float[] s = gaussian(n * in.windowSamples(), 17, 1.5);
            float[] rr = gaussian(n * in.rrInputs(), 18, 0.2);
            assertClose(reference(net, s, rr, n, in), net.output(s, rr, n));
            INDArray x = Nd4j.createFromArray(s).reshape(n, 1, in.windowSamples());
            INDArray r = Nd4j.createFromArray(rr).reshape(n, in.rrInputs());
            assertClose(reference(net, s, rr, n, in), new GraphInference(net.graph(), false).output(x, r).toFloatMatrix());
        }
    }

    /** A wide head (RR features merged into the output layer's input) runs here and agrees with DL4J. */
    @Test
    void wideHeadMatchesDl4j() {
        InputSpec in = new InputSpec("MLII", 64, 360.0, 21, true, 8, 16);
        CnnConfig c = new CnnConfig(in, 4, 2, List.of(4, 8), 5, new HeadConfig(8, 0, HeadConfig.AAMI, true));
        GraphNetwork net = network(c, 19);
        int n = 5;
        float[] s = gaussian(n * in.channels() * in.windowSamples(), 21, 1);
        float[] rr = gaussian(n * in.rrInputs(), 22, 0.3);
        net.fit(s, rr, new int[] {0, 1, 2, 3, 4}, n);
        assertClose(reference(net, s, rr, n, in), net.output(s, rr, n));
        INDArray x = Nd4j.createFromArray(s).reshape(n, in.channels(), in.windowSamples());
        INDArray r = Nd4j.createFromArray(rr).reshape(n, in.rrInputs());
        for (boolean last : new boolean[] {true, false}) {
            INDArray out = new GraphInference(net.graph(), last).output(x, r);
            assertNotNull(out, "the wide head is handled by this path");
            assertClose(reference(net, s, rr, n, in), out.toFloatMatrix());
        }
    }

    /** Recurrent and attention graphs are not handled here: DL4J's own path runs them. */
    @Test
    void leavesOtherArchitecturesToDl4j() {
        InputSpec in = InputSpec.mitBih256();
        for (Architecture a : List.of(Architecture.BILSTM, Architecture.ATTENTION)) {
            GraphNetwork net = network(ModelConfig.defaults(a, in), 1);
            INDArray s = Nd4j.createFromArray(gaussian(2 * in.windowSamples(), 4, 1)).reshape(2, 1, in.windowSamples());
            INDArray rr = Nd4j.createFromArray(gaussian(2 * in.rrInputs(), 5, 0.2)).reshape(2, in.rrInputs());
            assertNull(new GraphInference(net.graph()).output(s, rr), a.id());
        }
        GraphNetwork cnn = network(ModelConfig.defaults(Architecture.CNN, in), 1);
        INDArray s = Nd4j.createFromArray(gaussian(2 * in.windowSamples(), 4, 1)).reshape(2, 1, in.windowSamples());
        INDArray rr = Nd4j.createFromArray(gaussian(2 * in.rrInputs(), 5, 0.2)).reshape(2, in.rrInputs());
        assertNotNull(new GraphInference(cnn.graph()).output(s, rr));
    }
}

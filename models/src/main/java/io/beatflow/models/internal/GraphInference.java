package io.beatflow.models.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex;
import org.deeplearning4j.nn.graph.vertex.impl.InputVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.graph.vertex.impl.MergeVertex;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv1DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A faster inference path for DL4J graphs made only of 1D convolutions, element-wise additions,
 * ReLU, max pooling, global pooling, merges, dense and output layers (the CNN of
 * {@link GraphNetworks}); other graphs are left to {@link ComputationGraph#output}.
 *
 * <p>It computes what the graph computes, with the graph's live parameters, but in the layout
 * oneDNN is fastest in and without DL4J's slow pooling path (see the per-op shares that
 * {@code beatflow bench models --arch cnn --profile} prints for both paths):
 * <ul>
 *   <li>activations stay channels-last ({@code [n, steps, channels]}) and convolutions run as
 *       oneDNN {@code conv2d} on {@code [n, 1, steps, channels]}: faster at these widths than
 *       the channels-first {@code conv1d} DL4J runs, on one thread and on two;</li>
 *   <li>max pooling by k is a reshape to {@code [n, steps/k, k, channels]} and a maximum over k.
 *       DL4J's {@code Subsampling1DLayer} pools through {@code maxpool2d} on a
 *       {@code [n, c, steps, 1]} view, which oneDNN serves several times slower: in DL4J's forward
 *       pass of the CNN the pooling took about as long as all the convolutions;</li>
 *   <li>ReLU and additions are applied in place where nothing else reads their input, and every
 *       intermediate array lives in a workspace reused from call to call (a fresh off-heap
 *       allocation per op costs more than a ReLU).</li>
 * </ul>
 * Outputs agree with {@code ComputationGraph.output} to float rounding (a convolution's sums may
 * be taken in another order); {@code GraphInferenceTest} checks 1e-5.
 *
 * <p>Not thread-safe (callers serialise, as for {@link BeatNetwork}).
 */
final class GraphInference {
    // one per thread, shared by all graphs (calls do not nest); it learns its size over calls and grows when a larger batch spills (a first small call, such as
    // the one-beat check of a loaded bundle, must not fix it small: every later array would spill)
    private static final String WORKSPACE_ID = "beatflow-graph-inference";
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.OVER_TIME).policySpill(SpillPolicy.REALLOCATE).build();

    private final ComputationGraph graph;
    private final boolean channelsLast;
    /** Plans by the steps of each input (0 for an input of [n, features]); {@link #NONE}: not handled. */
    private final Map<List<Long>, Plan> plans = new HashMap<>();

    /** The inference path of a graph (its plans are made on first use, per input length). */
    GraphInference(ComputationGraph graph) {
        this(graph, true);
    }

    /**
     * @param channelsLast whether activations are held {@code [n, steps, channels]} (the default:
     *     faster on one and on two threads) or {@code [n, channels, steps]}, DL4J's own layout
     */
    GraphInference(ComputationGraph graph, boolean channelsLast) {
        this.graph = graph;
        this.channelsLast = channelsLast;
    }

    private record Plan(List<Step> steps, int[] inputSlots, int outputSlot, int slots) {
    }

    private static final Plan NONE = new Plan(List.of(), new int[0], -1, 0);

    /** One computation: reads the slots of its inputs, returns its output. */
    private interface Op {
        INDArray apply(INDArray[] in);
    }

    private record Step(int[] inputs, int output, Op op) {
    }

    /**
     * The plan of a graph for inputs of the given steps (0: {@code [n, features]}), or null if the
     * graph has a vertex or setting this path does not handle.
     */
    private static Plan compile(ComputationGraph graph, List<Long> inputSteps, boolean last) {
        var conf = graph.getConfiguration();
        if (conf.getNetworkOutputs().size() != 1) {
            return null;
        }
        GraphVertex[] vertices = graph.getVertices();
        List<String> inputs = conf.getNetworkInputs();
        if (inputs.size() != inputSteps.size()) {
            return null;
        }
        int[] inputSlots = new int[inputs.size()];
        // steps of a vertex's output when it is a sequence, 0 when it is [n, features]
        long[] seqSteps = new long[vertices.length];
        // an op may overwrite its input only where nothing else reads it (and it is not a caller's array)
        int[] readers = new int[vertices.length];
        for (GraphVertex v : vertices) {
            for (int j : inputIndices(v)) {
                readers[j]++;
            }
        }
        List<Step> steps = new ArrayList<>();
        for (int i : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[i];
            int[] in = inputIndices(v);
            boolean overwrite = in.length > 0 && readers[in[0]] == 1 && !(vertices[in[0]] instanceof InputVertex);
            Op op;
            long seq;
            if (v instanceof InputVertex) {
                int k = inputs.indexOf(v.getVertexName());
                inputSlots[k] = i;
                seqSteps[i] = inputSteps.get(k);
                continue;
            } else if (v instanceof ElementWiseVertex) {
                if (!(conf.getVertices().get(v.getVertexName()) instanceof org.deeplearning4j.nn.conf.graph.ElementWiseVertex e)
                        || e.getOp() != org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add || in.length != 2 || seqSteps[in[0]] != seqSteps[in[1]]) {
                    return null;
                }
                seq = seqSteps[in[0]];
                op = overwrite ? x -> x[0].addi(x[1]) : x -> x[0].add(x[1]);
            } else if (v instanceof MergeVertex) {
                for (int j : in) {
                    if (seqSteps[j] != 0) {
                        return null;
                    }
                }
                seq = 0;
                op = x -> Nd4j.concat(1, x);
            } else if (v instanceof LayerVertex lv) {
                if (in.length != 1) {
                    return null;
                }
                var pre = lv.getLayerPreProcessor();
                long len = seqSteps[in[0]];
                if (pre != null && !(pre instanceof RnnToFeedForwardPreProcessor && len == 0)) {
                    return null; // an RNN-to-FF preprocessor leaves [n, features] input alone
                }
                Layer layer = lv.getLayer();
                org.deeplearning4j.nn.conf.layers.Layer c = layer.conf().getLayer();
                if (c instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b && b.getWeightNoise() != null) {
                    return null;
                }
                if (c instanceof Convolution1DLayer conv && len > 0) {
                    op = convolution(layer, conv, last);
                    seq = (len + conv.getStride()[0] - 1) / conv.getStride()[0];
                } else if (c instanceof ActivationLayer a && isRelu(a.getActivationFn())) {
                    op = x -> Transforms.relu(x[0], !overwrite);
                    seq = len;
                } else if (c instanceof Subsampling1DLayer p && len > 0 && len % p.getKernelSize()[0] == 0) {
                    op = maxPool(p, last);
                    seq = len / p.getKernelSize()[0];
                } else if (c instanceof GlobalPoolingLayer g && len > 0 && g.isCollapseDimensions()) {
                    op = globalPool(g, last);
                    seq = 0;
                } else if (c instanceof OutputLayer o && len == 0) {
                    op = dense(layer, o.getActivationFn(), o.hasBias());
                    seq = 0;
                } else if (c instanceof DenseLayer d && len == 0 && !d.hasLayerNorm()) {
                    op = dense(layer, d.getActivationFn(), d.hasBias());
                    seq = 0;
                } else {
                    op = null;
                    seq = 0;
                }
                if (op == null) {
                    return null;
                }
            } else {
                return null;
            }
            seqSteps[i] = seq;
            steps.add(new Step(in, i, op));
        }
        int out = graph.getVertex(conf.getNetworkOutputs().get(0)).getVertexIndex();
        if (seqSteps[out] != 0) {
            return null;
        }
        return new Plan(List.copyOf(steps), inputSlots, out, vertices.length);
    }

    /**
     * The graph's output for its inputs, given as {@code ComputationGraph.output(false, inputs)}
     * takes them (a sequence {@code [n, channels, steps]}, other inputs {@code [n, features]}), as
     * a detached array; null if this path does not handle the graph (then use
     * {@code ComputationGraph.output}).
     */
    INDArray output(INDArray... inputs) {
        List<Long> key = new ArrayList<>(inputs.length);
        for (INDArray x : inputs) {
            if (x.rank() != 2 && x.rank() != 3) {
                return null;
            }
            key.add(x.rank() == 3 ? x.size(2) : 0L);
        }
        Plan plan = plans.computeIfAbsent(key, k -> {
            Plan p = compile(graph, k, channelsLast);
            return p == null || p.inputSlots().length != inputs.length ? NONE : p;
        });
        if (plan == NONE) {
            return null;
        }
        INDArray[] act = new INDArray[plan.slots()];
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            for (int k = 0; k < inputs.length; k++) {
                INDArray x = inputs[k].castTo(DataType.FLOAT);
                act[plan.inputSlots()[k]] = x.rank() == 3 && channelsLast ? x.permute(0, 2, 1).dup('c') : x;
            }
            for (Step s : plan.steps()) {
                INDArray[] in = new INDArray[s.inputs().length];
                for (int j = 0; j < in.length; j++) {
                    in[j] = act[s.inputs()[j]];
                }
                act[s.output()] = s.op().apply(in);
            }
            return act[plan.outputSlot()].detach();
        }
    }

    private static int[] inputIndices(GraphVertex v) {
        VertexIndices[] in = v.getInputVertices();
        if (in == null) {
            return new int[0];
        }
        return Arrays.stream(in).mapToInt(VertexIndices::getVertexIndex).toArray();
    }

    private static boolean isRelu(IActivation a) {
        return a instanceof ActivationReLU r && r.getMax() == null && isZero(r.getThreshold())
                && isZero(r.getNegativeSlope());
    }

    private static boolean isZero(Double d) {
        return d == null || d == 0.0;
    }

    private static boolean isIdentity(IActivation a) {
        return a instanceof ActivationIdentity;
    }

    /** Same-mode 1D convolution in either layout, with the layer's live weights and bias. */
    private static Op convolution(Layer layer, Convolution1DLayer c, boolean last) {
        IActivation act = c.getActivationFn();
        boolean relu = isRelu(act);
        if (!relu && !isIdentity(act)) {
            return null;
        }
        if (c.getConvolutionMode() != ConvolutionMode.Same || c.getDilation()[0] != 1 || !c.hasBias()
                || c.getRnnDataFormat() != RNNFormat.NCW) {
            return null;
        }
        Conv1DConfig cfg = Conv1DConfig.builder().k(c.getKernelSize()[0]).s(c.getStride()[0]).p(0).d(1)
                .dataFormat(last ? Conv1DConfig.NWC : Conv1DConfig.NCW).paddingMode(PaddingMode.SAME).build();
        long k = c.getKernelSize()[0];
        Conv2DConfig cfg2 = Conv2DConfig.builder().kH(1).kW(k).sH(1).sW(c.getStride()[0]).dH(1).dW(1)
                .dataFormat("NHWC").paddingMode(PaddingMode.SAME).build();
        return x -> {
            INDArray w = layer.getParam("W");
            // DL4J 1.0.0-M2.1's Convolution1DLayer hands conv1d the weight buffer, shaped [out, in, k, 1],
            // reinterpreted as [k, in, out] (a reshape, not a permutation); this does the same
            INDArray wk = w.reshape('c', w.size(2), w.size(1), w.size(0));
            INDArray b = layer.getParam("b").reshape(w.size(0));
            INDArray y;
            if (last) {
                // conv2d on [n, 1, steps, channels] (NHWC) skips conv1d's own reshaping
                long[] s = x[0].shape();
                y = Nd4j.cnn().conv2d(x[0].reshape(s[0], 1, s[1], s[2]), wk.reshape(1, k, w.size(1), w.size(0)), b, cfg2);
                y = y.reshape(y.size(0), y.size(2), y.size(3));
            } else {
                y = Nd4j.cnn().conv1d(x[0], wk, b, cfg);
            }
            return relu ? Transforms.relu(y, false) : y;
        };
    }

    /** Max pooling by a kernel equal to the stride, over a whole number of kernels. */
    private static Op maxPool(Subsampling1DLayer p, boolean last) {
        int k = p.getKernelSize()[0];
        if (p.getPoolingType() != PoolingType.MAX || p.getStride()[0] != k || p.getPadding()[0] != 0
                || p.getDilation()[0] != 1) {
            return null;
        }
        return x -> {
            long[] s = x[0].shape();
            return last ? x[0].reshape(s[0], s[1] / k, k, s[2]).max(2) : x[0].reshape(s[0], s[1], s[2] / k, k).max(3);
        };
    }

    private static Op globalPool(GlobalPoolingLayer g, boolean last) {
        int time = last ? 1 : 2;
        if (g.getPoolingType() == PoolingType.AVG) {
            return x -> x[0].mean(time);
        }
        if (g.getPoolingType() == PoolingType.MAX) {
            return x -> x[0].max(time);
        }
        return null;
    }

    private static Op dense(Layer layer, IActivation act, boolean bias) {
        boolean relu = isRelu(act);
        boolean softmax = act instanceof ActivationSoftmax;
        if (!relu && !softmax && !isIdentity(act) || !bias) {
            return null;
        }
        return x -> {
            INDArray z = x[0].mmul(layer.getParam("W")).addiRowVector(layer.getParam("b"));
            if (relu) {
                return Transforms.relu(z, false);
            }
            return softmax ? Transforms.softmax(z, false) : z;
        };
    }
}

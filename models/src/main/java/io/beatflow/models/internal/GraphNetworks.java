package io.beatflow.models.internal;

import io.beatflow.models.AttentionConfig;
import io.beatflow.models.BiLstmConfig;
import io.beatflow.models.CnnConfig;
import io.beatflow.models.HeadConfig;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelConfig;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Builds the DL4J {@link ComputationGraph}s of the CNN, BiLSTM and attention architectures.
 *
 * <p>Every graph has input {@code signal} (recurrent, channels-first: {@code [n, channels, samples]})
 * and, when the model uses RR features, input {@code rr} ({@code [n, rrInputs]}). Encoder vertices are named
 * {@code enc_*} and end in the merge vertex {@value #EMBEDDING}; head vertices are named
 * {@code head_*} and end in the output layer {@value #OUTPUT}. A new head can therefore be put on
 * a trained encoder by removing the {@code head_*} vertices (DL4J {@code TransferLearning}).
 */
public final class GraphNetworks {
    /** Format name of a DL4J computation graph in a model bundle. */
    public static final String FORMAT = "dl4j-computation-graph";
    /** Name of the encoder's output vertex. */
    public static final String EMBEDDING = "embedding";
    /** Name of the output layer. */
    public static final String OUTPUT = "head_out";

    private GraphNetworks() {
    }

    /** Optimiser settings shared by all architectures. */
    public record Optimiser(long seed, ISchedule learningRate, double weightDecay, double gradientClip,
            float[] classWeights) {
    }

    /** The graph configuration of {@code config}. */
    public static ComputationGraphConfiguration configuration(ModelConfig config, Optimiser opt) {
        InputSpec in = config.input();
        ComputationGraphConfiguration.GraphBuilder g = builder(opt);
        if (in.useRr()) {
            g.addInputs("signal", "rr");
            g.setInputTypes(InputType.recurrent(in.channels(), in.windowSamples(), RNNFormat.NCW),
                    InputType.feedForward(in.rrInputs()));
        } else {
            g.addInputs("signal");
            g.setInputTypes(InputType.recurrent(in.channels(), in.windowSamples(), RNNFormat.NCW));
        }
        encoder(g, config);
        head(g, config.head(), in.useRr(), opt.classWeights());
        return g.build();
    }

    /** Name of the masked-signal reconstruction's output layer. */
    public static final String RECONSTRUCTION = "head_recon_out";

    /**
     * The graph of masked-signal pretraining: the encoder of {@code config} (the same {@code enc_*}
     * vertices, so its weights carry over to a classifier of that configuration) with a
     * reconstruction head: a ReLU dense layer of {@code hiddenUnits} on the embedding and a linear
     * output of one value per window sample, scored by mean squared error where the label mask is 1.
     * Input {@code signal} only: the RR values belong to the classifier's head.
     */
    public static ComputationGraph createPretraining(ModelConfig config, Optimiser opt, int hiddenUnits) {
        InputSpec in = config.input();
        ComputationGraphConfiguration.GraphBuilder g = builder(opt);
        g.addInputs("signal");
        g.setInputTypes(InputType.recurrent(in.channels(), in.windowSamples(), RNNFormat.NCW));
        encoder(g, config);
        g.addLayer("head_recon_dense", new DenseLayer.Builder().nOut(hiddenUnits).activation(Activation.RELU).build(),
                EMBEDDING);
        g.addLayer(RECONSTRUCTION, new OutputLayer.Builder(new LossMSE()).nOut(in.windowSamples())
                .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), "head_recon_dense");
        g.setOutputs(RECONSTRUCTION);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static ComputationGraphConfiguration.GraphBuilder builder(Optimiser opt) {
        NeuralNetConfiguration.Builder nn = new NeuralNetConfiguration.Builder()
                .seed(opt.seed())
                .updater(new Adam(opt.learningRate()))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same);
        if (opt.weightDecay() > 0) {
            nn.weightDecay(opt.weightDecay());
        }
        if (opt.gradientClip() > 0) {
            nn.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                    .gradientNormalizationThreshold(opt.gradientClip());
        }
        return nn.graphBuilder();
    }

    /** Adds the encoder of {@code config} on input {@code signal}, ending in {@link #EMBEDDING}. */
    private static void encoder(ComputationGraphConfiguration.GraphBuilder g, ModelConfig config) {
        InputSpec in = config.input();
        String last;
        if (config instanceof CnnConfig c) {
            last = cnn(g, c, in.channels());
        } else if (config instanceof BiLstmConfig b) {
            last = frontEndLstm(g, in.channels(), b.frontEndChannels(), b.frontEndStride(), b.lstmUnits());
        } else if (config instanceof AttentionConfig a) {
            last = attention(g, a, in.channels());
        } else {
            throw new IllegalArgumentException("not a DL4J graph architecture: " + config.architecture());
        }
        g.addLayer("enc_avg", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last);
        g.addLayer("enc_max", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), last);
        g.addVertex(EMBEDDING, new MergeVertex(), "enc_avg", "enc_max");
    }

    /** A new, initialised graph. */
    public static ComputationGraph create(ModelConfig config, Optimiser opt) {
        ComputationGraph graph = new ComputationGraph(configuration(config, opt));
        graph.init();
        return graph;
    }

    private static String cnn(ComputationGraphConfiguration.GraphBuilder g, CnnConfig c, int inputChannels) {
        String x = convBnRelu(g, "enc_stem", "signal", inputChannels, c.stemChannels(), c.kernelSize(), c.stemStride(),
                true);
        int channels = c.stemChannels();
        for (int s = 0; s < c.stageChannels().size(); s++) {
            int out = c.stageChannels().get(s);
            String p = "enc_s" + s;
            String a = convBnRelu(g, p + "_a", x, channels, out, c.kernelSize(), 1, true);
            String b = convBnRelu(g, p + "_b", a, out, out, c.kernelSize(), 1, false);
            String shortcut = x;
            if (out != channels) {
                g.addLayer(p + "_proj", new Convolution1DLayer.Builder(1).nIn(channels).nOut(out)
                        .activation(Activation.IDENTITY).build(), x);
                shortcut = p + "_proj";
            }
            g.addVertex(p + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), b, shortcut);
            g.addLayer(p + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), p + "_add");
            g.addLayer(p + "_pool", new Subsampling1DLayer.Builder(org.deeplearning4j.nn.conf.layers.SubsamplingLayer
                    .PoolingType.MAX).kernelSize(2).stride(2).build(), p + "_relu");
            x = p + "_pool";
            channels = out;
        }
        return x;
    }

    private static String convBnRelu(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int nIn,
            int nOut, int kernel, int stride, boolean relu) {
        g.addLayer(name + "_conv", new Convolution1DLayer.Builder(kernel).stride(stride).nIn(nIn).nOut(nOut)
                .activation(relu ? Activation.RELU : Activation.IDENTITY).build(), input);
        return name + "_conv";
    }

    private static String frontEnd(ComputationGraphConfiguration.GraphBuilder g, int inputChannels, int channels,
            int stride) {
        g.addLayer("enc_fe1", new Convolution1DLayer.Builder(7).stride(stride).nIn(inputChannels).nOut(channels)
                .activation(Activation.RELU).build(), "signal");
        g.addLayer("enc_fe2", new Convolution1DLayer.Builder(5).stride(stride).nIn(channels).nOut(channels)
                .activation(Activation.RELU).build(), "enc_fe1");
        return "enc_fe2";
    }

    private static String frontEndLstm(ComputationGraphConfiguration.GraphBuilder g, int inputChannels, int channels,
            int stride, int units) {
        String x = frontEnd(g, inputChannels, channels, stride);
        if (units == 0) {
            return x;
        }
        g.addLayer("enc_bilstm", new Bidirectional(Bidirectional.Mode.CONCAT, new LSTM.Builder().nIn(channels)
                .nOut(units).activation(Activation.TANH).weightInit(WeightInit.XAVIER).build()), x);
        return "enc_bilstm";
    }

    private static String attention(ComputationGraphConfiguration.GraphBuilder g, AttentionConfig a,
            int inputChannels) {
        String x = frontEndLstm(g, inputChannels, a.frontEndChannels(), a.frontEndStride(), a.lstmUnits());
        int nIn = a.lstmUnits() == 0 ? a.frontEndChannels() : 2 * a.lstmUnits();
        g.addLayer("enc_attention", new SelfAttentionLayer.Builder().nIn(nIn).nOut(a.heads() * a.headSize())
                .nHeads(a.heads()).headSize(a.headSize()).projectInput(true).weightInit(WeightInit.XAVIER).build(), x);
        return "enc_attention";
    }

    private static void head(ComputationGraphConfiguration.GraphBuilder g, HeadConfig h, boolean rr,
            float[] classWeights) {
        String in = EMBEDDING;
        if (rr) {
            g.addVertex("head_join", new MergeVertex(), EMBEDDING, "rr");
            in = "head_join";
        }
        DenseLayer.Builder dense = new DenseLayer.Builder().nOut(h.hiddenUnits()).activation(Activation.RELU);
        if (h.dropout() > 0) {
            dense.dropOut(1.0 - h.dropout()); // DL4J takes the probability of keeping a unit
        }
        g.addLayer("head_dense", dense.build(), in);
        String outIn = "head_dense";
        if (rr && h.rrToLogits()) {
            g.addVertex("head_wide", new MergeVertex(), "head_dense", "rr");
            outIn = "head_wide";
        }
        LossMCXENT loss = classWeights == null ? new LossMCXENT()
                : new LossMCXENT(Nd4j.createFromArray(classWeights).reshape(1, classWeights.length));
        g.addLayer(OUTPUT, new OutputLayer.Builder(loss).nOut(h.classes()).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).build(), outIn);
        g.setOutputs(OUTPUT);
    }
}

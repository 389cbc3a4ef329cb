package io.beatflow.models.internal;

import io.beatflow.models.TransformerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.weightinit.impl.OneInitScheme;
import org.nd4j.weightinit.impl.XavierInitScheme;
import org.nd4j.weightinit.impl.ZeroInitScheme;

/**
 * The transformer encoder and its head as a SameDiff graph (see {@link TransformerConfig}).
 *
 * <p>Placeholders: {@code signal [n, samples]}, {@code rr [n, 6]} (when used), {@code label
 * [n, classes]} (one-hot) and {@code weight [n]} (per-beat loss weight, the class weight of its
 * label). Output: {@code probs}. Loss: the weighted mean of the per-beat cross-entropy. Encoder
 * variables are named {@code enc_*} and end in {@code embedding}; head variables are {@code head_*}.
 *
 * <p>Training ({@link #fit}) takes one step of its own rather than SameDiff's {@code fit}, so that
 * it matches the DL4J graphs' training: the loss and the gradients come from one pass, each
 * gradient is clipped element-wise to {@code [-clip, clip]}, then Adam (with the learning-rate
 * schedule) and decoupled weight decay scaled by the learning rate update the variables, as DL4J's
 * {@code ClipElementWiseAbsoluteValue}, {@code Adam} and {@code weightDecay} do for the other
 * architectures. The head's dropout (inverted, on the inputs of the hidden layer, as DL4J's dense
 * layer applies it) runs only in the loss: the graph has a training branch whose head input is
 * multiplied by the placeholder {@code head_dropout_mask} (0 or {@code 1 / keep}, drawn from the
 * seeded generator of this network), and an inference branch, which gives {@code probs}, without
 * it; both use the same head variables. Graphs saved before the training branch existed (no such
 * placeholder) load and train without dropout.
 */
public final class TransformerNetwork implements BeatNetwork {
    /** Format name of a SameDiff graph in a model bundle. */
    public static final String FORMAT = "samediff-flatbuffers";

    private final SameDiff sd;
    /** Signal values per beat: channels x window samples. */
    private final int windowSamples;
    private final int rrInputs;
    private final int classes;
    private final float[] classWeights;
    /** Adam with the learning-rate schedule; the per-variable state is made on the first step. */
    private final Adam adam;
    private final double weightDecay;
    private final double gradientClip;
    /** Probability of keeping a head input while training (1: no dropout). */
    private final double keep;
    private final SplittableRandom dropoutRandom;
    private final Map<String, AdamUpdater> updaters = new LinkedHashMap<>();
    /** Names of the trainable variables, found on the first step. */
    private List<String> trainable;
    private int iteration;

    private TransformerNetwork(SameDiff sd, int signalValues, int rrInputs, int classes, float[] classWeights,
            Training training) {
        this.sd = sd;
        this.windowSamples = signalValues;
        this.rrInputs = rrInputs;
        this.classes = classes;
        this.classWeights = classWeights;
        this.adam = new Adam(training.learningRate());
        this.weightDecay = training.weightDecay();
        this.gradientClip = training.gradientClip();
        this.keep = sd.hasVariable(DROPOUT_MASK) ? 1.0 - training.dropout() : 1.0;
        this.dropoutRandom = new SplittableRandom(training.seed() ^ 0x5DEECE66DL);
    }

    /** Name of the placeholder of the head's dropout mask in the training branch. */
    static final String DROPOUT_MASK = "head_dropout_mask";

    /**
     * How a network trains.
     *
     * @param seed seed of the dropout masks
     * @param learningRate Adam's learning rate per iteration
     * @param weightDecay decoupled weight decay, scaled by the learning rate; 0 for none
     * @param gradientClip element-wise bound of the gradients; 0 for none
     * @param dropout probability of dropping a head input while training, in [0, 1)
     */
    public record Training(long seed, ISchedule learningRate, double weightDecay, double gradientClip,
            double dropout) {
        /** The defaults of a network read from a bundle: Adam at 1e-3, no weight decay, no clipping or dropout. */
        static Training ofLoaded() {
            return new Training(0, new org.nd4j.linalg.schedule.FixedSchedule(1e-3), 0, 0, 0);
        }
    }

    /** A new, initialised network. */
    public static TransformerNetwork create(TransformerConfig c, Training training, float[] classWeights) {
        Nd4j.getRandom().setSeed(training.seed());
        SameDiff sd = SameDiff.create();
        int ch = c.input().channels();
        int l = c.input().windowSamples();
        int d = c.modelDim();
        int rr = c.input().rrInputs();
        int k = c.head().classes();
        SDVariable signal = sd.placeHolder("signal", DataType.FLOAT, -1, ch * l);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, k);
        SDVariable weight = sd.placeHolder("weight", DataType.FLOAT, -1);
        SDVariable emb = encoder(sd, c, signal);
        SDVariable joined = emb;
        if (rr > 0) {
            SDVariable rrIn = sd.placeHolder("rr", DataType.FLOAT, -1, rr);
            joined = sd.concat("head_join", 1, emb, rrIn);
        }
        int hidden = c.head().hiddenUnits();
        SDVariable wh = sd.var("head_dense_w", new XavierInitScheme('c', d + rr, hidden), DataType.FLOAT, d + rr,
                hidden);
        SDVariable bh = sd.var("head_dense_b", new ZeroInitScheme('c'), DataType.FLOAT, hidden);
        SDVariable wout = sd.var("head_out_w", new XavierInitScheme('c', hidden, k), DataType.FLOAT, hidden, k);
        SDVariable bout = sd.var("head_out_b", new ZeroInitScheme('c'), DataType.FLOAT, k);
        SDVariable wrr = rr > 0 && c.head().rrToLogits()
                ? sd.var("head_rr_w", new XavierInitScheme('c', rr, k), DataType.FLOAT, rr, k) : null;
        SDVariable rrIn = rr > 0 ? sd.getVariable("rr") : null;
        SDVariable logits = headLogits(joined, wh, bh, wout, bout, rrIn, wrr).add("head_logits", bout);
        sd.nn.softmax("probs", logits, 1);
        SDVariable trainLogits = logits;
        if (training.dropout() > 0) {
            SDVariable mask = sd.placeHolder(DROPOUT_MASK, DataType.FLOAT, -1, d + rr);
            trainLogits = headLogits(joined.mul(mask), wh, bh, wout, bout, rrIn, wrr).add(bout);
        }
        SDVariable perBeat = label.mul(sd.nn.logSoftmax(trainLogits)).sum(1).neg();
        perBeat.mul(weight).sum().div("loss", weight.sum().add(1e-12));
        sd.setLossVariables("loss");
        return new TransformerNetwork(sd, ch * l, rr, k, classWeights == null ? null : classWeights.clone(), training);
    }

    /**
     * Adds the encoder of {@code c} on {@code signal} ({@code [n, channels * samples]}): patch
     * embedding, positions, the pre-norm blocks and the final layer norm, meaned over patches into
     * {@code embedding}; every trainable variable is named {@code enc_*}.
     */
    private static SDVariable encoder(SameDiff sd, TransformerConfig c, SDVariable signal) {
        int ch = c.input().channels();
        int p = c.patches();
        int ps = c.patchSize();
        int d = c.modelDim();
        // each patch holds ps samples of every channel: [n, ch, p, ps] -> [n * p, ch * ps]
        SDVariable patches = ch == 1 ? signal.reshape(-1, ps)
                : signal.reshape(-1, ch, p, ps).permute(0, 2, 1, 3).reshape(-1, ch * ps);
        SDVariable we = sd.var("enc_patch_w", new XavierInitScheme('c', ch * ps, d), DataType.FLOAT, ch * ps, d);
        SDVariable be = sd.var("enc_patch_b", new ZeroInitScheme('c'), DataType.FLOAT, d);
        SDVariable x = patches.mmul(we).add(be).reshape(-1, p, d);
        x = x.add(sd.constant("enc_position", positionalEncoding(p, d)));
        int dh = d / c.heads();
        for (int b = 0; b < c.layers(); b++) {
            String n = "enc_block" + b + "_";
            SDVariable h = layerNorm(sd, n + "ln1", x, d);
            SDVariable hT = h.permute(0, 2, 1); // [n, d, p]: the layout multiHeadDotProductAttention takes
            SDVariable wq = sd.var(n + "wq", new XavierInitScheme('c', d, dh), DataType.FLOAT, c.heads(), dh, d);
            SDVariable wk = sd.var(n + "wk", new XavierInitScheme('c', d, dh), DataType.FLOAT, c.heads(), dh, d);
            SDVariable wv = sd.var(n + "wv", new XavierInitScheme('c', d, dh), DataType.FLOAT, c.heads(), dh, d);
            SDVariable wo = sd.var(n + "wo", new XavierInitScheme('c', d, d), DataType.FLOAT, c.heads() * dh, d);
            SDVariable att = sd.nn.multiHeadDotProductAttention(hT, hT, hT, wq, wk, wv, wo, null, true);
            x = x.add(att.permute(0, 2, 1));
            SDVariable h2 = layerNorm(sd, n + "ln2", x, d).reshape(-1, d);
            SDVariable w1 = sd.var(n + "ff1_w", new XavierInitScheme('c', d, c.ffDim()), DataType.FLOAT, d, c.ffDim());
            SDVariable b1 = sd.var(n + "ff1_b", new ZeroInitScheme('c'), DataType.FLOAT, c.ffDim());
            SDVariable w2 = sd.var(n + "ff2_w", new XavierInitScheme('c', c.ffDim(), d), DataType.FLOAT, c.ffDim(), d);
            SDVariable b2 = sd.var(n + "ff2_b", new ZeroInitScheme('c'), DataType.FLOAT, d);
            SDVariable ff = sd.nn.gelu(h2.mmul(w1).add(b1)).mmul(w2).add(b2);
            x = x.add(ff.reshape(-1, p, d));
        }
        return layerNorm(sd, "enc_ln_out", x, d).mean("embedding", 1);
    }

    /**
     * The network of masked-signal pretraining for the encoder of {@code c}: the same {@code enc_*}
     * variables (made in the same order from the same seed as a classifier's) with a reconstruction
     * head, a ReLU layer of {@code hiddenUnits} on the embedding and a linear output per window
     * sample ({@code head_recon_*}). Placeholders {@code signal}, {@code target} and {@code mask}
     * ({@code [n, samples]}); loss: the masked squared error summed per beat, divided by the window's
     * length, meaned over the beats (what DL4J's masked mean squared error gives the other
     * architectures). Trained by the step of {@link #fit} (clipping, Adam, weight decay).
     */
    public static MaskedSignalNetwork createPretraining(TransformerConfig c, Training training, int hiddenUnits) {
        Nd4j.getRandom().setSeed(training.seed());
        SameDiff sd = SameDiff.create();
        int ch = c.input().channels();
        int l = c.input().windowSamples();
        int d = c.modelDim();
        SDVariable signal = sd.placeHolder("signal", DataType.FLOAT, -1, ch * l);
        SDVariable target = sd.placeHolder("target", DataType.FLOAT, -1, l);
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, l);
        SDVariable emb = encoder(sd, c, signal);
        SDVariable w1 = sd.var("head_recon_w1", new XavierInitScheme('c', d, hiddenUnits), DataType.FLOAT, d,
                hiddenUnits);
        SDVariable b1 = sd.var("head_recon_b1", new ZeroInitScheme('c'), DataType.FLOAT, hiddenUnits);
        SDVariable w2 = sd.var("head_recon_w2", new XavierInitScheme('c', hiddenUnits, l), DataType.FLOAT,
                hiddenUnits, l);
        SDVariable b2 = sd.var("head_recon_b2", new ZeroInitScheme('c'), DataType.FLOAT, l);
        SDVariable recon = sd.nn.relu(emb.mmul(w1).add(b1), 0).mmul(w2).add("recon", b2);
        SDVariable err = recon.sub(target);
        err.mul(err).mul(mask).sum(1).mean().div("loss", l);
        sd.setLossVariables("loss");
        TransformerNetwork net = new TransformerNetwork(sd, ch * l, 0, 0, null, training);
        return new MaskedSignalNetwork() {
            @Override
            public double fit(float[] x, float[] t, float[] m, int beats) {
                Map<String, INDArray> ph = new HashMap<>();
                ph.put("signal", Nd4j.createFromArray(x).reshape(beats, ch * l));
                ph.put("target", Nd4j.createFromArray(t).reshape(beats, l));
                ph.put("mask", Nd4j.createFromArray(m).reshape(beats, l));
                return net.step(ph);
            }

            @Override
            public float[][] reconstruct(float[] x, int beats) {
                return Tensors.rows(sd.output(Map.of("signal", Nd4j.createFromArray(x).reshape(beats, ch * l)),
                        "recon").get("recon"));
            }

            @Override
            public Map<String, float[]> encoderWeights() {
                return net.encoderWeights();
            }

            @Override
            public long parameterCount() {
                return net.parameterCount();
            }
        };
    }

    /** The head's logits before the output bias: hidden layer, output layer, and the wide RR term if any. */
    private static SDVariable headLogits(SDVariable joined, SDVariable wh, SDVariable bh, SDVariable wout,
            SDVariable bout, SDVariable rrIn, SDVariable wrr) {
        SDVariable hid = joined.getSameDiff().nn.relu(joined.mmul(wh).add(bh), 0);
        SDVariable out = hid.mmul(wout);
        return wrr == null ? out : out.add(rrIn.mmul(wrr));
    }

    private static SDVariable layerNorm(SameDiff sd, String name, SDVariable x, int d) {
        SDVariable gain = sd.var(name + "_g", new OneInitScheme('c'), DataType.FLOAT, d);
        SDVariable bias = sd.var(name + "_b", new ZeroInitScheme('c'), DataType.FLOAT, d);
        return sd.nn.layerNorm(x, gain, bias, false, 2);
    }

    /** Sinusoidal positional encoding of Vaswani et al. (2017), section 3.5: {@code [1, positions, d]}. */
    static INDArray positionalEncoding(int positions, int d) {
        float[] pe = new float[positions * d];
        for (int pos = 0; pos < positions; pos++) {
            for (int i = 0; i < d; i++) {
                double angle = pos / Math.pow(10000, 2.0 * (i / 2) / d);
                pe[pos * d + i] = (float) (i % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        }
        return Nd4j.createFromArray(pe).reshape(1, positions, d);
    }

    @Override
    public double fit(float[] signal, float[] rr, int[] labels, int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = classWeights == null ? 1f : classWeights[labels[i]];
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("signal", Nd4j.createFromArray(signal).reshape(n, windowSamples));
        if (rrInputs > 0) {
            ph.put("rr", Nd4j.createFromArray(rr).reshape(n, rrInputs));
        }
        ph.put("weight", Nd4j.createFromArray(w));
        ph.put("label", Tensors.oneHot(labels, n, classes));
        if (keep < 1) {
            ph.put(DROPOUT_MASK, dropoutMask(n));
        }
        return step(ph);
    }

    /**
     * One optimiser step on the loss for the placeholders {@code ph}: gradients clipped, then Adam
     * with the learning-rate schedule and decoupled weight decay; returns the loss before the step.
     */
    private double step(Map<String, INDArray> ph) {
        if (trainable == null) {
            trainable = trainableVariables().stream().map(SDVariable::name).toList();
        }
        OutAndGrad step = sd.calculateGradientsAndOutputs(ph, List.of("loss"), trainable);
        double lr = adam.getLearningRate(iteration, 0);
        for (String name : trainable) {
            INDArray g = step.getGradients().get(name);
            INDArray p = sd.getArrForVarName(name);
            if (gradientClip > 0) {
                Transforms.min(g, gradientClip, false);
                Transforms.max(g, -gradientClip, false);
            }
            updaters.computeIfAbsent(name, k -> {
                AdamUpdater u = new AdamUpdater(adam);
                u.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * p.length()), p.shape(), 'c', true);
                return u;
            }).applyUpdater(g, iteration, 0); // g now holds the Adam step, learning rate included
            if (weightDecay > 0) {
                g.addi(p.mul(weightDecay * lr));
            }
            p.subi(g);
        }
        iteration++;
        return step.getOutputs().get("loss").getDouble(0);
    }

    /** Inverted dropout mask of the head's inputs: each value 0, or {@code 1 / keep} with probability {@code keep}. */
    private INDArray dropoutMask(int n) {
        int width = (int) sd.getVariable(DROPOUT_MASK).placeholderShape()[1];
        float[] m = new float[n * width];
        float scale = (float) (1.0 / keep);
        for (int i = 0; i < m.length; i++) {
            m[i] = dropoutRandom.nextDouble() < keep ? scale : 0f;
        }
        return Nd4j.createFromArray(m).reshape(n, width);
    }

    @Override
    public float[][] output(float[] signal, float[] rr, int n) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("signal", Nd4j.createFromArray(signal).reshape(n, windowSamples));
        if (rrInputs > 0) {
            ph.put("rr", Nd4j.createFromArray(rr).reshape(n, rrInputs));
        }
        return Tensors.rows(sd.output(ph, "probs").get("probs"));
    }

    @Override
    public void write(OutputStream out) throws IOException {
        Path tmp = Files.createTempFile("beatflow-samediff", ".fb");
        try {
            sd.save(tmp.toFile(), false);
            Files.copy(tmp, out);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a network written by {@link #write}. */
    public static TransformerNetwork read(InputStream in, int channels, int windowSamples, int rrInputs, int classes)
            throws IOException {
        Path tmp = Files.createTempFile("beatflow-samediff", ".fb");
        try {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            SameDiff sd = SameDiff.load(tmp.toFile(), false);
            return new TransformerNetwork(sd, channels * windowSamples, rrInputs, classes, null,
                    Training.ofLoaded());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public long parameterCount() {
        return trainableVariables().stream().mapToLong(v -> v.getArr().length()).sum();
    }

    /** The graph's trainable variables, in its order. */
    private List<SDVariable> trainableVariables() {
        return sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).toList();
    }

    @Override
    public Map<String, float[]> encoderWeights() {
        Map<String, float[]> out = new java.util.TreeMap<>();
        for (SDVariable v : trainableVariables()) {
            if (v.name().startsWith(ENCODER_PREFIX)) {
                out.put(v.name(), v.getArr().dup('c').data().asFloat());
            }
        }
        return out;
    }

    @Override
    public void setEncoderWeights(Map<String, float[]> weights) {
        BeatNetwork.checkEncoderWeights(encoderWeights(), weights);
        for (SDVariable v : trainableVariables()) {
            float[] values = weights.get(v.name());
            if (values != null) {
                INDArray a = v.getArr();
                a.assign(Nd4j.createFromArray(values).reshape('c', a.shape()));
            }
        }
    }

    /** Every trainable value, variable by variable in the graph's order (for tests). */
    float[] parameterValues() {
        float[] out = new float[(int) parameterCount()];
        int at = 0;
        for (SDVariable v : trainableVariables()) {
            float[] values = v.getArr().dup().data().asFloat();
            System.arraycopy(values, 0, out, at, values.length);
            at += values.length;
        }
        return out;
    }

    @Override
    public BeatNetwork copy() {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            write(bytes);
            TransformerNetwork t = read(new java.io.ByteArrayInputStream(bytes.toByteArray()), 1, windowSamples,
                    rrInputs, classes);
            return t;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

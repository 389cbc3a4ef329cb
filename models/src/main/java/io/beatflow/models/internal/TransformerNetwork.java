package io.beatflow.models.internal;

import io.beatflow.models.TransformerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
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
 * The head's dropout is not applied in this graph (SameDiff has no train/test switch for it here).
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

    private TransformerNetwork(SameDiff sd, int signalValues, int rrInputs, int classes, float[] classWeights) {
        this.sd = sd;
        this.windowSamples = signalValues;
        this.rrInputs = rrInputs;
        this.classes = classes;
        this.classWeights = classWeights;
    }

    /** A new, initialised network. */
    public static TransformerNetwork create(TransformerConfig c, long seed, ISchedule learningRate, double weightDecay,
            float[] classWeights) {
        Nd4j.getRandom().setSeed(seed);
        SameDiff sd = SameDiff.create();
        int ch = c.input().channels();
        int l = c.input().windowSamples();
        int p = c.patches();
        int ps = c.patchSize();
        int d = c.modelDim();
        int rr = c.input().rrInputs();
        int k = c.head().classes();
        SDVariable signal = sd.placeHolder("signal", DataType.FLOAT, -1, ch * l);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, k);
        SDVariable weight = sd.placeHolder("weight", DataType.FLOAT, -1);

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
        SDVariable emb = layerNorm(sd, "enc_ln_out", x, d).mean("embedding", 1);
        SDVariable joined = emb;
        if (rr > 0) {
            SDVariable rrIn = sd.placeHolder("rr", DataType.FLOAT, -1, rr);
            joined = sd.concat("head_join", 1, emb, rrIn);
        }
        int hidden = c.head().hiddenUnits();
        SDVariable wh = sd.var("head_dense_w", new XavierInitScheme('c', d + rr, hidden), DataType.FLOAT, d + rr,
                hidden);
        SDVariable bh = sd.var("head_dense_b", new ZeroInitScheme('c'), DataType.FLOAT, hidden);
        SDVariable hid = sd.nn.relu(joined.mmul(wh).add(bh), 0);
        SDVariable wout = sd.var("head_out_w", new XavierInitScheme('c', hidden, k), DataType.FLOAT, hidden, k);
        SDVariable bout = sd.var("head_out_b", new ZeroInitScheme('c'), DataType.FLOAT, k);
        SDVariable logits;
        if (rr > 0 && c.head().rrToLogits()) {
            SDVariable wrr = sd.var("head_rr_w", new XavierInitScheme('c', rr, k), DataType.FLOAT, rr, k);
            logits = hid.mmul(wout).add(sd.getVariable("rr").mmul(wrr)).add("head_logits", bout);
        } else {
            logits = hid.mmul(wout).add("head_logits", bout);
        }
        sd.nn.softmax("probs", logits, 1);
        SDVariable perBeat = label.mul(sd.nn.logSoftmax(logits)).sum(1).neg();
        perBeat.mul(weight).sum().div("loss", weight.sum().add(1e-12));
        sd.setLossVariables("loss");
        configureTraining(sd, rr, learningRate, weightDecay);
        return new TransformerNetwork(sd, ch * l, rr, k, classWeights == null ? null : classWeights.clone());
    }

    private static void configureTraining(SameDiff sd, int rr, ISchedule learningRate, double weightDecay) {
        TrainingConfig.Builder t = new TrainingConfig.Builder()
                .updater(new Adam(learningRate))
                .dataSetFeatureMapping(rr > 0 ? new String[] {"signal", "rr", "weight"} : new String[] {"signal", "weight"})
                .dataSetLabelMapping("label");
        if (weightDecay > 0) {
            t.weightDecay(weightDecay, true);
        }
        sd.setTrainingConfig(t.build());
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

    private INDArray[] features(float[] signal, float[] rr, float[] weight, int n) {
        INDArray s = Nd4j.createFromArray(signal).reshape(n, windowSamples);
        INDArray w = Nd4j.createFromArray(weight);
        if (rrInputs == 0) {
            return new INDArray[] {s, w};
        }
        return new INDArray[] {s, Nd4j.createFromArray(rr).reshape(n, rrInputs), w};
    }

    @Override
    public double fit(float[] signal, float[] rr, int[] labels, int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = classWeights == null ? 1f : classWeights[labels[i]];
        }
        MultiDataSet ds = new MultiDataSet(features(signal, rr, w, n),
                new INDArray[] {Tensors.oneHot(labels, n, classes)});
        // SameDiff's fit reports no loss value to listeners here, so the loss comes from a forward pass
        INDArray[] f = ds.getFeatures();
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("signal", f[0]);
        if (rrInputs > 0) {
            ph.put("rr", f[1]);
        }
        ph.put("weight", f[f.length - 1]);
        ph.put("label", ds.getLabels(0));
        double loss = sd.output(ph, "loss").get("loss").getDouble(0);
        sd.fit(ds);
        return loss;
    }

    @Override
    public float[][] output(float[] signal, float[] rr, int n) {
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("signal", Nd4j.createFromArray(signal).reshape(n, windowSamples));
        if (rrInputs > 0) {
            ph.put("rr", Nd4j.createFromArray(rr).reshape(n, rrInputs));
        }
        return sd.output(ph, "probs").get("probs").toFloatMatrix();
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
            return new TransformerNetwork(sd, channels * windowSamples, rrInputs, classes, null);
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
        long n = 0;
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                n += v.getArr().length();
            }
        }
        return n;
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

package io.beatflow.models.internal;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A base network and class experts: each expert's probability of its class replaces the base's,
 * and each beat's probabilities are renormalised to sum to 1. An expert takes the base's input, or
 * only its template channel (an input without the raw-window channel, whose one channel is the
 * base input's second).
 *
 * <p>Only for inference. Not thread-safe, like its networks.
 */
public final class ExpertsNetwork implements BeatNetwork {
    /** One expert: the class it decides, its network, and whether it takes only the template channel. */
    public record Expert(int classIndex, BeatNetwork network, boolean templateChannelOnly) {
    }

    private final BeatNetwork base;
    private final List<Expert> experts;
    private final int channels;
    private final int windowSamples;

    /**
     * @param base the base network
     * @param experts at least one, each of another class
     * @param channels channels of the base input
     * @param windowSamples samples per channel
     */
    public ExpertsNetwork(BeatNetwork base, List<Expert> experts, int channels, int windowSamples) {
        if (experts.isEmpty()) {
            throw new IllegalArgumentException("no class experts");
        }
        this.base = base;
        this.experts = List.copyOf(experts);
        this.channels = channels;
        this.windowSamples = windowSamples;
    }

    /** The base network. */
    public BeatNetwork base() {
        return base;
    }

    /** The experts, in the order they are applied. */
    public List<Expert> experts() {
        return experts;
    }

    @Override
    public double fit(float[] signal, float[] rr, int[] labels, int n) {
        throw new UnsupportedOperationException("class experts are not trained as a whole; train each model");
    }

    @Override
    public float[][] output(float[] signal, float[] rr, int n) {
        float[][] p = base.output(signal, rr, n);
        float[] template = null;
        for (Expert e : experts) {
            float[] in = signal;
            if (e.templateChannelOnly()) {
                if (template == null) {
                    template = new float[n * windowSamples];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(signal, (i * channels + 1) * windowSamples, template, i * windowSamples,
                                windowSamples);
                    }
                }
                in = template;
            }
            float[][] q = e.network().output(in, rr, n);
            for (int i = 0; i < n; i++) {
                p[i][e.classIndex()] = q[i][e.classIndex()];
            }
        }
        for (float[] row : p) {
            double sum = 0;
            for (float v : row) {
                sum += v;
            }
            for (int c = 0; c < row.length; c++) {
                row[c] = (float) (row[c] / sum);
            }
        }
        return p;
    }

    @Override
    public void write(OutputStream out) {
        throw new UnsupportedOperationException("class experts are written model by model (ModelBundle)");
    }

    @Override
    public String format() {
        return base.format();
    }

    @Override
    public long parameterCount() {
        long n = base.parameterCount();
        for (Expert e : experts) {
            n += e.network().parameterCount();
        }
        return n;
    }

    @Override
    public BeatNetwork copy() {
        List<Expert> c = new ArrayList<>();
        for (Expert e : experts) {
            c.add(new Expert(e.classIndex(), e.network().copy(), e.templateChannelOnly()));
        }
        return new ExpertsNetwork(base.copy(), c, channels, windowSamples);
    }
}

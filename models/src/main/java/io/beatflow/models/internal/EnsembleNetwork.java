package io.beatflow.models.internal;

import java.io.OutputStream;
import java.util.List;

/**
 * Networks of one input and one set of classes whose probabilities are combined by their
 * normalised geometric mean: the softmax of the members' mean log-probability, the average of
 * their logits up to a per-beat constant. Averaging in the log domain keeps a class that one
 * member rules out firmly low, and with equal members it returns their probabilities unchanged.
 *
 * <p>Only for inference: an ensemble is made of members trained on their own. Not thread-safe,
 * like its members.
 */
public final class EnsembleNetwork implements BeatNetwork {
    /** Probabilities are floored here before the logarithm, so a zero stays finite. */
    static final double FLOOR = 1e-30;

    private final List<BeatNetwork> members;

    /**
     * @param members at least two networks of the same input and classes
     */
    public EnsembleNetwork(List<BeatNetwork> members) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two members, got " + members.size());
        }
        this.members = List.copyOf(members);
    }

    /** The members, in order. */
    public List<BeatNetwork> members() {
        return members;
    }

    @Override
    public double fit(float[] signal, float[] rr, int[] labels, int n) {
        throw new UnsupportedOperationException("an ensemble is not trained as a whole; train its members");
    }

    @Override
    public float[][] output(float[] signal, float[] rr, int n) {
        double[][] sum = null;
        for (BeatNetwork m : members) {
            float[][] p = m.output(signal, rr, n);
            if (sum == null) {
                sum = new double[p.length][p.length == 0 ? 0 : p[0].length];
            }
            for (int i = 0; i < p.length; i++) {
                for (int c = 0; c < p[i].length; c++) {
                    sum[i][c] += Math.log(Math.max(p[i][c], FLOOR));
                }
            }
        }
        float[][] out = new float[sum.length][];
        for (int i = 0; i < sum.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : sum[i]) {
                max = Math.max(max, v);
            }
            double z = 0;
            double[] e = new double[sum[i].length];
            for (int c = 0; c < e.length; c++) {
                e[c] = Math.exp((sum[i][c] - max) / members.size());
                z += e[c];
            }
            out[i] = new float[e.length];
            for (int c = 0; c < e.length; c++) {
                out[i][c] = (float) (e[c] / z);
            }
        }
        return out;
    }

    @Override
    public void write(OutputStream out) {
        throw new UnsupportedOperationException("an ensemble is written member by member (ModelBundle)");
    }

    @Override
    public String format() {
        return members.get(0).format();
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (BeatNetwork m : members) {
            n += m.parameterCount();
        }
        return n;
    }

    @Override
    public BeatNetwork copy() {
        return new EnsembleNetwork(members.stream().map(BeatNetwork::copy).toList());
    }
}

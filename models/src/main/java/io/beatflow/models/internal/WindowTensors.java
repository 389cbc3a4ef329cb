package io.beatflow.models.internal;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.ingest.BeatWindow;
import io.beatflow.ingest.RrFeatures;
import io.beatflow.models.InputSpec;
import java.util.List;

/**
 * The one seam between beats and network inputs: per-window z-score normalisation and the RR
 * transform described in {@link InputSpec}, into flat float arrays.
 */
public final class WindowTensors {
    /** RR value used when an interval and the local average are both undefined, seconds. */
    public static final double DEFAULT_RR_SECONDS = 0.8;

    private WindowTensors() {
    }

    /** A batch of network inputs: {@code n} windows and their RR values, flat. */
    public record Batch(float[] signal, float[] rr, int n) {
    }

    /**
     * Inputs of beat windows.
     *
     * @throws IllegalArgumentException naming the window, if its length or rate differs from the spec
     */
    public static Batch of(List<BeatWindow> windows, InputSpec spec) {
        int n = windows.size();
        int l = spec.windowSamples();
        float[] signal = new float[n * l];
        float[] rr = new float[n * spec.rrInputs()];
        float[] buf = new float[l];
        for (int i = 0; i < n; i++) {
            BeatWindow w = windows.get(i);
            if (w.length() != l) {
                throw new IllegalArgumentException("beat window " + w.recordId() + " beat " + w.beatIndex() + ": "
                        + w.length() + " samples, the model takes " + l);
            }
            if (Math.abs(w.sampleRateHz() - spec.sampleRateHz()) > 1e-6 * spec.sampleRateHz()) {
                throw new IllegalArgumentException("beat window " + w.recordId() + " beat " + w.beatIndex() + ": "
                        + w.sampleRateHz() + " Hz, the model takes " + spec.sampleRateHz() + " Hz");
            }
            for (int j = 0; j < l; j++) {
                buf[j] = w.sample(j);
            }
            normalise(buf, 0, signal, i * l, l);
            if (spec.useRr()) {
                RrFeatures f = w.rr();
                rr(f.previousRrSeconds(), f.nextRrSeconds(), f.localAverageRrSeconds(), rr, i * InputSpec.RR_INPUTS);
            }
        }
        return new Batch(signal, rr, n);
    }

    /** Inputs of beats {@code idx[from..to)} of a dataset. */
    public static Batch of(BeatDataset d, int[] idx, int from, int to, InputSpec spec) {
        int n = to - from;
        int l = spec.windowSamples();
        if (d.windowSamples() != l) {
            throw new IllegalArgumentException("dataset windows have " + d.windowSamples() + " samples, the model takes "
                    + l);
        }
        float[] signal = new float[n * l];
        float[] rr = new float[n * spec.rrInputs()];
        float[] buf = new float[l];
        for (int i = 0; i < n; i++) {
            int b = idx[from + i];
            d.copyWindow(b, buf, 0);
            normalise(buf, 0, signal, i * l, l);
            if (spec.useRr()) {
                float[] f = d.rrFeatures(b);
                rr(f[0], f[1], f[2], rr, i * InputSpec.RR_INPUTS);
            }
        }
        return new Batch(signal, rr, n);
    }

    /**
     * Training augmentation in place: each of the {@code n} windows of {@code l} samples is shifted
     * by a random whole number of samples in {@code [-maxShift, maxShift]} (the edge sample held)
     * and gets Gaussian noise of standard deviation {@code noise}.
     */
    public static void augment(float[] signal, int n, int l, int maxShift, double noise, java.util.Random rnd) {
        float[] tmp = new float[l];
        for (int i = 0; i < n; i++) {
            int off = i * l;
            int shift = maxShift == 0 ? 0 : rnd.nextInt(2 * maxShift + 1) - maxShift;
            System.arraycopy(signal, off, tmp, 0, l);
            for (int j = 0; j < l; j++) {
                int src = Math.min(l - 1, Math.max(0, j - shift));
                signal[off + j] = tmp[src] + (noise == 0 ? 0f : (float) (noise * rnd.nextGaussian()));
            }
        }
    }

    /**
     * Z-score of {@code len} values: mean of the finite values removed, divided by their
     * population standard deviation (only the mean when it is 0); non-finite values become 0.
     */
    public static void normalise(float[] src, int srcOff, float[] dst, int dstOff, int len) {
        double sum = 0;
        int k = 0;
        for (int i = 0; i < len; i++) {
            float v = src[srcOff + i];
            if (Float.isFinite(v)) {
                sum += v;
                k++;
            }
        }
        double mean = k == 0 ? 0 : sum / k;
        double ss = 0;
        for (int i = 0; i < len; i++) {
            float v = src[srcOff + i];
            if (Float.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sd = k == 0 ? 0 : Math.sqrt(ss / k);
        double scale = sd > 0 ? 1 / sd : 1;
        for (int i = 0; i < len; i++) {
            float v = src[srcOff + i];
            dst[dstOff + i] = Float.isFinite(v) ? (float) ((v - mean) * scale) : 0f;
        }
    }

    /** The six RR inputs of {@link InputSpec} into {@code dst[off..off+6)}. */
    public static void rr(double previous, double next, double local, float[] dst, int off) {
        double loc = ok(local) ? local : ok(previous) ? previous : ok(next) ? next : DEFAULT_RR_SECONDS;
        double prev = ok(previous) ? previous : loc;
        double nxt = ok(next) ? next : loc;
        dst[off] = (float) (prev - DEFAULT_RR_SECONDS);
        dst[off + 1] = (float) (nxt - DEFAULT_RR_SECONDS);
        dst[off + 2] = (float) (loc - DEFAULT_RR_SECONDS);
        dst[off + 3] = (float) Math.log(prev / loc);
        dst[off + 4] = (float) Math.log(nxt / loc);
        dst[off + 5] = (float) Math.log(prev / nxt);
    }

    private static boolean ok(double v) {
        return v > 0 && Double.isFinite(v);
    }
}

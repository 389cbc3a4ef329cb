package io.beatflow.models;

import io.beatflow.models.internal.WindowTensors;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One class's probability smoothed over the beats of the same patient that look alike, causally:
 * a beat's probability of the class becomes the weighted mean of its own and those of the earlier
 * beats of its stream, each weighted by how close that beat's window is to this one's,
 * {@code p'_i = (p_i + sum_j w_ij p_j) / (1 + sum_j w_ij)} with {@code w_ij = exp(-d_ij^2 / h_i^2)}
 * over the last {@link Settings#pastBeats()} beats {@code j}. {@code d} is the Euclidean distance
 * of the two windows, each less its median (in the stream's own units), and
 * {@code h_i^2 = bandwidth^2} times the median, over the last {@code pastBeats} beats up to this
 * one, of each beat's squared distance to its nearest earlier beat: the patient's usual spread
 * between look-alike beats. The other classes are scaled so that the row still sums to 1. No label
 * is used.
 *
 * <p>Why: the ventricular beats from one ectopic focus have the same morphology beat after beat
 * (a patient with several foci has several such shapes) while noise on one beat does not repeat,
 * so a beat whose window is close to many earlier beats the network scored normal is rarely
 * ventricular, and a beat close to earlier ventricular beats rarely normal; a beat unlike any
 * earlier one keeps its own score (all its weights are small). Patient-wise agreement of like morphologies is what
 * clustering-based heartbeat classifiers exploit (Lagerholm et al., IEEE Trans. Biomed. Eng.
 * 2000; 47(7): 838-848), here without choosing clusters. How much it helps is measured, out of
 * fold on DS1, in {@code models/results/cv-ds1.md}.
 *
 * <p>The probabilities smoothed are the network's, before a {@link DecisionRule}'s offsets, and the
 * earlier beats enter with their network probabilities (not their smoothed ones). Feed one
 * stream's beats in time order. Not thread-safe: one instance per stream.
 */
public final class MorphologySmoothing {
    /** Earlier beats compared with by default: about 13 minutes at 75 beats per minute. */
    public static final int DEFAULT_PAST_BEATS = 1000;
    /** Bandwidth by default. */
    public static final double DEFAULT_BANDWIDTH = 2;
    /** Most earlier beats a stream may keep: 100,000 windows of 256 samples are about 100 MB. */
    public static final int MAX_PAST_BEATS = 100_000;

    /**
     * What a {@link DecisionRule} smooths before its offsets.
     *
     * @param className the class whose probability is smoothed (e.g. V)
     * @param pastBeats earlier beats a beat is compared with; at least 1
     * @param bandwidth multiplier of the patient's median nearest-beat distance; positive, finite
     */
    public record Settings(String className, int pastBeats, double bandwidth) {
        /** Checks the values. */
        public Settings {
            if (className == null || className.isBlank()) {
                throw new IllegalArgumentException("morphology smoothing: a class name is needed");
            }
            if (pastBeats < 1 || pastBeats > MAX_PAST_BEATS) {
                throw new IllegalArgumentException("morphology smoothing: past beats must be 1 to " + MAX_PAST_BEATS
                        + " (each stream keeps that many windows), got " + pastBeats);
            }
            if (!(bandwidth > 0) || !Double.isFinite(bandwidth)) {
                throw new IllegalArgumentException("morphology smoothing: bandwidth must be positive and finite, got "
                        + bandwidth);
            }
        }
    }

    private final Settings settings;
    private final int classIndex;
    private final int samples;
    /** The last beats' centred windows, a ring of {@code pastBeats} rows (null until used). */
    private final float[][] windows;
    /** Scratch: this beat's squared distance to each earlier beat of the ring. */
    private final double[] distances;
    private final double[] probability;
    private final double[] nearest;
    private int count;
    private int next;
    private final float[] centred;
    private final float[] scratch;
    private final double[] medianScratch;

    /**
     * The state of one stream.
     *
     * @param settings what is smoothed
     * @param classNames the model's classes, in the order of the probability rows
     * @param windowSamples samples per beat window
     * @throws IllegalArgumentException if the class is not one of {@code classNames}
     */
    public MorphologySmoothing(Settings settings, List<String> classNames, int windowSamples) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.classIndex = classNames.indexOf(settings.className());
        if (classIndex < 0) {
            throw new IllegalArgumentException("morphology smoothing: class " + settings.className()
                    + " is not one of the model's classes " + classNames);
        }
        if (windowSamples < 1) {
            throw new IllegalArgumentException("morphology smoothing: window of " + windowSamples + " samples");
        }
        this.samples = windowSamples;
        this.windows = new float[settings.pastBeats()][]; // rows made as beats arrive
        this.distances = new double[settings.pastBeats()];
        this.probability = new double[settings.pastBeats()];
        this.nearest = new double[settings.pastBeats()];
        this.centred = new float[windowSamples];
        this.scratch = new float[windowSamples];
        this.medianScratch = new double[settings.pastBeats()];
        // about 40 bytes per past beat up front; a window (4 bytes per sample) only once its beat has come
    }

    /** What is smoothed. */
    public Settings settings() {
        return settings;
    }

    /**
     * Smooths the next beat's probabilities in place, then takes the beat into the history.
     *
     * @param window the beat's window ({@code windowSamples} values from {@code offset}); NaN counts as 0
     * @param probs the network's class probabilities of the beat, rewritten
     */
    public void next(float[] window, int offset, float[] probs) {
        if (offset < 0 || offset + samples > window.length) {
            throw new IllegalArgumentException("morphology smoothing: window of " + (window.length - offset)
                    + " values from offset " + offset + ", expected " + samples);
        }
        WindowTensors.centre(window, offset, samples, centred, scratch);
        int n = count;
        double[] d2 = distances;
        double nn = Double.NaN;
        for (int k = 0; k < n; k++) {
            double s = squaredDistance(centred, windows[k]);
            d2[k] = s;
            nn = k == 0 ? s : Math.min(nn, s);
        }
        double own = probs[classIndex];
        // the median over the last pastBeats beats up to this one: the oldest beat (in the slot this
        // one takes) leaves; beats without an earlier beat have no nearest distance
        int slot = next;
        if (n > 0) {
            int m2 = 0;
            for (int k = 0; k < n; k++) {
                if (k != slot && !Double.isNaN(nearest[k])) {
                    medianScratch[m2++] = nearest[k];
                }
            }
            medianScratch[m2++] = nn;
            Arrays.sort(medianScratch, 0, m2);
            double med = (m2 & 1) == 1 ? medianScratch[m2 / 2] : 0.5 * (medianScratch[m2 / 2 - 1] + medianScratch[m2 / 2]);
            double h2 = settings.bandwidth() * settings.bandwidth() * med;
            double num = own;
            double den = 1;
            for (int k = 0; k < n; k++) {
                double w = h2 > 0 ? Math.exp(-d2[k] / h2) : (d2[k] <= 0 ? 1 : 0);
                num += w * probability[k];
                den += w;
            }
            rescale(probs, num / den);
        }
        if (windows[slot] == null) {
            windows[slot] = new float[samples];
        }
        System.arraycopy(centred, 0, windows[slot], 0, samples);
        probability[slot] = own;
        nearest[slot] = nn;
        next = (next + 1) % windows.length;
        count = Math.min(windows.length, count + 1);
    }

    /**
     * The squared Euclidean distance of two windows: four partial sums side by side (sample
     * positions 0, 4, 8, ...; 1, 5, ...; and so on), added pairwise at the end, so that the
     * additions do not wait on each other one by one.
     */
    private double squaredDistance(float[] a, float[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < samples; j += 4) {
            double d0 = a[j] - b[j];
            double d1 = a[j + 1] - b[j + 1];
            double d2 = a[j + 2] - b[j + 2];
            double d3 = a[j + 3] - b[j + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < samples; j++) {
            double d = a[j] - b[j];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Sets the class's probability to {@code p} and scales the others to sum to {@code 1 - p}. */
    private void rescale(float[] probs, double p) {
        double rest = 0;
        for (int c = 0; c < probs.length; c++) {
            if (c != classIndex) {
                rest += probs[c];
            }
        }
        for (int c = 0; c < probs.length; c++) {
            if (c != classIndex) {
                probs[c] = (float) (rest > 0 ? probs[c] * (1 - p) / rest : (1 - p) / (probs.length - 1));
            }
        }
        probs[classIndex] = (float) p;
    }

    /** Forgets every beat (a new stream). */
    public void reset() {
        count = 0;
        next = 0;
    }
}

package io.beatflow.models;

import io.beatflow.models.internal.WindowTensors;
import java.util.Arrays;
import java.util.Objects;

/**
 * The patient context of the beats of one record or stream, built causally beat by beat: the
 * patient's recent median beat, long-term mean RR interval, RR irregularity and the reference of
 * the prematurity z-scores (see {@link InputSpec}),
 * and the earlier beats a decision rule's {@link MorphologySmoothing} compares a beat with.
 *
 * <p>Feed the beats of one stream in time order to {@link #next}: each call returns the context of
 * that beat, made from the beats before it (the median beat) and the intervals up to it (the mean
 * RR), and then takes the beat into the history. The first beat of a stream is its own median
 * beat. No label is used: this is the unsupervised per-patient normalisation that inter-patient
 * classifiers need, since a premature beat or a wide complex is only premature or wide against
 * the patient's own rhythm and beats (de Chazal et al. 2004, IEEE Trans. Biomed. Eng. 51(7),
 * normalise nothing per patient and lose most supraventricular beats to it; RR intervals
 * normalised by the patient's mean are among the strongest inter-patient features in Lin and Yang
 * 2014, "Heartbeat classification using normalized RR-interval and morphological features",
 * Math. Probl. Eng. 712474).
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class BeatContext {
    private final int samples;
    private final int templateBeats;
    private final int longTermBeats;
    private final int irregularityPairs;
    private final float[][] history;
    private int historyCount;
    private int historyNext;
    private final double[] intervals;
    private int intervalCount;
    private int intervalNext;
    private double intervalSum;
    private final RrIrregularity irregularity;
    /** The prematurity reference, when the input has one (else null). */
    private final RrPrematurity prematurity;
    /** Per sample position, the history's values at that position in ascending order: {@code samples x templateBeats}. */
    private final float[] sorted;
    /** Scratch for the window's median. */
    private final float[] scratch;
    /** The stream's morphology smoothing, made by the first {@link Predictor} call that needs it. */
    private MorphologySmoothing smoothing;

    /**
     * The context of a beat: the median beat (median-centred), the long-term mean RR, the median of
     * the beat's own window (what was subtracted to centre it), and the RR irregularity (the
     * median of {@code |ln(RR_k / RR_k-1)|} over the recent pairs of successive known intervals up
     * to this beat's, NaN before the first pair), and the reference of the prematurity z-scores (null
     * when the context keeps none).
     */
    public record Context(float[] template, double longTermRrSeconds, float windowMedian, double rrIrregularity,
            RrPrematurity.Reference prematurity) {
        /** Keeps the array as given (owned by the caller from here on). */
        public Context {
            Objects.requireNonNull(template, "template");
        }

        /** Without a prematurity reference. */
        public Context(float[] template, double longTermRrSeconds, float windowMedian, double rrIrregularity) {
            this(template, longTermRrSeconds, windowMedian, rrIrregularity, null);
        }
    }

    /**
     * A context of the kind {@code spec} takes: its window length, median-beat size and RR span, and
     * the irregularity over the input's pairs of intervals, or {@link DecisionRule#IRREGULARITY_PAIRS}
     * when the input has no irregularity (a decision rule's slope reads it then).
     */
    public BeatContext(InputSpec spec) {
        this(spec.windowSamples(), Math.max(1, spec.templateBeats()), Math.max(1, spec.longTermRrBeats()),
                irregularityPairs(spec), spec.prematurityBeats());
    }

    /**
     * Pairs of intervals in the irregularity of a context of {@code spec}: the input's, or
     * {@link DecisionRule#IRREGULARITY_PAIRS} when the input has no irregularity.
     */
    public static int irregularityPairs(InputSpec spec) {
        return spec.irregularityBeats() > 0 ? spec.irregularityBeats() : DecisionRule.IRREGULARITY_PAIRS;
    }

    /** A context of explicit sizes with the irregularity of {@link DecisionRule#IRREGULARITY_PAIRS} pairs. */
    public BeatContext(int windowSamples, int templateBeats, int longTermBeats) {
        this(windowSamples, templateBeats, longTermBeats, DecisionRule.IRREGULARITY_PAIRS);
    }

    /** A context of explicit sizes without a prematurity reference. */
    public BeatContext(int windowSamples, int templateBeats, int longTermBeats, int irregularityPairs) {
        this(windowSamples, templateBeats, longTermBeats, irregularityPairs, 0);
    }

    /**
     * A context of explicit sizes.
     *
     * @param windowSamples samples per beat window
     * @param templateBeats beats in the median beat; at least 1
     * @param longTermBeats intervals in the long-term mean; at least 1
     * @param irregularityPairs pairs of successive intervals in the irregularity; at least 1
     * @param prematurityBeats beats in the prematurity reference; 0 for none
     */
    public BeatContext(int windowSamples, int templateBeats, int longTermBeats, int irregularityPairs,
            int prematurityBeats) {
        if (windowSamples < 1 || templateBeats < 1 || longTermBeats < 1 || irregularityPairs < 1
                || prematurityBeats < 0) {
            throw new IllegalArgumentException("beat context: window " + windowSamples + ", template beats "
                    + templateBeats + ", long-term beats " + longTermBeats + ", irregularity pairs "
                    + irregularityPairs + " must all be at least 1, prematurity beats (" + prematurityBeats
                    + ") at least 0");
        }
        this.prematurity = prematurityBeats > 0 ? new RrPrematurity(prematurityBeats) : null;
        this.irregularity = new RrIrregularity(irregularityPairs);
        this.irregularityPairs = irregularityPairs;
        this.samples = windowSamples;
        this.templateBeats = templateBeats;
        this.longTermBeats = longTermBeats;
        this.history = new float[templateBeats][windowSamples];
        this.intervals = new double[longTermBeats];
        this.sorted = new float[windowSamples * templateBeats];
        this.scratch = new float[windowSamples];
    }

    /**
     * Checks that this context can serve the beats of a model whose input is {@code spec}: the
     * window length, and each size that the input reads (the median beat, the long-term mean RR,
     * the irregularity) or, with {@code readsIrregularity}, the decision rule reads, as
     * {@link #BeatContext(InputSpec)} would make it. Sizes the model does not read may differ.
     *
     * @throws IllegalArgumentException saying what the context was made for and what the model takes
     */
    void checkServes(InputSpec spec, boolean readsIrregularity) {
        boolean irregular = readsIrregularity || spec.irregularityBeats() > 0;
        int pairs = irregularityPairs(spec);
        if (samples == spec.windowSamples()
                && (spec.templateBeats() == 0 || templateBeats == spec.templateBeats())
                && (spec.longTermRrBeats() == 0 || longTermBeats == spec.longTermRrBeats())
                && (!irregular || irregularityPairs == pairs)
                && (spec.prematurityBeats() == 0 || prematurityBeats() == spec.prematurityBeats())) {
            return;
        }
        StringBuilder takes = new StringBuilder("windows of " + spec.windowSamples() + " samples");
        if (spec.templateBeats() > 0) {
            takes.append(", a median beat of ").append(spec.templateBeats()).append(" beats");
        }
        if (spec.longTermRrBeats() > 0) {
            takes.append(", a mean RR of ").append(spec.longTermRrBeats()).append(" intervals");
        }
        if (irregular) {
            takes.append(", an irregularity of ").append(pairs).append(" pairs");
        }
        if (spec.prematurityBeats() > 0) {
            takes.append(", a prematurity reference of ").append(spec.prematurityBeats()).append(" beats");
        }
        throw new IllegalArgumentException("beat context made for windows of " + samples + " samples, a median beat of "
                + templateBeats + " beats, a mean RR of " + longTermBeats + " intervals, an irregularity of "
                + irregularityPairs + " pairs and " + (prematurity != null ? "a prematurity reference of "
                + prematurityBeats() + " beats" : "no prematurity reference") + "; the model takes " + takes
                + ": make the stream's context with new BeatContext(predictor.input())");
    }

    /** Beats in the prematurity reference; 0 when the context keeps none. */
    private int prematurityBeats() {
        return prematurity == null ? 0 : prematurity.beats();
    }

    /**
     * The context of the next beat of the stream, then the beat joins the history; for a context
     * without a prematurity reference ({@link #next(float[], int, double, double, double)} takes the
     * beat's other intervals for one).
     *
     * @throws IllegalStateException if this context keeps a prematurity reference
     */
    public Context next(float[] window, int offset, double previousRrSeconds) {
        if (prematurity != null) {
            throw new IllegalStateException("beat context: this context keeps a prematurity reference, which needs"
                    + " each beat's next and local mean RR as well: call next(window, offset, previous, next, local)");
        }
        return next(window, offset, previousRrSeconds, Double.NaN, Double.NaN);
    }

    /**
     * The context of the next beat of the stream, then the beat joins the history.
     *
     * @param window the beat's window ({@code windowSamples} values from {@code offset}); raw or
     *     normalised, as long as every beat of the stream is treated alike; NaN counts as 0
     * @param previousRrSeconds the interval to the previous beat; NaN or non-positive if unknown
     *     (then it is left out of the mean)
     * @param nextRrSeconds the interval to the next beat (read by the prematurity reference only);
     *     NaN or non-positive if unknown
     * @param localRrSeconds the beat's local mean RR (read by the prematurity reference only); NaN
     *     or non-positive if unknown
     * @return the median beat of the earlier beats (or of this one, for the first beat) with its
     *     median removed, the mean of the last {@code longTermBeats} known intervals up to and
     *     including this beat's (NaN if none is known), and the rest of {@link Context}
     */
    public Context next(float[] window, int offset, double previousRrSeconds, double nextRrSeconds,
            double localRrSeconds) {
        if (offset < 0 || offset + samples > window.length) {
            throw new IllegalArgumentException("beat context: window of " + (window.length - offset)
                    + " values from offset " + offset + ", expected " + samples);
        }
        float[] centred = new float[samples];
        float windowMedian = WindowTensors.centre(window, offset, samples, centred, scratch);
        if (previousRrSeconds > 0 && Double.isFinite(previousRrSeconds)) {
            if (intervalCount == longTermBeats) {
                intervalSum -= intervals[intervalNext];
            } else {
                intervalCount++;
            }
            intervals[intervalNext] = previousRrSeconds;
            intervalSum += previousRrSeconds;
            intervalNext = (intervalNext + 1) % longTermBeats;
        }
        double rrIrregularity = irregularity.next(previousRrSeconds);
        double longTerm = intervalCount == 0 ? Double.NaN : intervalSum / intervalCount;
        float[] template = new float[samples];
        int n = historyCount;
        if (n == 0) {
            System.arraycopy(centred, 0, template, 0, samples);
        }
        boolean full = n == templateBeats;
        float[] oldest = history[historyNext];
        for (int j = 0; j < samples; j++) {
            int base = j * templateBeats;
            if (n > 0) {
                // same value as WindowTensors.median of the history's column
                template[j] = (n & 1) == 1 ? sorted[base + n / 2]
                        : 0.5f * (sorted[base + n / 2 - 1] + sorted[base + n / 2]);
            }
            if (full) {
                replace(base, n, oldest[j], centred[j]);
            } else {
                insert(base, n, centred[j]);
            }
        }
        System.arraycopy(centred, 0, oldest, 0, samples);
        historyNext = (historyNext + 1) % templateBeats;
        historyCount = Math.min(templateBeats, historyCount + 1);
        RrPrematurity.Reference reference = prematurity == null ? null
                : prematurity.next(previousRrSeconds, nextRrSeconds, localRrSeconds);
        return new Context(template, longTerm, windowMedian, rrIrregularity, reference);
    }

    /**
     * The stream's morphology smoothing state of {@code settings}, made by {@code make} on first use
     * (or when the settings change).
     */
    MorphologySmoothing smoothing(MorphologySmoothing.Settings settings,
            java.util.function.Supplier<MorphologySmoothing> make) {
        if (smoothing == null || !smoothing.settings().equals(settings)) {
            smoothing = make.get();
        }
        return smoothing;
    }

    /** Forgets every beat (a new stream). */
    public void reset() {
        smoothing = null;
        historyCount = 0;
        historyNext = 0;
        intervalCount = 0;
        intervalNext = 0;
        intervalSum = 0;
        irregularity.reset();
        if (prematurity != null) {
            prematurity.reset();
        }
    }

    /**
     * Replaces one occurrence of {@code old} by {@code v} in the ascending run
     * {@code sorted[base..base+n)}, moving only the values between the two places.
     */
    private void replace(int base, int n, float old, float v) {
        int i = Arrays.binarySearch(sorted, base, base + n, old);
        if (i < 0) {
            throw new IllegalStateException("beat context: history value missing from its sorted column");
        }
        if (Float.compare(v, old) >= 0) {
            // v goes after i: shift the values in (i, j) down by one, j the insertion point in (i, end)
            int j = Arrays.binarySearch(sorted, i + 1, base + n, v);
            j = j < 0 ? -j - 1 : j;
            System.arraycopy(sorted, i + 1, sorted, i, j - i - 1);
            sorted[j - 1] = v;
        } else {
            // v goes before i: shift the values in [j, i) up by one
            int j = Arrays.binarySearch(sorted, base, i, v);
            j = j < 0 ? -j - 1 : j;
            System.arraycopy(sorted, j, sorted, j + 1, i - j);
            sorted[j] = v;
        }
    }

    /** Inserts {@code v} into the ascending run {@code sorted[base..base+n)}, which has room for it. */
    private void insert(int base, int n, float v) {
        int i = Arrays.binarySearch(sorted, base, base + n, v);
        if (i < 0) {
            i = -i - 1;
        }
        System.arraycopy(sorted, i, sorted, i + 1, base + n - i);
        sorted[i] = v;
    }
}

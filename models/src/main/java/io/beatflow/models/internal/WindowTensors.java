package io.beatflow.models.internal;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.ingest.BeatWindow;
import io.beatflow.ingest.RrFeatures;
import io.beatflow.models.BeatContext;
import io.beatflow.models.InputSpec;
import io.beatflow.models.RrPrematurity;
import java.util.List;
import java.util.Random;

/**
 * The one seam between beats and network inputs: per-window z-score normalisation, the template
 * channel and the RR transforms described in {@link InputSpec}, into flat float arrays.
 */
public final class WindowTensors {
    /** RR value used when an interval and the local average are both undefined, seconds. */
    public static final double DEFAULT_RR_SECONDS = 0.8;

    private WindowTensors() {
    }

    /**
     * A batch of network inputs: {@code n} beats, each {@code channels x windowSamples} signal values
     * (channel by channel) and {@code rrInputs} RR values, flat; {@code relabelled} (null when none
     * was) marks the beats a {@link TimingTransplant} or {@link PrematureRuns} made into its class
     * (both make S beats of N beats).
     */
    public record Batch(float[] signal, float[] rr, int n, boolean[] relabelled) {
        /** A batch whose labels are the beats' own. */
        public Batch(float[] signal, float[] rr, int n) {
            this(signal, rr, n, null);
        }

        /** Whether beat {@code i} was given another class's timing and is to be taught as that class. */
        public boolean relabelled(int i) {
            return relabelled != null && relabelled[i];
        }
    }

    /**
     * Training augmentation of the raw window, before the channels are made: a random shift of a
     * whole number of samples in {@code [-maxShift, maxShift]} (the edge sample held) and Gaussian
     * noise of {@code noise} times the window's standard deviation; and a factor {@code exp(rrScale
     * z)}, z standard normal cut at +-2, by which all of the beat's RR intervals are multiplied
     * (none drawn when {@code rrScale} is 0, so runs without it draw the same numbers as before);
     * and with probability {@code morphologyDropout} the beat's signal channels are all set to 0,
     * so that it must be told from its RR values alone (no number drawn when it is 0); and the
     * {@code transplant} of another class's timing, when not null; and then, when {@code runs} is not
     * null, a beat's RR values (and class) from one of the runs' copies drawn at random, by the runs'
     * own generator, so that the numbers {@code random} draws are those it draws without runs.
     */
    public record Augmentation(int maxShift, double noise, double rrScale, double morphologyDropout,
            TimingTransplant transplant, PrematureRuns runs, Random random) {
        /** Without premature runs. */
        public Augmentation(int maxShift, double noise, double rrScale, double morphologyDropout,
                TimingTransplant transplant, Random random) {
            this(maxShift, noise, rrScale, morphologyDropout, transplant, null, random);
        }

        /** Without a timing transplant or premature runs. */
        public Augmentation(int maxShift, double noise, double rrScale, double morphologyDropout, Random random) {
            this(maxShift, noise, rrScale, morphologyDropout, null, random);
        }

        /** Without morphology dropout. */
        public Augmentation(int maxShift, double noise, double rrScale, Random random) {
            this(maxShift, noise, rrScale, 0, random);
        }

        /** Without RR scaling or morphology dropout. */
        public Augmentation(int maxShift, double noise, Random random) {
            this(maxShift, noise, 0, 0, random);
        }
    }

    /**
     * Teaches the timing of one class on the beat shapes of another: each beat of class
     * {@code from} in a regular rhythm (its previous and next RR intervals each within
     * {@link #REGULAR} of the local mean on a log scale) becomes, with probability
     * {@code probability}, a beat of class {@code to} whose previous and next intervals are the
     * local mean times {@code exp(lnPrevious[j])} and {@code exp(lnNext[j])}, j drawn at random
     * from the donors (the ratios of real beats of class {@code to}). The local and long-term means,
     * the irregularity and the window stay as they were.
     */
    public record TimingTransplant(double probability, int from, int to, float[] lnPrevious, float[] lnNext) {
        /** Largest |ln(interval / local mean)| of the previous and next intervals of a beat in a regular rhythm. */
        public static final double REGULAR = 0.1;

        /**
         * Whether a beat of these RR features (previous, next and local mean RR, seconds, NaN where
         * unknown) is in a regular rhythm: its previous and next intervals each within
         * {@link #REGULAR} of the local mean on a log scale, undefined values replaced as in
         * {@link WindowTensors#rr}.
         */
        public static boolean regular(double previous, double next, double local) {
            double loc = local(previous, next, local);
            return Math.abs(Math.log(fallback(previous, loc) / loc)) < REGULAR
                    && Math.abs(Math.log(fallback(next, loc) / loc)) < REGULAR;
        }

        /** Checks the probability and that there are donors. */
        public TimingTransplant {
            if (!(probability > 0 && probability < 1)) {
                throw new IllegalArgumentException("timing transplant: probability must be in (0, 1), got " + probability);
            }
            if (lnPrevious.length == 0 || lnPrevious.length != lnNext.length) {
                throw new IllegalArgumentException("timing transplant: no donor beats");
            }
        }

        /**
         * The transplant whose donors are the beats of class {@code to} among {@code idx} of a dataset.
         *
         * @throws IllegalArgumentException if none of them is of class {@code to}
         */
        public static TimingTransplant of(BeatDataset d, int[] idx, int from, int to, double probability) {
            int k = 0;
            for (int i : idx) {
                k += d.label(i) == to ? 1 : 0;
            }
            if (k == 0) {
                throw new IllegalArgumentException("no training beat of class index " + to
                        + " to lend its timing to other beats");
            }
            float[] prev = new float[k];
            float[] next = new float[k];
            float[] rr = new float[InputSpec.RR_INPUTS];
            k = 0;
            for (int i : idx) {
                if (d.label(i) == to) {
                    float[] f = d.rrFeatures(i);
                    rr(f[0], f[1], f[2], rr, 0);
                    prev[k] = rr[3];
                    next[k++] = rr[4];
                }
            }
            return new TimingTransplant(probability, from, to, prev, next);
        }

        /** Number of donor beats. */
        public int donors() {
            return lnPrevious.length;
        }
    }

    /**
     * Checks that a window has the spec's length, sampling rate and R-peak index, and at least one
     * finite sample (non-finite samples count as 0, so a window of nothing but gaps would be
     * classified as a flat line).
     *
     * @throws IllegalArgumentException naming the window, if its length, rate or R-peak index
     *     differs from the spec's, or it holds no finite sample
     */
    public static void check(BeatWindow w, InputSpec spec) {
        int l = spec.windowSamples();
        if (w.length() != l) {
            throw new IllegalArgumentException("beat window " + w.recordId() + " beat " + w.beatIndex() + ": "
                    + w.length() + " samples, the model takes " + l);
        }
        if (Math.abs(w.sampleRateHz() - spec.sampleRateHz()) > 1e-6 * spec.sampleRateHz()) {
            throw new IllegalArgumentException("beat window " + w.recordId() + " beat " + w.beatIndex() + ": "
                    + w.sampleRateHz() + " Hz, the model takes " + spec.sampleRateHz() + " Hz");
        }
        if (w.rPeakIndex() != spec.rPeakIndex()) {
            // same length, but cut around the R peak otherwise: every sample would be misplaced
            throw new IllegalArgumentException("beat window " + w.recordId() + " beat " + w.beatIndex()
                    + ": R peak at sample " + w.rPeakIndex() + " of the window, the model takes it at sample "
                    + spec.rPeakIndex() + " (cut windows with the input's windowConfig())");
        }
        for (int j = 0; j < l; j++) {
            if (Float.isFinite(w.sample(j))) {
                return;
            }
        }
        throw new IllegalArgumentException("beat window " + w.recordId() + " beat " + w.beatIndex()
                + ": no finite sample (the signal is a gap there); leave the beat out");
    }

    /**
     * Checks a dataset's window length and rate against the spec, and that every window has a
     * finite sample: the checks and messages of {@link #check(BeatWindow, InputSpec)}, the dataset
     * named by its records and a window by its record, index and R-peak sample.
     *
     * @throws IllegalArgumentException naming the dataset and what the model takes, or the window
     */
    public static void check(BeatDataset d, InputSpec spec) {
        int l = spec.windowSamples();
        if (d.windowSamples() != l) {
            throw new IllegalArgumentException("beat dataset of " + recordsOf(d) + ": windows of " + d.windowSamples()
                    + " samples, the model takes " + l);
        }
        if (Math.abs(d.sampleRateHz() - spec.sampleRateHz()) > 1e-6 * spec.sampleRateHz()) {
            throw new IllegalArgumentException("beat dataset of " + recordsOf(d) + ": windows at " + d.sampleRateHz()
                    + " Hz, the model takes " + spec.sampleRateHz() + " Hz");
        }
        float[] buf = new float[l];
        for (int i = 0; i < d.size(); i++) {
            d.copyWindow(i, buf, 0);
            boolean finite = false;
            for (int j = 0; j < l && !finite; j++) {
                finite = Float.isFinite(buf[j]);
            }
            if (!finite) {
                throw new IllegalArgumentException("beat dataset record " + d.record(i) + " beat " + i + " (R peak at sample "
                        + d.sample(i) + "): no finite sample (the signal is a gap there); leave the beat out");
            }
        }
    }

    /** "records 100, 101, 102 and 45 more": a dataset named by its first few records. */
    private static String recordsOf(BeatDataset d) {
        List<String> r = d.records();
        int shown = Math.min(r.size(), 5);
        String names = String.join(", ", r.subList(0, shown));
        return (r.size() == 1 ? "record " : "records ") + names
                + (r.size() > shown ? " and " + (r.size() - shown) + " more" : "");
    }

    /**
     * Inputs of beat windows, with their contexts when the spec uses them.
     *
     * @param contexts one per window when {@link InputSpec#usesContext()}, else ignored (may be null)
     * @throws IllegalArgumentException naming the window, if its length or rate differs from the spec
     */
    public static Batch of(List<BeatWindow> windows, List<BeatContext.Context> contexts, InputSpec spec) {
        int n = windows.size();
        int l = spec.windowSamples();
        Batch b = allocate(n, spec);
        float[] buf = new float[l];
        for (int i = 0; i < n; i++) {
            BeatWindow w = windows.get(i);
            check(w, spec);
            for (int j = 0; j < l; j++) {
                buf[j] = w.sample(j);
            }
            RrFeatures f = w.rr();
            BeatContext.Context c = spec.usesContext() ? contexts.get(i) : null;
            put(b, i, buf, f.previousRrSeconds(), f.nextRrSeconds(), f.localAverageRrSeconds(),
                    c == null ? null : c.template(), c == null ? Float.NaN : c.windowMedian(),
                    c == null ? Double.NaN : c.longTermRrSeconds(), c == null ? Double.NaN : c.rrIrregularity(),
                    c == null ? null : c.prematurity(), spec);
        }
        return b;
    }

    /**
     * Inputs of beats {@code idx[from..to)} of a dataset.
     *
     * @param contexts the dataset's contexts when the spec uses them (else may be null)
     * @param augmentation training augmentation, or null
     */
    public static Batch of(BeatDataset d, DatasetContexts contexts, int[] idx, int from, int to, InputSpec spec,
            Augmentation augmentation) {
        int l = spec.windowSamples();
        if (d.windowSamples() != l) {
            throw new IllegalArgumentException("dataset windows have " + d.windowSamples() + " samples, the model takes "
                    + l);
        }
        int n = to - from;
        Batch b = allocate(n, spec);
        boolean[] relabelled = null;
        float[] buf = new float[l];
        float[] tmp = augmentation == null ? null : new float[l];
        float[] template = spec.templateBeats() > 0 ? new float[l] : null;
        for (int i = 0; i < n; i++) {
            int beat = idx[from + i];
            d.copyWindow(beat, buf, 0);
            if (augmentation != null) {
                augment(buf, tmp, augmentation);
            }
            float[] f = d.rrFeatures(beat);
            double previous = f[0];
            double next = f[1];
            double localMean = f[2];
            double longTermRr = spec.usesContext() ? contexts.longTermRrSeconds(beat) : Double.NaN;
            TimingTransplant t = augmentation == null ? null : augmentation.transplant();
            if (t != null && d.label(beat) == t.from()) {
                double loc = local(f[0], f[1], f[2]);
                if (TimingTransplant.regular(f[0], f[1], f[2])
                        && augmentation.random().nextDouble() < t.probability()) {
                    int j = augmentation.random().nextInt(t.donors());
                    previous = loc * Math.exp(t.lnPrevious()[j]);
                    next = loc * Math.exp(t.lnNext()[j]);
                    localMean = loc; // the mean the ratios are taken to, where the beat had none of its own
                    if (relabelled == null) {
                        relabelled = new boolean[n];
                    }
                    relabelled[i] = true;
                }
            }
            PrematureRuns runs = augmentation == null ? null : augmentation.runs();
            PrematureRuns.Lent lent = runs == null ? null : runs.draw(beat);
            if (lent != null) {
                // the copy's values replace the beat's, a transplant's included, as in the screen
                previous = lent.previousRrSeconds();
                next = lent.nextRrSeconds();
                localMean = lent.localRrSeconds();
                longTermRr = lent.longTermRrSeconds();
                boolean taught = lent.label() == runs.to();
                if (taught && relabelled == null) {
                    relabelled = new boolean[n];
                }
                if (relabelled != null) {
                    relabelled[i] = taught;
                }
            }
            double scale = augmentation == null || augmentation.rrScale() == 0 ? 1
                    : Math.exp(augmentation.rrScale() * Math.max(-2, Math.min(2, augmentation.random().nextGaussian())));
            double longTerm = Double.NaN;
            double irregularity = Double.NaN;
            RrPrematurity.Reference prematurity = null;
            // an augmented window has its own median; otherwise the context's is this window's
            float median = Float.NaN;
            if (spec.usesContext()) {
                median = augmentation == null ? contexts.windowMedian(beat) : Float.NaN;
                longTerm = scale * longTermRr;
                irregularity = contexts.rrIrregularity(beat); // ratios: RR scaling leaves it alone
                // the beat's own reference, also for a lent timing or run: its z-scores say how early the
                // lent intervals are in this patient's rhythm (rr_zscore.py recomputed a run's reference on
                // the copy's rhythm; a run of at most 15 beats in a reference of 256 moves it little)
                prematurity = contexts.prematurity(beat);
                if (template != null) {
                    contexts.copyTemplate(beat, template);
                }
            }
            put(b, i, buf, scale * previous, scale * next, scale * localMean, template, median, longTerm, irregularity,
                    prematurity, spec);
            if (augmentation != null && augmentation.morphologyDropout() > 0
                    && augmentation.random().nextDouble() < augmentation.morphologyDropout()) {
                int size = spec.channels() * l;
                java.util.Arrays.fill(b.signal(), i * size, (i + 1) * size, 0f);
            }
        }
        return relabelled == null ? b : new Batch(b.signal(), b.rr(), n, relabelled);
    }

    private static Batch allocate(int n, InputSpec spec) {
        return new Batch(new float[n * spec.channels() * spec.windowSamples()], new float[n * spec.rrInputs()], n);
    }

    /** Beat {@code i}'s channels and RR values from its raw window and context. */
    private static void put(Batch b, int i, float[] raw, double previous, double next, double local, float[] template,
            float median, double longTerm, double irregularity, RrPrematurity.Reference prematurity, InputSpec spec) {
        int l = spec.windowSamples();
        int off = i * spec.channels() * l;
        if (spec.rawChannel()) {
            normalise(raw, 0, b.signal(), off, l);
        }
        if (spec.templateBeats() > 0) {
            difference(raw, median, template, b.signal(), spec.rawChannel() ? off + l : off, l);
        }
        if (spec.useRr()) {
            int r = i * spec.rrInputs();
            rr(previous, next, local, b.rr(), r);
            if (spec.longTermRrBeats() > 0) {
                longTermRr(previous, next, local, longTerm, b.rr(), r + InputSpec.RR_INPUTS);
            }
            if (spec.irregularityBeats() > 0) {
                // after the long-term values when there are any; unknown (no pair of intervals yet) reads as regular
                int at = r + InputSpec.RR_INPUTS + (spec.longTermRrBeats() > 0 ? InputSpec.LONG_TERM_RR_INPUTS : 0);
                b.rr()[at] = Double.isFinite(irregularity) ? (float) irregularity : 0f;
            }
            if (spec.prematurityBeats() > 0) {
                // last; the z-scores of the beat's ln(prev/local) and ln(prev/next) as the RR inputs hold them
                int at = r + spec.rrInputs() - InputSpec.PREMATURITY_INPUTS;
                if (prematurity == null) {
                    throw new IllegalStateException("input " + spec + " takes prematurity z-scores, but the beat's"
                            + " context has no prematurity reference");
                }
                prematurity.input(b.rr()[r + 3], b.rr()[r + 5], b.rr(), at);
            }
        }
    }

    /**
     * The template channel: the median-centred window less the (median-centred) template, divided by
     * the template's population standard deviation (the window's when the template is flat, 1 when
     * both are). Non-finite samples count as 0.
     *
     * @param rawMedian the median of {@code raw} with non-finite samples as 0, if known (it is in
     *     the beat's {@link BeatContext.Context}); NaN to compute it here
     */
    public static void difference(float[] raw, float rawMedian, float[] template, float[] dst, int dstOff, int len) {
        float[] centred = new float[len];
        for (int j = 0; j < len; j++) {
            centred[j] = Float.isFinite(raw[j]) ? raw[j] : 0f;
        }
        float m = Float.isNaN(rawMedian) ? median(centred.clone(), len) : rawMedian;
        double sd = sd(template, len);
        for (int j = 0; j < len; j++) {
            centred[j] -= m;
        }
        if (!(sd > 1e-6)) {
            sd = sd(centred, len);
        }
        double scale = sd > 1e-6 ? 1 / sd : 1;
        for (int j = 0; j < len; j++) {
            dst[dstOff + j] = (float) ((centred[j] - template[j]) * scale);
        }
    }

    /**
     * Copies {@code n} values of {@code src} from {@code off} into {@code dst}, non-finite ones as 0,
     * less their median; returns the median. {@code scratch} (at least {@code n} long) is overwritten.
     */
    public static float centre(float[] src, int off, int n, float[] dst, float[] scratch) {
        for (int j = 0; j < n; j++) {
            float v = src[off + j];
            dst[j] = Float.isFinite(v) ? v : 0f;
        }
        System.arraycopy(dst, 0, scratch, 0, n);
        float m = median(scratch, n);
        for (int j = 0; j < n; j++) {
            dst[j] -= m;
        }
        return m;
    }

    /**
     * Median of {@code a[0..n)} (mean of the two middle values for even n), by selection: the value a
     * full sort in {@link Float#compare} order gives (-0 before +0, NaN last). Reorders {@code a}
     * when {@code n} is its length.
     */
    public static float median(float[] a, int n) {
        float[] work = n == a.length ? a : java.util.Arrays.copyOf(a, n);
        float upper = io.beatflow.ingest.internal.WindowMath.select(work, n / 2);
        if ((n & 1) == 1) {
            return upper;
        }
        // after selection work[0, n/2) holds the lower half, its maximum the other middle value
        float lower = work[0];
        for (int i = 1; i < n / 2; i++) {
            lower = Math.max(lower, work[i]);
        }
        return 0.5f * (lower + upper);
    }

    private static double sd(float[] a, int len) {
        double sum = 0;
        for (int j = 0; j < len; j++) {
            sum += a[j];
        }
        double mean = sum / len;
        double ss = 0;
        for (int j = 0; j < len; j++) {
            ss += (a[j] - mean) * (a[j] - mean);
        }
        return Math.sqrt(ss / len);
    }

    /** Shifts and adds noise to {@code w} in place ({@code tmp} is scratch of the same length). */
    public static void augment(float[] w, float[] tmp, Augmentation a) {
        int l = w.length;
        Random rnd = a.random();
        int shift = a.maxShift() == 0 ? 0 : rnd.nextInt(2 * a.maxShift() + 1) - a.maxShift();
        System.arraycopy(w, 0, tmp, 0, l);
        double noise = a.noise() == 0 ? 0 : a.noise() * sd(tmp, l);
        for (int j = 0; j < l; j++) {
            int src = Math.min(l - 1, Math.max(0, j - shift));
            w[j] = tmp[src] + (noise == 0 ? 0f : (float) (noise * rnd.nextGaussian()));
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
        double loc = local(previous, next, local);
        double prev = fallback(previous, loc);
        double nxt = fallback(next, loc);
        dst[off] = (float) (prev - DEFAULT_RR_SECONDS);
        dst[off + 1] = (float) (nxt - DEFAULT_RR_SECONDS);
        dst[off + 2] = (float) (loc - DEFAULT_RR_SECONDS);
        dst[off + 3] = (float) Math.log(prev / loc);
        dst[off + 4] = (float) Math.log(nxt / loc);
        dst[off + 5] = (float) Math.log(prev / nxt);
    }

    /**
     * The long-term RR inputs into {@code dst[off..off+3)}: ln(previous / long-term), ln(next /
     * long-term), ln(local / long-term), with undefined values replaced as in {@link #rr} and an
     * undefined long-term mean replaced by the local average.
     */
    public static void longTermRr(double previous, double next, double local, double longTerm, float[] dst, int off) {
        double loc = local(previous, next, local);
        double prev = fallback(previous, loc);
        double nxt = fallback(next, loc);
        double lt = ok(longTerm) ? longTerm : loc;
        dst[off] = (float) Math.log(prev / lt);
        dst[off + 1] = (float) Math.log(nxt / lt);
        dst[off + 2] = (float) Math.log(loc / lt);
    }

    /** The local mean RR, or in its place the previous interval, the next, or {@link #DEFAULT_RR_SECONDS}. */
    private static double local(double previous, double next, double local) {
        return ok(local) ? local : ok(previous) ? previous : ok(next) ? next : DEFAULT_RR_SECONDS;
    }

    /** {@code interval}, or {@code local} where it is undefined. */
    private static double fallback(double interval, double local) {
        return ok(interval) ? interval : local;
    }

    private static boolean ok(double v) {
        return v > 0 && Double.isFinite(v);
    }
}

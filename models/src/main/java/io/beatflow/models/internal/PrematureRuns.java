package io.beatflow.models.internal;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.models.InputSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs of supraventricular prematurity lent to N beats in training
 * ({@link io.beatflow.models.TrainingConfig#augmentSRuns}): {@value #COPIES} copies of the training
 * records' rhythms, made once, in which runs of {@value #SHORTEST_RUN} to {@value #LONGEST_RUN} N
 * beats in a row are premature, and from which a training batch takes a beat's RR values at random
 * ({@link #draw}).
 *
 * <p>Supraventricular ectopic beats also come in runs: three or more in a row are a
 * supraventricular tachycardia (MIT-BIH marks such episodes SVTA), and every beat of an atrial
 * run is an S beat by the AAMI classes (ANSI/AAMI EC57). Inside a run a beat is early against the
 * rhythm before the run, not against its neighbours: after a few beats the local mean of the last
 * 10 intervals is the run's own rate and only the long-term mean still says the beat is fast. DS1
 * holds few runs (mostly record 209), so the network sees that pattern on few patients.
 *
 * <p>How a copy is made (the recipe of the PyTorch screen {@code models/results/screens/s_runs.py}):
 * each record's beats are walked in R-peak order (as {@link DatasetContexts} feeds them to a
 * stream), from its second beat. At beat i a run length L is drawn uniformly from
 * {@value #SHORTEST_RUN} to {@value #LONGEST_RUN}; if beat i is an N beat in a regular rhythm
 * ({@link WindowTensors.TimingTransplant#regular}), i + L + {@value #AFTER_RUN} is less than n
 * (n the record's beats), beats i to i + L - 1 are all training N beats, and a uniform draw is
 * below {@code fraction / 9} (9 the mean run length, so that about {@code fraction} of the N beats
 * fall in runs, a little less for the beats each run skips), then the intervals ending at beats i
 * to i + L - 1 are multiplied by {@code exp(d) exp(e)}, d the ln(previous / local) of one training
 * S beat at least 10% early ({@value #DONOR_PREMATURITY} or less; one donor, drawn at random, per
 * run) and e normal with standard deviation {@value #JITTER} (drawn per interval); those beats
 * become S, and the walk goes on at i + L + {@value #AFTER_RUN} + 1. Otherwise it goes on at i + 1.
 * The interval after the run is the record's own: the rhythm resumes.
 *
 * <p>The run's beats and the {@value #AFTER_RUN} after it (whose local mean holds the run's
 * intervals; they keep their own labels) are the copy's lent beats: their previous, next, local
 * and long-term mean RR are recomputed from the copy's intervals (in one method, {@code recompute},
 * where values to come that depend on the copy's intervals belong too), the local
 * mean as ingest's {@link io.beatflow.ingest.RrFeatures} defines it (the last up to
 * {@code localRrBeats} intervals up to and including the previous one) and the long-term mean as
 * {@link io.beatflow.models.BeatContext} does (the last {@code longTermRrBeats} known intervals up
 * to and including the previous one). A copy stores only its lent beats, by dataset index.
 *
 * <p>What stays as it was, as in the screen: each beat's window, median beat and RR irregularity
 * (a real run's beats hold the previous beat's T wave closer; the irregularity of the beats in and
 * after a run would rise); the next interval of the beat before a run (really the run's first,
 * shortened, interval); and the long-term mean of the beats more than {@value #AFTER_RUN} after a
 * run, whose last {@code longTermRrBeats} intervals still hold the run's. Where the screen's walk
 * covers a fold's training beats, this one walks every beat of a training record (those without a
 * usable label too, which are never lent), so that the intervals and means are the ones the
 * dataset and its contexts hold; a run's beats must also have a known previous interval. Unlike
 * the screen, training with runs and no S beat at least 10% early is refused rather than run
 * without runs.
 */
public final class PrematureRuns {
    /** Copies ("realisations") of the training records' rhythms. */
    public static final int COPIES = 8;
    /** Fewest beats in a run. */
    public static final int SHORTEST_RUN = 3;
    /** Most beats in a run. */
    public static final int LONGEST_RUN = 15;
    /** Beats after a run whose RR values change with it (the local mean's intervals). */
    public static final int AFTER_RUN = 10;
    /** Largest ln(previous / local) of an S beat whose prematurity a run takes. */
    public static final double DONOR_PREMATURITY = -0.1;
    /** Standard deviation of the natural logarithm of each run interval's own factor. */
    public static final double JITTER = 0.03;
    /** Mean run length: a run starts at an eligible beat with probability {@code fraction / MEAN_RUN}. */
    private static final double MEAN_RUN = (SHORTEST_RUN + LONGEST_RUN) / 2.0;

    /**
     * What a copy lends one beat: its RR values in the copy, seconds (NaN where unknown), and its
     * class there. Further values computed from the copy's intervals belong here, made where the
     * others are ({@code recompute}, which has the copy's intervals and the beat's place at hand).
     *
     * @param previousRrSeconds the interval ending at the beat
     * @param nextRrSeconds the interval after it
     * @param localRrSeconds the mean of the last up to {@code localRrBeats} intervals up to and
     *     including the previous one
     * @param longTermRrSeconds the mean of the last {@code longTermRrBeats} known intervals up to
     *     and including the previous one (NaN when the input has no long-term mean)
     * @param label the class index the beat is taught as
     */
    public record Lent(double previousRrSeconds, double nextRrSeconds, double localRrSeconds,
            double longTermRrSeconds, int label) {
    }

    private final List<Map<Integer, Lent>> copies;
    private final int from;
    private final int to;
    private final int donors;
    private final long fromBeats;
    private final Random random;

    private PrematureRuns(List<Map<Integer, Lent>> copies, int from, int to, int donors, long fromBeats,
            Random random) {
        this.copies = copies;
        this.from = from;
        this.to = to;
        this.donors = donors;
        this.fromBeats = fromBeats;
        this.random = random;
    }

    /**
     * Makes the {@value #COPIES} copies of the training records of {@code d}.
     *
     * @param idx the training beats (the only ones lent, and the donors' pool)
     * @param from class index of the beats runs are made of (N)
     * @param to class index of the runs' beats and the donors (S)
     * @param fraction about this share of the training beats of class {@code from} falls in runs,
     *     in (0, 0.5)
     * @param spec the model input: its local RR span and long-term RR intervals
     * @param random draws the copies here, and each beat's copy in {@link #draw} afterwards
     * @throws IllegalArgumentException if the fraction is out of range, or no training beat of
     *     class {@code to} is at least 10% early
     */
    public static PrematureRuns of(BeatDataset d, int[] idx, int from, int to, double fraction, InputSpec spec,
            Random random) {
        if (!(fraction > 0 && fraction < 0.5)) {
            throw new IllegalArgumentException("premature runs: fraction must be in (0, 0.5), got " + fraction);
        }
        boolean[] training = new boolean[d.size()];
        long fromBeats = 0;
        List<Double> donorList = new ArrayList<>();
        float[] rr = new float[InputSpec.RR_INPUTS];
        for (int i : idx) {
            training[i] = true;
            fromBeats += d.label(i) == from ? 1 : 0;
            if (d.label(i) == to) {
                float[] f = d.rrFeatures(i);
                WindowTensors.rr(f[0], f[1], f[2], rr, 0);
                if (rr[3] <= DONOR_PREMATURITY) {
                    donorList.add((double) rr[3]);
                }
            }
        }
        if (donorList.isEmpty()) {
            throw new IllegalArgumentException("premature runs: no training beat of class index " + to
                    + " at least 10% early (ln(previous / local) <= " + DONOR_PREMATURITY + ") to lend its prematurity");
        }
        double[] donors = donorList.stream().mapToDouble(Double::doubleValue).toArray();
        int localBeats = spec.windowConfig().localRrBeats();
        int longTermBeats = spec.longTermRrBeats();
        double start = fraction / MEAN_RUN;
        List<Map<Integer, Lent>> copies = new ArrayList<>();
        for (int c = 0; c < COPIES; c++) {
            copies.add(new HashMap<>());
        }
        for (List<Integer> beats : DatasetContexts.recordsInTime(d)) {
            int n = beats.size();
            double[] intervals = new double[n];
            boolean[] eligible = new boolean[n];
            boolean[] runnable = new boolean[n];
            for (int k = 0; k < n; k++) {
                int b = beats.get(k);
                float[] f = d.rrFeatures(b);
                intervals[k] = ok(f[0]) ? f[0] : Double.NaN;
                runnable[k] = training[b] && d.label(b) == from && ok(f[0]);
                eligible[k] = runnable[k] && WindowTensors.TimingTransplant.regular(f[0], f[1], f[2]);
            }
            for (Map<Integer, Lent> copy : copies) {
                double[] changed = intervals.clone();
                int[] labels = new int[n];
                boolean[] touched = new boolean[n];
                boolean any = false;
                for (int k = 0; k < n; k++) {
                    labels[k] = d.label(beats.get(k));
                }
                int i = 1;
                while (i < n) {
                    int length = SHORTEST_RUN + random.nextInt(LONGEST_RUN - SHORTEST_RUN + 1);
                    if (eligible[i] && i + length + AFTER_RUN < n && all(runnable, i, length)
                            && random.nextDouble() < start) {
                        double factor = Math.exp(donors[random.nextInt(donors.length)]);
                        for (int k = i; k < i + length; k++) {
                            changed[k] *= factor * Math.exp(JITTER * random.nextGaussian());
                            labels[k] = to;
                        }
                        java.util.Arrays.fill(touched, i, i + length + AFTER_RUN, true);
                        any = true;
                        i += length + AFTER_RUN + 1;
                    } else {
                        i++;
                    }
                }
                if (!any) {
                    continue;
                }
                for (int k = 0; k < n; k++) {
                    if (touched[k]) {
                        int b = beats.get(k);
                        copy.put(b, recompute(changed, k, labels[k], d.rrFeatures(b)[1], localBeats, longTermBeats));
                    }
                }
            }
        }
        for (int c = 0; c < COPIES; c++) {
            copies.set(c, Map.copyOf(copies.get(c)));
        }
        return new PrematureRuns(List.copyOf(copies), from, to, donors.length, fromBeats, random);
    }

    /**
     * What beat {@code k} of a record is lent in a copy whose intervals are {@code intervals} (the
     * interval ending at each of the record's beats, in R-peak order; NaN where unknown): every
     * value a copy recomputes is made here.
     *
     * @param label the class the beat is taught as
     * @param ownNextRrSeconds the beat's own next interval, for a last beat (none follows in the copy)
     */
    static Lent recompute(double[] intervals, int k, int label, double ownNextRrSeconds, int localBeats,
            int longTermBeats) {
        double previous = intervals[k];
        double next = k + 1 < intervals.length && ok(intervals[k + 1]) ? intervals[k + 1]
                : ok(ownNextRrSeconds) ? ownNextRrSeconds : Double.NaN;
        double sum = 0;
        int count = 0;
        for (int j = Math.max(0, k - localBeats + 1); j <= k; j++) {
            if (ok(intervals[j])) {
                sum += intervals[j];
                count++;
            }
        }
        double local = count == 0 ? Double.NaN : sum / count;
        double longSum = 0;
        int longCount = 0;
        for (int j = k; j >= 0 && longCount < longTermBeats; j--) {
            if (ok(intervals[j])) {
                longSum += intervals[j];
                longCount++;
            }
        }
        double longTerm = longCount == 0 ? Double.NaN : longSum / longCount;
        return new Lent(previous, next, local, longTerm, label);
    }

    /**
     * What a copy drawn at random (one number drawn from this object's generator) lends beat
     * {@code beat} of the dataset, or null when that copy leaves it as it is.
     */
    public Lent draw(int beat) {
        return copies.get(random.nextInt(copies.size())).get(beat);
    }

    /** What copy {@code copy} lends beat {@code beat} of the dataset, or null when it leaves it as it is. */
    public Lent lent(int copy, int beat) {
        return copies.get(copy).get(beat);
    }

    /** Number of copies. */
    public int copies() {
        return copies.size();
    }

    /** Class index of the beats runs are made of (N). */
    public int from() {
        return from;
    }

    /** Class index the runs' beats are taught as (S). */
    public int to() {
        return to;
    }

    /** Number of donor beats (training S beats at least 10% early). */
    public int donors() {
        return donors;
    }

    /** Training beats of class {@link #from}. */
    public long fromBeats() {
        return fromBeats;
    }

    /** Beats taught as {@link #to} in a copy, on average over the copies. */
    public double lentPerCopy() {
        long lent = 0;
        for (Map<Integer, Lent> copy : copies) {
            lent += copy.values().stream().filter(l -> l.label() == to).count();
        }
        return lent / (double) copies.size();
    }

    private static boolean all(boolean[] a, int from, int length) {
        for (int k = from; k < from + length; k++) {
            if (!a[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ok(double v) {
        return v > 0 && Double.isFinite(v);
    }
}

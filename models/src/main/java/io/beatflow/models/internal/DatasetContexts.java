package io.beatflow.models.internal;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.models.BeatContext;
import io.beatflow.models.InputSpec;
import io.beatflow.models.MorphologySmoothing;
import io.beatflow.models.RrIrregularity;
import io.beatflow.models.RrPrematurity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@link BeatContext} of every beat of a dataset: each record's beats are fed to a fresh
 * context in the order of their R-peak samples, exactly as a stream of that record would be, so
 * training, offline prediction and streaming see the same inputs.
 */
public final class DatasetContexts {
    private final int samples;
    private final float[] templates;
    private final double[] longTerm;
    private final float[] medians;
    private final double[] irregularity;
    private final RrPrematurity.Reference[] prematurity;

    private DatasetContexts(int samples, float[] templates, double[] longTerm, float[] medians,
            double[] irregularity, RrPrematurity.Reference[] prematurity) {
        this.samples = samples;
        this.templates = templates;
        this.longTerm = longTerm;
        this.medians = medians;
        this.irregularity = irregularity;
        this.prematurity = prematurity;
    }

    /** The contexts of {@code d} for {@code spec}, or null when the spec uses none. */
    public static DatasetContexts of(BeatDataset d, InputSpec spec) {
        if (!spec.usesContext()) {
            return null;
        }
        int n = d.size();
        int l = d.windowSamples();
        float[] templates = spec.templateBeats() > 0 ? new float[n * l] : null;
        double[] longTerm = new double[n];
        float[] medians = new float[n];
        double[] irregularity = new double[n];
        RrPrematurity.Reference[] prematurity = spec.prematurityBeats() > 0 ? new RrPrematurity.Reference[n] : null;
        float[] w = new float[l];
        for (List<Integer> beats : recordsInTime(d)) {
            BeatContext ctx = new BeatContext(spec);
            for (int i : beats) {
                d.copyWindow(i, w, 0);
                float[] rr = d.rrFeatures(i);
                BeatContext.Context c = ctx.next(w, 0, rr[0], rr[1], rr[2]);
                longTerm[i] = c.longTermRrSeconds();
                medians[i] = c.windowMedian();
                irregularity[i] = c.rrIrregularity();
                if (prematurity != null) {
                    prematurity[i] = c.prematurity();
                }
                if (templates != null) {
                    System.arraycopy(c.template(), 0, templates, i * l, l);
                }
            }
        }
        return new DatasetContexts(l, templates, longTerm, medians, irregularity, prematurity);
    }

    /**
     * Every beat's RR irregularity alone, as {@link #of} computes it (the same intervals, pairs and
     * order) but without the rest of the context: what a decision rule's slope reads.
     */
    public static double[] rrIrregularity(BeatDataset d, InputSpec spec) {
        double[] out = new double[d.size()];
        for (List<Integer> beats : recordsInTime(d)) {
            RrIrregularity irregularity = new RrIrregularity(BeatContext.irregularityPairs(spec));
            for (int i : beats) {
                out[i] = irregularity.next(d.rrFeatures(i)[0]);
            }
        }
        return out;
    }

    /**
     * Smooths {@code probs} (one row per beat of {@code d}, in place) as a {@link MorphologySmoothing}
     * per record does over the record's beats in R-peak order, as {@link io.beatflow.models.Predictor}
     * does for a stream.
     */
    public static void smooth(BeatDataset d, float[][] probs, MorphologySmoothing.Settings settings,
            List<String> classNames) {
        if (probs.length != d.size()) {
            throw new IllegalArgumentException("morphology smoothing: " + probs.length + " probability rows for "
                    + d.size() + " beats");
        }
        // records are independent streams: smoothed side by side, each in R-peak order
        recordsInTime(d).parallelStream().forEach(beats -> {
            float[] w = new float[d.windowSamples()];
            MorphologySmoothing s = new MorphologySmoothing(settings, classNames, d.windowSamples());
            for (int i : beats) {
                d.copyWindow(i, w, 0);
                s.next(w, 0, probs[i]);
            }
        });
    }

    /** Each record's beat indices in R-peak order, as a stream of that record delivers them. */
    static List<List<Integer>> recordsInTime(BeatDataset d) {
        List<List<Integer>> byRecord = new ArrayList<>();
        for (int r = 0; r < d.records().size(); r++) {
            byRecord.add(new ArrayList<>());
        }
        for (int i = 0; i < d.size(); i++) {
            byRecord.get(d.recordIndex(i)).add(i);
        }
        for (List<Integer> beats : byRecord) {
            beats.sort(Comparator.comparingLong(d::sample));
        }
        return byRecord;
    }

    /** Beat {@code i}'s long-term mean RR, seconds (NaN if unknown). */
    public double longTermRrSeconds(int i) {
        return longTerm[i];
    }

    /** Beat {@code i}'s RR irregularity (NaN if unknown); see {@link BeatContext.Context}. */
    public double rrIrregularity(int i) {
        return irregularity[i];
    }

    /** Beat {@code i}'s prematurity reference, or null when the input has none. */
    public RrPrematurity.Reference prematurity(int i) {
        return prematurity == null ? null : prematurity[i];
    }

    /** The median of beat {@code i}'s window (non-finite samples as 0). */
    public float windowMedian(int i) {
        return medians[i];
    }

    /** Copies beat {@code i}'s median beat into {@code dst}. */
    public void copyTemplate(int i, float[] dst) {
        System.arraycopy(templates, i * samples, dst, 0, samples);
    }
}

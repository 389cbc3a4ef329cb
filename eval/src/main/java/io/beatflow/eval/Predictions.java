package io.beatflow.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-beat predictions of one model: the record and sample of each beat, its reference class
 * and the predicted probability of each class. Immutable; arrays are copied in and out.
 */
public final class Predictions {
    /** The AAMI EC57 beat classes, in the order of the predictions file's probability columns. */
    public static final List<String> AAMI_CLASSES = List.of("N", "S", "V", "F", "Q");

    private final String source;
    private final List<String> classNames;
    private final String[] records;
    private final long[] samples;
    private final int[] labels;
    private final double[][] probabilities;

    /**
     * @param source where the predictions came from (a file name), for messages and provenance
     * @param classNames class names; labels index into them
     * @param records record name of each beat
     * @param samples sample position of each beat (R peak), in samples
     * @param labels reference class index of each beat
     * @param probabilities per beat, one probability per class, each in [0, 1]
     * @throws IllegalArgumentException naming the beat index when lengths or values are invalid
     */
    public Predictions(String source, List<String> classNames, String[] records, long[] samples, int[] labels,
            double[][] probabilities) {
        this.source = Objects.requireNonNull(source, "source");
        this.classNames = List.copyOf(classNames);
        int n = records.length;
        if (samples.length != n || labels.length != n || probabilities.length != n) {
            throw new IllegalArgumentException(source + ": records, samples, labels and probabilities differ in length: "
                    + n + ", " + samples.length + ", " + labels.length + ", " + probabilities.length);
        }
        int k = this.classNames.size();
        this.records = records.clone();
        this.samples = samples.clone();
        this.labels = labels.clone();
        this.probabilities = new double[n][];
        java.util.Set<String> beats = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            Objects.requireNonNull(records[i], "records[" + i + "]");
            if (samples[i] < 0) {
                throw new IllegalArgumentException(source + ": beat " + i + ": sample " + samples[i] + " is negative");
            }
            if (!beats.add(records[i] + "\u0000" + samples[i])) {
                throw new IllegalArgumentException(source + ": beat " + i + ": record " + records[i] + " sample "
                        + samples[i] + " is there twice (a beat would count twice)");
            }
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException(source + ": beat " + i + ": label index " + labels[i]
                        + " out of [0," + k + ")");
            }
            if (probabilities[i].length != k) {
                throw new IllegalArgumentException(source + ": beat " + i + ": " + probabilities[i].length
                        + " probabilities for " + k + " classes");
            }
            for (double p : probabilities[i]) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException(source + ": beat " + i + ": probability " + p
                            + " is not in [0, 1]");
                }
            }
            this.probabilities[i] = probabilities[i].clone();
        }
    }

    /** Where the predictions came from. */
    public String source() {
        return source;
    }

    /** Class names. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of beats. */
    public int size() {
        return labels.length;
    }

    /** Record of each beat (copy). */
    public String[] records() {
        return records.clone();
    }

    /** Sample of each beat (copy). */
    public long[] samples() {
        return samples.clone();
    }

    /** Reference class index of each beat (copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Probability of class c for each beat (a new array). */
    public double[] probabilities(int c) {
        double[] out = new double[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities[i][c];
        }
        return out;
    }

    /** Predicted class of each beat: the most probable class, the first on ties. */
    public int[] predictedClasses() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Distinct record names in order of first appearance. */
    public List<String> recordNames() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (String r : records) {
            seen.putIfAbsent(r, Boolean.TRUE);
        }
        return List.copyOf(seen.keySet());
    }

    /** Index into {@link #recordNames()} of each beat. */
    public int[] recordIndex() {
        Map<String, Integer> idx = new LinkedHashMap<>();
        int[] out = new int[records.length];
        for (int i = 0; i < records.length; i++) {
            out[i] = idx.computeIfAbsent(records[i], r -> idx.size());
        }
        return out;
    }

    /** Whether both hold the same beats (record and sample) in the same order with the same labels. */
    public boolean sameBeats(Predictions other) {
        return Arrays.equals(records, other.records) && Arrays.equals(samples, other.samples)
                && Arrays.equals(labels, other.labels);
    }
}

package io.beatflow.datasets;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;

/**
 * Beat windows with their labels, in columns: one flat {@code float[]} of windows
 * ({@code size x windowSamples}), and per beat an AAMI label, an origin, three RR features, a
 * record and an R-peak sample position.
 *
 * <p>Labels are {@link AamiClass} ordinals (N 0, S 1, V 2, F 3, Q 4) or {@link #UNMATCHED} for a
 * detection that matched no reference beat. Accessors return copies; {@link #copyWindow(int,
 * float[], int)} fills a caller's buffer without allocating.
 */
public final class BeatDataset {
    /** Label of a detected beat that matched no reference beat. */
    public static final int UNMATCHED = -1;
    /** Number of RR features per beat: previous RR, next RR, local average RR (seconds). */
    public static final int RR_FEATURES = 3;

    /** Where a beat of the dataset comes from. */
    public enum Origin {
        /** A reference (annotated) beat, windowed at its annotated position. */
        REFERENCE,
        /** A detected beat that matched a reference beat; labelled with the reference's class. */
        MATCHED,
        /** A detected beat that matched no reference beat; label {@link #UNMATCHED}. */
        FALSE_DETECTION,
        /** A reference beat the detector missed, windowed at its annotated position. */
        MISSED,
        /**
         * A detected beat of a record without reference annotations (unlabelled data, e.g. for
         * pretraining); label {@link #UNMATCHED}.
         */
        UNANNOTATED
    }

    private final List<String> records;
    private final int windowSamples;
    private final double sampleRateHz;
    private final float[] windows;
    private final int[] labels;
    private final byte[] origins;
    private final float[] rr;
    private final int[] recordIndex;
    private final long[] samples;

    /**
     * A dataset from its columns (copied).
     *
     * @param records names of the records that {@code recordIndex} points into
     * @param windowSamples samples per window
     * @param sampleRateHz rate of the windows
     * @param windows {@code size * windowSamples} values, beat by beat
     * @param labels AAMI class ordinal or {@link #UNMATCHED}, per beat
     * @param origins {@link Origin} ordinal per beat
     * @param rr {@code size * 3} RR features (previous, next, local average; seconds; NaN where
     *     undefined)
     * @param recordIndex index into {@code records}, per beat
     * @param samples R-peak sample in the source record, per beat
     * @throws IllegalArgumentException if the column lengths disagree or a value is out of range
     */
    public BeatDataset(List<String> records, int windowSamples, double sampleRateHz, float[] windows, int[] labels,
            byte[] origins, float[] rr, int[] recordIndex, long[] samples) {
        this(records, windowSamples, sampleRateHz, windows.clone(), labels.clone(), origins.clone(), rr.clone(),
                recordIndex.clone(), samples.clone(), true);
    }

    /** Takes the arrays as they are: for callers in this package that made them and let go of them. */
    static BeatDataset adopt(List<String> records, int windowSamples, double sampleRateHz, float[] windows,
            int[] labels, byte[] origins, float[] rr, int[] recordIndex, long[] samples) {
        return new BeatDataset(records, windowSamples, sampleRateHz, windows, labels, origins, rr, recordIndex,
                samples, true);
    }

    private BeatDataset(List<String> records, int windowSamples, double sampleRateHz, float[] windows, int[] labels,
            byte[] origins, float[] rr, int[] recordIndex, long[] samples, boolean owned) {
        this.records = List.copyOf(records);
        if (windowSamples < 1) {
            throw new IllegalArgumentException("windowSamples must be positive, got " + windowSamples);
        }
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException("sampleRateHz must be positive, got " + sampleRateHz);
        }
        int n = labels.length;
        if (windows.length != (long) n * windowSamples || origins.length != n || rr.length != n * RR_FEATURES
                || recordIndex.length != n || samples.length != n) {
            throw new IllegalArgumentException("column lengths disagree: " + n + " labels, " + windows.length
                    + " window values (" + windowSamples + " per beat), " + origins.length + " origins, " + rr.length
                    + " RR values, " + recordIndex.length + " record indices, " + samples.length + " samples");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < UNMATCHED || labels[i] >= AamiClass.values().length) {
                throw new IllegalArgumentException("beat " + i + ": label " + labels[i] + " out of range");
            }
            if (origins[i] < 0 || origins[i] >= Origin.values().length) {
                throw new IllegalArgumentException("beat " + i + ": origin " + origins[i] + " out of range");
            }
            if (recordIndex[i] < 0 || recordIndex[i] >= this.records.size()) {
                throw new IllegalArgumentException("beat " + i + ": record index " + recordIndex[i] + " out of range");
            }
        }
        this.windowSamples = windowSamples;
        this.sampleRateHz = sampleRateHz;
        this.windows = windows;
        this.labels = labels;
        this.origins = origins;
        this.rr = rr;
        this.recordIndex = recordIndex;
        this.samples = samples;
    }

    /**
     * The beats of several datasets, one after the other, each keeping its records: beat {@code i}
     * of the second comes after every beat of the first, and so on.
     *
     * @throws IllegalArgumentException if there is none, the windows differ in length or rate, or
     *     two of them hold a record of the same name (their beats would look like one record's)
     */
    public static BeatDataset concat(List<BeatDataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no datasets to join");
        }
        BeatDataset first = parts.get(0);
        List<String> names = new java.util.ArrayList<>();
        int n = 0;
        for (BeatDataset d : parts) {
            if (d.windowSamples != first.windowSamples || d.sampleRateHz != first.sampleRateHz) {
                throw new IllegalArgumentException("cannot join windows of " + d.windowSamples + " samples at "
                        + d.sampleRateHz + " Hz to windows of " + first.windowSamples + " samples at "
                        + first.sampleRateHz + " Hz");
            }
            for (String r : d.records) {
                if (names.contains(r)) {
                    throw new IllegalArgumentException("record " + r + " is in two of the datasets to join; give each"
                            + " copy of a record its own name");
                }
                names.add(r);
            }
            n += d.size();
        }
        int w = first.windowSamples;
        float[] windows = new float[Math.multiplyExact(n, w)];
        int[] labels = new int[n];
        byte[] origins = new byte[n];
        float[] rr = new float[n * RR_FEATURES];
        int[] recordIndex = new int[n];
        long[] samples = new long[n];
        int at = 0;
        int recordBase = 0;
        for (BeatDataset d : parts) {
            int m = d.size();
            System.arraycopy(d.windows, 0, windows, at * w, m * w);
            System.arraycopy(d.labels, 0, labels, at, m);
            System.arraycopy(d.origins, 0, origins, at, m);
            System.arraycopy(d.rr, 0, rr, at * RR_FEATURES, m * RR_FEATURES);
            System.arraycopy(d.samples, 0, samples, at, m);
            for (int i = 0; i < m; i++) {
                recordIndex[at + i] = recordBase + d.recordIndex[i];
            }
            at += m;
            recordBase += d.records.size();
        }
        return adopt(names, w, first.sampleRateHz, windows, labels, origins, rr, recordIndex, samples);
    }

    /** Number of beats. */
    public int size() {
        return labels.length;
    }

    /** Samples per window. */
    public int windowSamples() {
        return windowSamples;
    }

    /** Sample rate of the windows, Hz. */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** The record names, indexed by {@link #recordIndex(int)}. */
    public List<String> records() {
        return records;
    }

    /** A copy of beat {@code i}'s window. */
    public float[] window(int i) {
        return Arrays.copyOfRange(windows, i * windowSamples, (i + 1) * windowSamples);
    }

    /** Copies beat {@code i}'s window into {@code dst} at {@code offset}. */
    public void copyWindow(int i, float[] dst, int offset) {
        System.arraycopy(windows, i * windowSamples, dst, offset, windowSamples);
    }

    /** A copy of all windows, flat, beat by beat. */
    public float[] windows() {
        return windows.clone();
    }

    /** Label of beat {@code i}: an {@link AamiClass} ordinal or {@link #UNMATCHED}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of every label. */
    public int[] labels() {
        return labels.clone();
    }

    /** Label name of beat {@code i}: {@code N} ... {@code Q}, or {@code unmatched}. */
    public String labelName(int i) {
        return labels[i] == UNMATCHED ? "unmatched" : AamiClass.values()[labels[i]].name();
    }

    /** Where beat {@code i} comes from. */
    public Origin origin(int i) {
        return Origin.values()[origins[i]];
    }

    /** RR features of beat {@code i}: previous, next and local average RR in seconds (NaN if undefined). */
    public float[] rrFeatures(int i) {
        return Arrays.copyOfRange(rr, i * RR_FEATURES, (i + 1) * RR_FEATURES);
    }

    /** Index into {@link #records()} of beat {@code i}'s record. */
    public int recordIndex(int i) {
        return recordIndex[i];
    }

    /** Record name of beat {@code i}. */
    public String record(int i) {
        return records.get(recordIndex[i]);
    }

    /** R-peak sample (source rate) of beat {@code i}. */
    public long sample(int i) {
        return samples[i];
    }

    /** Beats per AAMI class (unmatched detections are not counted). */
    public ClassCounts classCounts() {
        EnumMap<AamiClass, Long> m = new EnumMap<>(AamiClass.class);
        for (int l : labels) {
            if (l != UNMATCHED) {
                m.merge(AamiClass.values()[l], 1L, Long::sum);
            }
        }
        return new ClassCounts(m);
    }

    /** Beats per origin. */
    public long count(Origin origin) {
        long c = 0;
        for (byte o : origins) {
            if (o == origin.ordinal()) {
                c++;
            }
        }
        return c;
    }

    /** Raw columns for the binary format (not copied; package use only). */
    float[] windowsColumn() {
        return windows;
    }

    int[] labelsColumn() {
        return labels;
    }

    byte[] originsColumn() {
        return origins;
    }

    float[] rrColumn() {
        return rr;
    }

    int[] recordIndexColumn() {
        return recordIndex;
    }

    long[] samplesColumn() {
        return samples;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeatDataset d && windowSamples == d.windowSamples && sampleRateHz == d.sampleRateHz
                && records.equals(d.records) && Arrays.equals(windows, d.windows) && Arrays.equals(labels, d.labels)
                && Arrays.equals(origins, d.origins) && Arrays.equals(rr, d.rr)
                && Arrays.equals(recordIndex, d.recordIndex) && Arrays.equals(samples, d.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(records, windowSamples, sampleRateHz, Arrays.hashCode(labels), Arrays.hashCode(samples));
    }

    @Override
    public String toString() {
        return "BeatDataset[" + size() + " beats x " + windowSamples + " samples at " + sampleRateHz + " Hz, "
                + records.size() + " records, " + classCounts() + "]";
    }
}

package io.beatflow.ingest;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A multi-lead sampled signal: every lead has the same sample rate and length.
 *
 * <p>Samples are held in physical units ({@link Lead#units()}) as {@code float}; gaps (samples the
 * recorder marked invalid) are {@link Float#NaN}. Where the source stored digital (ADC) values, they
 * are kept too, so that they can be exported without rounding. Instances are immutable: accessors
 * return copies.
 */
public final class Signal {
    private final String name;
    private final double sampleRateHz;
    private final List<Lead> leads;
    private final float[][] physical;
    private final int[][] digital;
    private final LocalDateTime startTime;

    private Signal(String name, double sampleRateHz, List<Lead> leads, float[][] physical, int[][] digital,
            LocalDateTime startTime) {
        this.name = name;
        this.sampleRateHz = sampleRateHz;
        this.leads = leads;
        this.physical = physical;
        this.digital = digital;
        this.startTime = startTime;
    }

    /**
     * A signal from physical values.
     *
     * @param name record name, e.g. {@code "100"}
     * @param sampleRateHz samples per second per lead; positive and finite
     * @param leads one entry per row of {@code physical}
     * @param physical samples {@code [lead][sample]} in physical units; copied
     * @param startTime wall-clock time of the first sample, or {@code null} if unknown
     * @throws IllegalArgumentException if the shapes disagree or the rate is not positive
     */
    public static Signal ofPhysical(String name, double sampleRateHz, List<Lead> leads, float[][] physical,
            LocalDateTime startTime) {
        checkShape(name, sampleRateHz, leads, physical.length, lengths(physical));
        float[][] copy = new float[physical.length][];
        for (int i = 0; i < physical.length; i++) {
            copy[i] = physical[i].clone();
        }
        return new Signal(name, sampleRateHz, List.copyOf(leads), copy, null, startTime);
    }

    /**
     * A signal from digital (ADC) values; physical values follow from each lead's gain and baseline.
     *
     * @param invalidValue the digital value that marks a missing sample (becomes NaN), or
     *     {@link Integer#MIN_VALUE} if there is none
     */
    public static Signal ofDigital(String name, double sampleRateHz, List<Lead> leads, int[][] digital,
            int invalidValue, LocalDateTime startTime) {
        checkShape(name, sampleRateHz, leads, digital.length, lengths(digital));
        int[][] copy = new int[digital.length][];
        for (int l = 0; l < digital.length; l++) {
            copy[l] = digital[l].clone();
        }
        return adoptDigital(name, sampleRateHz, leads, copy, invalidValue, startTime);
    }

    /**
     * As {@link #ofDigital}, but takes ownership of {@code digital} instead of copying it: for
     * readers that have just decoded the arrays. The caller must not modify them afterwards.
     */
    public static Signal adoptDigital(String name, double sampleRateHz, List<Lead> leads, int[][] digital,
            int invalidValue, LocalDateTime startTime) {
        checkShape(name, sampleRateHz, leads, digital.length, lengths(digital));
        float[][] phys = new float[digital.length][];
        for (int l = 0; l < digital.length; l++) {
            phys[l] = toPhysical(digital[l], leads.get(l), invalidValue);
        }
        return new Signal(name, sampleRateHz, List.copyOf(leads), phys, digital, startTime);
    }

    /*
     * Float division of two exact floats rounds once, so each value is the float nearest to
     * (digital - baseline) / gain whenever baseline and gain are representable as floats (ADC
     * values, integer baselines and the usual gains are); otherwise the double form is used. The
     * gap marking runs as a second pass so that the main loop stays branch-free and vectorises.
     */
    private static float[] toPhysical(int[] d, Lead lead, int invalidValue) {
        float[] p = new float[d.length];
        double gain = lead.gain();
        double baseline = lead.baseline();
        float fg = (float) gain;
        float fb = (float) baseline;
        if (fg == gain && fb == baseline) {
            for (int i = 0; i < d.length; i++) {
                p[i] = (d[i] - fb) / fg;
            }
        } else {
            for (int i = 0; i < d.length; i++) {
                p[i] = (float) ((d[i] - baseline) / gain);
            }
        }
        for (int i = 0; i < d.length; i++) {
            if (d[i] == invalidValue) {
                p[i] = Float.NaN;
            }
        }
        return p;
    }

    private static int[] lengths(Object[] rows) {
        int[] n = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            n[i] = java.lang.reflect.Array.getLength(Objects.requireNonNull(rows[i], "lead " + i));
        }
        return n;
    }

    private static void checkShape(String name, double sampleRateHz, List<Lead> leads, int rows, int[] lengths) {
        Objects.requireNonNull(name, "name");
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException(name + ": sampleRateHz must be positive and finite, got " + sampleRateHz);
        }
        if (leads.size() != rows) {
            throw new IllegalArgumentException(name + ": " + leads.size() + " leads described but " + rows + " given");
        }
        for (int i = 1; i < lengths.length; i++) {
            if (lengths[i] != lengths[0]) {
                throw new IllegalArgumentException(name + ": lead " + i + " has " + lengths[i]
                        + " samples but lead 0 has " + lengths[0]);
            }
        }
    }

    /** Record name, e.g. {@code "100"}. */
    public String name() {
        return name;
    }

    /** Samples per second of every lead. */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** The leads, in storage order. */
    public List<Lead> leads() {
        return leads;
    }

    /** Number of leads. */
    public int leadCount() {
        return leads.size();
    }

    /** Samples per lead. */
    public int length() {
        return physical.length == 0 ? 0 : physical[0].length;
    }

    /** Duration in seconds. */
    public double durationSeconds() {
        return length() / sampleRateHz;
    }

    /** Wall-clock time of the first sample, if the source recorded one. */
    public Optional<LocalDateTime> startTime() {
        return Optional.ofNullable(startTime);
    }

    /** Whether digital (ADC) values are available (false for e.g. CSV input). */
    public boolean hasDigital() {
        return digital != null;
    }

    /**
     * Index of the lead with this name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the leads that exist, if none matches
     */
    public int leadIndex(String leadName) {
        for (int i = 0; i < leads.size(); i++) {
            if (leads.get(i).name().equalsIgnoreCase(leadName)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + ": no lead named '" + leadName + "'; leads are "
                + leads.stream().map(Lead::name).toList());
    }

    /** A copy of one lead in physical units (NaN for gaps). */
    public float[] physical(int lead) {
        return physical[checkLead(lead)].clone();
    }

    /** Physical value of one sample. */
    public float physical(int lead, int sample) {
        return physical[checkLead(lead)][sample];
    }

    /**
     * A copy of samples {@code [from, to)} of one lead in physical units (NaN for gaps), without
     * copying the rest of a long lead.
     *
     * @throws IndexOutOfBoundsException if the range is not within the lead
     */
    public float[] physical(int lead, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, length());
        return Arrays.copyOfRange(physical[checkLead(lead)], from, to);
    }

    /**
     * A copy of samples {@code [from, to)} of one lead's digital (ADC) values.
     *
     * @throws IllegalStateException if the source held no digital values ({@link #hasDigital()})
     * @throws IndexOutOfBoundsException if the range is not within the lead
     */
    public int[] digital(int lead, int from, int to) {
        if (digital == null) {
            throw new IllegalStateException(name + ": no digital values (the source stored physical values only)");
        }
        java.util.Objects.checkFromToIndex(from, to, length());
        return Arrays.copyOfRange(digital[checkLead(lead)], from, to);
    }

    /**
     * A copy of one lead's digital (ADC) values.
     *
     * @throws IllegalStateException if the source held no digital values ({@link #hasDigital()})
     */
    public int[] digital(int lead) {
        if (digital == null) {
            throw new IllegalStateException(name + ": no digital values (the source stored physical values only)");
        }
        return digital[checkLead(lead)].clone();
    }

    /** A copy of samples {@code [from, to)} of every lead; digital values are kept where present. */
    public Signal slice(int from, int to) {
        if (from < 0 || to > length() || from > to) {
            throw new IllegalArgumentException(name + ": slice [" + from + ", " + to + ") outside [0, " + length() + ")");
        }
        float[][] p = new float[physical.length][];
        int[][] d = digital == null ? null : new int[digital.length][];
        for (int l = 0; l < physical.length; l++) {
            p[l] = Arrays.copyOfRange(physical[l], from, to);
            if (d != null) {
                d[l] = Arrays.copyOfRange(digital[l], from, to);
            }
        }
        LocalDateTime start = startTime == null ? null
                : startTime.plusNanos(Math.round(from / sampleRateHz * 1e9));
        return new Signal(name, sampleRateHz, leads, p, d, start);
    }

    private int checkLead(int lead) {
        if (lead < 0 || lead >= physical.length) {
            throw new IllegalArgumentException(name + ": lead " + lead + " out of range [0, " + physical.length + ")");
        }
        return lead;
    }

    @Override
    public String toString() {
        return "Signal[" + name + ", " + leads.size() + " leads " + leads.stream().map(Lead::name).toList() + ", "
                + length() + " samples at " + sampleRateHz + " Hz]";
    }
}

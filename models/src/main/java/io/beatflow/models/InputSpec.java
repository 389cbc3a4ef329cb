package io.beatflow.models;

import io.beatflow.ingest.BeatWindowConfig;
import io.beatflow.ingest.WindowNormalisation;
import java.util.Objects;

/**
 * What a model takes in: one lead, a beat-centred window of a fixed length at a fixed rate, and
 * (optionally) the beat's RR-interval features and the patient context of {@link BeatContext}.
 *
 * <p>Every window is normalised per window before it reaches the network (z-score: mean removed,
 * divided by the population standard deviation; a flat window is only mean-removed), whatever
 * normalisation the window already had, so windows cut with any {@code WindowNormalisation} give
 * the same input. RR features enter the head as six values: previous, next and local-average RR
 * minus 0.8 s, and the natural logarithms of previous/local, next/local and previous/next (an
 * undefined interval is replaced by the local average, or by 0.8 s when that too is undefined).
 *
 * <p>With a patient context ({@code templateBeats > 0}), the network takes a second channel: the
 * window minus the patient's recent median beat ({@link BeatContext}), both median-centred,
 * divided by the standard deviation of that median beat. It shows how this beat differs from the
 * patient's usual beat, which is what separates ectopic from normal beats across patients whose
 * normal beats look different. With {@code longTermRrBeats > 0}, three RR values join the head:
 * the natural logarithms of previous, next and local-average RR over the patient's long-term mean
 * RR (the mean of the last {@code longTermRrBeats} intervals); a premature beat is short against
 * the patient's own rhythm, whatever that rhythm is. With {@code irregularityBeats > 0}, one more
 * RR value joins the head: the rhythm's recent irregularity, the median of {@code |ln(RR_k /
 * RR_k-1)|} over the last {@code irregularityBeats} pairs of successive intervals. It stays low in
 * sinus rhythm with occasional ectopic beats (a median ignores them) and is high in atrial
 * fibrillation, whose irregular beats are normal (AAMI class N) although many are short
 * against the local rhythm; the RR irregularity of atrial fibrillation is the basis of RR-based
 * AF detection (Tateno and Glass, Med Biol Eng Comput 2001; 39: 664-671). With {@code prematurityBeats > 0}, two
 * more RR values join the head, after those: how early the beat is against its own patient's recent rhythm,
 * robust z-scores of ln(previous/local) and ln(previous/next) over the last {@code prematurityBeats} beats
 * ({@link RrPrematurity}). All of these are causal (made from this beat and earlier ones of the same record
 * or stream, with the next interval that every RR input waits for), so a stream scores exactly as a record
 * does.
 *
 * @param lead lead name the model was trained on, e.g. {@code MLII}
 * @param windowSamples samples per window; at least 16
 * @param sampleRateHz window sample rate, Hz
 * @param rPeakIndex index of the R peak within the window
 * @param useRr whether the head receives the RR features
 * @param templateBeats beats in the patient's median beat (second channel); 0 for one channel
 * @param longTermRrBeats intervals in the patient's long-term mean RR; 0 for none. Needs {@code useRr}
 * @param irregularityBeats pairs of successive intervals in the RR irregularity; 0 for none. Needs
 *     {@code useRr}
 * @param rawChannel whether the network takes the (z-scored) window itself as its first channel.
 *     Without it (which needs {@code templateBeats > 0}) the network sees the beat only as it
 *     differs from the patient's median beat, with the RR values: nothing of the window's absolute
 *     shape, which differs from patient to patient
 * @param baselineHighPassHz 0 for the lead as recorded; otherwise the lead passes a causal
 *     Butterworth high-pass at this frequency (order 2, run from the lead's first sample) before
 *     windows are cut ({@link BeatWindowConfig#baselineHighPassHz()}), which removes most baseline
 *     wander. Being causal, a stream gets the same windows as a record. Must be below half the
 *     source rate of the leads it is applied to
 * @param prematurityBeats beats in the reference of the prematurity z-scores; 0 for none. Needs
 *     {@code useRr}
 */
public record InputSpec(String lead, int windowSamples, double sampleRateHz, int rPeakIndex, boolean useRr,
        int templateBeats, int longTermRrBeats, int irregularityBeats, boolean rawChannel,
        double baselineHighPassHz, int prematurityBeats) {
    /** Number of RR values the head receives when {@link #useRr()} holds, without the long-term ones. */
    public static final int RR_INPUTS = 6;
    /** Number of long-term RR values added when {@link #longTermRrBeats()} is positive. */
    public static final int LONG_TERM_RR_INPUTS = 3;
    /** Number of RR irregularity values added when {@link #irregularityBeats()} is positive. */
    public static final int IRREGULARITY_INPUTS = 1;
    /** Number of prematurity z-scores added when {@link #prematurityBeats()} is positive. */
    public static final int PREMATURITY_INPUTS = 2;
    /** Highest baseline high-pass frequency an input may ask for, Hz. */
    public static final double MAX_BASELINE_HIGH_PASS_HZ = 5.0;

    /** Validates every field. */
    public InputSpec {
        Objects.requireNonNull(lead, "lead");
        if (lead.isBlank()) {
            throw new IllegalArgumentException("input: lead must not be blank");
        }
        if (windowSamples < 16 || windowSamples > 100_000) {
            throw new IllegalArgumentException("input: windowSamples must be 16 to 100000, got " + windowSamples);
        }
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("input: sampleRateHz must be positive, got " + sampleRateHz);
        }
        if (rPeakIndex < 0 || rPeakIndex >= windowSamples) {
            throw new IllegalArgumentException("input: rPeakIndex " + rPeakIndex + " outside a window of "
                    + windowSamples + " samples");
        }
        if (templateBeats < 0 || templateBeats > 1024) {
            throw new IllegalArgumentException("input: templateBeats must be 0 to 1024, got " + templateBeats);
        }
        if (longTermRrBeats < 0 || longTermRrBeats > 100_000) {
            throw new IllegalArgumentException("input: longTermRrBeats must be 0 to 100000, got " + longTermRrBeats);
        }
        if (irregularityBeats < 0 || irregularityBeats > 1024) {
            throw new IllegalArgumentException("input: irregularityBeats must be 0 to 1024, got " + irregularityBeats);
        }
        if (irregularityBeats > 0 && !useRr) {
            throw new IllegalArgumentException("input: irregularityBeats needs useRr (the irregularity joins the RR"
                    + " inputs)");
        }
        if (longTermRrBeats > 0 && !useRr) {
            throw new IllegalArgumentException("input: longTermRrBeats needs useRr (the long-term values join the RR"
                    + " inputs)");
        }
        if (prematurityBeats < 0 || prematurityBeats > 100_000) {
            throw new IllegalArgumentException("input: prematurityBeats must be 0 to 100000, got " + prematurityBeats);
        }
        if (prematurityBeats > 0 && !useRr) {
            throw new IllegalArgumentException("input: prematurityBeats needs useRr (the prematurity z-scores join the"
                    + " RR inputs)");
        }
        if (!rawChannel && templateBeats == 0) {
            throw new IllegalArgumentException("input: without the raw channel the network needs the template channel"
                    + " (templateBeats > 0)");
        }
        if (!(baselineHighPassHz >= 0) || !(baselineHighPassHz <= MAX_BASELINE_HIGH_PASS_HZ)) {
            throw new IllegalArgumentException("input: baselineHighPassHz must be 0 (none) to "
                    + MAX_BASELINE_HIGH_PASS_HZ + " Hz (a baseline filter, not a band-pass), got " + baselineHighPassHz);
        }
    }

    /** No prematurity z-scores. */
    public InputSpec(String lead, int windowSamples, double sampleRateHz, int rPeakIndex, boolean useRr,
            int templateBeats, int longTermRrBeats, int irregularityBeats, boolean rawChannel,
            double baselineHighPassHz) {
        this(lead, windowSamples, sampleRateHz, rPeakIndex, useRr, templateBeats, longTermRrBeats, irregularityBeats,
                rawChannel, baselineHighPassHz, 0);
    }

    /** The lead as recorded (no baseline high-pass). */
    public InputSpec(String lead, int windowSamples, double sampleRateHz, int rPeakIndex, boolean useRr,
            int templateBeats, int longTermRrBeats, int irregularityBeats, boolean rawChannel) {
        this(lead, windowSamples, sampleRateHz, rPeakIndex, useRr, templateBeats, longTermRrBeats, irregularityBeats,
                rawChannel, 0);
    }

    /** With the raw-window channel. */
    public InputSpec(String lead, int windowSamples, double sampleRateHz, int rPeakIndex, boolean useRr,
            int templateBeats, int longTermRrBeats, int irregularityBeats) {
        this(lead, windowSamples, sampleRateHz, rPeakIndex, useRr, templateBeats, longTermRrBeats, irregularityBeats,
                true);
    }

    /** No RR irregularity. */
    public InputSpec(String lead, int windowSamples, double sampleRateHz, int rPeakIndex, boolean useRr,
            int templateBeats, int longTermRrBeats) {
        this(lead, windowSamples, sampleRateHz, rPeakIndex, useRr, templateBeats, longTermRrBeats, 0);
    }

    /** One channel, no patient context. */
    public InputSpec(String lead, int windowSamples, double sampleRateHz, int rPeakIndex, boolean useRr) {
        this(lead, windowSamples, sampleRateHz, rPeakIndex, useRr, 0, 0, 0);
    }

    /** MLII, 256 samples at 360 Hz (MIT-BIH's rate) with the R peak at sample 90, RR features on. */
    public static InputSpec mitBih256() {
        return new InputSpec("MLII", 256, 360.0, 90, true);
    }

    /**
     * {@link #mitBih256()} with the patient context: a median beat of the last 32 beats and a
     * long-term mean RR of the last 256 intervals (about 3 to 4 minutes at usual rates).
     */
    public static InputSpec mitBih256Context() {
        return new InputSpec("MLII", 256, 360.0, 90, true, 32, 256);
    }

    /** {@link #mitBih256Context()} with the RR irregularity of the last 16 pairs of intervals. */
    public static InputSpec mitBih256ContextIrregularity() {
        return new InputSpec("MLII", 256, 360.0, 90, true, 32, 256, 16);
    }

    /**
     * {@link #mitBih256Context()} without the raw-window channel: the beat as it differs from the
     * patient's median beat, and the RR values.
     */
    public static InputSpec mitBih256ContextRelative() {
        return new InputSpec("MLII", 256, 360.0, 90, true, 32, 256, 0, false);
    }

    /** {@link #mitBih256Context()} with the prematurity z-scores over the last 256 beats. */
    public static InputSpec mitBih256ContextPrematurity() {
        return mitBih256Context().withPrematurity(256);
    }

    /** {@link #mitBih256ContextRelative()} with the prematurity z-scores over the last 256 beats. */
    public static InputSpec mitBih256ContextRelativePrematurity() {
        return mitBih256ContextRelative().withPrematurity(256);
    }

    /**
     * {@link #mitBih256Context()} over a longer stretch at half the rate: 256 samples at 180 Hz,
     * 0.8 s before the R peak (sample 144) and 0.62 s from it on, so the network costs the same.
     * The 0.25 s before the R peak of the 360 Hz inputs can cut into the P wave (the PR interval
     * alone is up to 0.2 s); 0.8 s holds the whole P wave and, for a beat that comes early, the
     * preceding beat's T wave and usually its QRS, where an early P wave hides. 180 Hz keeps the
     * QRS (70 to 100 ms) at 13 to 18 samples. Windows are taken every second sample of a 360 Hz
     * record (no further low-pass: MIT-BIH was played back through a 0.1 to 100 Hz pass band before
     * digitising; MIT-BIH Arrhythmia Database directory, PhysioNet).
     */
    public static InputSpec mitBih256ContextLong() {
        return new InputSpec("MLII", 256, 180.0, 144, true, 32, 256);
    }

    /**
     * The window configuration that cuts this input from a record: {@code rPeakIndex} samples
     * before the R peak and the rest from it on, at {@code sampleRateHz}, lead {@code lead}, no
     * normalisation (the model normalises), beats too close to the record's edges skipped, and the
     * baseline high-pass when there is one.
     */
    public BeatWindowConfig windowConfig() {
        return new BeatWindowConfig(rPeakIndex / sampleRateHz, (windowSamples - rPeakIndex) / sampleRateHz,
                sampleRateHz, 0, lead, WindowNormalisation.NONE, BeatWindowConfig.EdgePolicy.SKIP,
                BeatWindowConfig.DEFAULT_LOCAL_RR_BEATS, baselineHighPassHz);
    }

    /**
     * {@code next}, checked to differ from this input in nothing but its baseline high-pass, so that
     * the network built for this input takes it too ({@link ModelConfig#withInput}).
     *
     * @throws IllegalArgumentException if it differs in more
     */
    InputSpec sameShape(InputSpec next) {
        if (!next.withBaselineHighPass(0).equals(withBaselineHighPass(0))) {
            throw new IllegalArgumentException("input " + next + " differs from " + this + " in more than its"
                    + " baseline high-pass; a network takes only the input it was built for");
        }
        return next;
    }

    /** This input with a baseline high-pass at {@code hz} (0: none); nothing else changes. */
    public InputSpec withBaselineHighPass(double hz) {
        return new InputSpec(lead, windowSamples, sampleRateHz, rPeakIndex, useRr, templateBeats, longTermRrBeats,
                irregularityBeats, rawChannel, hz, prematurityBeats);
    }

    /** This input with prematurity z-scores over the last {@code beats} beats (0: none); nothing else changes. */
    public InputSpec withPrematurity(int beats) {
        return new InputSpec(lead, windowSamples, sampleRateHz, rPeakIndex, useRr, templateBeats, longTermRrBeats,
                irregularityBeats, rawChannel, baselineHighPassHz, beats);
    }

    /**
     * RR inputs of the head: {@link #RR_INPUTS}, plus {@link #LONG_TERM_RR_INPUTS} with a long-term
     * RR, {@link #IRREGULARITY_INPUTS} with the irregularity and {@link #PREMATURITY_INPUTS} with the
     * prematurity z-scores, or 0.
     */
    public int rrInputs() {
        return useRr ? RR_INPUTS + (longTermRrBeats > 0 ? LONG_TERM_RR_INPUTS : 0)
                + (irregularityBeats > 0 ? IRREGULARITY_INPUTS : 0) + (prematurityBeats > 0 ? PREMATURITY_INPUTS : 0)
                : 0;
    }

    /** Input channels of the network: the raw window (if {@link #rawChannel()}) and the template difference (if any). */
    public int channels() {
        return (rawChannel ? 1 : 0) + (templateBeats > 0 ? 1 : 0);
    }

    /**
     * Whether the input needs a {@link BeatContext} (a template, a long-term RR, the irregularity or
     * the prematurity z-scores).
     */
    public boolean usesContext() {
        return templateBeats > 0 || longTermRrBeats > 0 || irregularityBeats > 0 || prematurityBeats > 0;
    }
}

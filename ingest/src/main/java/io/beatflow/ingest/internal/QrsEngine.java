package io.beatflow.ingest.internal;

import io.beatflow.ingest.DetectorConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The incremental QRS detection engine behind the public detectors.
 *
 * <p>Per lead: missing samples (NaN) are replaced by the last valid value; a causal band-pass
 * ({@link DetectorFilters}); the five-point derivative of Pan and Tompkins (1985), with its taps
 * spaced for the sample rate; squaring or absolute value; a moving-window integrator. With several
 * leads the integrated waveforms are summed with weights (below). Peaks of the integrated waveform are candidates; each is classified
 * against adaptive thresholds, tested for a T wave by its slope and (optionally) for the depth of
 * the valley before it, and the largest rejected candidate is searched back for when a beat is
 * overdue. Optionally a candidate that fails only the valley test is still taken if it looks like
 * the recent beats (a running template of the band-passed QRS, first lead) and comes when a beat
 * can be due (see {@link Rules#templateMatch()}). With several leads each lead's weight is its
 * quality (1 - noise level / QRS level, squared) over its QRS level. The R peak is first placed at the largest
 * absolute band-passed value under the candidate, less the band-pass group delay; that position
 * drives the rules. When the beat is emitted (regular, search-back, end of learning, end of stream)
 * it is optionally refined ({@link Rules#refineSeconds()}) to the raw sample farthest from the local
 * baseline nearby, where the reference annotations of MIT-BIH put R (the major local extremum of
 * the QRS); the raw samples are kept in a ring of their own for that.
 *
 * <p>Every step is a function of the samples seen so far and of this object's fields; chunk
 * boundaries never matter, and {@link #snapshot()} / {@link #restore(byte[])} capture all of it.
 * The inner loop uses primitive arrays only and allocates nothing.
 */
public final class QrsEngine {
    /**
     * The decision rules.
     *
     * @param squaring square the derivative (Pan-Tompkins) rather than take its absolute value
     * @param medianThresholds QRS and noise levels as medians of the last eight peaks (Hamilton and
     *     Tompkins 1986) rather than running means with weight 1/8 (Pan and Tompkins 1985)
     * @param dualThresholds also require the band-passed signal's peak to pass its own threshold
     * @param thresholdFraction threshold = noise + fraction x (QRS - noise)
     * @param tWaveSlopeRatio within the T-wave window, a candidate whose largest slope is under this
     *     fraction of the previous beat's is a T wave
     * @param searchBackThresholdRatio search-back threshold as a fraction of the threshold
     * @param regularRrAverage search-back waits on the average of the regular RR intervals (within
     *     92-116% of it, Pan-Tompkins' RR AVERAGE2) rather than of all recent ones
     * @param minValleyDepth a candidate must rise from a valley at most (1 - this) of its height
     *     since the previous candidate; 0 turns the test off
     * @param templateMatch a candidate that fails only the valley test is accepted all the same when
     *     the cosine similarity of its band-passed QRS ({@link #TEMPLATE_HALF_WIDTH_SECONDS} either
     *     side of the R peak) with the running template of recent beats is at least this, its
     *     height is 0.5 to 2 times the QRS level, at least half the RR average has passed since the
     *     last beat, and the noise level is under 0.7 times the QRS level (ventricular flutter,
     *     where every wave looks alike, keeps the noise level near the QRS level); 0 turns the rule
     *     off. The template learns only from beats that passed the valley test on their own.
     * @param refineSeconds when a beat is emitted, its R position moves to the raw sample, within
     *     this many seconds either side of the band-pass position, whose moving mean
     *     ({@link #SMOOTH_HALF_WIDTH_SECONDS} either side) is farthest from the local baseline (the
     *     mean of the raw samples {@link #BASELINE_HALF_WIDTH_SECONDS} either side); 0 keeps the
     *     band-pass position
     */
    public record Rules(boolean squaring, boolean medianThresholds, boolean dualThresholds, double thresholdFraction,
            double tWaveSlopeRatio, double searchBackThresholdRatio, boolean regularRrAverage, double minValleyDepth,
            double templateMatch, double refineSeconds) {
        /** Validates. */
        public Rules {
            if (!(refineSeconds >= 0 && refineSeconds <= 0.2)) {
                throw new IllegalArgumentException("refineSeconds must be in [0, 0.2], got " + refineSeconds);
            }
        }

        /** Rules without R-peak refinement ({@code refineSeconds} = 0). */
        public Rules(boolean squaring, boolean medianThresholds, boolean dualThresholds, double thresholdFraction,
                double tWaveSlopeRatio, double searchBackThresholdRatio, boolean regularRrAverage,
                double minValleyDepth, double templateMatch) {
            this(squaring, medianThresholds, dualThresholds, thresholdFraction, tWaveSlopeRatio,
                    searchBackThresholdRatio, regularRrAverage, minValleyDepth, templateMatch, 0);
        }
    }

    /**
     * R-peak refinement half-width used by both public detectors, in seconds: chosen among 40-80 ms
     * (with baselines of 100-250 ms) by the mean absolute offset from the reference annotations on
     * the 44 non-paced MIT-BIH records; without the moving mean every setting in that range gave
     * 3.0-3.2 ms, with it 60 ms gives 2.1 ms (see ingest/README.md, "Beat detection").
     */
    public static final double REFINE_SECONDS = 0.06;
    /** Half-width of the window whose raw-sample mean is the baseline for R-peak refinement, in seconds. */
    public static final double BASELINE_HALF_WIDTH_SECONDS = 0.10;
    /**
     * Half-width of the moving mean applied to the raw samples before R-peak refinement picks the
     * one farthest from the baseline, in seconds (4 samples at 360 Hz, a 25 ms boxcar): it centres
     * the pick on the R wave rather than on its sharpest sample or a noise spike. Chosen on the
     * same records (half-widths of 0-8 samples at 360 Hz: 3.0, 2.9, 2.6, 2.3, 2.1, 2.3, 3.2 and
     * 6.8 ms at 0, 1, 2, 3, 4, 5, 6 and 8; wider ones smear the R wave into the S wave).
     */
    public static final double SMOOTH_HALF_WIDTH_SECONDS = 0.011;

    /** Half-width of the QRS template (and of the segment compared with it), in seconds. */
    public static final double TEMPLATE_HALF_WIDTH_SECONDS = 0.11;
    /** Template rule: lowest candidate height, as a fraction of the QRS level. */
    private static final double TEMPLATE_MIN_HEIGHT = 0.5;
    /** Template rule: highest candidate height, as a multiple of the QRS level. */
    private static final double TEMPLATE_MAX_HEIGHT = 2.0;
    /** Template rule: earliest candidate, as a fraction of the RR average after the last beat. */
    private static final double TEMPLATE_MIN_RR = 0.5;
    /** Template rule: highest noise level, as a fraction of the QRS level. */
    private static final double TEMPLATE_MAX_NOISE = 0.7;

    private static final int HISTORY = 8;
    private static final int MAX_CANDIDATES = 64;
    private static final int VERSION = 3;
    private static final int MAGIC = 0x51525331;
    private static final long NO_BEAT = Long.MIN_VALUE / 4;

    private final DetectorConfig cfg;
    private final Rules rules;
    private final int leads;
    private final double[] hp;
    private final double[] lp;
    private final int delay;
    private final int tap;
    private final int window;
    private final int ringMask;
    private final int refractory;
    private final int tWave;
    private final int peakTimeout;
    private final int learnSamples;
    private final int maxSearchBack;
    private final int relearnSamples;
    private final double invWindow;
    /** R-peak refinement half-width, in samples (0: off). */
    private final int refine;
    /** Baseline half-width for R-peak refinement, in samples. */
    private final int baseHalf;
    /** Half-width of the moving mean for R-peak refinement, in samples. */
    private final int smooth;
    /** Mask of the raw-sample ring {@link #raw}. */
    private final int rawMask;

    // ---- state (all of it goes into the snapshot) ----
    private long n;
    private final float[] lastValid;
    private final boolean[] seenValid;
    private final double[] hz1;
    private final double[] hz2;
    private final double[] lz1;
    private final double[] lz2;
    private final float[][] bp;
    private final float[][] energy;
    private final double[] mwiSum;
    private final float[][] mwi;
    /** Raw input samples as pushed (NaN and infinities kept), for R-peak refinement. */
    private final float[][] raw;
    private final double[] leadLevel;
    private final double[] leadNoise;
    private final double[] leadWeight;

    private double prevF;
    private double runMin;
    private double pkValley;
    /** Depth of the valley before the candidate being classified, as a fraction of its height. */
    private double depth;
    private double pkMax;
    private long pkIdx;
    private boolean armed;

    private boolean learning;
    private double learnMax;
    private final double[] learnLeadMax;

    private double spk;
    private double npk;
    private double spkf;
    private double npkf;
    private final double[] qrsPeaks = new double[HISTORY];
    private int qrsCount;
    private final double[] noisePeaks = new double[HISTORY];
    private int noiseCount;
    private final long[] rrs = new long[HISTORY];
    private int rrCount;
    private final long[] regularRrs = new long[HISTORY];
    private int regularCount;

    private long lastQrs;
    private double lastSlope;
    private long lastEmitted;
    private long deadline;

    private int candCount;
    private final long[] candIdx = new long[MAX_CANDIDATES];
    private final double[] candH = new double[MAX_CANDIDATES];
    private final double[] candBp = new double[MAX_CANDIDATES];
    private final double[] candSlope = new double[MAX_CANDIDATES];
    private final long[] candR = new long[MAX_CANDIDATES];
    private final double[] candDepth = new double[MAX_CANDIDATES];
    private final double[] candMatch = new double[MAX_CANDIDATES];
    /** Half-width of the QRS template, in samples. */
    private final int half;
    /** Running QRS template: band-passed samples around accepted R peaks, first lead, unit energy. */
    private final double[] template;
    /** Beats learnt into the template, at most {@link #HISTORY}. */
    private int templateBeats;
    /** Scratch: band-passed samples around the R peak of the candidate being classified. */
    private final double[] segment;
    /** Cosine similarity of the candidate being classified with the template. */
    private double match;
    private final double[][] candLead;

    private int qrsSlot;
    private int noiseSlot;
    private int rrSlot;
    private int regularSlot;
    private int irregularRun;
    private long lastRelearn;
    /** Per-lead integrated values of the candidate being classified. */
    private final double[] current;

    private final double[] scratch = new double[HISTORY];

    /**
     * A fresh engine.
     *
     * @param cfg settings (sample rate, band, windows)
     * @param leads number of leads fused (interleaved frames), at least 1
     * @param rules which threshold rules apply
     */
    public QrsEngine(DetectorConfig cfg, int leads, Rules rules) {
        if (leads < 1 || leads > 16) {
            throw new IllegalArgumentException("leads must be in [1, 16], got " + leads);
        }
        this.cfg = cfg;
        this.rules = rules;
        this.leads = leads;
        DetectorFilters f = new DetectorFilters(cfg.sampleRateHz(), cfg.bandLowHz(), cfg.bandHighHz());
        hp = f.highPass;
        lp = f.lowPass;
        tap = Math.max(1, (int) Math.round(cfg.sampleRateHz() / 200.0));
        window = cfg.samples(cfg.integrationWindowSeconds());
        invWindow = 1.0 / window;
        delay = f.groupDelaySamples;
        refractory = cfg.samples(cfg.refractorySeconds());
        tWave = cfg.samples(cfg.tWaveWindowSeconds());
        peakTimeout = cfg.samples(0.2);
        learnSamples = cfg.samples(cfg.learningSeconds());
        maxSearchBack = cfg.samples(cfg.maxSearchBackSeconds());
        relearnSamples = cfg.samples(Math.max(3.0, cfg.maxSearchBackSeconds() + 1));
        half = cfg.samples(TEMPLATE_HALF_WIDTH_SECONDS);
        template = new double[2 * half + 1];
        segment = new double[2 * half + 1];
        // the ring holds the integrator window, the derivative taps, the peak time-out and the
        // template's half-width before the earliest R position a candidate can have
        int need = window + 4 * tap + peakTimeout + half + 8;
        int size = Integer.highestOneBit(need) << 1;
        ringMask = size - 1;
        refine = rules.refineSeconds() > 0 ? cfg.samples(rules.refineSeconds()) : 0;
        baseHalf = Math.max(refine, cfg.samples(BASELINE_HALF_WIDTH_SECONDS));
        smooth = cfg.samples(SMOOTH_HALF_WIDTH_SECONDS);
        // the raw ring reaches back over the longest reporting delay, the refinement window and the
        // baseline window; an emitted beat whose windows reach past it uses what is left
        long rawNeed = maxLatencySamples() + refine + baseHalf + smooth + 8;
        // without refinement a one-sample ring keeps the inner loop free of a branch
        int rawSize = refine > 0 ? Integer.highestOneBit((int) rawNeed) << 1 : 1;
        rawMask = rawSize - 1;
        lastValid = new float[leads];
        seenValid = new boolean[leads];
        hz1 = new double[leads];
        hz2 = new double[leads];
        lz1 = new double[leads];
        lz2 = new double[leads];
        bp = new float[leads][size];
        energy = new float[leads][size];
        mwi = new float[leads][size];
        raw = new float[leads][rawSize];
        mwiSum = new double[leads];
        leadLevel = new double[leads];
        leadNoise = new double[leads];
        leadWeight = new double[leads];
        learnLeadMax = new double[leads];
        candLead = new double[leads][MAX_CANDIDATES];
        current = new double[leads];
        reset();
    }

    /** Returns the engine to its state before the first sample. */
    public void reset() {
        n = 0;
        Arrays.fill(lastValid, 0f);
        Arrays.fill(seenValid, false);
        Arrays.fill(hz1, 0);
        Arrays.fill(hz2, 0);
        Arrays.fill(lz1, 0);
        Arrays.fill(lz2, 0);
        for (int l = 0; l < leads; l++) {
            Arrays.fill(bp[l], 0f);
            Arrays.fill(energy[l], 0f);
            Arrays.fill(mwi[l], 0f);
            Arrays.fill(raw[l], 0f);
        }
        Arrays.fill(mwiSum, 0);
        Arrays.fill(leadLevel, 1);
        Arrays.fill(leadNoise, 0);
        Arrays.fill(leadWeight, 1);
        Arrays.fill(learnLeadMax, 0);
        prevF = 0;
        runMin = 0;
        pkValley = 0;
        depth = 0;
        match = 0;
        Arrays.fill(template, 0);
        Arrays.fill(segment, 0);
        templateBeats = 0;
        pkMax = 0;
        pkIdx = -1;
        armed = true;
        learning = true;
        learnMax = 0;
        spk = npk = spkf = npkf = 0;
        Arrays.fill(qrsPeaks, 0);
        qrsCount = 0;
        Arrays.fill(noisePeaks, 0);
        noiseCount = 0;
        Arrays.fill(rrs, 0);
        rrCount = 0;
        Arrays.fill(regularRrs, 0);
        regularCount = 0;
        lastQrs = NO_BEAT;
        lastRelearn = NO_BEAT;
        qrsSlot = noiseSlot = rrSlot = regularSlot = irregularRun = 0;
        Arrays.fill(current, 0);
        lastSlope = 0;
        lastEmitted = -1;
        deadline = Long.MAX_VALUE;
        candCount = 0;
    }

    /** Leads per frame. */
    public int leads() {
        return leads;
    }

    /** Frames consumed so far. */
    public long consumed() {
        return n;
    }

    /**
     * Longest delay, in samples, between an R peak and the moment it is reported: the wait before
     * search-back plus the time to see a candidate's integrated peak fall, and the filter delays.
     */
    public long maxLatencySamples() {
        return Math.max(maxSearchBack, learnSamples) + window + 4L * tap + peakTimeout + delay + 2 + refine;
    }

    /**
     * Consumes {@code frames} frames of interleaved samples ({@code leads} values per frame).
     *
     * @param out receives the R-peak positions (frame index from the start of the stream)
     */
    public void push(float[] samples, int offset, int frames, LongConsumer out) {
        if (leads == 1) {
            pushOneLead(samples, offset, frames, out);
            return;
        }
        final int mask = ringMask;
        final int w = window;
        final int t = tap;
        final int lcount = leads;
        final double hb0 = hp[0], hb1 = hp[1], hb2 = hp[2], ha1 = hp[3], ha2 = hp[4];
        final double lb0 = lp[0], lb1 = lp[1], lb2 = lp[2], la1 = lp[3], la2 = lp[4];
        final boolean square = rules.squaring();
        final int rmask = rawMask;
        int p = offset;
        for (int k = 0; k < frames; k++) {
            final long i = n;
            final int at = (int) (i & mask);
            double fused = 0;
            for (int l = 0; l < lcount; l++) {
                float v = samples[p++];
                raw[l][(int) i & rmask] = v;
                if (v - v != 0f) {
                    v = lastValid[l];
                } else if (!seenValid[l]) {
                    seenValid[l] = true;
                    lastValid[l] = v;
                    // start the high-pass in its steady state for this level: no start-up step
                    hz2[l] = hb2 * v;
                    hz1[l] = hb1 * v + hz2[l];
                } else {
                    lastValid[l] = v;
                }
                double y = hb0 * v + hz1[l];
                hz1[l] = hb1 * v - ha1 * y + hz2[l];
                hz2[l] = hb2 * v - ha2 * y;
                double z = lb0 * y + lz1[l];
                lz1[l] = lb1 * y - la1 * z + lz2[l];
                lz2[l] = lb2 * y - la2 * z;
                float[] b = bp[l];
                b[at] = (float) z;
                double d = 2.0 * (z - b[(int) ((i - 4 * t) & mask)]) + (b[(int) ((i - t) & mask)]
                        - b[(int) ((i - 3 * t) & mask)]);
                float e = (float) (square ? d * d : Math.abs(d));
                float[] en = energy[l];
                double s = mwiSum[l] + e - en[(int) ((i - w) & mask)];
                en[at] = e;
                if (s < 0) {
                    s = 0;
                }
                mwiSum[l] = s;
                float m = (float) (s * invWindow);
                mwi[l][at] = m;
                fused += m * leadWeight[l];
            }
            n = i + 1;
            // peak picking on the (fused) integrated waveform
            if (fused > pkMax && (armed || fused > prevF)) {
                armed = true;
                pkMax = fused;
                pkIdx = i;
                pkValley = runMin;
            } else if (pkMax > 0 && (fused < 0.5 * pkMax || i - pkIdx >= peakTimeout)) {
                candidate(pkIdx, pkMax, i, out);
                pkMax = 0;
                armed = false;
                runMin = fused;
            }
            if (fused < runMin) {
                runMin = fused;
            }
            prevF = fused;
            if (i >= deadline) {
                overdue(i, out);
            }
        }
    }

    /**
     * The single-lead form of {@link #push}: the same arithmetic in the same order (so the same
     * results), with the filter state held in local variables for speed.
     */
    private void pushOneLead(float[] samples, int offset, int frames, LongConsumer out) {
        final int mask = ringMask;
        final int w = window;
        final int t = tap;
        final int t3 = 3 * tap;
        final int t4 = 4 * tap;
        final double hb0 = hp[0], hb1 = hp[1], hb2 = hp[2], ha1 = hp[3], ha2 = hp[4];
        final double lb0 = lp[0], lb1 = lp[1], lb2 = lp[2], la1 = lp[3], la2 = lp[4];
        final boolean square = rules.squaring();
        final float[] b = bp[0];
        final float[] en = energy[0];
        final double inv = invWindow;
        final float[] rw = raw[0];
        final int rmask = rawMask;
        double h1 = hz1[0], h2 = hz2[0], l1 = lz1[0], l2 = lz2[0], sum = mwiSum[0];
        float last = lastValid[0];
        boolean seen = seenValid[0];
        long i = n;
        final int end = offset + frames;
        for (int p = offset; p < end; p++, i++) {
            final int at = (int) (i & mask);
            float v = samples[p];
            rw[(int) i & rmask] = v;
            if (v - v != 0f) {
                v = last;
            } else {
                if (!seen) {
                    seen = true;
                    h2 = hb2 * v;
                    h1 = hb1 * v + h2;
                }
                last = v;
            }
            double y = hb0 * v + h1;
            h1 = hb1 * v - ha1 * y + h2;
            h2 = hb2 * v - ha2 * y;
            double z = lb0 * y + l1;
            l1 = lb1 * y - la1 * z + l2;
            l2 = lb2 * y - la2 * z;
            b[at] = (float) z;
            double d = 2.0 * (z - b[(at - t4) & mask]) + (b[(at - t) & mask] - b[(at - t3) & mask]);
            float e = (float) (square ? d * d : Math.abs(d));
            double sNew = sum + e - en[(at - w) & mask];
            en[at] = e;
            sum = sNew < 0 ? 0 : sNew;
            double fused = (float) (sum * inv);
            if (fused > pkMax && (armed || fused > prevF)) {
                armed = true;
                pkMax = fused;
                pkIdx = i;
                pkValley = runMin;
            } else if (pkMax > 0 && (fused < 0.5 * pkMax || i - pkIdx >= peakTimeout)) {
                n = i + 1;
                candidate(pkIdx, pkMax, i, out);
                pkMax = 0;
                armed = false;
                runMin = fused;
            }
            if (fused < runMin) {
                runMin = fused;
            }
            prevF = fused;
            if (i >= deadline) {
                n = i + 1;
                overdue(i, out);
            }
        }
        n = i;
        hz1[0] = h1;
        hz2[0] = h2;
        lz1[0] = l1;
        lz2[0] = l2;
        mwiSum[0] = sum;
        lastValid[0] = last;
        seenValid[0] = seen;
    }

    /** Ends the stream: the pending candidate is classified and overdue beats are searched back. */
    public void flush(LongConsumer out) {
        long i = n - 1;
        if (pkMax > 0) {
            candidate(pkIdx, pkMax, i, out);
            pkMax = 0;
            armed = false;
        }
        if (learning) {
            endLearning(i, out);
        }
        if (candCount > 0) {
            searchBack(out);
        }
    }

    private void candidate(long idx, double h, long now, LongConsumer out) {
        int mask = ringMask;
        // slope (largest |derivative|), band-passed peak and R position under the candidate; with
        // several leads each is scaled by its lead's QRS level, so that the leads compare
        long from = Math.max(0, idx - window - 4L * tap);
        double slope = 0;
        double bpPeak = 0;
        long r = idx;
        boolean square = rules.squaring();
        for (int l = 0; l < leads; l++) {
            current[l] = leads == 1 ? h : mwi[l][(int) (idx & mask)];
            float[] en = energy[l];
            float[] b = bp[l];
            double ampScale = square ? Math.sqrt(leadWeight[l]) : leadWeight[l];
            for (long j = Math.max(0, idx - window); j <= idx; j++) {
                double e = en[(int) (j & mask)];
                double sl = (square ? Math.sqrt(e) : e) * ampScale;
                if (sl > slope) {
                    slope = sl;
                }
            }
            for (long j = from; j <= idx; j++) {
                double a = Math.abs(b[(int) (j & mask)]) * ampScale;
                if (a > bpPeak) {
                    bpPeak = a;
                    r = j;
                }
            }
        }
        match = rules.templateMatch() > 0 ? similarity(r, now) : 0;
        r = Math.max(0, r - delay);
        depth = h > 0 ? (h - Math.min(pkValley, h)) / h : 0;
        if (learning) {
            if (candCount < MAX_CANDIDATES) {
                addCandidate(idx, h, bpPeak, slope, r);
            }
            learnMax = Math.max(learnMax, h);
            for (int l = 0; l < leads; l++) {
                learnLeadMax[l] = Math.max(learnLeadMax[l], current[l]);
            }
            if (now >= learnSamples) {
                endLearning(now, out);
            }
            return;
        }
        classify(idx, h, bpPeak, slope, r, true, out);
    }

    private void endLearning(long now, LongConsumer out) {
        learning = false;
        int count = candCount;
        if (leads > 1) {
            // every lead's QRS level becomes 1 before the thresholds are set
            for (int l = 0; l < leads; l++) {
                leadLevel[l] = learnLeadMax[l] > 0 ? learnLeadMax[l] : 1;
                leadNoise[l] = 0.125 * leadLevel[l];
            }
            updateWeights();
            learnMax = 0;
            for (int c = 0; c < count; c++) {
                double h = 0;
                for (int l = 0; l < leads; l++) {
                    h += candLead[l][c] * leadWeight[l];
                }
                candH[c] = h;
                learnMax = Math.max(learnMax, h);
            }
            pkMax = 0;
            prevF = 0;
            armed = false;
        }
        spk = 0.5 * learnMax;
        npk = 0.125 * learnMax;
        double bpMax = 0;
        for (int c = 0; c < count; c++) {
            bpMax = Math.max(bpMax, candBp[c]);
        }
        spkf = 0.5 * bpMax;
        npkf = 0.125 * bpMax;
        Arrays.fill(qrsPeaks, spk);
        qrsCount = HISTORY;
        Arrays.fill(noisePeaks, npk);
        noiseCount = HISTORY;
        lastRelearn = now;
        deadline = now + maxSearchBack;
        long[] idx = Arrays.copyOf(candIdx, count);
        double[] h = Arrays.copyOf(candH, count);
        double[] b = Arrays.copyOf(candBp, count);
        double[] s = Arrays.copyOf(candSlope, count);
        long[] r = Arrays.copyOf(candR, count);
        double[] dp = Arrays.copyOf(candDepth, count);
        double[] mt = Arrays.copyOf(candMatch, count);
        double[][] lv = new double[leads][];
        for (int l = 0; l < leads; l++) {
            lv[l] = Arrays.copyOf(candLead[l], count);
        }
        candCount = 0;
        for (int c = 0; c < count; c++) {
            for (int l = 0; l < leads; l++) {
                current[l] = lv[l][c];
            }
            depth = dp[c];
            match = mt[c];
            classify(idx[c], h[c], b[c], s[c], r[c], false, out);
        }
        if (now >= deadline) {
            overdue(now, out);
        }
    }

    private double threshold() {
        if (rules.medianThresholds()) {
            double q = median(qrsPeaks, qrsCount);
            double z = median(noisePeaks, noiseCount);
            return z + rules.thresholdFraction() * (q - z);
        }
        return npk + rules.thresholdFraction() * (spk - npk);
    }

    private double median(double[] values, int count) {
        int c = Math.min(count, HISTORY);
        if (c == 0) {
            return 0;
        }
        System.arraycopy(values, 0, scratch, 0, c);
        Arrays.sort(scratch, 0, c);
        return (c & 1) == 1 ? scratch[c / 2] : 0.5 * (scratch[c / 2 - 1] + scratch[c / 2]);
    }

    /**
     * Classifies a candidate as beat or noise.
     *
     * @param fresh the candidate was found just now, so {@link #segment} holds its samples
     */
    private void classify(long idx, double h, double bpPeak, double slope, long r, boolean fresh,
            LongConsumer out) {
        long since = idx - lastQrs;
        if (since < refractory) {
            return;
        }
        boolean tWaveLike = since < tWave && slope < rules.tWaveSlopeRatio() * lastSlope;
        double thr = threshold();
        double thrF = npkf + rules.thresholdFraction() * (spkf - npkf);
        boolean deep = depth >= rules.minValleyDepth();
        boolean shallow = !deep && !likeRecentBeats(match, h, since);
        boolean above = h > thr && h > 0 && (!rules.dualThresholds() || bpPeak > thrF) && !shallow;
        if (above && !tWaveLike) {
            if (fresh && deep && rules.templateMatch() > 0) {
                learnTemplate();
            }
            accept(idx, h, bpPeak, slope, r, false, out);
        } else {
            noise(h, bpPeak);
            if (!tWaveLike && h > 0 && !shallow) {
                if (candCount == MAX_CANDIDATES) {
                    dropCandidates(1);
                }
                addCandidate(idx, h, bpPeak, slope, r);
            }
        }
    }

    /**
     * The template rule ({@link Rules#templateMatch()}): whether a candidate whose valley is too
     * shallow counts all the same.
     */
    private boolean likeRecentBeats(double similarity, double h, long since) {
        if (rules.templateMatch() <= 0 || templateBeats < HISTORY || similarity < rules.templateMatch()
                || regularCount == 0) {
            return false;
        }
        double q = median(qrsPeaks, qrsCount);
        return h >= TEMPLATE_MIN_HEIGHT * q && h <= TEMPLATE_MAX_HEIGHT * q
                && since >= TEMPLATE_MIN_RR * mean(regularRrs, regularCount)
                && median(noisePeaks, noiseCount) < TEMPLATE_MAX_NOISE * q;
    }

    /**
     * Copies the band-passed samples of the first lead around {@code rb} (an R position before
     * the group-delay correction) into {@link #segment} and returns their cosine similarity with
     * the template (0 while either is all zero). Samples not yet pushed count as zero.
     */
    private double similarity(long rb, long now) {
        int mask = ringMask;
        float[] b = bp[0];
        double dot = 0;
        double ss = 0;
        double tt = 0;
        for (int k = -half; k <= half; k++) {
            long j = rb + k;
            double v = j >= 0 && j <= now ? b[(int) (j & mask)] : 0;
            double t = template[k + half];
            segment[k + half] = v;
            dot += v * t;
            ss += v * v;
            tt += t * t;
        }
        return ss > 0 && tt > 0 ? dot / Math.sqrt(ss * tt) : 0;
    }

    /**
     * Moves the template toward the current segment scaled to unit energy: the mean of the first
     * eight beats, then an exponential average with weight 1/8.
     */
    private void learnTemplate() {
        double ss = 0;
        for (double v : segment) {
            ss += v * v;
        }
        if (ss <= 0) {
            return;
        }
        double inv = 1 / Math.sqrt(ss);
        double a = templateBeats < HISTORY ? 1.0 / (templateBeats + 1) : 0.125;
        for (int k = 0; k < segment.length; k++) {
            template[k] += a * (segment[k] * inv - template[k]);
        }
        templateBeats = Math.min(HISTORY, templateBeats + 1);
    }

    private void addCandidate(long idx, double h, double bpPeak, double slope, long r) {
        int c = candCount++;
        candIdx[c] = idx;
        candH[c] = h;
        candBp[c] = bpPeak;
        candSlope[c] = slope;
        candR[c] = r;
        candDepth[c] = depth;
        candMatch[c] = match;
        for (int l = 0; l < leads; l++) {
            candLead[l][c] = current[l];
        }
    }

    private void dropCandidates(int k) {
        int rest = candCount - k;
        System.arraycopy(candIdx, k, candIdx, 0, rest);
        System.arraycopy(candH, k, candH, 0, rest);
        System.arraycopy(candBp, k, candBp, 0, rest);
        System.arraycopy(candSlope, k, candSlope, 0, rest);
        System.arraycopy(candR, k, candR, 0, rest);
        System.arraycopy(candDepth, k, candDepth, 0, rest);
        System.arraycopy(candMatch, k, candMatch, 0, rest);
        for (int l = 0; l < leads; l++) {
            System.arraycopy(candLead[l], k, candLead[l], 0, rest);
        }
        candCount = rest;
    }

    /**
     * Lead weights for fusion: each lead is divided by its QRS level and weighed by its quality
     * q = (1 - noise level / QRS level)^2 (at least 0.01), so that a noisy lead counts for little.
     * The multi-lead path is experimental: on MIT-BIH it did not beat the best single lead.
     */
    private void updateWeights() {
        for (int l = 0; l < leads; l++) {
            double q = 1 - leadNoise[l] / leadLevel[l];
            q = Math.max(0.1, Math.min(1, q));
            leadWeight[l] = q * q / leadLevel[l];
        }
    }

    private void noise(double h, double bpPeak) {
        if (leads > 1 && !learning) {
            for (int l = 0; l < leads; l++) {
                leadNoise[l] = 0.875 * leadNoise[l] + 0.125 * current[l];
            }
            updateWeights();
        }
        npk = 0.125 * h + 0.875 * npk;
        npkf = 0.125 * bpPeak + 0.875 * npkf;
        noisePeaks[noiseSlot] = h;
        noiseSlot = (noiseSlot + 1) % HISTORY;
        noiseCount = Math.min(HISTORY, noiseCount + 1);
    }

    private void accept(long idx, double h, double bpPeak, double slope, long r, boolean searched,
            LongConsumer out) {
        double k = searched ? 0.25 : 0.125;
        spk = k * h + (1 - k) * spk;
        spkf = k * bpPeak + (1 - k) * spkf;
        qrsPeaks[qrsSlot] = h;
        qrsSlot = (qrsSlot + 1) % HISTORY;
        qrsCount = Math.min(HISTORY, qrsCount + 1);
        if (leads > 1) {
            for (int l = 0; l < leads; l++) {
                leadLevel[l] = 0.875 * leadLevel[l] + 0.125 * Math.max(current[l], 1e-12);
            }
            updateWeights();
        }
        if (lastQrs > NO_BEAT) {
            long rr = idx - lastQrs;
            double avg2 = regularCount == 0 ? 0 : mean(regularRrs, regularCount);
            rrs[rrSlot] = rr;
            rrSlot = (rrSlot + 1) % HISTORY;
            rrCount = Math.min(HISTORY, rrCount + 1);
            if (!rules.regularRrAverage() || regularCount == 0 || (rr >= 0.92 * avg2 && rr <= 1.16 * avg2)) {
                regularRrs[regularSlot] = rr;
                regularSlot = (regularSlot + 1) % HISTORY;
                regularCount = Math.min(HISTORY, regularCount + 1);
                irregularRun = 0;
            } else if (++irregularRun >= HISTORY) {
                // no regular interval among the last eight: the plain average stands in (Pan-Tompkins)
                System.arraycopy(rrs, 0, regularRrs, 0, HISTORY);
                regularCount = rrCount;
                regularSlot = rrSlot;
                irregularRun = 0;
            }
        }
        lastQrs = idx;
        lastSlope = slope;
        long rr = regularCount == 0 ? cfg.samples(1.0) : (long) mean(regularRrs, regularCount);
        long wait = Math.min(maxSearchBack, (long) Math.ceil(cfg.searchBackFactor() * rr));
        deadline = idx + Math.max(wait, refractory);
        int drop = 0;
        while (drop < candCount && candIdx[drop] <= idx) {
            drop++;
        }
        if (drop > 0) {
            dropCandidates(drop);
        }
        if (refine > 0) {
            r = refinePosition(r);
        }
        if (r <= lastEmitted) {
            r = lastEmitted + 1;
        }
        lastEmitted = r;
        out.accept(r);
    }

    /**
     * R-peak refinement ({@link Rules#refineSeconds()}): among the raw samples within
     * {@link #refine} samples of {@code r}, after the last emitted beat, already pushed and still in
     * the ring, the one whose moving mean ({@link #smooth} samples either side) is farthest from the
     * local baseline (the mean of the raw samples {@link #baseHalf} either side of {@code r});
     * non-finite samples are skipped everywhere. With several
     * leads each lead's distance is scaled as the band-passed peaks are. Without a usable sample
     * {@code r} stays.
     */
    private long refinePosition(long r) {
        long newest = n - 1;
        long oldest = Math.max(0, n - (rawMask + 1));
        long lo = Math.max(Math.max(r - refine, lastEmitted + 1), oldest);
        long hi = Math.min(r + refine, newest);
        if (lo > hi) {
            return r;
        }
        long bFrom = Math.max(r - baseHalf, oldest);
        long bTo = Math.min(r + baseHalf, newest);
        int mask = rawMask;
        boolean square = rules.squaring();
        long best = r;
        double bestA = -1;
        for (int l = 0; l < leads; l++) {
            float[] x = raw[l];
            double sum = 0;
            int count = 0;
            for (long j = bFrom; j <= bTo; j++) {
                float v = x[(int) (j & mask)];
                if (v - v == 0f) {
                    sum += v;
                    count++;
                }
            }
            if (count == 0) {
                continue;
            }
            double base = sum / count;
            double scale = leads == 1 ? 1 : square ? Math.sqrt(leadWeight[l]) : leadWeight[l];
            int full = 2 * smooth + 1;
            double invFull = 1.0 / full;
            // moving mean as a running sum over [j - smooth, j + smooth], finite samples only (the
            // sums of a few floats are exact in double, so sliding equals summing afresh)
            double sm = 0;
            int c = 0;
            for (long q = Math.max(lo - smooth, oldest); q <= Math.min(lo + smooth - 1, newest); q++) {
                float u = x[(int) (q & mask)];
                if (u - u == 0f) {
                    sm += u;
                    c++;
                }
            }
            for (long j = lo; j <= hi; j++) {
                long add = j + smooth;
                if (add <= newest) {
                    float u = x[(int) (add & mask)];
                    if (u - u == 0f) {
                        sm += u;
                        c++;
                    }
                }
                long drop = j - smooth - 1;
                if (j > lo && drop >= oldest) {
                    float u = x[(int) (drop & mask)];
                    if (u - u == 0f) {
                        sm -= u;
                        c--;
                    }
                }
                float v = x[(int) (j & mask)];
                if (v - v == 0f) {
                    // one division per beat rather than per sample: all but the edge windows are full
                    double a = Math.abs(sm * (c == full ? invFull : 1.0 / c) - base) * scale;
                    if (a > bestA) {
                        bestA = a;
                        best = j;
                    }
                }
            }
        }
        return best;
    }

    private static double mean(long[] v, int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += v[i];
        }
        return s / count;
    }

    private void overdue(long now, LongConsumer out) {
        searchBack(out);
        if (now >= deadline && now - Math.max(lastQrs, lastRelearn) > relearnSamples) {
            // a long silence: lower the QRS level so that a detector set by an artefact cannot lock
            // itself out for good
            spk *= 0.5;
            spkf *= 0.5;
            for (int q = 0; q < HISTORY; q++) {
                qrsPeaks[q] *= 0.5;
            }
            lastRelearn = now;
        }
    }

    private void searchBack(LongConsumer out) {
        while (candCount > 0) {
            double thr2 = rules.searchBackThresholdRatio() * threshold();
            double thrF2 = rules.searchBackThresholdRatio() * (npkf + rules.thresholdFraction() * (spkf - npkf));
            int best = -1;
            for (int c = 0; c < candCount; c++) {
                long since = candIdx[c] - lastQrs;
                if (since < refractory || (since < tWave && candSlope[c] < rules.tWaveSlopeRatio() * lastSlope)
                        || (candDepth[c] < rules.minValleyDepth() && !likeRecentBeats(candMatch[c], candH[c], since))) {
                    continue;
                }
                if (candH[c] > thr2 && (!rules.dualThresholds() || candBp[c] > thrF2)
                        && (best < 0 || candH[c] > candH[best])) {
                    best = c;
                }
            }
            if (best < 0) {
                candCount = 0;
                return;
            }
            for (int l = 0; l < leads; l++) {
                current[l] = candLead[l][best];
            }
            accept(candIdx[best], candH[best], candBp[best], candSlope[best], candR[best], true, out);
        }
    }

    /** The whole state as bytes; {@link #restore(byte[])} on an engine of the same settings resumes it. */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + leads * (ringMask + 1) * 12);
        try (DataOutputStream o = new DataOutputStream(bytes)) {
            o.writeInt(MAGIC);
            o.writeInt(VERSION);
            o.writeInt(fingerprint());
            o.writeLong(n);
            for (int l = 0; l < leads; l++) {
                o.writeFloat(lastValid[l]);
                o.writeBoolean(seenValid[l]);
                o.writeDouble(hz1[l]);
                o.writeDouble(hz2[l]);
                o.writeDouble(lz1[l]);
                o.writeDouble(lz2[l]);
                o.writeDouble(mwiSum[l]);
                o.writeDouble(leadLevel[l]);
                o.writeDouble(leadNoise[l]);
                o.writeDouble(leadWeight[l]);
                o.writeDouble(learnLeadMax[l]);
                o.writeDouble(current[l]);
                for (int j = 0; j <= ringMask; j++) {
                    o.writeFloat(bp[l][j]);
                    o.writeFloat(energy[l][j]);
                    o.writeFloat(mwi[l][j]);
                }
                for (float v : raw[l]) {
                    o.writeFloat(v);
                }
            }
            o.writeDouble(prevF);
            o.writeDouble(runMin);
            o.writeDouble(pkValley);
            o.writeDouble(depth);
            o.writeDouble(match);
            o.writeInt(templateBeats);
            for (double t : template) {
                o.writeDouble(t);
            }
            o.writeDouble(pkMax);
            o.writeLong(pkIdx);
            o.writeBoolean(armed);
            o.writeBoolean(learning);
            o.writeDouble(learnMax);
            o.writeDouble(spk);
            o.writeDouble(npk);
            o.writeDouble(spkf);
            o.writeDouble(npkf);
            for (int q = 0; q < HISTORY; q++) {
                o.writeDouble(qrsPeaks[q]);
                o.writeDouble(noisePeaks[q]);
                o.writeLong(rrs[q]);
                o.writeLong(regularRrs[q]);
            }
            o.writeInt(qrsCount);
            o.writeInt(qrsSlot);
            o.writeInt(noiseCount);
            o.writeInt(noiseSlot);
            o.writeInt(rrCount);
            o.writeInt(rrSlot);
            o.writeInt(regularCount);
            o.writeInt(regularSlot);
            o.writeInt(irregularRun);
            o.writeLong(lastQrs);
            o.writeDouble(lastSlope);
            o.writeLong(lastEmitted);
            o.writeLong(deadline);
            o.writeLong(lastRelearn);
            o.writeInt(candCount);
            for (int c = 0; c < candCount; c++) {
                o.writeLong(candIdx[c]);
                o.writeDouble(candH[c]);
                o.writeDouble(candBp[c]);
                o.writeDouble(candSlope[c]);
                o.writeLong(candR[c]);
                o.writeDouble(candDepth[c]);
                o.writeDouble(candMatch[c]);
                for (int l = 0; l < leads; l++) {
                    o.writeDouble(candLead[l][c]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Replaces the state by one taken with {@link #snapshot()}.
     *
     * @throws IllegalArgumentException if the bytes are not a snapshot of an engine with the same
     *     settings, rules and lead count
     */
    public void restore(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a detector snapshot (bad magic number)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("detector snapshot format version " + version
                        + " is not supported: this detector reads version " + VERSION
                        + " only (version 3 added the raw-sample ring for R-peak refinement); start the"
                        + " detector afresh");
            }
            int fp = in.readInt();
            if (fp != fingerprint()) {
                throw new IllegalArgumentException("detector snapshot was taken with other settings (" + fp
                        + " vs " + fingerprint() + "): " + cfg + ", " + leads + " lead(s)");
            }
            n = in.readLong();
            for (int l = 0; l < leads; l++) {
                lastValid[l] = in.readFloat();
                seenValid[l] = in.readBoolean();
                hz1[l] = in.readDouble();
                hz2[l] = in.readDouble();
                lz1[l] = in.readDouble();
                lz2[l] = in.readDouble();
                mwiSum[l] = in.readDouble();
                leadLevel[l] = in.readDouble();
                leadNoise[l] = in.readDouble();
                leadWeight[l] = in.readDouble();
                learnLeadMax[l] = in.readDouble();
                current[l] = in.readDouble();
                for (int j = 0; j <= ringMask; j++) {
                    bp[l][j] = in.readFloat();
                    energy[l][j] = in.readFloat();
                    mwi[l][j] = in.readFloat();
                }
                for (int j = 0; j < raw[l].length; j++) {
                    raw[l][j] = in.readFloat();
                }
            }
            prevF = in.readDouble();
            runMin = in.readDouble();
            pkValley = in.readDouble();
            depth = in.readDouble();
            match = in.readDouble();
            templateBeats = in.readInt();
            if (templateBeats < 0 || templateBeats > HISTORY) {
                throw new IllegalArgumentException("detector snapshot holds " + templateBeats + " template beats");
            }
            for (int k = 0; k < template.length; k++) {
                template[k] = in.readDouble();
            }
            pkMax = in.readDouble();
            pkIdx = in.readLong();
            armed = in.readBoolean();
            learning = in.readBoolean();
            learnMax = in.readDouble();
            spk = in.readDouble();
            npk = in.readDouble();
            spkf = in.readDouble();
            npkf = in.readDouble();
            for (int q = 0; q < HISTORY; q++) {
                qrsPeaks[q] = in.readDouble();
                noisePeaks[q] = in.readDouble();
                rrs[q] = in.readLong();
                regularRrs[q] = in.readLong();
            }
            qrsCount = in.readInt();
            qrsSlot = in.readInt();
            noiseCount = in.readInt();
            noiseSlot = in.readInt();
            rrCount = in.readInt();
            rrSlot = in.readInt();
            regularCount = in.readInt();
            regularSlot = in.readInt();
            irregularRun = in.readInt();
            lastQrs = in.readLong();
            lastSlope = in.readDouble();
            lastEmitted = in.readLong();
            deadline = in.readLong();
            lastRelearn = in.readLong();
            candCount = in.readInt();
            if (candCount < 0 || candCount > MAX_CANDIDATES) {
                throw new IllegalArgumentException("detector snapshot holds " + candCount + " candidates");
            }
            for (int c = 0; c < candCount; c++) {
                candIdx[c] = in.readLong();
                candH[c] = in.readDouble();
                candBp[c] = in.readDouble();
                candSlope[c] = in.readDouble();
                candR[c] = in.readLong();
                candDepth[c] = in.readDouble();
                candMatch[c] = in.readDouble();
                for (int l = 0; l < leads; l++) {
                    candLead[l][c] = in.readDouble();
                }
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("detector snapshot has trailing bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("detector snapshot is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    private int fingerprint() {
        return java.util.Objects.hash(cfg, rules, leads);
    }
}

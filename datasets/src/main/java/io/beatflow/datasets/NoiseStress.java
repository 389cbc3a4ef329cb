package io.beatflow.datasets;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.Signal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The noise stress test of Moody, Muldrow and Mark ("A noise stress test for arrhythmia detectors",
 * Computers in Cardiology 11:381-384, 1984): calibrated noise from a noise record (NSTDB {@code bw},
 * {@code ma}, {@code em}) is added to a clean ECG record, as PhysioNet's {@code nst} program does.
 *
 * <p>Definitions follow the {@code nst(1)} manual page (WFDB Applications Guide,
 * <a href="https://physionet.org/physiotools/wag/nst-1.htm">physionet.org/physiotools/wag/nst-1.htm</a>),
 * section "Signal-to-noise ratios":
 * <ul>
 *   <li>signal power {@code S = A^2 / 8}, where {@code A} is the peak-to-peak QRS amplitude: the
 *       range of the samples from 50 ms before to 50 ms after each of the first 300 beats of the
 *       reference annotations that the WFDB library's {@code map1} calls normal (codes N, L, R, a, J,
 *       A, S, j, /, Q, B, e, n, f: every beat but the ventricular, fusion and learning ones;
 *       {@code lib/ecgmap.h} of the WFDB Software Package), the largest 5% and smallest 5% of these
 *       ranges discarded and the rest averaged (as {@code sigamp(1)}, which {@code nst} runs, does);</li>
 *   <li>noise power {@code N = n^2}, where {@code n} is found by cutting the first 300 s of the
 *       noise signal into one-second chunks, taking in each the root mean square difference from the
 *       chunk's mean, discarding the largest and smallest 5% and averaging the rest;</li>
 *   <li>the gain {@code a} applied to the noise solves {@code SNR = 10 log10(S / (N a^2))}, for each
 *       pair of clean and noise signal (clean lead {@code i} takes noise signal
 *       {@code i mod noiseLeads});</li>
 *   <li>the standard protocol: no noise for the first five minutes (a learning period), then
 *       two-minute periods with and without noise alternately to the end of the record; when the
 *       gain changes an offset {@code b} is recalculated so that the output has no step
 *       ({@code output = clean + a * noise + b}); the noise record is rewound when it runs out, and
 *       {@code b} is moved then too, so that the noise's jump from its last sample to its first
 *       makes no step either.</li>
 * </ul>
 *
 * <p>{@link #mixAsNst} does exactly that. {@link #mix} differs in two ways, both chosen so that the
 * stated SNR is the SNR of the noise actually added (over the first 300 s of it; the noise
 * record's level drifts after them, which {@link #measureSnrDbAllPeriods} shows): it measures {@code N} (same definition) on the noise
 * that is actually added, i.e. the first 300 whole seconds of the noisy periods, where {@code nst}
 * measures the first 300 s of the noise record but adds noise from minute 5 on (noise records are
 * not stationary: for {@code ma} on record 100 the two differ by about 1 dB); and it starts the
 * noise at an offset chosen by a seed (seed 0: the first noise sample, as {@code nst}), so that
 * repeated tests can draw different noise deterministically. Where a record has no beat of that
 * normal class, all beats ({@link Annotation#isBeat()}) are used for {@code S}. Pure maths: no
 * I/O.
 */
public final class NoiseStress {
    /** The noise-free learning period at the start of the standard protocol, in seconds. */
    public static final double LEARNING_SECONDS = 300;
    /** Length of each noisy and each noise-free period after the learning period, in seconds. */
    public static final double PERIOD_SECONDS = 120;

    private static final int MAX_BEATS = 300;
    /**
     * The beats whose amplitude {@code sigamp} measures: those the WFDB library's {@code map1} maps
     * to NORMAL ({@code lib/ecgmap.h}), i.e. all beats but PVC, E, r (ventricular), F (fusion) and
     * the learning mark.
     */
    private static final java.util.Set<AnnotationCode> SIGAMP_NORMAL = java.util.EnumSet.of(AnnotationCode.NORMAL,
            AnnotationCode.LBBB, AnnotationCode.RBBB, AnnotationCode.ABERR, AnnotationCode.NPC, AnnotationCode.APC,
            AnnotationCode.SVPB, AnnotationCode.NESC, AnnotationCode.PACE, AnnotationCode.UNKNOWN, AnnotationCode.BBB,
            AnnotationCode.AESC, AnnotationCode.SVESC, AnnotationCode.PFUS);
    private static final double HALF_WINDOW_SECONDS = 0.050;
    private static final int NOISE_CHUNKS = 300;

    private NoiseStress() {
    }

    /**
     * Whether the standard protocol adds noise at a sample: from 5 minutes on, the first two of
     * every four minutes.
     */
    public static boolean isNoisy(long sample, double sampleRateHz) {
        double t = sample / sampleRateHz;
        if (t < LEARNING_SECONDS) {
            return false;
        }
        return ((long) Math.floor((t - LEARNING_SECONDS) / PERIOD_SECONDS)) % 2 == 0;
    }

    /**
     * The QRS "power" {@code S = A^2 / 8} of one lead of a clean record, in squared physical units.
     *
     * @param clean the clean record
     * @param lead lead index
     * @param reference reference annotations of the record (beats at the record's sample rate)
     * @throws IllegalArgumentException if the annotations hold no beat inside the record
     */
    public static double signalPower(Signal clean, int lead, List<Annotation> reference) {
        float[] x = clean.physical(lead);
        int half = (int) Math.round(HALF_WINDOW_SECONDS * clean.sampleRateHz());
        double[] ranges = ranges(x, half, reference, true);
        if (ranges.length == 0) {
            ranges = ranges(x, half, reference, false);
        }
        if (ranges.length == 0) {
            throw new IllegalArgumentException(clean.name() + ": no beat annotation inside the record, so the QRS"
                    + " amplitude cannot be measured");
        }
        double a = trimmedMean(ranges);
        return a * a / 8;
    }

    private static double[] ranges(float[] x, int half, List<Annotation> reference, boolean normalOnly) {
        double[] out = new double[MAX_BEATS];
        int count = 0;
        for (Annotation ann : reference) {
            if (count == MAX_BEATS) {
                break;
            }
            boolean use = normalOnly ? SIGAMP_NORMAL.contains(ann.code()) : ann.isBeat();
            if (!use || ann.sample() >= x.length) {
                continue;
            }
            int from = (int) Math.max(0, ann.sample() - half);
            int to = (int) Math.min(x.length - 1, ann.sample() + half);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = from; i <= to; i++) {
                float v = x[i];
                if (v == v) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (max >= min) {
                out[count++] = max - min;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /**
     * The noise power {@code N = n^2} of one noise signal, in squared physical units, from its first
     * 300 one-second chunks (fewer if the signal is shorter).
     *
     * @param noise the noise record
     * @param lead noise signal index
     * @throws IllegalArgumentException if the signal is shorter than one second
     */
    public static double noisePower(Signal noise, int lead) {
        float[] x = noise.physical(lead);
        double n = chunkRms(x, 0, x.length, (int) Math.round(noise.sampleRateHz()), noise.name());
        return n * n;
    }

    /** Trimmed mean of the RMS deviation from the mean of the first 300 whole chunks of {@code x[from, to)}. */
    private static double chunkRms(float[] x, int from, int to, int chunk, String name) {
        return chunkRms(x, from, to, chunk, name, NOISE_CHUNKS);
    }

    private static double chunkRms(float[] x, int from, int to, int chunk, String name, int most) {
        int chunks = Math.min(most, (to - from) / chunk);
        if (chunks < 1) {
            throw new IllegalArgumentException(name + ": fewer than one second of samples to measure noise on");
        }
        double[] rms = new double[chunks];
        for (int c = 0; c < chunks; c++) {
            int s = from + c * chunk;
            double sum = 0;
            int valid = 0;
            for (int i = s; i < s + chunk; i++) {
                if (x[i] == x[i]) {
                    sum += x[i];
                    valid++;
                }
            }
            double mean = valid == 0 ? 0 : sum / valid;
            double sq = 0;
            for (int i = s; i < s + chunk; i++) {
                if (x[i] == x[i]) {
                    double d = x[i] - mean;
                    sq += d * d;
                }
            }
            rms[c] = valid == 0 ? 0 : Math.sqrt(sq / valid);
        }
        return trimmedMean(rms);
    }

    /** Mean after discarding the largest 5% and the smallest 5% (rounded down) of the values. */
    static double trimmedMean(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int cut = v.length / 20;
        double sum = 0;
        for (int i = cut; i < v.length - cut; i++) {
            sum += v[i];
        }
        return sum / (v.length - 2 * cut);
    }

    /**
     * The gain {@code a} that gives the wanted SNR: {@code a = sqrt(S / (N 10^(SNR/10)))}.
     *
     * @throws IllegalArgumentException if a power is not positive and finite
     */
    public static double noiseGain(double signalPower, double noisePower, double snrDb) {
        if (!(signalPower > 0) || !(noisePower > 0) || !Double.isFinite(signalPower) || !Double.isFinite(noisePower)
                || !Double.isFinite(snrDb)) {
            throw new IllegalArgumentException("noise gain needs positive finite powers and a finite SNR, got S="
                    + signalPower + ", N=" + noisePower + ", SNR=" + snrDb + " dB");
        }
        return Math.sqrt(signalPower / (noisePower * Math.pow(10, snrDb / 10)));
    }

    /**
     * The first noise sample used by {@link #mix} for a seed: 0 for seed 0, otherwise a uniform draw
     * over the noise record.
     */
    public static int noiseOffset(long seed, int noiseLength) {
        return seed == 0 || noiseLength <= 1 ? 0 : new SplittableRandom(seed).nextInt(noiseLength);
    }

    /**
     * The clean record with noise added by the standard protocol at the given SNR, the gain
     * calibrated on the noise actually added: {@code N} is measured, by {@code nst}'s definition, on
     * the noise samples that fall in the first 300 whole seconds of the noisy periods. The SNR of the
     * noisy periods, measured by {@link #measureSnrDb}, is then the one asked for.
     *
     * @param clean the clean record
     * @param reference its reference annotations (for the QRS amplitude)
     * @param noise the noise record, at the clean record's sample rate (within 0.1%)
     * @param snrDb the SNR of the noisy periods, in dB
     * @param seed chooses the first noise sample ({@link #noiseOffset}); 0 as {@code nst}
     * @return a new signal named {@code <clean>_<noise><snr>} with the clean record's leads
     * @throws IllegalArgumentException if the rates differ, a record is empty, the SNR is not finite,
     *     or the clean record has no whole second after the learning period to add noise to
     */
    public static Signal mix(Signal clean, List<Annotation> reference, Signal noise, double snrDb, long seed) {
        return mix(clean, reference, noise, snrDb, seed, false);
    }

    /**
     * The clean record with noise added exactly as {@code nst} does: noise from the first noise
     * sample on, the gain calibrated on the first 300 s of the noise record ({@link #noisePower}).
     * Because {@code nst} adds noise from 5 minutes on, and noise records are not stationary, the SNR
     * of the noisy periods then differs from the nominal one (by about 1 dB for {@code ma} on record
     * 100).
     */
    public static Signal mixAsNst(Signal clean, List<Annotation> reference, Signal noise, double snrDb) {
        return mix(clean, reference, noise, snrDb, 0, true);
    }

    private static Signal mix(Signal clean, List<Annotation> reference, Signal noise, double snrDb, long seed,
            boolean nstCalibration) {
        Objects.requireNonNull(clean, "clean");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(noise, "noise");
        if (Math.abs(clean.sampleRateHz() - noise.sampleRateHz()) > 1e-3 * clean.sampleRateHz()) {
            throw new IllegalArgumentException("noise record " + noise.name() + " is sampled at "
                    + noise.sampleRateHz() + " Hz but " + clean.name() + " at " + clean.sampleRateHz()
                    + " Hz; resample one first");
        }
        if (noise.length() == 0 || noise.leadCount() == 0) {
            throw new IllegalArgumentException("noise record " + noise.name() + " is empty");
        }
        if (!Double.isFinite(snrDb)) {
            throw new IllegalArgumentException("SNR must be finite, got " + snrDb);
        }
        double fs = clean.sampleRateHz();
        int n = clean.length();
        int offset = noiseOffset(seed, noise.length());
        float[][] out = new float[clean.leadCount()][];
        for (int l = 0; l < clean.leadCount(); l++) {
            int nl = l % noise.leadCount();
            float[] x = clean.physical(l);
            float[] z = shifted(noise.physical(nl), offset, n);
            out[l] = x.clone();
            float[] chunked = noisyChunks(z, null, fs);
            if (chunked.length == 0) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s is %.1f s long, but the"
                        + " protocol adds noise only after its first %.0f s (the learning period) and sets the gain on"
                        + " whole seconds of it, so no noise would be added: give a record longer than %.0f s",
                        clean.name(), n / fs, LEARNING_SECONDS, LEARNING_SECONDS + 1));
            }
            double noisePower = nstCalibration ? noisePower(noise, nl)
                    : square(chunkRms(chunked, 0, chunked.length, (int) Math.round(fs), noise.name()));
            double gain = noiseGain(signalPower(clean, l, reference), noisePower, snrDb);
            double a = 0;
            double b = 0;
            int noiseLength = noise.length();
            for (int i = 0; i < n; i++) {
                double want = isNoisy(i, fs) ? gain : 0;
                if (i > 0 && (offset + (long) i) % noiseLength == 0) {
                    // the noise record rewound: nst moves the offset so that the output has no step there
                    b += a * (z[i - 1] - z[i]);
                }
                if (want != a) {
                    // nst: a new offset cancels the step that the gain change would cause
                    b += (a - want) * z[i];
                    a = want;
                }
                out[l][i] = (float) (x[i] + a * z[i] + b);
            }
        }
        String name = clean.name() + "_" + noise.name() + formatSnr(snrDb);
        return Signal.ofPhysical(name, fs, clean.leads(), out, clean.startTime().orElse(null));
    }

    private static double square(double v) {
        return v * v;
    }

    /** {@code n} noise samples from {@code offset} on, the record rewound as needed, gaps held. */
    private static float[] shifted(float[] z, int offset, int n) {
        float[] out = new float[n];
        float last = 0;
        for (int i = 0; i < n; i++) {
            float v = z[(int) ((offset + (long) i) % z.length)];
            if (v == v) {
                last = v;
            } else {
                v = last;
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * The samples of the first 300 whole seconds (chunks starting at whole-second boundaries) that
     * lie in the protocol's noisy periods, concatenated: of {@code y} alone, or of {@code y - x}.
     */
    private static float[] noisyChunks(float[] y, float[] x, double fs) {
        return noisyChunks(y, x, fs, NOISE_CHUNKS);
    }

    /** As {@link #noisyChunks(float[], float[], double)}, up to {@code most} seconds. */
    private static float[] noisyChunks(float[] y, float[] x, double fs, int most) {
        int chunk = (int) Math.round(fs);
        float[] out = new float[(int) Math.min((long) most * chunk, y.length)];
        int chunks = 0;
        for (int s = 0; s + chunk <= y.length && chunks < most; s += chunk) {
            if (isNoisy(s, fs) && isNoisy(s + chunk - 1, fs)) {
                for (int i = 0; i < chunk; i++) {
                    out[chunks * chunk + i] = x == null ? y[s + i] : y[s + i] - x[s + i];
                }
                chunks++;
            }
        }
        return Arrays.copyOf(out, chunks * chunk);
    }

    /**
     * The SNR in a record name, which WFDB allows only letters, digits and {@code _} (header(5)):
     * 6 gives {@code 6}, 6.5 {@code 6p5}, -6 {@code m6}.
     */
    static String formatSnr(double snrDb) {
        String s = snrDb == Math.rint(snrDb) ? Long.toString((long) snrDb) : Double.toString(snrDb);
        return s.replace("-", "m").replace('.', 'p');
    }

    /**
     * The SNR, in dB, that a noisy record achieves on one lead, by {@code nst}'s definitions: {@code S}
     * from the clean record; {@code N} from the added noise ({@code noisy - clean}) over the first 300
     * one-second chunks that lie wholly within the protocol's noisy periods.
     *
     * @throws IllegalArgumentException if the records differ in shape or there is no noisy second
     */
    public static double measureSnrDb(Signal clean, Signal noisy, int lead, List<Annotation> reference) {
        if (clean.length() != noisy.length() || clean.sampleRateHz() != noisy.sampleRateHz()) {
            throw new IllegalArgumentException(noisy.name() + " does not have the shape of " + clean.name());
        }
        float[] added = noisyChunks(noisy.physical(lead), clean.physical(lead), clean.sampleRateHz());
        if (added.length == 0) {
            throw new IllegalArgumentException(noisy.name() + ": no whole second of added noise to measure");
        }
        double rms = chunkRms(added, 0, added.length, (int) Math.round(clean.sampleRateHz()), noisy.name());
        return 10 * Math.log10(signalPower(clean, lead, reference) / (rms * rms));
    }

    /**
     * As {@link #measureSnrDb}, but with {@code N} from every whole second of the noisy periods, not
     * the first 300: the SNR the whole test runs at. {@link #mix} sets the gain on the first 300
     * seconds, so this shows how far the noise record's level drifts after them.
     *
     * @throws IllegalArgumentException if the records differ in shape or there is no noisy second
     */
    public static double measureSnrDbAllPeriods(Signal clean, Signal noisy, int lead, List<Annotation> reference) {
        if (clean.length() != noisy.length() || clean.sampleRateHz() != noisy.sampleRateHz()) {
            throw new IllegalArgumentException(noisy.name() + " does not have the shape of " + clean.name());
        }
        float[] added = noisyChunks(noisy.physical(lead), clean.physical(lead), clean.sampleRateHz(), Integer.MAX_VALUE);
        if (added.length == 0) {
            throw new IllegalArgumentException(noisy.name() + ": no whole second of added noise to measure");
        }
        int chunk = (int) Math.round(clean.sampleRateHz());
        double rms = chunkRms(added, 0, added.length, chunk, noisy.name(), Integer.MAX_VALUE);
        return 10 * Math.log10(signalPower(clean, lead, reference) / (rms * rms));
    }
}

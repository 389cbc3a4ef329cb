package io.beatflow.datasets;

import io.beatflow.datasets.internal.EcgDynamicalModel;
import io.beatflow.datasets.internal.EcgDynamicalModel.Morphology;
import io.beatflow.datasets.internal.RrTachogram;
import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic ECG with ground-truth beat labels, after the dynamical model of McSharry PE, Clifford
 * GD, Tarassenko L, Smith LA, "A dynamical model for generating synthetic electrocardiogram
 * signals", IEEE Trans Biomed Eng 50(3):289-294 (2003) (the ECGSYN model).
 *
 * <p>How a record is made:
 * <ol>
 *   <li>Beat times. A sinus node fires at intervals drawn from an RR tachogram with a bimodal
 *       spectrum (Mayer waves at 0.1 Hz, respiratory sinus arrhythmia at 0.25 Hz, power ratio
 *       LF/HF), mean {@code 60 / HRmean} s and standard deviation {@code 60 HRstd / HRmean^2} s.
 *       Each beat is independently a premature ventricular contraction (probability
 *       {@code pvcRate}) or a premature atrial contraction ({@code pacRate}). A PVC comes at 60 % of
 *       the sinus interval; the sinus discharge that follows finds the ventricles refractory and is
 *       lost, so the next beat comes on the sinus schedule: a full compensatory pause (the two
 *       intervals around the PVC add up to two sinus intervals). A PAC comes at 70 % of the
 *       interval and resets the sinus node, so the next beat follows one sinus interval later: a
 *       non-compensatory pause.</li>
 *   <li>Waveform. The three coupled ODEs ({@link EcgDynamicalModel}) are integrated with RK4 at an
 *       internal rate that is an integer multiple (at least 1000 Hz) of the output rate, with the
 *       angular velocity {@code 2 pi / RR} of the current interval, so that the phase passes 0 (the
 *       R peak) exactly at each beat time. Each half-cycle uses the morphology of the beat it
 *       belongs to: normal (McSharry's Table I), ventricular (no P, wide QRS, discordant T), atrial
 *       (early abnormal P, normal QRS).</li>
 *   <li>Output. Every {@code m}-th internal point is kept; the waveform is scaled so that a normal
 *       beat's R peak stands {@code amplitudeMv} above the isoelectric line, then a 0.25 Hz
 *       baseline wander and white Gaussian noise are added. Further leads are scaled copies.</li>
 *   <li>Annotations. Each beat gets an annotation ({@code N}, {@code V} or {@code A}) at the
 *       sample of the waveform's maximum within 40 ms of its beat time (before noise).</li>
 * </ol>
 * Everything random comes from one {@link SplittableRandom} seeded with the configuration's seed,
 * so equal configurations give identical records.
 */
public final class SyntheticEcg {
    /** Coupling interval of a PVC as a fraction of the sinus RR interval. */
    static final double PVC_COUPLING = 0.6;
    /** Coupling interval of a PAC as a fraction of the sinus RR interval. */
    static final double PAC_COUPLING = 0.7;
    private static final double WANDER_HZ = 0.25;
    private static final double PEAK_SEARCH_SECONDS = 0.04;

    private SyntheticEcg() {
    }

    /** Generates a record as the configuration says. */
    public static SyntheticRecord generate(SyntheticEcgConfig config) {
        SplittableRandom random = new SplittableRandom(config.seed());
        double fs = config.sampleRateHz();
        int n = (int) Math.round(config.durationSeconds() * fs);
        double rrMean = 60.0 / config.heartRateMeanBpm();
        double rrStd = 60.0 * config.heartRateStdBpm() / (config.heartRateMeanBpm() * config.heartRateMeanBpm());
        RrTachogram tachogram = new RrTachogram(rrMean, rrStd, config.lfHfRatio(),
                config.durationSeconds() + 10 * rrMean, random.split());

        // 1. Beat schedule. The first beat sits half an interval in, so the record opens mid-diastole.
        SplittableRandom ectopy = random.split();
        List<Double> times = new ArrayList<>();
        List<AnnotationCode> kinds = new ArrayList<>();
        double lastBeat = tachogram.at(0) / 2;
        double nextSinus = lastBeat + tachogram.at(lastBeat);
        times.add(lastBeat);
        kinds.add(AnnotationCode.NORMAL);
        double end = config.durationSeconds() + 2 * rrMean;
        while (lastBeat < end) {
            double u = ectopy.nextDouble();
            double t;
            AnnotationCode kind;
            if (u < config.pvcRate()) {
                kind = AnnotationCode.PVC;
                t = lastBeat + PVC_COUPLING * (nextSinus - lastBeat);
                nextSinus += tachogram.at(nextSinus); // the concealed sinus beat: compensatory pause
            } else if (u < config.pvcRate() + config.pacRate()) {
                kind = AnnotationCode.APC;
                t = lastBeat + PAC_COUPLING * (nextSinus - lastBeat);
                nextSinus = t + tachogram.at(t); // the sinus node is reset
            } else {
                kind = AnnotationCode.NORMAL;
                t = nextSinus;
                nextSinus = t + tachogram.at(t);
            }
            times.add(t);
            kinds.add(kind);
            lastBeat = t;
        }
        double[] beat = times.stream().mapToDouble(Double::doubleValue).toArray();

        // 2. Integrate the model.
        double hr = config.heartRateMeanBpm();
        Morphology normal = Morphology.normal(hr);
        Morphology ventricular = Morphology.ventricular(hr);
        Morphology atrial = Morphology.atrial(hr);
        Morphology[] morph = new Morphology[beat.length];
        for (int i = 0; i < beat.length; i++) {
            morph[i] = switch (kinds.get(i)) {
                case PVC -> ventricular;
                case APC -> atrial;
                default -> normal;
            };
        }
        int m = (int) Math.ceil(1000.0 / fs);
        double h = 1.0 / (fs * m);
        double[] z = new double[n];
        double firstRr = beat.length > 1 ? beat[1] - beat[0] : rrMean;
        double theta0 = -2 * Math.PI * beat[0] / firstRr; // phase at t = 0, so that it is 0 at beat[0]
        double[] state = {Math.cos(theta0), Math.sin(theta0), 0};
        double[] scratch = new double[12];
        int k = 0; // interval [beat[k-1], beat[k]) holds the current time; k = 0 before the first beat
        for (int s = 0; s < n; s++) {
            z[s] = state[2];
            for (int j = 0; j < m; j++) {
                double t = (s * (long) m + j) * h;
                while (k < beat.length && t >= beat[k]) {
                    k++;
                }
                double start = k == 0 ? beat[0] - firstRr : beat[k - 1];
                double stop = k < beat.length ? beat[k] : start + rrMean;
                double omega = 2 * Math.PI / (stop - start);
                // the first half of an interval belongs to the beat that opened it, the second to the next
                int owner = t < (start + stop) / 2 ? Math.max(k - 1, 0) : Math.min(k, beat.length - 1);
                EcgDynamicalModel.rk4Step(state, h, omega, morph[owner], scratch);
            }
        }

        // 3. Annotations at the waveform's R maxima.
        int search = (int) Math.round(PEAK_SEARCH_SECONDS * fs);
        List<long[]> peaks = new ArrayList<>();
        for (int i = 0; i < beat.length; i++) {
            long c = Math.round(beat[i] * fs);
            if (c - search < 1 || c + search >= n - 1) {
                continue; // too near an end of the record to place the peak reliably
            }
            int best = (int) c;
            for (int s = (int) c - search; s <= c + search; s++) {
                if (z[s] > z[best]) {
                    best = s;
                }
            }
            peaks.add(new long[] {best, kinds.get(i).code()});
        }

        // 4. Scale, baseline, wander and noise.
        double isoelectric = isoelectricLevel(z, beat, fs);
        double[] normalPeaks = peaks.stream().filter(p -> p[1] == AnnotationCode.NORMAL.code())
                .mapToDouble(p -> z[(int) p[0]] - isoelectric).sorted().toArray();
        double ref = normalPeaks.length > 0 ? normalPeaks[normalPeaks.length / 2] : 1;
        double scale = config.amplitudeMv() / ref;
        SplittableRandom noise = random.split();
        double wanderPhase = random.nextDouble() * 2 * Math.PI;
        List<String> names = config.leadNames();
        float[][] out = new float[names.size()][n];
        for (int s = 0; s < n; s++) {
            double clean = (z[s] - isoelectric) * scale;
            double wander = config.baselineWanderMv() * Math.sin(2 * Math.PI * WANDER_HZ * s / fs + wanderPhase);
            for (int l = 0; l < names.size(); l++) {
                double gain = leadGain(l);
                out[l][s] = (float) (gain * clean + wander + config.noiseStdMv() * gaussian(noise));
            }
        }
        List<Lead> leads = new ArrayList<>();
        for (String name : names) {
            leads.add(new Lead(name, "mV", 200, 0));
        }
        List<Annotation> annotations = new ArrayList<>();
        for (long[] p : peaks) {
            annotations.add(Annotation.of(p[0], AnnotationCode.of((int) p[1])));
        }
        Signal signal = Signal.ofPhysical("synthetic-" + config.seed(), fs, leads, out, null);
        return new SyntheticRecord(signal, annotations);
    }

    /** Relative amplitude of lead {@code l}: 1 for the first, then 0.8, 0.6, ... and -0.5 alternately. */
    static double leadGain(int l) {
        if (l == 0) {
            return 1;
        }
        double g = Math.max(0.3, 1 - 0.2 * l);
        return l % 2 == 0 ? g : -0.5 * g;
    }

    /** The median of the waveform at the midpoint between beats' P and Q, 80 ms before each R. */
    private static double isoelectricLevel(double[] z, double[] beat, double fs) {
        double[] v = Arrays.stream(beat).mapToLong(t -> Math.round((t - 0.08) * fs))
                .filter(s -> s >= 0 && s < z.length).mapToDouble(s -> z[(int) s]).sorted().toArray();
        return v.length == 0 ? 0 : v[v.length / 2];
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller; one value per call keeps the stream simple to reason about
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}

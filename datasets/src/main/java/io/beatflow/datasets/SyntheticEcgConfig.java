package io.beatflow.datasets;

import java.util.List;
import java.util.Objects;

/**
 * Parameters of the synthetic ECG generator ({@link SyntheticEcg}).
 *
 * @param heartRateMeanBpm mean heart rate in beats per minute, in [20, 250]
 * @param heartRateStdBpm standard deviation of the sinus heart rate in beats per minute (heart-rate
 *     variability), in [0, heartRateMeanBpm / 4]
 * @param lfHfRatio ratio of the power of the Mayer-wave component (~0.1 Hz) to the respiratory
 *     sinus arrhythmia component (~0.25 Hz) of the RR tachogram; positive (McSharry et al. use 0.5)
 * @param sampleRateHz output samples per second, in [50, 2000]
 * @param durationSeconds length of the record in seconds, positive
 * @param amplitudeMv height of a normal beat's R peak above the isoelectric line in millivolts,
 *     positive
 * @param noiseStdMv standard deviation of white measurement noise in millivolts, non-negative
 * @param baselineWanderMv amplitude of a respiratory (0.25 Hz) baseline wander in millivolts,
 *     non-negative
 * @param pvcRate probability that a beat is a premature ventricular contraction, in [0, 0.5]
 * @param pacRate probability that a beat is a premature atrial contraction, in [0, 0.5];
 *     {@code pvcRate + pacRate <= 0.5}
 * @param leadNames names of the output leads (at least one); the first carries the model's
 *     waveform, the others scaled projections of it
 * @param seed random seed: equal configurations give identical records
 */
public record SyntheticEcgConfig(double heartRateMeanBpm, double heartRateStdBpm, double lfHfRatio,
        double sampleRateHz, double durationSeconds, double amplitudeMv, double noiseStdMv, double baselineWanderMv,
        double pvcRate, double pacRate, List<String> leadNames, long seed) {
    public SyntheticEcgConfig {
        check("heartRateMeanBpm", heartRateMeanBpm, 20, 250);
        check("heartRateStdBpm", heartRateStdBpm, 0, heartRateMeanBpm / 4);
        check("lfHfRatio", lfHfRatio, 1e-3, 1e3);
        check("sampleRateHz", sampleRateHz, 50, 2000);
        check("durationSeconds", durationSeconds, 1e-3, 7 * 24 * 3600.0);
        check("amplitudeMv", amplitudeMv, 1e-3, 100);
        check("noiseStdMv", noiseStdMv, 0, 100);
        check("baselineWanderMv", baselineWanderMv, 0, 100);
        check("pvcRate", pvcRate, 0, 0.5);
        check("pacRate", pacRate, 0, 0.5);
        if (pvcRate + pacRate > 0.5) {
            throw new IllegalArgumentException("pvcRate + pacRate must be at most 0.5, got " + (pvcRate + pacRate));
        }
        leadNames = List.copyOf(Objects.requireNonNull(leadNames, "leadNames"));
        if (leadNames.isEmpty()) {
            throw new IllegalArgumentException("leadNames must name at least one lead");
        }
    }

    private static void check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }

    /**
     * McSharry et al.'s defaults: 60 +- 1 bpm, LF/HF 0.5, 1.2 mV R peaks; here at 360 Hz for 60 s,
     * one lead "MLII", no noise, no baseline wander, no ectopic beats, seed 1.
     */
    public static SyntheticEcgConfig defaults() {
        return new SyntheticEcgConfig(60, 1, 0.5, 360, 60, 1.2, 0, 0, 0, 0, List.of("MLII"), 1);
    }

    /** A copy with another mean and standard deviation of the heart rate (bpm). */
    public SyntheticEcgConfig withHeartRate(double meanBpm, double stdBpm) {
        return new SyntheticEcgConfig(meanBpm, stdBpm, lfHfRatio, sampleRateHz, durationSeconds, amplitudeMv,
                noiseStdMv, baselineWanderMv, pvcRate, pacRate, leadNames, seed);
    }

    /** A copy with another sample rate (Hz) and duration (s). */
    public SyntheticEcgConfig withSampling(double rateHz, double seconds) {
        return new SyntheticEcgConfig(heartRateMeanBpm, heartRateStdBpm, lfHfRatio, rateHz, seconds, amplitudeMv,
                noiseStdMv, baselineWanderMv, pvcRate, pacRate, leadNames, seed);
    }

    /** A copy with other noise and baseline-wander levels (mV). */
    public SyntheticEcgConfig withNoise(double noiseMv, double wanderMv) {
        return new SyntheticEcgConfig(heartRateMeanBpm, heartRateStdBpm, lfHfRatio, sampleRateHz, durationSeconds,
                amplitudeMv, noiseMv, wanderMv, pvcRate, pacRate, leadNames, seed);
    }

    /** A copy with other premature ventricular and atrial beat probabilities. */
    public SyntheticEcgConfig withEctopy(double pvc, double pac) {
        return new SyntheticEcgConfig(heartRateMeanBpm, heartRateStdBpm, lfHfRatio, sampleRateHz, durationSeconds,
                amplitudeMv, noiseStdMv, baselineWanderMv, pvc, pac, leadNames, seed);
    }

    /** A copy with other lead names. */
    public SyntheticEcgConfig withLeads(List<String> names) {
        return new SyntheticEcgConfig(heartRateMeanBpm, heartRateStdBpm, lfHfRatio, sampleRateHz, durationSeconds,
                amplitudeMv, noiseStdMv, baselineWanderMv, pvcRate, pacRate, names, seed);
    }

    /** A copy with another seed. */
    public SyntheticEcgConfig withSeed(long newSeed) {
        return new SyntheticEcgConfig(heartRateMeanBpm, heartRateStdBpm, lfHfRatio, sampleRateHz, durationSeconds,
                amplitudeMv, noiseStdMv, baselineWanderMv, pvcRate, pacRate, leadNames, newSeed);
    }
}

package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.testing.ReferenceData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseStressTest {
    private static final double RATE = 100;

    /**
     * A clean record whose every beat is a 2.0 mV spike (baseline 0), one per second, 15 minutes
     * long: the peak-to-peak QRS amplitude is exactly A = 2.0, so S = A^2 / 8 = 0.5 mV^2.
     */
    private static Signal spikes(List<Annotation> beats) {
        int n = (int) (15 * 60 * RATE);
        float[] x = new float[n];
        for (int i = 50; i < n; i += 100) {
            x[i] = 2.0f;
            beats.add(Annotation.of(i, AnnotationCode.NORMAL));
        }
        return Signal.ofPhysical("spikes", RATE, List.of(new Lead("II", "mV", 200, 0)), new float[][] {x}, null);
    }

    /** Noise alternating +1, -1: every one-second chunk has mean 0 and RMS 1, so N = 1 mV^2. */
    private static Signal squareNoise(int seconds) {
        float[] z = new float[(int) (seconds * RATE)];
        for (int i = 0; i < z.length; i++) {
            z[i] = (i & 1) == 0 ? 1f : -1f;
        }
        return Signal.ofPhysical("sq", RATE, List.of(new Lead("n", "mV", 200, 0)), new float[][] {z}, null);
    }

    @Test
    void powersFollowTheNstDefinitions() {
        List<Annotation> beats = new ArrayList<>();
        Signal clean = spikes(beats);
        assertEquals(0.5, NoiseStress.signalPower(clean, 0, beats), 1e-6);
        assertEquals(1.0, NoiseStress.noisePower(squareNoise(400), 0), 1e-9);
        // a = sqrt(S / (N 10^(SNR/10))): 0 dB -> sqrt(0.5) = 0.70711; 20 dB -> sqrt(0.005) = 0.070711
        assertEquals(0.70711, NoiseStress.noiseGain(0.5, 1.0, 0), 1e-5);
        assertEquals(0.070711, NoiseStress.noiseGain(0.5, 1.0, 20), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> NoiseStress.noiseGain(0, 1, 6));
    }

    /**
     * S is measured on the beats sigamp measures, all but ventricular and fusion beats: here the
     * first 300 beats are 20 N spikes of 1.0 mV, 260 R (right bundle branch block) spikes of 2.0 mV
     * and 20 V spikes of 4.0 mV, in that order. The V beats are not measured; of the 280 ranges the
     * 14 smallest (1.0) and 14 largest (2.0) go, leaving 6 of 1.0 and 246 of 2.0: A = (6 + 492) / 252,
     * S = A^2 / 8. (Counting N beats alone, as nst does not, would give A = 1.0.)
     */
    @Test
    void signalPowerCountsEveryBeatSigampCallsNormal() {
        int n = (int) (15 * 60 * RATE);
        float[] x = new float[n];
        List<Annotation> beats = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            int i = 50 + 100 * k;
            boolean normal = k < 20;
            boolean ventricular = k >= 280;
            x[i] = normal ? 1.0f : ventricular ? 4.0f : 2.0f;
            beats.add(Annotation.of(i, normal ? AnnotationCode.NORMAL : ventricular ? AnnotationCode.PVC : AnnotationCode.RBBB));
        }
        Signal clean = Signal.ofPhysical("rbbb", RATE, List.of(new Lead("II", "mV", 200, 0)), new float[][] {x}, null);
        double a = (6 * 1.0 + 246 * 2.0) / 252;
        assertEquals(a * a / 8, NoiseStress.signalPower(clean, 0, beats), 1e-9);
    }

    @Test
    void recordNamesHoldOnlyWhatWfdbAllows() {
        assertEquals("6", NoiseStress.formatSnr(6));
        assertEquals("6p5", NoiseStress.formatSnr(6.5));
        assertEquals("m6", NoiseStress.formatSnr(-6));
        assertEquals("m0p5", NoiseStress.formatSnr(-0.5));
    }

    /** 1..20: the largest and smallest 5% (one value each) go, the mean of 2..19 is 10.5. */
    @Test
    void trimmedMeanDropsFivePercentAtEachEnd() {
        double[] v = new double[20];
        for (int i = 0; i < 20; i++) {
            v[i] = 20 - i;
        }
        assertEquals(10.5, NoiseStress.trimmedMean(v), 1e-12);
    }

    @Test
    void standardProtocolIsFiveCleanMinutesThenTwoMinutePeriods() {
        assertFalse(NoiseStress.isNoisy(0, RATE));
        assertFalse(NoiseStress.isNoisy(29_999, RATE));
        assertTrue(NoiseStress.isNoisy(30_000, RATE));
        assertTrue(NoiseStress.isNoisy(41_999, RATE));
        assertFalse(NoiseStress.isNoisy(42_000, RATE));
        assertTrue(NoiseStress.isNoisy(54_000, RATE));
    }

    @Test
    void mixAddsScaledNoiseOnlyInNoisyPeriodsWithoutSteps() {
        List<Annotation> beats = new ArrayList<>();
        Signal clean = spikes(beats);
        Signal noisy = NoiseStress.mix(clean, beats, squareNoise(400), 0, 0);
        float[] x = clean.physical(0);
        float[] y = noisy.physical(0);
        double a = Math.sqrt(0.5);
        for (int i = 0; i < 30_000; i++) {
            assertEquals(x[i], y[i], 0, "learning period is clean");
        }
        // at 300 s the gain becomes a and the offset b = -a * z(300 s) = -a: the sample there is x
        assertEquals(x[30_000], y[30_000], 1e-6);
        // inside the noisy period the added noise is a * (+-1) about a constant offset
        double d1 = y[30_101] - x[30_101];
        double d2 = y[30_102] - x[30_102];
        assertEquals(2 * a, Math.abs(d1 - d2), 1e-5);
        assertEquals(0.0, NoiseStress.measureSnrDb(clean, noisy, 0, beats), 1e-4);
        assertEquals("spikes_sq0", noisy.name());
    }

    /**
     * A noise record shorter than the clean one is rewound, as nst does, without a step: a ramp of
     * 400 s (0 to 39.99 mV, 0.001 mV per sample) runs out at 400 s and at 800 s, both inside noisy
     * periods (300-420 s, 780-900 s), where it jumps back by 39.99 mV; the noise added moves by one
     * ramp step times the gain there, as everywhere else in the noisy periods.
     */
    @Test
    void aRewoundNoiseRecordMakesNoStep() {
        List<Annotation> beats = new ArrayList<>();
        Signal clean = spikes(beats);
        float[] ramp = new float[(int) (400 * RATE)];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i / 1000f;
        }
        Signal noise = Signal.ofPhysical("ramp", RATE, List.of(new Lead("n", "mV", 200, 0)), new float[][] {ramp}, null);
        Signal noisy = NoiseStress.mix(clean, beats, noise, 6, 0);
        float[] x = clean.physical(0);
        float[] y = noisy.physical(0);
        double gain = (y[30_201] - x[30_201]) - (y[30_200] - x[30_200]); // one ramp step, scaled
        assertTrue(gain > 0, "noise is added");
        for (int i : new int[] {40_000, 80_000}) {
            assertTrue(NoiseStress.isNoisy(i, RATE), "sample " + i + " is in a noisy period");
            double step = (y[i] - x[i]) - (y[i - 1] - x[i - 1]);
            assertTrue(Math.abs(step) <= 2 * Math.abs(gain), "sample " + i + ": a step of " + step + " mV");
        }
    }

    /** A record of 300.5 s has no whole second after the learning period: refused, not returned clean. */
    @Test
    void refusesARecordWithNoWholeSecondAfterTheLearningPeriod() {
        List<Annotation> beats = new ArrayList<>();
        Signal clean = spikes(beats).slice(0, 30_050);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseStress.mix(clean, beats, squareNoise(400), 6, 0));
        assertTrue(e.getMessage().startsWith("spikes is 300.5 s long, but the protocol adds noise only after its first"
                + " 300 s"), e.getMessage());
        Signal longer = spikes(new ArrayList<>()).slice(0, 30_100);
        assertEquals(30_100, NoiseStress.mix(longer, beats, squareNoise(400), 6, 0).length());
    }

    @Test
    void rejectsNoiseAtAnotherRate() {
        List<Annotation> beats = new ArrayList<>();
        Signal clean = spikes(beats);
        Signal noise = Signal.ofPhysical("n", 360, List.of(new Lead("n", "mV", 200, 0)), new float[][] {new float[720]},
                null);
        assertThrows(IllegalArgumentException.class, () -> NoiseStress.mix(clean, beats, noise, 6, 0));
    }

    @Test
    void achievedSnrOnMitBihIsWithinHalfADecibel() throws IOException {
        ReferenceData.assumeMitdb();
        ReferenceData.assumeNstdb();
        Signal clean = WfdbReader.read(ReferenceData.mitdb().resolve("100"));
        List<Annotation> ann = WfdbAnnotationReader.read(ReferenceData.mitdb().resolve("100.atr"));
        for (String type : new String[] {"ma", "bw"}) {
            Signal noise = WfdbReader.read(ReferenceData.nstdb().resolve(type));
            for (double snr : new double[] {12, 6}) {
                Signal noisy = NoiseStress.mix(clean, ann, noise, snr, 7);
                for (int lead = 0; lead < 2; lead++) {
                    double got = NoiseStress.measureSnrDb(clean, noisy, lead, ann);
                    assertEquals(snr, got, 0.5, type + " lead " + lead);
                }
            }
        }
    }

    /**
     * nst's own calibration: the gain a = sqrt(S / (N 10^(SNR/10))) with N from the first 300 s of
     * the noise record, so within one noisy period y - x = a z + b and any two samples differ by
     * a (z_i - z_j).
     */
    @Test
    void mixAsNstScalesByTheNoiseRecordsFirstFiveMinutes() throws IOException {
        ReferenceData.assumeMitdb();
        ReferenceData.assumeNstdb();
        Signal clean = WfdbReader.read(ReferenceData.mitdb().resolve("100"));
        List<Annotation> ann = WfdbAnnotationReader.read(ReferenceData.mitdb().resolve("100.atr"));
        Signal noise = WfdbReader.read(ReferenceData.nstdb().resolve("ma"));
        Signal noisy = NoiseStress.mixAsNst(clean, ann, noise, 12);
        double a = NoiseStress.noiseGain(NoiseStress.signalPower(clean, 0, ann), NoiseStress.noisePower(noise, 0), 12);
        float[] x = clean.physical(0);
        float[] y = noisy.physical(0);
        float[] z = noise.physical(0);
        int i = 360 * 310;
        int j = 360 * 400 + 17;
        assertEquals(a * (z[i] - z[j]), (y[i] - x[i]) - (y[j] - x[j]), 1e-3);
        double achieved = NoiseStress.measureSnrDb(clean, noisy, 0, ann);
        assertTrue(Math.abs(achieved - 12) < 2, "nst's calibration lands near, not on, the target: " + achieved);
    }

    @Test
    void theSeedChoosesTheNoiseDeterministically() throws IOException {
        ReferenceData.assumeMitdb();
        ReferenceData.assumeNstdb();
        Signal clean = WfdbReader.read(ReferenceData.mitdb().resolve("103"));
        List<Annotation> ann = WfdbAnnotationReader.read(ReferenceData.mitdb().resolve("103.atr"));
        Signal noise = WfdbReader.read(ReferenceData.nstdb().resolve("ma"));
        float[] a = NoiseStress.mix(clean, ann, noise, 6, 3).physical(0);
        float[] b = NoiseStress.mix(clean, ann, noise, 6, 3).physical(0);
        float[] c = NoiseStress.mix(clean, ann, noise, 6, 4).physical(0);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }
}

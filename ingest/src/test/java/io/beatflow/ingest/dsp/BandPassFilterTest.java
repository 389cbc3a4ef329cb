package io.beatflow.ingest.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.BandPassConfig;
import io.beatflow.ingest.BandPassFilter;
import io.beatflow.ingest.IncrementalFilter;
import io.beatflow.ingest.NotchFilter;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Band-pass response against the closed-form Butterworth band-pass.
 *
 * <p>Derivation of the expected gain: the digital Butterworth band-pass of prototype order n with
 * -3 dB edges w1 &lt; w2 (radians per sample) is the analogue low-pass prototype
 * {@code |H(jW)|^2 = 1 / (1 + W^(2n))} under the low-pass to band-pass substitution of the bilinear
 * transform, {@code s = k (z^2 - 2 a z + 1) / (z^2 - 1)} with {@code a = cos((w2 + w1) / 2) /
 * cos((w2 - w1) / 2)} and {@code k = cot((w2 - w1) / 2)} (Constantinides, 1970). On the unit
 * circle {@code z = e^{jw}} that fraction equals {@code -j k (cos w - a) / sin w}, so
 * {@code W(w) = k (a - cos w) / sin w} and {@code |H|^2 = 1 / (1 + W(w)^(2n))}. At {@code w1} and
 * {@code w2}, W = -1 and +1, hence -3.0103 dB at both corners.
 */
class BandPassFilterTest {
    private static final double FS = 360.0;

    static double analyticDb(int n, double lo, double hi, double f, double fs) {
        double w1 = 2 * Math.PI * lo / fs;
        double w2 = 2 * Math.PI * hi / fs;
        double w = 2 * Math.PI * f / fs;
        double a = Math.cos((w2 + w1) / 2) / Math.cos((w2 - w1) / 2);
        double k = 1 / Math.tan((w2 - w1) / 2);
        double big = k * (a - Math.cos(w)) / Math.sin(w);
        return -10 * Math.log10(1 + Math.pow(big, 2 * n));
    }

    /** Steady-state gain (dB) of one causal pass, measured on a sine of whole periods. */
    static double measuredDb(IncrementalFilter f, double freq, double fs, int periodsSettle, int periodsMeasure) {
        double period = fs / freq;
        int settle = (int) Math.round(periodsSettle * period);
        int len = (int) Math.round(periodsMeasure * period);
        float[] x = Sines.sine(freq, fs, settle + len, 1.0, 0.3);
        float[] y = f.process(x);
        return Sines.db(Sines.amplitude(y, settle, len, freq, fs) / Sines.amplitude(x, settle, len, freq, fs));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 5.0, 10.0, 20.0, 40.0, 60.0, 90.0, 120.0})
    void singlePassGainMatchesButterworthFormula(double f) {
        BandPassFilter bp = new BandPassFilter(BandPassConfig.ecg(FS));
        double expected = analyticDb(2, 0.5, 40.0, f, FS);
        double measured = measuredDb(bp.newIncremental(), f, FS, f < 2 ? 40 : 200, f < 2 ? 40 : 400);
        assertEquals(expected, measured, 0.01, () -> f + " Hz");
    }

    @Test
    void cornerFrequenciesAreMinus3dB() {
        BandPassFilter bp = new BandPassFilter(BandPassConfig.ecg(FS));
        double minus3 = -10 * Math.log10(2);
        assertEquals(minus3, measuredDb(bp.newIncremental(), 0.5, FS, 40, 40), 0.01);
        assertEquals(minus3, measuredDb(bp.newIncremental(), 40.0, FS, 200, 400), 0.01);
    }

    @Test
    void zeroPhasePasses10HzWithin0point1dBAndAttenuates60HzAtLeastTwiceTheSinglePassFigure() {
        BandPassFilter bp = new BandPassFilter(BandPassConfig.ecg(FS));
        int n = 36000;
        float[] x10 = Sines.sine(10, FS, n, 1.0, 0.0);
        float[] y10 = bp.applyZeroPhase(x10);
        double g10 = Sines.db(Sines.amplitude(y10, 3600, 36 * 800, 10, FS));
        assertTrue(Math.abs(g10) < 0.1, "10 Hz gain " + g10 + " dB");
        assertEquals(2 * analyticDb(2, 0.5, 40, 10, FS), g10, 0.01);

        float[] x60 = Sines.sine(60, FS, n, 1.0, 0.0);
        float[] y60 = bp.applyZeroPhase(x60);
        double g60 = Sines.db(Sines.amplitude(y60, 3600, 6 * 4800, 60, FS));
        // by hand: w1 = 0.008727, w2 = 0.69813 rad/sample; k = cot(0.34470) = 2.785;
        // a = cos(0.35343) / cos(0.34470) = 0.99682; at 60 Hz w = pi/3: W = 2.785 * 0.49682 / 0.86603
        // = 1.598, W^4 = 6.52, one pass -8.76 dB, forward-backward -17.5 dB
        double analytic = 2 * analyticDb(2, 0.5, 40, 60, FS);
        assertEquals(-17.5, analytic, 0.05);
        assertTrue(g60 <= analytic + 0.05, "60 Hz gain " + g60 + " dB vs analytic " + analytic);
    }

    @Test
    void zeroPhaseKeepsASymmetricPulsePeakInPlace() {
        int n = 4001;
        float[] x = new float[n];
        int centre = 2000;
        for (int i = 0; i < n; i++) {
            double t = (i - centre) / FS;
            x[i] = (float) Math.exp(-t * t / (2 * 0.01 * 0.01)); // Gaussian, sigma 10 ms
        }
        float[] y = new BandPassFilter(BandPassConfig.ecg(FS)).applyZeroPhase(x);
        int argmax = 0;
        for (int i = 1; i < n; i++) {
            if (y[i] > y[argmax]) {
                argmax = i;
            }
        }
        assertEquals(centre, argmax);
        for (int d = 1; d < 300; d++) {
            assertEquals(y[centre - d], y[centre + d], 1e-4, "symmetry at offset " + d);
        }
        // the causal form delays the same pulse
        float[] c = new BandPassFilter(BandPassConfig.ecg(FS)).newIncremental().process(x);
        int cmax = 0;
        for (int i = 1; i < n; i++) {
            if (c[i] > c[cmax]) {
                cmax = i;
            }
        }
        assertTrue(cmax > centre, "causal peak at " + cmax);
    }

    @Test
    void chunkedProcessingEqualsWholeSignal() {
        float[] x = Sines.noise(7, 20000);
        BandPassFilter bp = new BandPassFilter(new BandPassConfig(4, 1.0, 30.0, FS));
        float[] whole = bp.newIncremental().process(x);
        Random rnd = new Random(11);
        for (int trial = 0; trial < 5; trial++) {
            IncrementalFilter f = bp.newIncremental();
            float[] out = new float[x.length];
            int pos = 0;
            for (int c : Sines.chunks(rnd, x.length, 1500)) {
                f.process(x, pos, c, out, pos);
                pos += c;
            }
            assertArrayEquals(whole, out);
        }
    }

    @Test
    void snapshotRestoresExactState() {
        float[] x = Sines.noise(3, 10000);
        BandPassFilter bp = new BandPassFilter(BandPassConfig.ecg(FS));
        float[] whole = bp.newIncremental().process(x);
        IncrementalFilter a = bp.newIncremental();
        float[] first = new float[4321];
        a.process(x, 0, 4321, first, 0);
        byte[] snap = a.snapshot();
        IncrementalFilter b = bp.newIncremental();
        b.restore(snap);
        float[] rest = new float[x.length - 4321];
        b.process(x, 4321, rest.length, rest, 0);
        for (int i = 0; i < rest.length; i++) {
            assertEquals(whole[4321 + i], rest[i], 0.0f);
        }
        assertEquals(x.length, b.samplesSeen());
        IncrementalFilter other = NotchFilter.powerLine(FS, 60).newIncremental();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(snap));
        assertTrue(e.getMessage().contains("another design"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.restore(java.util.Arrays.copyOf(snap, snap.length - 3)));
    }

    @Test
    void aNanGapDoesNotPoisonTheRecord() {
        float[] x = Sines.sine(10, FS, 7200, 1.0, 0);
        x[3000] = Float.NaN;
        x[3001] = Float.NaN;
        BandPassFilter bp = new BandPassFilter(BandPassConfig.ecg(FS));
        float[] y = bp.applyZeroPhase(x);
        for (int i = 0; i < y.length; i++) {
            assertEquals(i == 3000 || i == 3001, Float.isNaN(y[i]), "sample " + i);
        }
        float[] c = bp.newIncremental().process(x);
        assertTrue(Float.isNaN(c[3000]) && Float.isNaN(c[3001]));
        assertFalse(Float.isNaN(c[3002]));
        assertFalse(Float.isNaN(c[7199]));
    }

    /** An infinite sample is a gap like a NaN one: one NaN out, offline and causal, the rest finite. */
    @Test
    void anInfiniteSampleIsAGapLikeANan() {
        float[] x = Sines.sine(10, FS, 7200, 1.0, 0);
        x[3000] = Float.POSITIVE_INFINITY;
        x[5000] = Float.NEGATIVE_INFINITY;
        float[] y = new BandPassFilter(BandPassConfig.ecg(FS)).applyZeroPhase(x);
        float[] c = new BandPassFilter(BandPassConfig.ecg(FS)).newIncremental().process(x);
        float[] h = io.beatflow.ingest.BaselineWanderFilter.highPass(FS).applyZeroPhase(x);
        for (int i = 0; i < y.length; i++) {
            boolean gap = i == 3000 || i == 5000;
            assertEquals(gap, Float.isNaN(y[i]), "zero phase, sample " + i);
            assertEquals(gap, Float.isNaN(c[i]), "causal, sample " + i);
            assertEquals(gap, Float.isNaN(h[i]), "high-pass, sample " + i);
            assertTrue(gap || Float.isFinite(y[i]) && Float.isFinite(c[i]) && Float.isFinite(h[i]), "sample " + i);
        }
    }

    @Test
    void configRejectsBadDesignsNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BandPassConfig(2, 0.5, 200, 360));
        assertTrue(e.getMessage().contains("200"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BandPassConfig(0, 0.5, 40, 360));
        assertThrows(IllegalArgumentException.class, () -> new BandPassConfig(2, 40, 0.5, 360));
        assertThrows(IllegalArgumentException.class, () -> new BandPassConfig(2, 0, 40, 360));
        assertThrows(IllegalArgumentException.class, () -> new BandPassConfig(2, 0.5, 40, Double.NaN));
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertEquals(0, new BandPassFilter(BandPassConfig.ecg(FS)).applyZeroPhase(new float[0]).length);
        float[] one = new BandPassFilter(BandPassConfig.ecg(FS)).applyZeroPhase(new float[] {2f});
        assertEquals(1, one.length);
        assertFalse(Float.isNaN(one[0]));
    }

    /**
     * Edge handling: a 10 Hz cosine of exactly 100 periods (3601 samples) has maxima at both end
     * samples, so its mirror reflection continues it exactly and the padded signal is the cosine
     * itself; the only edge error left is the start-up transient of each pass, which starts at the
     * beginning of the padding (six time constants of the slowest pole earlier) and has decayed
     * to e^-6 = 0.0025 of its initial size when the record begins. That initial size is the
     * mismatch between the assumed steady state (constant input) and the cosine's, of the order of
     * the unit amplitude; the bound allows four times e^-6. Without padding the error would be of
     * order 1.
     */
    @Test
    void zeroPhaseEdgesOfAMirrorSymmetricSignalAreClean() {
        float[] x = Sines.sine(10, FS, 3601, 1.0, Math.PI / 2);
        float[] y = new BandPassFilter(BandPassConfig.ecg(FS)).applyZeroPhase(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i] - x[i]));
        }
        assertTrue(worst < 0.01, "largest deviation " + worst);
    }

    @Test
    void leadingAndTrailingGapsAndAllNan() {
        float[] x = Sines.sine(10, FS, 2000, 1.0, 0);
        for (int i = 0; i < 50; i++) {
            x[i] = Float.NaN;
            x[1999 - i] = Float.NaN;
        }
        float[] y = new BandPassFilter(BandPassConfig.ecg(FS)).applyZeroPhase(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.isNaN(x[i]), Float.isNaN(y[i]), "sample " + i);
        }
        float[] allNan = new float[10];
        java.util.Arrays.fill(allNan, Float.NaN);
        for (float v : new BandPassFilter(BandPassConfig.ecg(FS)).applyZeroPhase(allNan)) {
            assertTrue(Float.isNaN(v));
        }
    }
}

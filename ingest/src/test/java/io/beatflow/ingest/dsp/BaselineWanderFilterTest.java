package io.beatflow.ingest.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.BaselineWanderFilter;
import io.beatflow.ingest.IncrementalFilter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Baseline removal. High-pass: a Butterworth high-pass of order n has {@code |H|^2 = 1 / (1 +
 * (Wc / W)^(2n))} with the bilinear warping {@code W = tan(w / 2)}, so -3.01 dB at the cut-off
 * and, for order 2 at 0.5 Hz, {@code 1 + (tan(pi 0.5/360) / tan(pi 0.1/360))^4 = 1 + 625.0} gives
 * -27.97 dB at 0.1 Hz, and 10 Hz passes at -10 log10(1 + 0.05^4) = -2.7e-5 dB.
 *
 * <p>Median: derived by hand, see each test.
 */
class BaselineWanderFilterTest {
    private static final double FS = 360.0;

    @Test
    void highPassResponseMatchesButterworth() {
        BaselineWanderFilter hp = BaselineWanderFilter.highPass(FS);
        assertEquals(-10 * Math.log10(2), BandPassFilterTest.measuredDb(hp.newIncremental(), 0.5, FS, 30, 30), 0.01);
        double r = Math.tan(Math.PI * 0.5 / FS) / Math.tan(Math.PI * 0.1 / FS);
        double expected01 = -10 * Math.log10(1 + Math.pow(r, 4));
        assertEquals(-27.97, expected01, 0.01);
        assertEquals(expected01, BandPassFilterTest.measuredDb(hp.newIncremental(), 0.1, FS, 10, 10), 0.05);
        assertEquals(0.0, BandPassFilterTest.measuredDb(hp.newIncremental(), 10, FS, 100, 100), 0.001);
    }

    @Test
    void zeroPhaseHighPassRemovesAnOffsetAndSlowWander() {
        int n = 36000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (1.5 + 0.8 * Math.sin(2 * Math.PI * 0.1 * i / FS) + 0.2 * Math.sin(2 * Math.PI * 10 * i / FS));
        }
        float[] y = BaselineWanderFilter.highPass(FS).applyZeroPhase(x);
        // interior: 10 Hz kept (amplitude 0.2), 0.1 Hz down by 2 x 27.97 dB (0.8 -> 0.0013), offset gone
        double a10 = Sines.amplitude(y, 3600, 36 * 800, 10, FS);
        assertEquals(0.2, a10, 1e-4);
        double mean = 0;
        for (int i = 3600; i < 32400; i++) {
            mean += y[i];
        }
        mean /= 28800;
        assertEquals(0.0, mean, 2e-3);
        double a01 = Sines.amplitude(y, 0, 36000, 0.1, FS);
        assertTrue(a01 < 0.003, "0.1 Hz residue " + a01);
    }

    /**
     * A constant baseline c plus narrow pulses (5 samples, far fewer than half of either median
     * window) every 300 samples: every 73-sample window holds at most 5 pulse samples, so its
     * median is c; the 217-sample second stage sees only c. Output = x - c exactly.
     */
    @Test
    void medianRemovesConstantBaselineUnderPulsesExactly() {
        int n = 5000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2.5f + ((i % 300) >= 150 && (i % 300) < 155 ? 1.0f : 0f);
        }
        BaselineWanderFilter m = BaselineWanderFilter.median(FS);
        assertArrayEquals(new int[] {73, 217}, m.medianWidths());
        float[] y = m.applyZeroPhase(x);
        for (int i = 0; i < n; i++) {
            assertEquals(x[i] - 2.5f, y[i], 1e-6f, "sample " + i);
        }
    }

    /**
     * A straight line: the median of a centred window over a monotone sequence is its middle
     * element, also at the edges where the held end sample fills the window (the end value
     * repeated h - i + 1 times puts rank h exactly at sample i). So the baseline equals the line
     * and the output is zero everywhere.
     */
    @Test
    void medianFollowsALinearDriftExactly() {
        int n = 3000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1f + i * 0.001f;
        }
        float[] y = BaselineWanderFilter.median(FS).applyZeroPhase(x);
        for (int i = 0; i < n; i++) {
            assertEquals(0f, y[i], 1e-6f, "sample " + i);
        }
    }

    @Test
    void medianKeepsNanGapsAndFiltersAroundThem() {
        float[] x = new float[2000];
        java.util.Arrays.fill(x, 1f);
        x[1000] = Float.NaN;
        float[] y = BaselineWanderFilter.median(FS).applyZeroPhase(x);
        for (int i = 0; i < x.length; i++) {
            if (i == 1000) {
                assertTrue(Float.isNaN(y[i]));
            } else {
                assertEquals(0f, y[i], 0f);
            }
        }
    }

    @Test
    void medianHasNoCausalForm() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> BaselineWanderFilter.median(FS).newIncremental());
        assertTrue(e.getMessage().contains("highPass"), e.getMessage());
    }

    @Test
    void highPassChunkedEqualsWhole() {
        float[] x = Sines.noise(9, 12000);
        BaselineWanderFilter hp = BaselineWanderFilter.highPass(FS, 0.67, 3);
        float[] whole = hp.newIncremental().process(x);
        IncrementalFilter f = hp.newIncremental();
        float[] out = new float[x.length];
        int pos = 0;
        for (int c : Sines.chunks(new Random(4), x.length, 999)) {
            f.process(x, pos, c, out, pos);
            pos += c;
        }
        assertArrayEquals(whole, out);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> BaselineWanderFilter.highPass(FS, 200, 2));
        assertThrows(IllegalArgumentException.class, () -> BaselineWanderFilter.highPass(FS, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> BaselineWanderFilter.median(FS, 0, 0.6));
    }

    /** Brute-force centred median with the end samples held: sort every window. */
    private static double[] bruteMedian(double[] x, int width) {
        int h = (width - 1) / 2;
        double[] out = new double[x.length];
        double[] w = new double[width];
        for (int i = 0; i < x.length; i++) {
            for (int k = -h; k <= h; k++) {
                w[k + h] = x[Math.min(x.length - 1, Math.max(0, i + k))];
            }
            java.util.Arrays.sort(w);
            out[i] = w[h];
        }
        return out;
    }

    /** Against sorting every window, on quantised noise with many equal values (as ADC data has). */
    @Test
    void medianEqualsBruteForce() {
        Random rnd = new Random(6);
        float[] x = new float[4000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.round(rnd.nextGaussian() * 20) / 200f; // 5 uV steps, like 200 adu/mV
        }
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        double[] baseline = bruteMedian(bruteMedian(d, 73), 217);
        float[] y = BaselineWanderFilter.median(FS).applyZeroPhase(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) (d[i] - baseline[i]), y[i], 0f, "sample " + i);
        }
    }
}

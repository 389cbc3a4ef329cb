package io.beatflow.ingest.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Resampler;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Resampler. Tolerances: a Kaiser-windowed sinc designed for A dB has pass-band ripple and
 * stop-band level of about {@code delta = 10^(-A/20)} (1e-4 at the default 80 dB; Oppenheim and
 * Schafer, sec. 7.6). A unit sine in the pass band comes out with amplitude within {@code 1 +-
 * delta}, at the right time (centred linear-phase filter), plus images and aliases below
 * {@code delta}; float storage adds about 6e-8. One conversion therefore errs by at most about
 * {@code 2 delta = 2e-4}, two in a row by {@code 4e-4}; the tests allow 3e-4 and 5e-4. Samples
 * within one filter half-length of the ends are excluded (held ends there).
 */
class ResamplerTest {

    @ParameterizedTest
    @CsvSource({"360, 250, 25, 36", "500, 360, 18, 25", "128, 360, 45, 16", "257, 360, 360, 257", "250, 360, 36, 25",
        "360, 360, 1, 1"})
    void factorsAreGcdReduced(double in, double out, int up, int down) {
        Resampler r = Resampler.of(in, out);
        assertEquals(up, r.up());
        assertEquals(down, r.down());
    }

    @Test
    void outputLengthIsCeilOfNTimesLOverM() {
        Resampler r = Resampler.of(360, 250);
        // 650000 * 25 / 36 = 451388.9 -> 451389
        assertEquals(451389, r.outputLength(650000));
        assertEquals(451389, r.apply(new float[650000]).length);
        // exact multiple: 36 * 25 / 36 = 25
        assertEquals(25, r.apply(new float[36]).length);
        assertEquals(0, r.apply(new float[0]).length);
        assertEquals(1, r.apply(new float[1]).length);
    }

    @ParameterizedTest
    @CsvSource({"360, 250, 10", "500, 360, 37", "128, 360, 17", "257, 360, 50.5", "360, 250, 100"})
    void sineComesOutAtTheRightTimes(double in, double out, double f) {
        Resampler r = Resampler.of(in, out);
        int n = (int) (in * 20);
        float[] x = Sines.sine(f, in, n, 1.0, 0.4);
        float[] y = r.apply(x);
        int margin = (int) Math.ceil(r.taps() / (double) r.down()) + 1;
        double worst = 0;
        for (int k = margin; k < y.length - margin; k++) {
            double expected = Math.sin(2 * Math.PI * f * k / out + 0.4);
            worst = Math.max(worst, Math.abs(y[k] - expected));
        }
        assertTrue(worst < 3e-4, "max error " + worst);
    }

    @Test
    void roundTrip360To250To360MatchesTheAnalyticSine() {
        int n = 360 * 30;
        float[] x = Sines.sine(7.3, 360, n, 1.0, 1.1);
        Resampler down = Resampler.of(360, 250);
        Resampler up = Resampler.of(250, 360);
        float[] back = up.apply(down.apply(x));
        assertEquals(n, back.length);
        int margin = 2 * (down.taps() / 25 + up.taps() / 36) + 2;
        double worst = 0;
        for (int k = margin; k < n - margin; k++) {
            worst = Math.max(worst, Math.abs(back[k] - Math.sin(2 * Math.PI * 7.3 * k / 360 + 1.1)));
        }
        assertTrue(worst < 5e-4, "max error " + worst);
    }

    @Test
    void frequenciesAboveTheNewNyquistAreRemovedNotAliased() {
        // 200 Hz at 500 Hz -> 360 Hz (Nyquist 180): in the stop band, at most delta = 1e-4 left
        float[] x = Sines.sine(200, 500, 10000, 1.0, 0);
        float[] y = Resampler.of(500, 360).apply(x);
        double worst = 0;
        for (int k = 300; k < y.length - 300; k++) {
            worst = Math.max(worst, Math.abs(y[k]));
        }
        assertTrue(worst < 2e-4, "alias residue " + worst);
    }

    @Test
    void aConstantStaysConstantToTheEdges() {
        float[] x = new float[1000];
        Arrays.fill(x, 3.25f);
        for (float v : Resampler.of(128, 360).apply(x)) {
            assertEquals(3.25f, v, 1e-5f);
        }
    }

    @Test
    void chunkedInputGivesIdenticalOutput() {
        float[] x = Sines.noise(21, 9000);
        Resampler r = Resampler.of(257, 360);
        float[] whole = r.apply(x);
        Random rnd = new Random(8);
        for (int trial = 0; trial < 4; trial++) {
            Resampler.Incremental inc = r.newIncremental();
            float[] out = new float[whole.length];
            int pos = 0;
            int got = 0;
            byte[] snap = null;
            for (int c : Sines.chunks(rnd, x.length, 1300)) {
                float[] buf = new float[inc.maxOutput(c)];
                int m = inc.process(x, pos, c, buf, 0);
                System.arraycopy(buf, 0, out, got, m);
                got += m;
                pos += c;
                if (snap == null && pos > 4000) {
                    // continue in a restored copy: must change nothing
                    snap = inc.snapshot();
                    Resampler.Incremental copy = r.newIncremental();
                    copy.restore(snap);
                    inc = copy;
                }
            }
            float[] tail = inc.flush();
            System.arraycopy(tail, 0, out, got, tail.length);
            assertEquals(whole.length, got + tail.length);
            assertArrayEquals(whole, out);
        }
    }

    /** A run of NaN samples, or of infinite ones (gaps alike), stays a gap of the same span. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void nanGapStaysAGapAndDoesNotSpreadFar(float gap) {
        float[] x = Sines.sine(5, 360, 3600, 1.0, 0);
        for (int i = 1800; i < 1810; i++) {
            x[i] = gap;
        }
        float[] y = Resampler.of(360, 250).apply(x);
        int nan = 0;
        for (int k = 0; k < y.length; k++) {
            if (Float.isNaN(y[k])) {
                nan++;
                double t = k * 360.0 / 250;
                assertTrue(t > 1799 && t < 1810.5, "NaN at output " + k + " (input time " + t + ")");
            } else {
                assertTrue(Float.isFinite(y[k]), "output " + k + " is " + y[k]);
            }
        }
        // outputs whose nearest input is 1800..1809: input times 1799.5..1809.5 -> k in [1249.7, 1256.6]
        assertEquals(7, nan);
    }

    @Test
    void linearInterpolationByHand() {
        float[] x = {0f, 1f, 2f, 3f};
        assertArrayEquals(new float[] {0f, 0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 3f}, Resampler.linear(x, 1, 2));
        // 3 -> 2 Hz: times 0, 0.5, 1.0 s = input positions 0, 1.5 -> length ceil(4 * 2 / 3) = 3
        assertArrayEquals(new float[] {0f, 1.5f, 3f}, Resampler.linear(x, 3, 2));
    }

    @Test
    void restoreRejectsAnotherDesign() {
        byte[] snap = Resampler.of(360, 250).newIncremental().snapshot();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resampler.of(360, 500).newIncremental().restore(snap));
        assertTrue(e.getMessage().contains("360.0 -> 250.0"), e.getMessage());
    }

    @Test
    void inputAfterFlushFails() {
        Resampler.Incremental inc = Resampler.of(360, 250).newIncremental();
        inc.process(new float[10]);
        inc.flush();
        assertThrows(IllegalStateException.class, () -> inc.process(new float[1]));
    }

    @Test
    void rejectsBadRates() {
        assertThrows(IllegalArgumentException.class, () -> Resampler.of(0, 250));
        assertThrows(IllegalArgumentException.class, () -> Resampler.of(360, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Resampler.of(360, 250, 10, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Resampler.of(360, 250, 80, 1.5));
    }

    @Test
    void equalRatesPassTheSignalUnchanged() {
        float[] x = Sines.noise(4, 1000);
        x[500] = Float.NaN;
        assertArrayEquals(x, Resampler.of(360, 360).apply(x));
        assertEquals(1, Resampler.of(360, 360).taps());
    }
}

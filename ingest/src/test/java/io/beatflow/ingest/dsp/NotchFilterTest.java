package io.beatflow.ingest.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.IncrementalFilter;
import io.beatflow.ingest.NotchFilter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Notch response. Expected figures: a second-order notch has zeros on the unit circle at the
 * notch frequency, so the steady-state response there is zero (measured: limited by rounding,
 * far below -60 dB). Its -3 dB band is {@code f0 / Q} wide. The band-stop form of the Butterworth
 * figure of {@link BandPassFilterTest} is {@code |H|^2 = 1 / (1 + W^-2)} (order 1, prototype
 * frequency inverted), with {@code W = k (a - cos w) / sin w}; its zero is where
 * {@code cos w = a = cos(wc) / cos(d)} (centre wc, half-width d). Asking for the zero at w0 puts
 * the centre at {@code wc = acos(cos(w0) cos(d))} and the -3 dB edges at {@code wc +- d}: for 60 Hz,
 * Q 30 at 360 Hz, wc is 60.00504 Hz (acos(0.5 - 7.615e-5) = pi/3 + 8.79e-5 rad) and the edges 59.005 and 61.005 Hz. At 10 Hz, W = -159.9,
 * so the gain is -10 log10(1 + 1/W^2) = -1.70e-4 dB.
 */
class NotchFilterTest {
    private static final double FS = 360.0;

    @Test
    void removes60HzCompletely() {
        IncrementalFilter f = NotchFilter.powerLine(FS, 60).newIncremental();
        double db = BandPassFilterTest.measuredDb(f, 60, FS, 400, 600);
        assertTrue(db < -60, "60 Hz gain " + db + " dB");
        float[] y = NotchFilter.powerLine(FS, 60).applyZeroPhase(Sines.sine(60, FS, 36000, 1, 0.2));
        assertTrue(Sines.db(Sines.amplitude(y, 3600, 6 * 4000, 60, FS)) < -60);
    }

    @Test
    void bandEdgesAreMinus3dBAndTheRestPasses() {
        double minus3 = -10 * Math.log10(2);
        NotchFilter n = NotchFilter.of(FS, 60, 30);
        double w0 = 2 * Math.PI * 60 / FS;
        double d = Math.PI * 2 / FS;
        double centre = Math.acos(Math.cos(w0) * Math.cos(d)) * FS / (2 * Math.PI);
        assertEquals(60.00504, centre, 1e-5);
        assertEquals(minus3, BandPassFilterTest.measuredDb(n.newIncremental(), centre - 1, FS, 3000, 3000), 0.005);
        assertEquals(minus3, BandPassFilterTest.measuredDb(n.newIncremental(), centre + 1, FS, 3000, 3000), 0.005);
        assertEquals(-1.70e-4, BandPassFilterTest.measuredDb(n.newIncremental(), 10, FS, 200, 400), 0.02e-4);
    }

    @Test
    void fiftyHzNotchAt250Hz() {
        NotchFilter n = NotchFilter.powerLine(250, 50);
        assertTrue(BandPassFilterTest.measuredDb(n.newIncremental(), 50, 250, 400, 600) < -60);
        // -3 dB band 50/30 = 1.667 Hz wide: the gain half a width off the zero is close to -3 dB
        double db = BandPassFilterTest.measuredDb(n.newIncremental(), 50 + 50 / 60.0, 250, 3000, 3000);
        assertEquals(-10 * Math.log10(2), db, 0.1);
    }

    @Test
    void chunkedEqualsWhole() {
        float[] x = Sines.noise(5, 15000);
        NotchFilter n = NotchFilter.powerLine(FS, 50);
        float[] whole = n.newIncremental().process(x);
        IncrementalFilter f = n.newIncremental();
        float[] out = new float[x.length];
        int pos = 0;
        for (int c : Sines.chunks(new Random(2), x.length, 700)) {
            f.process(x, pos, c, out, pos);
            pos += c;
        }
        assertArrayEquals(whole, out);
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> NotchFilter.powerLine(FS, 55));
        assertThrows(IllegalArgumentException.class, () -> NotchFilter.of(100, 60, 30));
        assertThrows(IllegalArgumentException.class, () -> NotchFilter.of(FS, 60, 0.1));
    }
}

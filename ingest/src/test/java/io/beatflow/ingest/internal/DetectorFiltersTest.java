package io.beatflow.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The band-pass design against Butterworth theory: a second-order Butterworth section has gain
 * 1/sqrt(2) (-3 dB) at its corner, the high-pass none at DC and the low-pass none at Nyquist; the
 * bilinear transform with pre-warping keeps the corner exactly where it was asked for.
 */
class DetectorFiltersTest {
    private static double gain(double[] c, double w) {
        double nr = c[0] + c[1] * Math.cos(w) + c[2] * Math.cos(2 * w);
        double ni = -c[1] * Math.sin(w) - c[2] * Math.sin(2 * w);
        double dr = 1 + c[3] * Math.cos(w) + c[4] * Math.cos(2 * w);
        double di = -c[3] * Math.sin(w) - c[4] * Math.sin(2 * w);
        return Math.hypot(nr, ni) / Math.hypot(dr, di);
    }

    @ParameterizedTest
    @ValueSource(doubles = {128, 250, 360, 1000})
    void cornersAreMinusThreeDecibelsAtEveryRate(double rate) {
        DetectorFilters f = new DetectorFilters(rate, 6, 13);
        double w6 = 2 * Math.PI * 6 / rate;
        double w13 = 2 * Math.PI * 13 / rate;
        assertEquals(Math.sqrt(0.5), gain(f.highPass, w6), 1e-9);
        assertEquals(Math.sqrt(0.5), gain(f.lowPass, w13), 1e-9);
        assertEquals(0.0, gain(f.highPass, 0), 1e-12);
        assertEquals(1.0, gain(f.lowPass, 0), 1e-12);
        assertEquals(0.0, gain(f.lowPass, Math.PI), 1e-9);
        assertEquals(1.0, gain(f.highPass, Math.PI), 1e-9);
    }

    /**
     * Group delay at the band's centre f0 = sqrt(6 x 13) = 8.832 Hz, against the analog prototype.
     * A second-order Butterworth section with corner wc has, at x = w / wc, group delay
     * tau = sqrt(2) (1 + x^2) / (1 + x^4) / wc, for the low-pass and (the s^2 numerator only adds a
     * constant phase) the high-pass alike. Low-pass, wc = 2 pi 13, x = 0.6794: tau = 20.86 ms;
     * high-pass, wc = 2 pi 6, x = 1.4720: tau = 20.86 ms; together 41.7 ms. The design rounds to
     * whole samples (half a sample) and the bilinear transform bends the phase a little at low
     * rates (allowed: 3 ms).
     */
    @ParameterizedTest
    @ValueSource(doubles = {128, 250, 360, 1000})
    void groupDelayMatchesTheAnalogPrototype(double rate) {
        DetectorFilters f = new DetectorFilters(rate, 6, 13);
        double seconds = f.groupDelaySamples / rate;
        assertEquals(0.0417, seconds, 0.5 / rate + 0.003, "group delay in seconds");
    }
}

package io.beatflow.ingest.internal;

/**
 * Coefficients of the detectors' band-pass filter: a second-order Butterworth high-pass followed by
 * a second-order Butterworth low-pass, each a biquad designed by the bilinear transform with
 * pre-warping for the given sample rate (R. Bristow-Johnson, "Cookbook formulae for audio EQ
 * biquad filter coefficients"; Q = 1/sqrt(2)). Pure maths; no state.
 */
public final class DetectorFilters {
    /** High-pass section, normalised by a0: {b0, b1, b2, a1, a2}. */
    final double[] highPass;
    /** Low-pass section, normalised by a0: {b0, b1, b2, a1, a2}. */
    final double[] lowPass;
    /** Group delay of the cascade near the centre of the band, in samples (rounded). */
    final int groupDelaySamples;

    /**
     * Designs the band-pass.
     *
     * @param sampleRateHz samples per second
     * @param lowHz high-pass corner, in Hz
     * @param highHz low-pass corner, in Hz
     */
    public DetectorFilters(double sampleRateHz, double lowHz, double highHz) {
        highPass = biquad(sampleRateHz, lowHz, true);
        lowPass = biquad(sampleRateHz, highHz, false);
        double centreHz = Math.sqrt(lowHz * highHz);
        groupDelaySamples = (int) Math.round(groupDelay(centreHz / sampleRateHz * 2 * Math.PI));
    }

    private static double[] biquad(double fs, double f0, boolean high) {
        double w0 = 2 * Math.PI * f0 / fs;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
        double a0 = 1 + alpha;
        double b0 = high ? (1 + cos) / 2 : (1 - cos) / 2;
        double b1 = high ? -(1 + cos) : 1 - cos;
        return new double[] {b0 / a0, b1 / a0, b0 / a0, -2 * cos / a0, (1 - alpha) / a0};
    }

    /** Phase of one biquad's response at angular frequency w (radians per sample). */
    private static double phase(double[] c, double w) {
        double nr = c[0] + c[1] * Math.cos(w) + c[2] * Math.cos(2 * w);
        double ni = -c[1] * Math.sin(w) - c[2] * Math.sin(2 * w);
        double dr = 1 + c[3] * Math.cos(w) + c[4] * Math.cos(2 * w);
        double di = -c[3] * Math.sin(w) - c[4] * Math.sin(2 * w);
        return Math.atan2(ni, nr) - Math.atan2(di, dr);
    }

    /** Group delay -d(phase)/dw of the cascade at w, by a central difference; in samples. */
    double groupDelay(double w) {
        double h = 1e-5;
        double up = phase(highPass, w + h) + phase(lowPass, w + h);
        double down = phase(highPass, w - h) + phase(lowPass, w - h);
        double d = up - down;
        while (d > Math.PI) {
            d -= 2 * Math.PI;
        }
        while (d < -Math.PI) {
            d += 2 * Math.PI;
        }
        return -d / (2 * h);
    }
}

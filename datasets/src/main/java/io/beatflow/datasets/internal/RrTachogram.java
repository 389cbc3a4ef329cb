package io.beatflow.datasets.internal;

import java.util.SplittableRandom;

/**
 * An RR-interval process with the bimodal power spectrum of McSharry et al. 2003 (IEEE TBME
 * 50(3):289-294, section II): a sum of two Gaussians, one at the Mayer-wave frequency (0.1 Hz,
 * width 0.01 Hz) and one at the respiratory sinus arrhythmia frequency (0.25 Hz, width 0.01 Hz),
 * whose powers stand in the ratio LF/HF. The time series is the inverse Fourier transform of the
 * square root of that spectrum with random phases, scaled to the requested standard deviation;
 * here it is evaluated directly as a sum of cosines at the frequencies {@code k / T}, so it can be
 * read at any time.
 */
public final class RrTachogram {
    private static final double F_LF = 0.1;
    private static final double F_HF = 0.25;
    private static final double SIGMA_LF = 0.01;
    private static final double SIGMA_HF = 0.01;

    private final double meanSeconds;
    private final double[] freq;
    private final double[] amp;
    private final double[] phase;

    /**
     * @param meanSeconds mean RR interval (s)
     * @param stdSeconds standard deviation of the RR interval (s)
     * @param lfHfRatio power ratio of the 0.1 Hz and 0.25 Hz components
     * @param spanSeconds length of time the process must cover (its frequency resolution is 1/span)
     * @param random source of the random phases
     */
    public RrTachogram(double meanSeconds, double stdSeconds, double lfHfRatio, double spanSeconds,
            SplittableRandom random) {
        this.meanSeconds = meanSeconds;
        double df = 1.0 / Math.max(spanSeconds, 60.0);
        int n = (int) Math.ceil(0.5 / df);
        freq = new double[n];
        amp = new double[n];
        phase = new double[n];
        double power = 0;
        for (int k = 0; k < n; k++) {
            double f = (k + 1) * df;
            double s = lfHfRatio / (lfHfRatio + 1) * gauss(f, F_LF, SIGMA_LF) + 1 / (lfHfRatio + 1) * gauss(f, F_HF, SIGMA_HF);
            freq[k] = f;
            amp[k] = Math.sqrt(s);
            phase[k] = random.nextDouble() * 2 * Math.PI;
            power += amp[k] * amp[k] / 2; // variance of a cosine of amplitude A is A^2 / 2
        }
        double scale = power > 0 ? stdSeconds / Math.sqrt(power) : 0;
        for (int k = 0; k < n; k++) {
            amp[k] *= scale;
        }
    }

    private static double gauss(double f, double mu, double sigma) {
        double d = (f - mu) / sigma;
        return Math.exp(-0.5 * d * d) / (sigma * Math.sqrt(2 * Math.PI));
    }

    /** The RR interval (s) that starts at time {@code t} (s). */
    public double at(double t) {
        double v = meanSeconds;
        for (int k = 0; k < freq.length; k++) {
            if (amp[k] > 1e-12) {
                v += amp[k] * Math.cos(2 * Math.PI * freq[k] * t + phase[k]);
            }
        }
        return v;
    }
}

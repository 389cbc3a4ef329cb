package io.beatflow.ingest;

import io.beatflow.ingest.internal.BiquadCascade;
import io.beatflow.ingest.internal.Gaps;
import io.beatflow.ingest.internal.RunningMedian;
import io.beatflow.ingest.internal.ZeroPhase;
import uk.me.berndporr.iirj.Butterworth;

/**
 * Removes baseline wander (respiration, electrode motion: mostly below 0.5 Hz) from one lead.
 *
 * <p>Two methods:
 * <ul>
 *   <li>{@link #highPass high-pass}: a Butterworth high-pass (default 0.5 Hz, order 2), offline
 *       zero-phase or causal incremental;</li>
 *   <li>{@link #median two-stage median}: the baseline is estimated by a 200 ms median filter
 *       (removes QRS complexes and P waves) followed by a 600 ms median filter (removes T
 *       waves), and subtracted from the signal, as in de Chazal, O'Dwyer and Reilly, "Automatic
 *       classification of heartbeats using ECG morphology and heartbeat interval features", IEEE
 *       Trans. Biomed. Eng. 51(7), 2004. Offline only: a centred median needs future samples;
 *       its causal counterpart is the high-pass. Window ends hold the record's end samples.</li>
 * </ul>
 */
public final class BaselineWanderFilter implements SignalFilter {
    private final double sampleRateHz;
    private final BiquadCascade highPass; // null for the median method
    private final double cutoffHz;
    private final int order;
    private final int firstWidth;
    private final int secondWidth;

    private BaselineWanderFilter(double sampleRateHz, BiquadCascade highPass, double cutoffHz, int order,
            int firstWidth, int secondWidth) {
        this.sampleRateHz = sampleRateHz;
        this.highPass = highPass;
        this.cutoffHz = cutoffHz;
        this.order = order;
        this.firstWidth = firstWidth;
        this.secondWidth = secondWidth;
    }

    private static void checkRate(double sampleRateHz) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("baseline: sampleRateHz must be positive and finite, got " + sampleRateHz);
        }
    }

    /**
     * Butterworth high-pass baseline removal.
     *
     * @param cutoffHz -3 dB frequency of one pass, in (0, sampleRateHz / 2)
     * @param order filter order, 1 to 16
     */
    public static BaselineWanderFilter highPass(double sampleRateHz, double cutoffHz, int order) {
        checkRate(sampleRateHz);
        if (!(cutoffHz > 0) || !(cutoffHz < sampleRateHz / 2)) {
            throw new IllegalArgumentException("baseline: cutoffHz must be in (0, " + sampleRateHz / 2 + "), got " + cutoffHz);
        }
        if (order < 1 || order > BandPassConfig.MAX_ORDER) {
            throw new IllegalArgumentException("baseline: order must be in [1, 16], got " + order);
        }
        Butterworth b = new Butterworth();
        b.highPass(order, sampleRateHz, cutoffHz);
        return new BaselineWanderFilter(sampleRateHz, BiquadCascade.of(b), cutoffHz, order, 0, 0);
    }

    /** High-pass at 0.5 Hz, order 2: the default, with a causal form and high speed. */
    public static BaselineWanderFilter highPass(double sampleRateHz) {
        return highPass(sampleRateHz, 0.5, 2);
    }

    /**
     * Two-stage median baseline removal with window lengths in seconds (each rounded to the nearest
     * odd number of samples).
     */
    public static BaselineWanderFilter median(double sampleRateHz, double firstSeconds, double secondSeconds) {
        checkRate(sampleRateHz);
        if (!(firstSeconds > 0) || !(secondSeconds > 0) || !Double.isFinite(firstSeconds)
                || !Double.isFinite(secondSeconds)) {
            throw new IllegalArgumentException("baseline: median windows must be positive seconds, got "
                    + firstSeconds + " and " + secondSeconds);
        }
        return new BaselineWanderFilter(sampleRateHz, null, 0, 0, oddSamples(firstSeconds * sampleRateHz),
                oddSamples(secondSeconds * sampleRateHz));
    }

    /** The 200 ms + 600 ms median method of de Chazal et al. (2004). */
    public static BaselineWanderFilter median(double sampleRateHz) {
        return median(sampleRateHz, 0.2, 0.6);
    }

    private static int oddSamples(double samples) {
        long w = Math.round(samples);
        if (w % 2 == 0) {
            w++;
        }
        if (w > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("baseline: median window of " + samples + " samples is too long");
        }
        return (int) Math.max(1, w);
    }

    /** Whether this is the median method (offline only). */
    public boolean isMedian() {
        return highPass == null;
    }

    /** Median window lengths in samples, {@code {first, second}}; zeros for the high-pass method. */
    public int[] medianWidths() {
        return new int[] {firstWidth, secondWidth};
    }

    /** The biquad sections, for {@link FilterChain}; null where there are none. */
    BiquadCascade cascade() {
        return highPass;
    }

    @Override
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /**
     * Offline baseline removal. High-pass: forward-backward filtering. Median: {@code x} minus
     * its two-stage median baseline (already zero phase). NaN gaps are bridged linearly and NaN
     * again in the output.
     */
    @Override
    public float[] applyZeroPhase(float[] x) {
        if (highPass != null) {
            return ZeroPhase.filter(highPass, x);
        }
        int n = x.length;
        double[] filled = new double[n];
        int nan = Gaps.fillLinear(x, filled, 0);
        float[] out = new float[n];
        if (nan == n) {
            java.util.Arrays.fill(out, Float.NaN);
            return out;
        }
        double[] stage1 = new double[n];
        RunningMedian.filter(filled, n, firstWidth, stage1);
        double[] baseline = new double[n];
        RunningMedian.filter(stage1, n, secondWidth, baseline);
        for (int i = 0; i < n; i++) {
            out[i] = (float) (filled[i] - baseline[i]);
        }
        if (nan > 0) {
            Gaps.restore(x, out);
        }
        return out;
    }

    /**
     * The causal high-pass form.
     *
     * @throws UnsupportedOperationException for the median method, which needs future samples
     */
    @Override
    public IncrementalFilter newIncremental() {
        if (highPass == null) {
            throw new UnsupportedOperationException("baseline: the two-stage median method is offline only; "
                    + "use BaselineWanderFilter.highPass(" + sampleRateHz + ") for a causal form");
        }
        return new IncrementalFilter(toString(), highPass);
    }

    @Override
    public String toString() {
        return highPass != null
                ? "baseline high-pass Butterworth order " + order + ", " + cutoffHz + " Hz at " + sampleRateHz + " Hz"
                : "baseline two-stage median " + firstWidth + " + " + secondWidth + " samples at " + sampleRateHz + " Hz";
    }
}

package io.beatflow.models;

import io.beatflow.models.internal.WindowTensors;
import java.util.Arrays;

/**
 * How early a beat is against its own patient's recent rhythm, beat by beat: robust z-scores of the
 * beat's {@code ln(previous / local mean)} and {@code ln(previous / next)} against the median and
 * the median absolute deviation of the same values over the stream's last {@code beats} beats, the
 * beat itself included.
 *
 * <p>How early is early differs between patients: a beat 20% early lies far outside a regular sinus
 * rhythm and is ordinary in atrial fibrillation, where successive intervals differ that much all the
 * time. Sinus arrhythmia and atrial fibrillation are told from premature beats by their variability,
 * not by one interval (the RR basis of atrial-fibrillation detection; Tateno and Glass, Med. Biol.
 * Eng. Comput. 2001; 39: 664-671). The z-score of a premature beat in a regular rhythm is large; in
 * atrial fibrillation it is not. Inside a run of premature beats that fills much of the window it is
 * small too, which is why training lends runs of premature timing with it ({@code results/cv-ds1.md},
 * "Prematurity against the patient's own rhythm").
 *
 * <p>The scale is the median absolute deviation times {@value #MAD_TO_SD} (the standard deviation of
 * a normal distribution), at least {@value #MIN_SCALE}, so a metronomic rhythm does not turn every
 * small wobble into a large score. The network receives each z-score divided by {@value #Z_DIVISOR}
 * and cut to {@code +-}{@value #Z_LIMIT} ({@link #input}).
 *
 * <p>Feed one stream's beats in time order. Not thread-safe: one instance per stream.
 */
public final class RrPrematurity {
    /** Factor from a median absolute deviation to a standard deviation, for normally distributed values. */
    public static final double MAD_TO_SD = 1.4826;
    /** Smallest scale of a z-score, in units of ln(ratio). */
    public static final double MIN_SCALE = 0.02;
    /** The network receives z / this. */
    public static final double Z_DIVISOR = 4.0;
    /** ... cut to +- this. */
    public static final double Z_LIMIT = 3.0;

    /**
     * The reference a beat's values are scored against: median and scale of {@code ln(previous /
     * local)} and of {@code ln(previous / next)} over the recent beats.
     */
    public record Reference(double centrePreviousToLocal, double scalePreviousToLocal, double centrePreviousToNext,
            double scalePreviousToNext) {
        /** The network's two inputs for a beat with these log ratios. */
        public void input(double lnPreviousToLocal, double lnPreviousToNext, float[] dst, int off) {
            dst[off] = RrPrematurity.input(lnPreviousToLocal, centrePreviousToLocal, scalePreviousToLocal);
            dst[off + 1] = RrPrematurity.input(lnPreviousToNext, centrePreviousToNext, scalePreviousToNext);
        }
    }

    private final double[] toLocal;
    private final double[] toNext;
    private final double[] scratch;
    private final float[] rr = new float[InputSpec.RR_INPUTS];
    private int count;
    private int next;

    /** @param beats beats in the reference, the scored beat included; at least 1 */
    public RrPrematurity(int beats) {
        if (beats < 1) {
            throw new IllegalArgumentException("RR prematurity: beats must be at least 1, got " + beats);
        }
        toLocal = new double[beats];
        toNext = new double[beats];
        scratch = new double[beats];
    }

    /**
     * Takes the next beat's intervals and returns the reference its values are scored against (its
     * own values included). Undefined intervals are replaced as the RR inputs replace them
     * ({@link WindowTensors#rr}), so the values are those the network sees.
     *
     * @param previousRrSeconds interval from the previous beat; NaN or non-positive if unknown
     * @param nextRrSeconds interval to the next beat; NaN or non-positive if unknown
     * @param localRrSeconds local mean interval; NaN or non-positive if unknown
     */
    public Reference next(double previousRrSeconds, double nextRrSeconds, double localRrSeconds) {
        WindowTensors.rr(previousRrSeconds, nextRrSeconds, localRrSeconds, rr, 0);
        toLocal[next] = rr[3];
        toNext[next] = rr[5];
        next = (next + 1) % toLocal.length;
        count = Math.min(toLocal.length, count + 1);
        double c1 = median(toLocal);
        double s1 = scale(toLocal, c1);
        double c2 = median(toNext);
        double s2 = scale(toNext, c2);
        return new Reference(c1, s1, c2, s2);
    }

    /** Beats in the reference, the scored beat included. */
    public int beats() {
        return toLocal.length;
    }

    /** One network input: {@code (value - centre) / scale / Z_DIVISOR}, cut to {@code +-Z_LIMIT}. */
    public static float input(double value, double centre, double scale) {
        double z = (value - centre) / scale / Z_DIVISOR;
        return (float) Math.max(-Z_LIMIT, Math.min(Z_LIMIT, z));
    }

    /** Forgets every beat (a new stream). */
    public void reset() {
        count = 0;
        next = 0;
    }

    private double median(double[] values) {
        System.arraycopy(values, 0, scratch, 0, count);
        return sortedMedian();
    }

    private double scale(double[] values, double centre) {
        for (int i = 0; i < count; i++) {
            scratch[i] = Math.abs(values[i] - centre);
        }
        return Math.max(MAD_TO_SD * sortedMedian(), MIN_SCALE);
    }

    private double sortedMedian() {
        Arrays.sort(scratch, 0, count);
        int m = count / 2;
        return count % 2 == 1 ? scratch[m] : 0.5 * (scratch[m - 1] + scratch[m]);
    }
}

package io.beatflow.models;

import java.util.Arrays;

/**
 * The recent irregularity of a rhythm, beat by beat: the median of {@code |ln(RR_k / RR_k-1)|}
 * over the last pairs of successive known intervals. A median ignores the two outlying pairs of an
 * isolated ectopic beat, so it stays low in sinus rhythm with ectopy and is high in atrial
 * fibrillation, whose irregular beats are AAMI N although many come early against the
 * local rhythm. RR irregularity is what RR-based atrial fibrillation detectors measure (Tateno and
 * Glass, Med. Biol. Eng. Comput. 2001; 39: 664-671).
 *
 * <p>Feed one stream's intervals in time order. Not thread-safe: one instance per stream.
 */
public final class RrIrregularity {
    private final double[] deltas;
    private int count;
    private int next;
    private double lastInterval = Double.NaN;

    /** @param pairs pairs of successive intervals in the median; at least 1 */
    public RrIrregularity(int pairs) {
        if (pairs < 1) {
            throw new IllegalArgumentException("RR irregularity: pairs must be at least 1, got " + pairs);
        }
        deltas = new double[pairs];
    }

    /**
     * Takes the interval before the next beat and returns that beat's irregularity, the median over
     * the pairs up to this interval; NaN before the first pair.
     *
     * @param previousRrSeconds the interval to the previous beat; NaN or non-positive if unknown
     *     (then it forms no pair)
     */
    public double next(double previousRrSeconds) {
        if (previousRrSeconds > 0 && Double.isFinite(previousRrSeconds)) {
            if (lastInterval > 0) {
                deltas[next] = Math.abs(Math.log(previousRrSeconds / lastInterval));
                next = (next + 1) % deltas.length;
                count = Math.min(deltas.length, count + 1);
            }
            lastInterval = previousRrSeconds;
        }
        if (count == 0) {
            return Double.NaN;
        }
        double[] d = Arrays.copyOf(deltas, count);
        Arrays.sort(d);
        int m = count / 2;
        return count % 2 == 1 ? d[m] : 0.5 * (d[m - 1] + d[m]);
    }

    /** Forgets every interval (a new stream). */
    public void reset() {
        count = 0;
        next = 0;
        lastInterval = Double.NaN;
    }
}

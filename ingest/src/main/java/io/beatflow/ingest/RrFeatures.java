package io.beatflow.ingest;

/**
 * RR-interval features of one beat (intervals between consecutive R peaks, in seconds).
 *
 * <p>Undefined values are NaN: {@code previousRrSeconds} and {@code localAverageRrSeconds} for the
 * first beat of a record or stream, {@code nextRrSeconds} for the last beat, and every ratio that
 * involves an undefined value.
 *
 * @param previousRrSeconds time from the previous R peak to this one
 * @param nextRrSeconds time from this R peak to the next one
 * @param localAverageRrSeconds mean of the last N RR intervals up to and including the previous
 *     one (N configurable, default 10; fewer near the start, as many as exist)
 * @param previousToLocal {@code previousRrSeconds / localAverageRrSeconds}; below 1 for a
 *     premature beat
 * @param nextToLocal {@code nextRrSeconds / localAverageRrSeconds}; above 1 for a compensatory
 *     pause
 * @param previousToNext {@code previousRrSeconds / nextRrSeconds}
 */
public record RrFeatures(double previousRrSeconds, double nextRrSeconds, double localAverageRrSeconds,
        double previousToLocal, double nextToLocal, double previousToNext) {

    /** Checks that every value is NaN or positive and finite. */
    public RrFeatures {
        check("previousRrSeconds", previousRrSeconds);
        check("nextRrSeconds", nextRrSeconds);
        check("localAverageRrSeconds", localAverageRrSeconds);
        check("previousToLocal", previousToLocal);
        check("nextToLocal", nextToLocal);
        check("previousToNext", previousToNext);
    }

    private static void check(String name, double v) {
        if (!Double.isNaN(v) && !(v > 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException("RR features: " + name + " must be NaN or positive, got " + v);
        }
    }

    /** Features from the three intervals (NaN where undefined); the ratios are computed. */
    public static RrFeatures of(double previousRrSeconds, double nextRrSeconds, double localAverageRrSeconds) {
        return new RrFeatures(previousRrSeconds, nextRrSeconds, localAverageRrSeconds,
                previousRrSeconds / localAverageRrSeconds, nextRrSeconds / localAverageRrSeconds,
                previousRrSeconds / nextRrSeconds);
    }

    /** The features as an array in component order (six values), e.g. for a model input. */
    public double[] toArray() {
        return new double[] {previousRrSeconds, nextRrSeconds, localAverageRrSeconds, previousToLocal, nextToLocal,
                previousToNext};
    }
}

package io.beatflow.eval;

/**
 * A two-sided confidence interval.
 *
 * @param lower lower bound
 * @param upper upper bound
 * @param level confidence level, e.g. 0.95
 * @param method how it was computed: "delong", "bootstrap-percentile", "bootstrap-bca"
 */
public record ConfidenceInterval(double lower, double upper, double level, String method) {

    /** Validates the bounds. */
    public ConfidenceInterval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower " + lower + " must be <= upper " + upper);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
    }
}

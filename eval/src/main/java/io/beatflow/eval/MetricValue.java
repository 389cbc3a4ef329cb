package io.beatflow.eval;

/**
 * One published figure: a value with an optional confidence interval, or an explicit
 * "undefined" with the reason (a class that never occurs has no sensitivity). Never a silent NaN.
 *
 * @param value the value; NaN exactly when undefined
 * @param ci its confidence interval, or null
 * @param undefinedReason why the value is undefined, or null when it is defined
 */
public record MetricValue(double value, ConfidenceInterval ci, String undefinedReason) {

    /** Checks that NaN and a reason come together. */
    public MetricValue {
        if (Double.isNaN(value) != (undefinedReason != null)) {
            throw new IllegalArgumentException("a metric value is NaN exactly when it has an undefined reason; got "
                    + value + " with reason " + undefinedReason);
        }
        if (undefinedReason != null && ci != null) {
            throw new IllegalArgumentException("an undefined value has no confidence interval");
        }
    }

    /** A defined value without interval. */
    public static MetricValue of(double value) {
        return new MetricValue(value, null, null);
    }

    /** A defined value with an interval (may be null). */
    public static MetricValue of(double value, ConfidenceInterval ci) {
        return new MetricValue(value, ci, null);
    }

    /** An undefined value. */
    public static MetricValue undefined(String reason) {
        return new MetricValue(Double.NaN, null, reason);
    }

    /** A value that is undefined with {@code reason} when {@code value} is NaN. */
    public static MetricValue orUndefined(double value, ConfidenceInterval ci, String reason) {
        return Double.isNaN(value) ? undefined(reason) : of(value, ci);
    }

    /** Whether the value is defined. */
    public boolean isDefined() {
        return undefinedReason == null;
    }
}

package io.beatflow.eval;

/**
 * A decision threshold and what it gives: items scoring {@code >= threshold} are called positive.
 *
 * @param threshold the score threshold
 * @param sensitivity TP / P at that threshold
 * @param specificity TN / N at that threshold
 * @param positivePredictivity TP / (TP + FP) at that threshold (NaN if nothing is called positive)
 */
public record OperatingPoint(double threshold, double sensitivity, double specificity,
        double positivePredictivity) {
}

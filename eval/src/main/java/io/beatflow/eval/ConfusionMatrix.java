package io.beatflow.eval;

import java.util.List;
import java.util.Objects;

/**
 * A confusion matrix: {@code counts[actual][predicted]} over named classes, with the per-class
 * figures derived from it one-vs-rest.
 *
 * <p>For class c with TP = counts[c][c], FN = row sum - TP, FP = column sum - TP and TN = total -
 * TP - FN - FP: sensitivity (recall) TP/(TP+FN), positive predictivity (precision) TP/(TP+FP),
 * specificity TN/(TN+FP), false-positive rate FP/(FP+TN), F1 2TP/(2TP+FP+FN). A figure whose
 * denominator is zero is undefined and returned as NaN; callers that publish figures turn NaN
 * into an explicit "undefined" with a reason (see {@link MetricValue}).
 *
 * @param classNames class names, in index order
 * @param counts square matrix of counts, rows = actual class, columns = predicted class (copied)
 */
public record ConfusionMatrix(List<String> classNames, long[][] counts) {

    /** Validates and copies. */
    public ConfusionMatrix {
        classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
        Objects.requireNonNull(counts, "counts");
        int k = classNames.size();
        if (counts.length != k) {
            throw new IllegalArgumentException("counts has " + counts.length + " rows for " + k + " classes");
        }
        long[][] copy = new long[k][];
        for (int i = 0; i < k; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("counts row " + i + " has " + counts[i].length
                        + " columns for " + k + " classes");
            }
            for (long c : counts[i]) {
                if (c < 0) {
                    throw new IllegalArgumentException("counts row " + i + " holds negative count " + c);
                }
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    /**
     * Counts (actual, predicted) pairs.
     *
     * @param actual actual class index of each item, in [0, k)
     * @param predicted predicted class index of each item, in [0, k)
     * @throws IllegalArgumentException if the lengths differ or an index is out of range
     */
    public static ConfusionMatrix of(List<String> classNames, int[] actual, int[] predicted) {
        int k = classNames.size();
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("actual has " + actual.length + " items, predicted "
                    + predicted.length);
        }
        long[][] m = new long[k][k];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("item " + i + ": class index out of [0," + k
                        + "): actual " + actual[i] + ", predicted " + predicted[i]);
            }
            m[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(classNames, m);
    }

    /** A copy of the counts. */
    @Override
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** counts[actual][predicted]. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Number of classes. */
    public int size() {
        return counts.length;
    }

    /** Sum of all counts. */
    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long c : row) {
                t += c;
            }
        }
        return t;
    }

    /** Items whose actual class is c (row sum). */
    public long support(int c) {
        long s = 0;
        for (long v : counts[c]) {
            s += v;
        }
        return s;
    }

    /** Items predicted as c (column sum). */
    public long predictedCount(int c) {
        long s = 0;
        for (long[] row : counts) {
            s += row[c];
        }
        return s;
    }

    /** TP of class c. */
    public long truePositives(int c) {
        return counts[c][c];
    }

    /** FN of class c: actual c predicted otherwise. */
    public long falseNegatives(int c) {
        return support(c) - counts[c][c];
    }

    /** FP of class c: predicted c, actually otherwise. */
    public long falsePositives(int c) {
        return predictedCount(c) - counts[c][c];
    }

    /** TN of class c: neither actual nor predicted c. */
    public long trueNegatives(int c) {
        return total() - support(c) - predictedCount(c) + counts[c][c];
    }

    /** Sensitivity (recall) of class c; NaN when c never occurs. */
    public double sensitivity(int c) {
        return ratio(truePositives(c), support(c));
    }

    /** Positive predictivity (precision) of class c; NaN when c is never predicted. */
    public double positivePredictivity(int c) {
        return ratio(truePositives(c), predictedCount(c));
    }

    /** Specificity of class c; NaN when every item is of class c. */
    public double specificity(int c) {
        return ratio(trueNegatives(c), trueNegatives(c) + falsePositives(c));
    }

    /** False-positive rate of class c = 1 - specificity; NaN when every item is of class c. */
    public double falsePositiveRate(int c) {
        return ratio(falsePositives(c), trueNegatives(c) + falsePositives(c));
    }

    /** F1 of class c = 2TP/(2TP+FP+FN); NaN when c neither occurs nor is predicted. */
    public double f1(int c) {
        long tp = truePositives(c);
        return ratio(2 * tp, 2 * tp + falsePositives(c) + falseNegatives(c));
    }

    /** Accuracy: trace / total; NaN when empty. */
    public double accuracy() {
        long trace = 0;
        for (int c = 0; c < counts.length; c++) {
            trace += counts[c][c];
        }
        return ratio(trace, total());
    }

    /** Mean of the defined per-class F1 values; NaN when none is defined. */
    public double macroF1() {
        return macro(this::f1);
    }

    /** Mean of the defined per-class sensitivities; NaN when none is defined. */
    public double macroSensitivity() {
        return macro(this::sensitivity);
    }

    /** Mean of the defined per-class positive predictivities; NaN when none is defined. */
    public double macroPositivePredictivity() {
        return macro(this::positivePredictivity);
    }

    /**
     * Micro-averaged F1: pooled TP, FP, FN over classes; for single-label data it equals
     * accuracy (every error is one FP and one FN).
     */
    public double microF1() {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int c = 0; c < counts.length; c++) {
            tp += truePositives(c);
            fp += falsePositives(c);
            fn += falseNegatives(c);
        }
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /**
     * Mean of the defined per-class F1 values of the classes {@code averaged} marks; NaN when none
     * is defined.
     */
    public double macroF1(boolean[] averaged) {
        return macro(this::f1, averaged);
    }

    /** Mean of the defined sensitivities of the classes {@code averaged} marks; NaN when none is defined. */
    public double macroSensitivity(boolean[] averaged) {
        return macro(this::sensitivity, averaged);
    }

    /** Mean of the defined +P of the classes {@code averaged} marks; NaN when none is defined. */
    public double macroPositivePredictivity(boolean[] averaged) {
        return macro(this::positivePredictivity, averaged);
    }

    private double macro(java.util.function.IntToDoubleFunction f) {
        return macro(f, null);
    }

    private double macro(java.util.function.IntToDoubleFunction f, boolean[] averaged) {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < counts.length; c++) {
            if (averaged != null && !averaged[c]) {
                continue;
            }
            double v = f.applyAsDouble(c);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && classNames.equals(m.classNames)
                && java.util.Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return 31 * classNames.hashCode() + java.util.Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + classNames + java.util.Arrays.deepToString(counts);
    }
}

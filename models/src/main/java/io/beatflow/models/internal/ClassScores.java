package io.beatflow.models.internal;

/**
 * Per-class sensitivity, positive predictivity and F1 from a confusion matrix, and the macro F1
 * over the classes that occur in the reference (pure functions).
 */
public final class ClassScores {
    private ClassScores() {
    }

    /** Confusion matrix {@code [reference][predicted]}. */
    public static long[][] confusion(int[] reference, int[] predicted, int classes) {
        long[][] m = new long[classes][classes];
        for (int i = 0; i < reference.length; i++) {
            m[reference[i]][predicted[i]]++;
        }
        return m;
    }

    /** Sensitivity (recall) of class {@code c}: TP / (TP + FN); NaN without reference beats. */
    public static double sensitivity(long[][] m, int c) {
        long row = 0;
        for (long v : m[c]) {
            row += v;
        }
        return row == 0 ? Double.NaN : (double) m[c][c] / row;
    }

    /** Positive predictivity (precision) of class {@code c}: TP / (TP + FP); NaN without predictions. */
    public static double positivePredictivity(long[][] m, int c) {
        long col = 0;
        for (long[] row : m) {
            col += row[c];
        }
        return col == 0 ? Double.NaN : (double) m[c][c] / col;
    }

    /** F1 of class {@code c}: 2 TP / (2 TP + FP + FN); NaN when the class is neither in reference nor predicted. */
    public static double f1(long[][] m, int c) {
        long tp = m[c][c];
        long fn = 0;
        long fp = 0;
        for (int j = 0; j < m.length; j++) {
            if (j != c) {
                fn += m[c][j];
                fp += m[j][c];
            }
        }
        long den = 2 * tp + fp + fn;
        return den == 0 ? Double.NaN : 2.0 * tp / den;
    }

    /** Mean F1 over the classes with at least one reference beat. */
    public static double macroF1(long[][] m) {
        double sum = 0;
        int k = 0;
        for (int c = 0; c < m.length; c++) {
            long row = 0;
            for (long v : m[c]) {
                row += v;
            }
            if (row > 0) {
                sum += f1(m, c);
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    /** Index of the largest value of each row. */
    public static int[] argmax(float[][] p) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int j = 1; j < p[i].length; j++) {
                if (p[i][j] > p[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }
}

package io.beatflow.eval.internal;

import io.beatflow.eval.RecordStatistic;

/**
 * Threshold metrics from per-record confusion matrices (the sufficient statistic: a weighted
 * sum of R small matrices). Values: per class c, [4c] sensitivity, [4c+1] +P, [4c+2] specificity,
 * [4c+3] F1; then [4k] accuracy and [4k+1] macro F1: the mean F1 over the classes whose F1 is
 * defined on all the records (the estimate's classes). A replicate in which one of those classes
 * neither occurs nor is predicted has no macro F1 (NaN, left out of the interval like any
 * undefined replicate), rather than a mean over fewer classes, which estimates something else
 * (a replicate without the records of a missed class would score as if nothing were missed).
 */
public final class ConfusionStatistic implements RecordStatistic {
    private final int k;
    private final long[][][] perRecord;
    /** Classes that occur or are predicted on all the records: those the macro F1 averages. */
    private final boolean[] macroClasses;

    /**
     * @param actual reference class of each beat
     * @param predicted predicted class of each beat
     * @param recordIndex record of each beat
     * @param recordCount number of records
     * @param classes number of classes
     */
    public ConfusionStatistic(int[] actual, int[] predicted, int[] recordIndex, int recordCount, int classes) {
        this(actual, predicted, recordIndex, recordCount, classes, null);
    }

    /**
     * As above, the macro F1 over the classes of {@code averaged} only (null: every class).
     *
     * @param averaged for each class, whether the macro F1 may average it
     */
    public ConfusionStatistic(int[] actual, int[] predicted, int[] recordIndex, int recordCount, int classes,
            boolean[] averaged) {
        this.k = classes;
        this.perRecord = new long[recordCount][classes][classes];
        this.macroClasses = new boolean[classes];
        for (int i = 0; i < actual.length; i++) {
            perRecord[recordIndex[i]][actual[i]][predicted[i]]++;
            macroClasses[actual[i]] = true;
            macroClasses[predicted[i]] = true;
        }
        if (averaged != null) {
            for (int c = 0; c < classes; c++) {
                macroClasses[c] &= averaged[c];
            }
        }
    }

    @Override
    public int dimension() {
        return 4 * k + 2;
    }

    @Override
    public void evaluate(double[] w, double[] out) {
        double[][] m = new double[k][k];
        for (int r = 0; r < perRecord.length; r++) {
            if (w[r] == 0) {
                continue;
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    m[i][j] += w[r] * perRecord[r][i][j];
                }
            }
        }
        double total = 0;
        double trace = 0;
        double[] row = new double[k];
        double[] col = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                total += m[i][j];
                row[i] += m[i][j];
                col[j] += m[i][j];
            }
            trace += m[i][i];
        }
        double f1Sum = 0;
        int f1N = 0;
        for (int c = 0; c < k; c++) {
            double tp = m[c][c];
            double fn = row[c] - tp;
            double fp = col[c] - tp;
            double tn = total - tp - fn - fp;
            out[4 * c] = div(tp, tp + fn);
            out[4 * c + 1] = div(tp, tp + fp);
            out[4 * c + 2] = div(tn, tn + fp);
            double f1 = div(2 * tp, 2 * tp + fp + fn);
            out[4 * c + 3] = f1;
            if (macroClasses[c]) {
                f1Sum += f1;
                f1N++;
            }
        }
        out[4 * k] = div(trace, total);
        out[4 * k + 1] = f1N == 0 ? Double.NaN : f1Sum / f1N;
    }

    private static double div(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }
}

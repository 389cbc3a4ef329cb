package io.beatflow.models;

import io.beatflow.models.internal.ClassScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-class sensitivity (Se), positive predictivity (+P) and F1 of a beat classification against
 * reference labels, and the macro F1 over the classes that occur in the reference. Se = TP/(TP+FN),
 * +P = TP/(TP+FP), F1 = 2TP/(2TP+FP+FN) (the EC57 class statistics, gross over all beats).
 *
 * @param classNames class names in label order
 * @param confusion {@code [reference][predicted]} counts (copied)
 */
public record ClassificationSummary(List<String> classNames, long[][] confusion) {
    /** Copies the inputs and checks the matrix is square with one row per class. */
    public ClassificationSummary {
        classNames = List.copyOf(classNames);
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            if (confusion[i].length != classNames.size()) {
                throw new IllegalArgumentException("confusion row " + i + " has " + confusion[i].length
                        + " columns for " + classNames.size() + " classes");
            }
            c[i] = confusion[i].clone();
        }
        if (c.length != classNames.size()) {
            throw new IllegalArgumentException(c.length + " confusion rows for " + classNames.size() + " classes");
        }
        confusion = c;
    }

    /** Summary of predicted against reference labels (class indices). */
    public static ClassificationSummary of(int[] reference, int[] predicted, List<String> classNames) {
        if (reference.length != predicted.length) {
            throw new IllegalArgumentException(reference.length + " reference labels but " + predicted.length
                    + " predictions");
        }
        return new ClassificationSummary(classNames, ClassScores.confusion(reference, predicted, classNames.size()));
    }

    /** The most probable class of each row of probabilities. */
    public static int[] argmax(float[][] probabilities) {
        return ClassScores.argmax(probabilities);
    }

    @Override
    public long[][] confusion() {
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    /** Sensitivity of class {@code c} (NaN without reference beats). */
    public double sensitivity(int c) {
        return ClassScores.sensitivity(confusion, c);
    }

    /** Positive predictivity of class {@code c} (NaN without predictions). */
    public double positivePredictivity(int c) {
        return ClassScores.positivePredictivity(confusion, c);
    }

    /** F1 of class {@code c}. */
    public double f1(int c) {
        return ClassScores.f1(confusion, c);
    }

    /** Mean F1 over the classes with reference beats. */
    public double macroF1() {
        return ClassScores.macroF1(confusion);
    }

    /** A plain-text table: class, reference beats, Se, +P, F1; then the macro F1. */
    public String toTable() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-6s %8s %8s %8s %8s", "class", "beats", "Se", "+P", "F1"));
        for (int c = 0; c < classNames.size(); c++) {
            long n = 0;
            for (long v : confusion[c]) {
                n += v;
            }
            lines.add(String.format(Locale.ROOT, "%-6s %8d %8s %8s %8s", classNames.get(c), n, cell(sensitivity(c)),
                    cell(positivePredictivity(c)), cell(f1(c))));
        }
        lines.add(String.format(Locale.ROOT, "macro F1 (classes with reference beats): %.4f", macroF1()));
        lines.add("n/a: undefined (no reference beats of the class, or none predicted)");
        return String.join(System.lineSeparator(), lines);
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}

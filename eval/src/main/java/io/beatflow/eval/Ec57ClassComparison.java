package io.beatflow.eval;

import java.util.List;
import java.util.Objects;

/**
 * The EC57 beat-by-beat classification matrix of one record (or of several, summed): rows are
 * the reference class, columns the test class, over the AAMI classes N, S, V, F, Q plus a sixth
 * row and column "O" for "no beat": column O counts reference beats the test missed, row O counts
 * test beats with no reference beat (ANSI/AAMI EC57:2012 section 4.2, the bxb "beat-by-beat
 * comparison" table).
 *
 * <p>Per-class statistics, class X one-vs-rest over the matrix: TP = [X][X]; FN = the rest of row
 * X, column O included (a missed X beat is a missed detection of X); FP = the rest of column X,
 * row O included (an extra beat called X); Se = TP/(TP+FN), +P = TP/(TP+FP), FPR = FP / (reference
 * beats not of class X). EC57 section 3.5 adds special cases for the ventricular and
 * supraventricular statistics (e.g. fusion beats called V are not held against VEB +P, Q beats
 * are left out); those are not applied here, so figures can differ slightly from an EC57 report
 * that applies them.
 *
 * @param record record name ("gross" for sums)
 * @param counts 6 x 6 counts, index 5 = O (copied)
 */
public record Ec57ClassComparison(String record, long[][] counts) {
    /** Row and column names, the AAMI classes then O. */
    public static final List<String> LABELS = List.of("N", "S", "V", "F", "Q", "O");
    /** Index of the "no beat" row and column. */
    public static final int NONE = 5;

    /** Validates and copies. */
    public Ec57ClassComparison {
        Objects.requireNonNull(record, "record");
        if (counts.length != 6) {
            throw new IllegalArgumentException("record " + record + ": the EC57 matrix must be 6 x 6");
        }
        long[][] c = new long[6][];
        for (int i = 0; i < 6; i++) {
            if (counts[i].length != 6) {
                throw new IllegalArgumentException("record " + record + ": the EC57 matrix must be 6 x 6");
            }
            c[i] = counts[i].clone();
        }
        counts = c;
    }

    @Override
    public long[][] counts() {
        long[][] c = new long[6][];
        for (int i = 0; i < 6; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    /** counts[reference][test]. */
    public long count(int reference, int test) {
        return counts[reference][test];
    }

    /** Reference beats of class x (row sum, O column included). */
    public long referenceBeats(int x) {
        long s = 0;
        for (long v : counts[x]) {
            s += v;
        }
        return s;
    }

    /** TP of class x. */
    public long truePositives(int x) {
        return counts[x][x];
    }

    /** FN of class x: the rest of row x. */
    public long falseNegatives(int x) {
        return referenceBeats(x) - counts[x][x];
    }

    /** FP of class x: the rest of column x, row O included. */
    public long falsePositives(int x) {
        long s = 0;
        for (int i = 0; i < 6; i++) {
            if (i != x) {
                s += counts[i][x];
            }
        }
        return s;
    }

    /** Se of class x; NaN when the record has no reference beat of class x. */
    public double sensitivity(int x) {
        return ConfusionMatrix.ratio(truePositives(x), referenceBeats(x));
    }

    /** +P of class x; NaN when no beat was called x. */
    public double positivePredictivity(int x) {
        return ConfusionMatrix.ratio(truePositives(x), truePositives(x) + falsePositives(x));
    }

    /** FPR of class x: FP / reference beats not of class x; NaN when there are none. */
    public double falsePositiveRate(int x) {
        long others = 0;
        for (int i = 0; i < NONE; i++) {
            if (i != x) {
                others += referenceBeats(i);
            }
        }
        return ConfusionMatrix.ratio(falsePositives(x), others);
    }

    /** Sum of matrices, named {@code record}. */
    public static Ec57ClassComparison sum(String record, List<Ec57ClassComparison> parts) {
        long[][] c = new long[6][6];
        for (Ec57ClassComparison p : parts) {
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    c[i][j] += p.counts[i][j];
                }
            }
        }
        return new Ec57ClassComparison(record, c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ec57ClassComparison e && record.equals(e.record)
                && java.util.Arrays.deepEquals(counts, e.counts);
    }

    @Override
    public int hashCode() {
        return record.hashCode() * 31 + java.util.Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "Ec57ClassComparison[" + record + ", " + java.util.Arrays.deepToString(counts) + "]";
    }
}

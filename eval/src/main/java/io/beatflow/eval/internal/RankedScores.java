package io.beatflow.eval.internal;

import java.util.Arrays;

/**
 * Scores of one binary problem sorted once by decreasing score, with tie groups and record
 * indices, so that curves and rank statistics for any weighting of the records are one linear
 * pass. This is the sufficient statistic that makes the record bootstrap cheap: a replicate only
 * changes the weight of each record, never the order.
 */
public final class RankedScores {
    private final boolean[] positive;
    private final int[] record;
    private final double[] score;
    private final int[] groupEnd;
    private final long[] positivesPerRecord;
    private final long[] negativesPerRecord;
    /**
     * The pass's compact form, in sorted order: entry = (record index * 2 + (1 if positive),
     * count). Tie groups holding a positive keep one entry per item; each run of consecutive
     * negative-only groups is merged into one entry per record, since between two positive groups
     * only the negative total matters (the ROC runs horizontally, nothing else moves). For a rare
     * class this shrinks the pass several-fold.
     */
    private final int[] code;
    private final double[] count;
    /** Whether an entry ends a tie group (or a merged negative run). */
    private final boolean[] groupLast;

    private RankedScores(boolean[] positive, int[] record, double[] score, int[] groupEnd,
            long[] posPerRecord, long[] negPerRecord) {
        this.positive = positive;
        this.record = record;
        this.score = score;
        this.groupEnd = groupEnd;
        this.positivesPerRecord = posPerRecord;
        this.negativesPerRecord = negPerRecord;
        int n = positive.length;
        int[] cd = new int[n];
        double[] cn = new double[n];
        boolean[] gl = new boolean[n];
        int e = 0;
        int[] perRecord = new int[posPerRecord.length];
        int[] touched = new int[posPerRecord.length];
        int g = 0;
        while (g < groupEnd.length) {
            int start = g == 0 ? 0 : groupEnd[g - 1];
            boolean hasPositive = false;
            for (int i = start; i < groupEnd[g]; i++) {
                hasPositive |= positive[i];
            }
            if (hasPositive) {
                for (int i = start; i < groupEnd[g]; i++) {
                    cd[e] = record[i] * 2 + (positive[i] ? 1 : 0);
                    cn[e] = 1;
                    e++;
                }
                gl[e - 1] = true;
                g++;
                continue;
            }
            int h = g;
            int nt = 0;
            while (h < groupEnd.length) {
                int hs = h == 0 ? 0 : groupEnd[h - 1];
                boolean pos = false;
                for (int i = hs; i < groupEnd[h]; i++) {
                    pos |= positive[i];
                }
                if (pos) {
                    break;
                }
                for (int i = hs; i < groupEnd[h]; i++) {
                    if (perRecord[record[i]]++ == 0) {
                        touched[nt++] = record[i];
                    }
                }
                h++;
            }
            for (int t = 0; t < nt; t++) {
                cd[e] = touched[t] * 2;
                cn[e] = perRecord[touched[t]];
                perRecord[touched[t]] = 0;
                e++;
            }
            gl[e - 1] = true;
            g = h;
        }
        this.code = Arrays.copyOf(cd, e);
        this.count = Arrays.copyOf(cn, e);
        this.groupLast = Arrays.copyOf(gl, e);
    }

    /**
     * Sorts the scores.
     *
     * @param scores one finite score per item
     * @param positive whether each item belongs to the positive class
     * @param recordIndex record of each item in [0, recordCount), or null for one record
     * @param recordCount number of records (1 when recordIndex is null)
     */
    public static RankedScores of(double[] scores, boolean[] positive, int[] recordIndex, int recordCount) {
        int n = scores.length;
        if (positive.length != n || (recordIndex != null && recordIndex.length != n)) {
            throw new IllegalArgumentException("scores, labels and record indices differ in length: "
                    + n + ", " + positive.length + ", " + (recordIndex == null ? n : recordIndex.length));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score[" + i + "] is " + scores[i] + "; scores must be finite");
            }
        }
        Integer[] order;
        double[] sortedScores = new double[n];
        int[] idx = new int[n];
        if (n > 0) {
            order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            for (int i = 0; i < n; i++) {
                idx[i] = order[i];
            }
        }
        boolean[] pos = new boolean[n];
        int[] rec = new int[n];
        long[] pr = new long[recordCount];
        long[] nr = new long[recordCount];
        int groups = 0;
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            int j = idx[i];
            pos[i] = positive[j];
            int r = recordIndex == null ? 0 : recordIndex[j];
            if (r < 0 || r >= recordCount) {
                throw new IllegalArgumentException("record index " + r + " of item " + j
                        + " is out of [0," + recordCount + ")");
            }
            rec[i] = r;
            sortedScores[i] = scores[j];
            if (pos[i]) {
                pr[r]++;
            } else {
                nr[r]++;
            }
            if (i > 0 && sortedScores[i] != sortedScores[i - 1]) {
                ends[groups++] = i;
            }
        }
        if (n > 0) {
            ends[groups++] = n;
        }
        return new RankedScores(pos, rec, sortedScores, Arrays.copyOf(ends, groups), pr, nr);
    }

    /** Number of items. */
    public int size() {
        return score.length;
    }

    /** Number of distinct scores. */
    public int groups() {
        return groupEnd.length;
    }

    /** Number of records. */
    public int recordCount() {
        return positivesPerRecord.length;
    }

    /** Score of tie group g (decreasing in g). */
    public double groupScore(int g) {
        return score[groupEnd[g] - 1];
    }

    /** Positives of record r. */
    public long positives(int r) {
        return positivesPerRecord[r];
    }

    /** Negatives of record r. */
    public long negatives(int r) {
        return negativesPerRecord[r];
    }

    /**
     * Cumulative positive and negative weight after each tie group, for record weights w (null =
     * every record weighs 1). Arrays tp and fp must have length {@link #groups()}.
     */
    public void cumulative(double[] w, double[] tp, double[] fp) {
        double t = 0;
        double f = 0;
        int start = 0;
        for (int g = 0; g < groupEnd.length; g++) {
            int end = groupEnd[g];
            for (int i = start; i < end; i++) {
                double ww = w == null ? 1.0 : w[record[i]];
                if (positive[i]) {
                    t += ww;
                } else {
                    f += ww;
                }
            }
            tp[g] = t;
            fp[g] = f;
            start = end;
        }
    }

    /**
     * One weighted pass: AUROC (Mann-Whitney, ties 1/2), average precision (step-wise),
     * TPR on an FPR grid (linear between ROC points, i.e. vertical averaging) and interpolated
     * precision on a recall grid.
     *
     * <p>Cost: one multiply-add per item; divisions only at tie groups holding a positive item,
     * because AP, precision and the ROC's rising segments change only there (between them the
     * ROC is horizontal and nothing else moves).
     *
     * @param w weight of each record (bootstrap multiplicity), null for all ones
     * @param gridPoints number of grid points G over [0, 1] (step 1/(G-1)); 0 for no curves
     * @param out receives [auroc, ap, tpr[0..G), precision[0..G)]; NaN when a class is absent
     */
    public void pass(double[] w, int gridPoints, double[] out) {
        double totalPos = 0;
        double totalNeg = 0;
        for (int r = 0; r < positivesPerRecord.length; r++) {
            double ww = w == null ? 1.0 : w[r];
            totalPos += ww * positivesPerRecord[r];
            totalNeg += ww * negativesPerRecord[r];
        }
        int g1 = gridPoints;
        if (!(totalPos > 0) || !(totalNeg > 0)) {
            Arrays.fill(out, 0, 2 + 2 * g1, Double.NaN);
            if (totalPos > 0) {
                // AP and precision are defined without negatives.
                fillNoNegatives(out, g1);
            }
            return;
        }
        int prBase = 2 + g1;
        if (g1 > 0) {
            Arrays.fill(out, 2, prBase + g1, 0.0);
        }
        double gridStep = g1 > 1 ? totalNeg / (g1 - 1) : 0;
        double recallScale = g1 > 1 ? (g1 - 1) / totalPos : 0;
        double tp = 0;
        double fp = 0;
        double aucSum = 0;
        double apSum = 0;
        int rocGrid = 0;
        double gp = 0;
        double gn = 0;
        final int[] code = this.code;
        final double[] cnt = this.count;
        final boolean[] last = this.groupLast;
        for (int i = 0; i < code.length; i++) {
            int c = code[i];
            double ww = w == null ? cnt[i] : w[c >>> 1] * cnt[i];
            if ((c & 1) != 0) {
                gp += ww;
            } else {
                gn += ww;
            }
            if (!last[i]) {
                continue;
            }
            if (gp == 0) {
                fp += gn;
                gn = 0;
                continue;
            }
            aucSum += gp * (totalNeg - fp - 0.5 * gn);
            if (g1 > 0) {
                // Grid points left of this group's start lie on a horizontal stretch at height tp;
                // those within [fp, fp + gn) lie on this group's rising segment. A point exactly at
                // the segment's end stays open: a later vertical step may raise it.
                double end = fp + gn;
                while (rocGrid < g1) {
                    double x = rocGrid * gridStep;
                    if (x < fp) {
                        out[2 + rocGrid] = tp / totalPos;
                    } else if (x < end) {
                        out[2 + rocGrid] = (tp + gp * (x - fp) / gn) / totalPos;
                    } else {
                        break;
                    }
                    rocGrid++;
                }
            }
            tp += gp;
            fp += gn;
            double precision = tp / (tp + fp);
            apSum += gp * precision;
            if (g1 > 0) {
                int k = (int) (tp * recallScale + 1e-9);
                if (k >= g1) {
                    k = g1 - 1;
                }
                if (precision > out[prBase + k]) {
                    out[prBase + k] = precision;
                }
            }
            gp = 0;
            gn = 0;
        }
        out[0] = aucSum / (totalPos * totalNeg);
        out[1] = apSum / totalPos;
        if (g1 > 0) {
            for (; rocGrid < g1; rocGrid++) {
                out[2 + rocGrid] = 1.0;
            }
            for (int k = g1 - 2; k >= 0; k--) {
                out[prBase + k] = Math.max(out[prBase + k], out[prBase + k + 1]);
            }
        }
    }

    private void fillNoNegatives(double[] out, int g1) {
        out[1] = 1.0;
        for (int k = 0; k < g1; k++) {
            out[2 + g1 + k] = 1.0;
        }
    }
}

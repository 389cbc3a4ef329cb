package io.beatflow.eval.internal;

import io.beatflow.eval.RecordStatistic;

/**
 * AUROC, average precision and the ROC / PR band grids of one class for any record weighting:
 * values [auroc, ap, tpr at FPR grid (G), interpolated precision at recall grid (G)].
 */
public final class RankingStatistic implements RecordStatistic {
    private final RankedScores ranked;
    private final int grid;

    /**
     * @param scores scores of the class
     * @param positive whether each beat is of the class
     * @param recordIndex record of each beat
     * @param recordCount number of records
     * @param gridPoints band grid points
     */
    public RankingStatistic(double[] scores, boolean[] positive, int[] recordIndex, int recordCount, int gridPoints) {
        this.ranked = RankedScores.of(scores, positive, recordIndex, recordCount);
        this.grid = gridPoints;
    }

    @Override
    public int dimension() {
        return 2 + 2 * grid;
    }

    @Override
    public void evaluate(double[] recordWeights, double[] out) {
        ranked.pass(recordWeights, grid, out);
    }
}

package io.beatflow.eval;

/**
 * A pointwise confidence band of a curve on a fixed grid, from the record bootstrap (percentile
 * at each grid point). For a ROC band the grid is the false-positive rate and the values are
 * true-positive rates (vertical averaging, Fawcett 2006, section 8.1); for a PR band the grid is
 * recall and the values are interpolated precision.
 *
 * @param grid grid points in [0, 1] (copied)
 * @param lower lower band at each grid point (copied)
 * @param upper upper band at each grid point (copied)
 * @param level confidence level
 */
public record CurveBand(double[] grid, double[] lower, double[] upper, double level) {

    /** Validates and copies. */
    public CurveBand {
        if (grid.length != lower.length || grid.length != upper.length) {
            throw new IllegalArgumentException("band arrays differ in length");
        }
        grid = grid.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    @Override
    public double[] grid() {
        return grid.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }
}

package io.beatflow.ingest;

/** How the samples of one window are normalised after extraction. */
public enum WindowNormalisation {
    /** Samples as they are, in physical units. */
    NONE,
    /**
     * The window's median subtracted (the mean of the two middle values for an even length):
     * removes the residual baseline offset, robust to the QRS complex.
     */
    SUBTRACT_MEDIAN,
    /**
     * Z-score: mean subtracted, then divided by the population standard deviation; a flat window
     * (standard deviation 0) is only mean-subtracted.
     */
    Z_SCORE
}

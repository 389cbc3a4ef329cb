package io.beatflow.ingest;

/**
 * A linear filter of one lead, with an offline zero-phase form and a causal incremental form.
 *
 * <p>Implementations are immutable and thread-safe; the state of a running filter lives in the
 * {@link IncrementalFilter} objects they create.
 */
public interface SignalFilter {
    /** Sample rate, in Hz, that the filter was designed for. */
    double sampleRateHz();

    /**
     * Filters a whole record forward and backward, so that no sample is delayed (zero phase) and
     * the magnitude response is the square of the single-pass one. Edges are padded by mirror
     * reflection; NaN or infinite samples (gaps) are bridged for filtering and are NaN in the output.
     *
     * @param x samples in physical units at {@link #sampleRateHz()}; not modified
     * @return a new array of the same length
     */
    float[] applyZeroPhase(float[] x);

    /**
     * A causal filter with its own state, starting at rest, for streams fed in chunks.
     *
     * @throws UnsupportedOperationException if this filter has no causal form
     */
    IncrementalFilter newIncremental();
}

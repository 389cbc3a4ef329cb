package io.beatflow.ingest;

import java.util.function.LongConsumer;

/**
 * An incremental QRS (beat) detector: samples go in, in chunks of any size, and R-peak positions
 * come out.
 *
 * <p>Positions are frame indices counted from the first sample pushed since construction or
 * {@link #reset()}; they are reported in strictly increasing order and at most
 * {@link #maxLatencySamples()} frames after the R peak itself has been pushed, so a caller that
 * streams never waits longer than that for a beat. The positions do not depend on how the stream
 * is cut into chunks: feeding a record in one call or in chunks of any sizes, then calling
 * {@link #flush(LongConsumer)}, reports the same beats.
 *
 * <p>With more than one lead ({@link #leadCount()}), samples are interleaved frame by frame: lead 0
 * of frame 0, lead 1 of frame 0, ..., lead 0 of frame 1, and so on. Missing samples are NaN (or
 * infinite); the detector treats them as a gap and holds the last valid value.
 *
 * <p>Instances are not thread-safe; one detector serves one stream. The whole state can be saved
 * with {@link #snapshot()} and resumed, exactly, with {@link #restore(byte[])}.
 */
public interface BeatDetector {
    /** The settings this detector was built with. */
    DetectorConfig config();

    /** Leads per frame. */
    int leadCount();

    /** Frames consumed since construction or {@link #reset()}. */
    long framesConsumed();

    /**
     * The longest delay, in frames, between an R peak being pushed and its position being reported
     * (the wait before search-back for a missed beat, capped by
     * {@link DetectorConfig#maxSearchBackSeconds()}, plus the integrator, peak-picking and filter
     * delays; 2.48 s at 360 Hz with the default settings).
     */
    long maxLatencySamples();

    /**
     * Consumes {@code frames} frames of samples.
     *
     * @param samples samples in physical units (any consistent unit; the detector is scale-free),
     *     interleaved when there are several leads
     * @param offset index in {@code samples} of the first value
     * @param frames number of frames to consume ({@code frames * leadCount()} values)
     * @param rPeaks receives the positions, in frames from the start of the stream, of the R peaks
     *     found so far
     * @throws IndexOutOfBoundsException if the range lies outside {@code samples}
     */
    void push(float[] samples, int offset, int frames, LongConsumer rPeaks);

    /**
     * Ends the stream: classifies what is still pending and reports the remaining R peaks. Call
     * {@link #reset()} before starting another stream (samples pushed after a flush continue the
     * old one, with its pending decisions already taken).
     */
    void flush(LongConsumer rPeaks);

    /** Returns the detector to its state before the first sample. */
    void reset();

    /** The detector's whole state (filters, buffers, thresholds, pending candidates) as bytes. */
    byte[] snapshot();

    /**
     * Replaces the state by one from {@link #snapshot()} of a detector of the same class, settings
     * and lead count; pushing the same samples afterwards reports the same beats.
     *
     * @throws IllegalArgumentException if the bytes are corrupt or were taken with other settings
     */
    void restore(byte[] state);
}

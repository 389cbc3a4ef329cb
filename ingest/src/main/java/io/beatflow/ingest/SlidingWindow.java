package io.beatflow.ingest;

import java.util.Arrays;
import java.util.Objects;

/**
 * One fixed-length window of one lead, for tasks without beats.
 *
 * @param recordId record or stream (device) id
 * @param lead name of the lead
 * @param index running number of the window (0 for the first)
 * @param startSample index in the source of the window's first sample
 * @param sampleRateHz sample rate, Hz
 * @param samples the window; copied in and out
 */
public record SlidingWindow(String recordId, String lead, long index, long startSample, double sampleRateHz,
        float[] samples) {

    /** Validates and copies the samples. */
    public SlidingWindow {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(samples, "samples");
        if (index < 0 || startSample < 0) {
            throw new IllegalArgumentException("sliding window " + recordId + ": index " + index + " and startSample "
                    + startSample + " must be >= 0");
        }
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sliding window " + recordId + ": sampleRateHz must be positive, got "
                    + sampleRateHz);
        }
        samples = samples.clone();
    }

    /** A copy of the samples. */
    @Override
    public float[] samples() {
        return samples.clone();
    }

    /** Number of samples. */
    public int length() {
        return samples.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlidingWindow w && recordId.equals(w.recordId) && lead.equals(w.lead)
                && index == w.index && startSample == w.startSample
                && Double.compare(sampleRateHz, w.sampleRateHz) == 0 && Arrays.equals(samples, w.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recordId, lead, index, startSample, sampleRateHz) * 31 + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "SlidingWindow[" + recordId + "/" + lead + " #" + index + " from sample " + startSample + ", "
                + samples.length + " samples at " + sampleRateHz + " Hz]";
    }
}

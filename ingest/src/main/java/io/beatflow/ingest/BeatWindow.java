package io.beatflow.ingest;

import java.util.Arrays;
import java.util.Objects;

/**
 * One beat-centred window of one lead, resampled to the model's rate.
 *
 * @param recordId record or stream (device) id the beat comes from
 * @param lead name of the lead the samples come from
 * @param beatIndex index of the beat in the beat list (offline) or in the stream's beats
 * @param rPeakSample R-peak position in the source's sample index (source rate)
 * @param sampleRateHz sample rate of {@code samples}, Hz
 * @param rPeakIndex index within {@code samples} of the R peak's time
 * @param samples the window, in physical units (or normalised); copied in and out
 * @param rr RR-interval features of the beat
 */
public record BeatWindow(String recordId, String lead, long beatIndex, long rPeakSample, double sampleRateHz,
        int rPeakIndex, float[] samples, RrFeatures rr) {

    /** Validates and copies the samples. */
    public BeatWindow {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(rr, "rr");
        if (beatIndex < 0) {
            throw new IllegalArgumentException("beat window " + recordId + ": beatIndex must be >= 0, got " + beatIndex);
        }
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("beat window " + recordId + ": sampleRateHz must be positive, got "
                    + sampleRateHz);
        }
        if (rPeakIndex < 0 || rPeakIndex > samples.length) {
            throw new IllegalArgumentException("beat window " + recordId + ": rPeakIndex " + rPeakIndex
                    + " outside a window of " + samples.length + " samples");
        }
        samples = samples.clone();
    }

    /** A copy of the window's samples. */
    @Override
    public float[] samples() {
        return samples.clone();
    }

    /** Number of samples in the window. */
    public int length() {
        return samples.length;
    }

    /** One sample of the window, without copying. */
    public float sample(int i) {
        return samples[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeatWindow w && recordId.equals(w.recordId) && lead.equals(w.lead)
                && beatIndex == w.beatIndex && rPeakSample == w.rPeakSample
                && Double.compare(sampleRateHz, w.sampleRateHz) == 0 && rPeakIndex == w.rPeakIndex
                && Arrays.equals(samples, w.samples) && rr.equals(w.rr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recordId, lead, beatIndex, rPeakSample, sampleRateHz, rPeakIndex, rr)
                * 31 + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "BeatWindow[" + recordId + "/" + lead + " beat " + beatIndex + " at sample " + rPeakSample + ", "
                + samples.length + " samples at " + sampleRateHz + " Hz, " + rr + "]";
    }
}

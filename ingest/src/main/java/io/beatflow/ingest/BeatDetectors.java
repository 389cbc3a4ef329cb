package io.beatflow.ingest;

import java.util.Arrays;
import java.util.Objects;

/**
 * Offline beat detection: runs a {@link BeatDetector}'s incremental code over a whole record, so
 * that offline and streaming results are the same by construction.
 */
public final class BeatDetectors {
    private BeatDetectors() {
    }

    /**
     * beatflow's default detector ({@link AdaptiveQrsDetector}) with default settings for a rate.
     *
     * @param sampleRateHz samples per second; 128 to 1000
     * @throws IllegalArgumentException if the rate is outside that range
     */
    public static BeatDetector create(double sampleRateHz) {
        return new AdaptiveQrsDetector(DetectorConfig.defaults(sampleRateHz));
    }

    /**
     * R-peak positions of one lead, found by the default detector.
     *
     * @param signal the record
     * @param lead index of the lead to use
     * @return R-peak sample indices, strictly increasing
     * @throws IllegalArgumentException if the lead does not exist or the sample rate is outside
     *     128 to 1000 Hz
     */
    public static long[] detect(Signal signal, int lead) {
        return detect(signal, lead, create(signal.sampleRateHz()));
    }

    /**
     * R-peak positions of one lead, found by a given single-lead detector; the detector is reset
     * first, fed the whole lead and flushed.
     *
     * @throws IllegalArgumentException if the detector takes more than one lead, or its sample rate
     *     differs from the signal's
     */
    public static long[] detect(Signal signal, int lead, BeatDetector detector) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(detector, "detector");
        if (detector.leadCount() != 1) {
            throw new IllegalArgumentException("detector takes " + detector.leadCount() + " leads; one expected");
        }
        if (detector.config().sampleRateHz() != signal.sampleRateHz()) {
            throw new IllegalArgumentException(signal.name() + ": sample rate " + signal.sampleRateHz()
                    + " Hz but the detector was set for " + detector.config().sampleRateHz() + " Hz");
        }
        float[] x = signal.physical(lead);
        Peaks peaks = new Peaks(Math.max(16, (int) (signal.durationSeconds() * 4)));
        detector.reset();
        detector.push(x, 0, x.length, peaks::add);
        detector.flush(peaks::add);
        return peaks.toArray();
    }

    /** A growable array of positions (no boxing). */
    private static final class Peaks {
        private long[] values;
        private int size;

        Peaks(int capacity) {
            values = new long[capacity];
        }

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

package io.beatflow.ingest;

import io.beatflow.ingest.internal.WindowMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts fixed-length windows from a whole lead (offline); {@link IncrementalSlidingWindower} gives
 * the same windows from a stream. Immutable and thread-safe.
 */
public final class SlidingWindower {
    private final SlidingWindowConfig config;

    /** A windower with the given configuration. */
    public SlidingWindower(SlidingWindowConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The configuration. */
    public SlidingWindowConfig config() {
        return config;
    }

    /** Windows of one lead of a signal. */
    public List<SlidingWindow> windows(Signal signal, int lead) {
        return windows(signal.name(), signal.leads().get(lead).name(), signal.physical(lead), signal.sampleRateHz());
    }

    /**
     * Windows starting at samples {@code 0, hop, 2 hop, ...} that fit entirely in {@code samples}.
     */
    public List<SlidingWindow> windows(String recordId, String leadName, float[] samples, double sampleRateHz) {
        int len = config.windowSamples();
        int hop = config.hopSamples();
        List<SlidingWindow> out = new ArrayList<>();
        float[] buf = new float[len];
        long k = 0;
        for (long start = 0; start + len <= samples.length; start += hop, k++) {
            System.arraycopy(samples, (int) start, buf, 0, len);
            WindowMath.normalise(buf, config.normalisation());
            out.add(new SlidingWindow(recordId, leadName, k, start, sampleRateHz, buf));
        }
        return out;
    }
}

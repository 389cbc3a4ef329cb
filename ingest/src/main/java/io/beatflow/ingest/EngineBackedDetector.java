package io.beatflow.ingest;

import io.beatflow.ingest.internal.QrsEngine;
import java.util.Objects;
import java.util.function.LongConsumer;

/** A {@link BeatDetector} over one {@link QrsEngine}; the public detectors extend it (not API). */
abstract class EngineBackedDetector implements BeatDetector {
    private final DetectorConfig config;
    private final QrsEngine engine;

    EngineBackedDetector(DetectorConfig config, int leads, QrsEngine.Rules rules) {
        this.config = Objects.requireNonNull(config, "config");
        this.engine = new QrsEngine(config, leads, rules);
    }

    @Override
    public final DetectorConfig config() {
        return config;
    }

    @Override
    public final int leadCount() {
        return engine.leads();
    }

    @Override
    public final long framesConsumed() {
        return engine.consumed();
    }

    @Override
    public final long maxLatencySamples() {
        return engine.maxLatencySamples();
    }

    @Override
    public final void push(float[] samples, int offset, int frames, LongConsumer rPeaks) {
        Objects.requireNonNull(rPeaks, "rPeaks");
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be non-negative, got " + frames);
        }
        Objects.checkFromIndexSize(offset, frames * leadCount(), samples.length);
        engine.push(samples, offset, frames, rPeaks);
    }

    @Override
    public final void flush(LongConsumer rPeaks) {
        engine.flush(Objects.requireNonNull(rPeaks, "rPeaks"));
    }

    @Override
    public final void reset() {
        engine.reset();
    }

    @Override
    public final byte[] snapshot() {
        return engine.snapshot();
    }

    @Override
    public final void restore(byte[] state) {
        engine.restore(Objects.requireNonNull(state, "state"));
    }
}

package io.beatflow.ingest;

import io.beatflow.ingest.internal.DspState;
import io.beatflow.ingest.internal.WindowMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Streaming form of {@link SlidingWindower}: push chunks, get each window as soon as its last
 * sample arrives. Memory: one window of samples. Identical windows to the offline form for any
 * chunking; a partial window at the end of the stream is never emitted. Not thread-safe.
 */
public final class IncrementalSlidingWindower {
    private static final String KIND = "IncrementalSlidingWindower";
    private final SlidingWindowConfig config;
    private final String recordId;
    private final String leadName;
    private final double sampleRateHz;
    private final float[] ring;
    private long consumed;
    private long nextStart;
    private long nextIndex;

    /** A windower for one stream (one lead). */
    public IncrementalSlidingWindower(SlidingWindowConfig config, String recordId, String leadName, double sampleRateHz) {
        this.config = Objects.requireNonNull(config, "config");
        this.recordId = Objects.requireNonNull(recordId, "recordId");
        this.leadName = Objects.requireNonNull(leadName, "leadName");
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException(recordId + ": sampleRateHz must be positive, got " + sampleRateHz);
        }
        this.sampleRateHz = sampleRateHz;
        this.ring = new float[config.windowSamples()];
    }

    /** Samples pushed so far. */
    public long samplesSeen() {
        return consumed;
    }

    /** Appends {@code in[off, off + len)}; returns the windows completed, in order. */
    public List<SlidingWindow> push(float[] in, int off, int len) {
        Objects.checkFromIndexSize(off, len, in.length);
        int w = ring.length;
        List<SlidingWindow> out = new ArrayList<>();
        int done = 0;
        while (done < len) {
            long end = nextStart + w; // window complete when consumed reaches end
            int m = (int) Math.min(len - done, end - consumed);
            // only samples inside the next window are needed; earlier ones (hop > window) are dropped
            for (int i = 0; i < m; i++) {
                long abs = consumed + i;
                if (abs >= nextStart) {
                    ring[(int) (abs % w)] = in[off + done + i];
                }
            }
            consumed += m;
            done += m;
            if (consumed == end) {
                float[] buf = new float[w];
                for (int i = 0; i < w; i++) {
                    buf[i] = ring[(int) ((nextStart + i) % w)];
                }
                WindowMath.normalise(buf, config.normalisation());
                out.add(new SlidingWindow(recordId, leadName, nextIndex, nextStart, sampleRateHz, buf));
                nextIndex++;
                nextStart += config.hopSamples();
            }
        }
        return out;
    }

    /** Appends a whole chunk. */
    public List<SlidingWindow> push(float[] in) {
        return push(in, 0, in.length);
    }

    /** The state as bytes. */
    public byte[] snapshot() {
        return DspState.writer(KIND).putString(recordId).putString(leadName).putDouble(sampleRateHz)
                .putString(config.toString()).putLong(consumed).putLong(nextStart).putLong(nextIndex)
                .putFloats(ring, 0, ring.length).toBytes();
    }

    /**
     * Loads a state saved by {@link #snapshot()} of a windower with the same settings.
     *
     * @throws IllegalArgumentException if the bytes are not such a snapshot
     */
    public void restore(byte[] snapshot) {
        DspState.Reader r = DspState.reader(snapshot, KIND);
        String id = r.getString("recordId");
        String lead = r.getString("leadName");
        double rate = r.getDouble("sampleRateHz");
        String cfg = r.getString("config");
        if (!id.equals(recordId) || !lead.equals(leadName) || rate != sampleRateHz || !cfg.equals(config.toString())) {
            throw r.mismatch("taken from a windower with other settings (" + id + "/" + lead + ", " + cfg + ")");
        }
        long cons = r.getLong("consumed");
        long ns = r.getLong("nextStart");
        long ni = r.getLong("nextIndex");
        float[] buf = r.getFloats("ring");
        r.end();
        if (buf.length != ring.length) {
            throw r.mismatch("ring of " + buf.length + " samples, expected " + ring.length);
        }
        consumed = cons;
        nextStart = ns;
        nextIndex = ni;
        System.arraycopy(buf, 0, ring, 0, buf.length);
    }
}

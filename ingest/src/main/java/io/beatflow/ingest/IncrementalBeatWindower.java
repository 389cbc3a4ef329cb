package io.beatflow.ingest;

import io.beatflow.ingest.BeatWindowConfig.EdgePolicy;
import io.beatflow.ingest.internal.DspState;
import io.beatflow.ingest.internal.WindowMath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts beat-centred windows from a stream of one lead (streaming form of {@link BeatWindower}).
 *
 * <p>Samples and R-peak positions are pushed as they come (through the config's
 * {@linkplain BeatWindowConfig#baselineHighPassHz() baseline high-pass} first, when it has one); a beat is usually known only some time
 * after its R peak (the detector's latency). A beat's window is emitted once the samples after
 * its peak have arrived <em>and</em> the next beat is known (for its next-RR feature);
 * {@link #flush()} ends the stream and emits the beats still waiting, with a NaN next RR, and
 * skips or pads the beats whose window runs past the end. For the same samples and beats the
 * windows, in order, and the skipped beat indices are identical to those of {@link BeatWindower},
 * however the stream is split into chunks.
 *
 * <p>Memory is bounded: samples sit in a ring buffer of {@code window span + maxBeatLatency}
 * samples, and each waiting beat holds its own window. A beat whose window starts more than
 * {@code window span + maxBeatLatencySeconds} before the newest sample pushed fails with
 * {@link IllegalStateException}: the latency allowance must cover the detector's delay plus the
 * length of the sample chunks pushed before the beats found in them. The whole state can be saved with {@link #snapshot()} and loaded
 * into a windower with the same settings by {@link #restore(byte[])}. Not thread-safe.
 */
public final class IncrementalBeatWindower {
    /** Default tolerated detector latency, seconds. */
    public static final double DEFAULT_MAX_BEAT_LATENCY_SECONDS = 5.0;
    private static final String KIND = "IncrementalBeatWindower";

    private final BeatWindowConfig config;
    private final String recordId;
    private final String leadName;
    private final double sourceRateHz;
    private final int before;
    private final int total;
    private final double ratio;
    private final int span;
    private final int capacity;
    private final int piece;

    private final float[] ring;
    private long consumed;
    private final long[] peakHistory;
    private long beatsSeen;
    private long lastPeak = -1;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<Long> skipped = new ArrayList<>();
    private boolean finished;
    private float[] scratch;
    private final BaselineStage baseline; // null without a baseline high-pass

    private static final class Pending {
        long index;
        long rPeak;
        long lo;
        long hi;
        long previousDelta;
        long localSpan;
        int localCount;
        long nextDelta = -1;
        float[] window;
    }

    /** A windower tolerating {@link #DEFAULT_MAX_BEAT_LATENCY_SECONDS} of detector latency. */
    public IncrementalBeatWindower(BeatWindowConfig config, String recordId, String leadName, double sourceRateHz) {
        this(config, recordId, leadName, sourceRateHz, DEFAULT_MAX_BEAT_LATENCY_SECONDS);
    }

    /**
     * A windower for one stream.
     *
     * @param config window settings (its lead fields are not used: the stream is one lead)
     * @param recordId stream (device) id put into the windows
     * @param leadName lead name put into the windows
     * @param sourceRateHz sample rate of the pushed samples, Hz
     * @param maxBeatLatencySeconds how late, after the newest sample of a beat's window, the beat
     *     may be pushed; sizes the ring buffer
     */
    public IncrementalBeatWindower(BeatWindowConfig config, String recordId, String leadName, double sourceRateHz,
            double maxBeatLatencySeconds) {
        this.config = Objects.requireNonNull(config, "config");
        this.recordId = Objects.requireNonNull(recordId, "recordId");
        this.leadName = Objects.requireNonNull(leadName, "leadName");
        if (!(sourceRateHz > 0) || !Double.isFinite(sourceRateHz)) {
            throw new IllegalArgumentException(recordId + ": sourceRateHz must be positive, got " + sourceRateHz);
        }
        if (!(maxBeatLatencySeconds >= 0) || !(maxBeatLatencySeconds <= 3600)) {
            throw new IllegalArgumentException(recordId + ": maxBeatLatencySeconds must be in [0, 3600], got "
                    + maxBeatLatencySeconds);
        }
        this.sourceRateHz = sourceRateHz;
        this.before = config.beforeSamples();
        this.total = config.windowSamples();
        this.ratio = sourceRateHz / config.targetRateHz();
        this.span = (int) Math.ceil(total * ratio) + 2;
        long latency = (long) Math.ceil(maxBeatLatencySeconds * sourceRateHz);
        long cap = span + 2 + latency + 1024;
        if (cap > 1 << 28) {
            throw new IllegalArgumentException(recordId + ": ring buffer of " + cap + " samples is too large");
        }
        this.capacity = (int) cap;
        this.piece = capacity - span - 1;
        this.ring = new float[capacity];
        this.peakHistory = new long[config.localRrBeats()];
        this.scratch = new float[span + 2];
        this.baseline = BaselineStage.of(config, sourceRateHz, recordId);
    }

    /** Samples pushed so far. */
    public long samplesSeen() {
        return consumed;
    }

    /** Beats pushed so far. */
    public long beatsSeen() {
        return beatsSeen;
    }

    /** Indices of the beats skipped so far (window beyond the stream's start or end), ascending. */
    public List<Long> skippedBeatIndices() {
        return List.copyOf(skipped);
    }

    /**
     * Appends samples {@code in[off, off + len)} to the stream.
     *
     * @return the windows completed by them, in beat order
     * @throws IllegalStateException after {@link #flush()}
     */
    public List<BeatWindow> pushSamples(float[] in, int off, int len) {
        checkOpen();
        Objects.checkFromIndexSize(off, len, in.length);
        List<BeatWindow> out = new ArrayList<>();
        int done = 0;
        while (done < len) {
            int m = Math.min(piece, len - done);
            int pos = (int) (consumed % capacity);
            int first = Math.min(m, capacity - pos);
            store(in, off + done, pos, first);
            if (first < m) {
                store(in, off + done + first, 0, m - first);
            }
            consumed += m;
            done += m;
            for (Pending p : pending) {
                if (p.window == null && p.hi <= consumed - 1) {
                    p.window = cut(p, consumed - 1);
                }
            }
            drain(out);
        }
        return out;
    }

    /** Puts {@code in[from, from + len)} into the ring at {@code pos}, through the baseline high-pass if any. */
    private void store(float[] in, int from, int pos, int len) {
        if (baseline != null) {
            baseline.process(in, from, len, ring, pos);
        } else {
            System.arraycopy(in, from, ring, pos, len);
        }
    }

    /** Appends a whole chunk of samples. */
    public List<BeatWindow> pushSamples(float[] in) {
        return pushSamples(in, 0, in.length);
    }

    /**
     * Adds the next beat.
     *
     * @param rPeak R-peak sample index in the stream; above the previous beat's
     * @return the windows completed by it (usually the previous beat's), in beat order
     * @throws IllegalArgumentException if beats are not strictly increasing
     * @throws IllegalStateException if the beat's samples have already left the ring buffer
     *     (pushed later than the configured latency), or after {@link #flush()}
     */
    public List<BeatWindow> pushBeat(long rPeak) {
        checkOpen();
        if (rPeak < 0 || rPeak <= lastPeak) {
            throw new IllegalArgumentException(recordId + ": beat " + beatsSeen + " at sample " + rPeak
                    + " must be non-negative and after the previous beat at " + lastPeak);
        }
        long index = beatsSeen;
        long lo = WindowMath.firstNeeded(rPeak, before, ratio);
        long hi = WindowMath.lastNeeded(rPeak, before, total, ratio);
        boolean skipNow = config.edges() == EdgePolicy.SKIP && lo < 0;
        if (!skipNow && Math.max(lo, 0) < consumed - capacity) {
            throw new IllegalStateException(recordId + ": beat " + index + " at sample " + rPeak + " arrived after sample "
                    + consumed + ", too late: its window starts at sample " + lo + " but only samples from "
                    + (consumed - capacity) + " are kept; raise maxBeatLatencySeconds");
        }
        Pending last = pending.peekLast();
        if (last != null && last.index == index - 1) {
            last.nextDelta = rPeak - last.rPeak;
        }
        if (skipNow) {
            skipped.add(index);
        } else {
            Pending p = new Pending();
            p.index = index;
            p.rPeak = rPeak;
            p.lo = lo;
            p.hi = hi;
            int k = (int) Math.min(index, peakHistory.length);
            p.previousDelta = index > 0 ? rPeak - lastPeak : -1;
            p.localCount = k;
            p.localSpan = k > 0 ? rPeak - peakHistory[(int) ((index - k) % peakHistory.length)] : 0;
            if (hi <= consumed - 1) {
                p.window = cut(p, consumed - 1);
            }
            pending.addLast(p);
        }
        peakHistory[(int) (index % peakHistory.length)] = rPeak;
        lastPeak = rPeak;
        beatsSeen++;
        List<BeatWindow> out = new ArrayList<>();
        drain(out);
        return out;
    }

    /**
     * Ends the stream: emits every waiting beat (the last with a NaN next RR); beats whose window
     * runs past the last sample are skipped or padded per the config. Idempotent.
     */
    public List<BeatWindow> flush() {
        List<BeatWindow> out = new ArrayList<>();
        if (finished) {
            return out;
        }
        finished = true;
        for (Pending p : pending) {
            if (p.window == null) {
                if (consumed == 0 || config.edges() == EdgePolicy.SKIP) {
                    skipped.add(p.index);
                } else {
                    p.window = cut(p, consumed - 1);
                }
            }
            if (p.window != null) {
                out.add(toWindow(p));
            }
        }
        pending.clear();
        return out;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException(recordId + ": windower already flushed");
        }
    }

    private float[] cut(Pending p, long clampHi) {
        long a = Math.max(p.lo, 0);
        long b = Math.min(p.hi, clampHi);
        if (b < a) {
            a = b; // whole window beyond the end: only the last sample is used
        }
        int len = (int) (b - a + 1);
        if (scratch.length < len) {
            scratch = new float[len];
        }
        for (int i = 0; i < len; i++) {
            scratch[i] = ring[(int) ((a + i) % capacity)];
        }
        float[] w = new float[total];
        WindowMath.extract(scratch, a, 0, clampHi, p.rPeak, before, total, ratio, w);
        WindowMath.normalise(w, config.normalisation());
        return w;
    }

    private void drain(List<BeatWindow> out) {
        while (!pending.isEmpty()) {
            Pending p = pending.peekFirst();
            if (p.window == null || p.nextDelta < 0) {
                return;
            }
            pending.removeFirst();
            out.add(toWindow(p));
        }
    }

    private BeatWindow toWindow(Pending p) {
        RrFeatures rr = WindowMath.rr(p.previousDelta, p.nextDelta, p.localSpan, p.localCount, sourceRateHz);
        return new BeatWindow(recordId, leadName, p.index, p.rPeak, config.targetRateHz(), before, p.window, rr);
    }

    /** The whole state as bytes: settings, ring buffer, beat history, waiting beats, baseline filter. */
    public byte[] snapshot() {
        DspState.Writer w = DspState.writer(KIND)
                .putString(recordId).putString(leadName).putDouble(sourceRateHz)
                .putString(config.toString()).putInt(capacity)
                .putLong(consumed).putLong(beatsSeen).putLong(lastPeak).putBoolean(finished);
        int kept = (int) Math.min(consumed, capacity);
        float[] tail = new float[kept];
        for (int i = 0; i < kept; i++) {
            tail[i] = ring[(int) ((consumed - kept + i) % capacity)];
        }
        w.putFloats(tail, 0, kept);
        w.putLongs(peakHistory, 0, peakHistory.length);
        long[] skip = skipped.stream().mapToLong(Long::longValue).toArray();
        w.putLongs(skip, 0, skip.length);
        w.putInt(pending.size());
        for (Pending p : pending) {
            w.putLong(p.index).putLong(p.rPeak).putLong(p.lo).putLong(p.hi).putLong(p.previousDelta)
                    .putLong(p.localSpan).putInt(p.localCount).putLong(p.nextDelta).putBoolean(p.window != null);
            if (p.window != null) {
                w.putFloats(p.window, 0, p.window.length);
            }
        }
        if (baseline != null) {
            w.putBytes(baseline.snapshot());
        }
        return w.toBytes();
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
        double rate = r.getDouble("sourceRateHz");
        String cfg = r.getString("config");
        int cap = r.getInt("capacity");
        if (!id.equals(recordId) || !lead.equals(leadName) || rate != sourceRateHz || !cfg.equals(config.toString())
                || cap != capacity) {
            throw r.mismatch("taken from a windower with other settings (" + id + "/" + lead + " at " + rate + " Hz, "
                    + cfg + ", ring " + cap + ")");
        }
        long cons = r.getLong("consumed");
        long beats = r.getLong("beatsSeen");
        long last = r.getLong("lastPeak");
        boolean fin = r.getBoolean("finished");
        float[] tail = r.getFloats("ring");
        long[] hist = r.getLongs("peakHistory");
        long[] skip = r.getLongs("skipped");
        int np = r.getInt("pending count");
        if (tail.length != Math.min(cons, capacity) || hist.length != peakHistory.length || np < 0) {
            throw r.mismatch("inconsistent ring (" + tail.length + " samples for " + cons + ") or beat history");
        }
        List<Pending> ps = new ArrayList<>();
        for (int i = 0; i < np; i++) {
            Pending p = new Pending();
            p.index = r.getLong("pending index");
            p.rPeak = r.getLong("pending rPeak");
            p.lo = r.getLong("pending lo");
            p.hi = r.getLong("pending hi");
            p.previousDelta = r.getLong("pending previousDelta");
            p.localSpan = r.getLong("pending localSpan");
            p.localCount = r.getInt("pending localCount");
            p.nextDelta = r.getLong("pending nextDelta");
            if (r.getBoolean("pending has window")) {
                p.window = r.getFloats("pending window");
                if (p.window.length != total) {
                    throw r.mismatch("pending window of " + p.window.length + " samples, expected " + total);
                }
            }
            ps.add(p);
        }
        byte[] stage = baseline != null ? r.getBytes("baseline") : null;
        r.end();
        if (stage != null) {
            baseline.restore(stage);
        }
        consumed = cons;
        beatsSeen = beats;
        lastPeak = last;
        finished = fin;
        for (int i = 0; i < tail.length; i++) {
            ring[(int) ((cons - tail.length + i) % capacity)] = tail[i];
        }
        System.arraycopy(hist, 0, peakHistory, 0, hist.length);
        skipped.clear();
        for (long s : skip) {
            skipped.add(s);
        }
        pending.clear();
        pending.addAll(ps);
    }
}

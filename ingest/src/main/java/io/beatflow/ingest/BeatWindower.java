package io.beatflow.ingest;

import io.beatflow.ingest.BeatWindowConfig.EdgePolicy;
import io.beatflow.ingest.internal.WindowMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts beat-centred windows from a whole record (offline).
 *
 * <p>For beat {@code i} at R-peak sample {@code r[i]}, the window spans
 * {@link BeatWindowConfig#secondsBefore()} before to {@link BeatWindowConfig#secondsAfter()}
 * after {@code r[i] / sourceRate}, sampled at {@link BeatWindowConfig#targetRateHz()}. Beats whose
 * window needs samples before 0 or after the last sample are skipped (reported) or edge-padded,
 * per {@link BeatWindowConfig#edges()}. RR features use every beat given, skipped or not. With a
 * {@linkplain BeatWindowConfig#baselineHighPassHz() baseline high-pass}, the whole lead is filtered
 * first, from its first sample. NaN samples are copied as they are. {@link IncrementalBeatWindower} gives identical windows from a
 * stream. Immutable and thread-safe.
 */
public final class BeatWindower {
    private final BeatWindowConfig config;

    /** A windower with the given configuration. */
    public BeatWindower(BeatWindowConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The configuration. */
    public BeatWindowConfig config() {
        return config;
    }

    /**
     * Windows the configured lead of {@code signal} at the given beats.
     *
     * @param rPeaks R-peak sample indices at the signal's rate, strictly increasing, non-negative
     * @throws IllegalArgumentException if the beats are not strictly increasing or the lead is absent
     */
    public BeatWindows window(Signal signal, long[] rPeaks) {
        int lead = config.leadIn(signal);
        return window(signal.name(), signal.leads().get(lead).name(), signal.physical(lead), signal.sampleRateHz(),
                rPeaks);
    }

    /**
     * Windows one lead given as an array.
     *
     * @param samples the lead, at {@code sampleRateHz}; not modified
     * @param rPeaks R-peak sample indices, strictly increasing, non-negative
     */
    public BeatWindows window(String recordId, String leadName, float[] samples, double sampleRateHz, long[] rPeaks) {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(leadName, "leadName");
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException(recordId + ": sampleRateHz must be positive, got " + sampleRateHz);
        }
        checkBeats(recordId, rPeaks);
        samples = BaselineStage.applyToLead(config, samples, sampleRateHz, recordId);
        int n = samples.length;
        int before = config.beforeSamples();
        int total = config.windowSamples();
        double ratio = sampleRateHz / config.targetRateHz();
        int localN = config.localRrBeats();
        List<BeatWindow> windows = new ArrayList<>(rPeaks.length);
        List<Integer> skipped = new ArrayList<>();
        float[] buf = new float[total];
        for (int i = 0; i < rPeaks.length; i++) {
            long r = rPeaks[i];
            long lo = WindowMath.firstNeeded(r, before, ratio);
            long hi = WindowMath.lastNeeded(r, before, total, ratio);
            if (n == 0 || (config.edges() == EdgePolicy.SKIP && (lo < 0 || hi > n - 1))) {
                skipped.add(i);
                continue;
            }
            WindowMath.extract(samples, 0, 0, n - 1, r, before, total, ratio, buf);
            WindowMath.normalise(buf, config.normalisation());
            int k = Math.min(i, localN);
            RrFeatures rr = WindowMath.rr(i > 0 ? r - rPeaks[i - 1] : -1,
                    i + 1 < rPeaks.length ? rPeaks[i + 1] - r : -1, k > 0 ? r - rPeaks[i - k] : 0, k, sampleRateHz);
            windows.add(new BeatWindow(recordId, leadName, i, r, config.targetRateHz(), before, buf, rr));
        }
        return new BeatWindows(windows, skipped);
    }

    static void checkBeats(String recordId, long[] rPeaks) {
        for (int i = 0; i < rPeaks.length; i++) {
            if (rPeaks[i] < 0) {
                throw new IllegalArgumentException(recordId + ": beat " + i + " at negative sample " + rPeaks[i]);
            }
            if (i > 0 && rPeaks[i] <= rPeaks[i - 1]) {
                throw new IllegalArgumentException(recordId + ": beats must be strictly increasing; beat " + i
                        + " at sample " + rPeaks[i] + " follows " + rPeaks[i - 1]);
            }
        }
    }
}

package io.beatflow.ingest;

import java.util.List;

/**
 * The windows cut from one record, and the beats left out.
 *
 * @param windows windows in beat order
 * @param skippedBeatIndices indices (into the beat list) of beats left out because their window
 *     reached beyond the signal ({@link BeatWindowConfig.EdgePolicy#SKIP}), ascending
 */
public record BeatWindows(List<BeatWindow> windows, List<Integer> skippedBeatIndices) {
    /** Copies both lists. */
    public BeatWindows {
        windows = List.copyOf(windows);
        skippedBeatIndices = List.copyOf(skippedBeatIndices);
    }
}

package io.beatflow.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Episodes of a record's reference annotations that the EC57 beat-by-beat comparison treats apart,
 * as the WFDB {@code bxb} program does (ANSI/AAMI EC57; bxb(1), WFDB Applications Guide,
 * https://physionet.org/physiotools/wag/bxb-1.htm):
 * <ul>
 *   <li>ventricular flutter or fibrillation, from a VFON ({@code [}) to the next VFOFF ({@code ]})
 *       annotation: reference annotations within are ignored, so no reference beat inside is
 *       scored, and a detection inside that pairs with no reference beat is not a false positive
 *       (VF is judged by VF detection statistics, not by QRS detection);</li>
 *   <li>shutdown, where no signal is readable, from a noise annotation ({@code ~}) whose subtype
 *       marks signals 0 and 1 unreadable (bits 4 and 5 set) to the next noise annotation that does
 *       not: a detection inside that pairs with no reference beat is not a false positive;
 *       reference beats inside are scored as usual.</li>
 * </ul>
 * Ranges are in samples, both ends included; {@code Long.MAX_VALUE} ends an episode that the
 * annotations never close.
 *
 * @param flutter ventricular flutter/fibrillation episodes
 * @param shutdown shutdown episodes
 */
public record ReferenceEpisodes(List<SampleRange> flutter, List<SampleRange> shutdown) {

    /** A range of samples, {@code from} to {@code to}, both included. */
    public record SampleRange(long from, long to) {
        /** Validates the range. */
        public SampleRange {
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("a sample range needs 0 <= from <= to, got " + from + ".." + to);
            }
        }

        /** Whether {@code sample} lies in the range. */
        public boolean contains(long sample) {
            return sample >= from && sample <= to;
        }

        /** Samples in the range (at most {@code Long.MAX_VALUE}). */
        public long length() {
            return to - from == Long.MAX_VALUE ? Long.MAX_VALUE : to - from + 1;
        }
    }

    /** No episodes: every reference beat and every detection is scored. */
    public static final ReferenceEpisodes NONE = new ReferenceEpisodes(List.of(), List.of());

    /** Copies the lists, sorted by start. */
    public ReferenceEpisodes {
        flutter = sorted(Objects.requireNonNull(flutter, "flutter"));
        shutdown = sorted(Objects.requireNonNull(shutdown, "shutdown"));
    }

    private static List<SampleRange> sorted(List<SampleRange> ranges) {
        return ranges.stream().map(r -> Objects.requireNonNull(r, "range")).sorted(Comparator.comparingLong(SampleRange::from))
                .toList();
    }

    /** Whether {@code sample} lies in a flutter/fibrillation episode. */
    public boolean inFlutter(long sample) {
        return inAny(flutter, sample);
    }

    /** Whether an unpaired detection at {@code sample} is left out of the false positives. */
    public boolean excusesDetectionAt(long sample) {
        return inAny(flutter, sample) || inAny(shutdown, sample);
    }

    private static boolean inAny(List<SampleRange> ranges, long sample) {
        for (SampleRange r : ranges) {
            if (r.from() > sample) {
                return false;
            }
            if (r.contains(sample)) {
                return true;
            }
        }
        return false;
    }
}

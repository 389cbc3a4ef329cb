package io.beatflow.ingest;

import java.util.List;
import java.util.Objects;

/**
 * Options for {@link WfdbReader}.
 *
 * @param verifyChecksums check every signal's 16-bit checksum and initial value against the header
 *     (default true); a mismatch is a {@link SignalFormatException}
 * @param highResolution for records with several samples per frame: bring every signal to the
 *     highest rate, repeating samples of slower signals (WFDB's {@code WFDB_HIGHRES} mode); the
 *     default (false) returns one value per signal per frame, the average of an oversampled signal's
 *     samples in the frame (WFDB's {@code WFDB_LOWRES} mode)
 * @param leads the lead names (signal descriptions, case-insensitive) to read, in the order wanted;
 *     empty = all signals in header order
 */
public record WfdbReadOptions(boolean verifyChecksums, boolean highResolution, List<String> leads) {
    public WfdbReadOptions {
        leads = List.copyOf(Objects.requireNonNull(leads, "leads"));
        for (String l : leads) {
            if (l.isBlank()) {
                throw new IllegalArgumentException("lead names must not be blank, got " + leads);
            }
        }
    }

    /** Checksums verified, low resolution, all leads. */
    public static WfdbReadOptions defaults() {
        return new WfdbReadOptions(true, false, List.of());
    }

    /** A copy with checksum verification switched on or off. */
    public WfdbReadOptions withVerifyChecksums(boolean verify) {
        return new WfdbReadOptions(verify, highResolution, leads);
    }

    /** A copy with high-resolution mode switched on or off. */
    public WfdbReadOptions withHighResolution(boolean high) {
        return new WfdbReadOptions(verifyChecksums, high, leads);
    }

    /** A copy that reads only the named leads, in this order. */
    public WfdbReadOptions withLeads(String... names) {
        return new WfdbReadOptions(verifyChecksums, highResolution, List.of(names));
    }
}

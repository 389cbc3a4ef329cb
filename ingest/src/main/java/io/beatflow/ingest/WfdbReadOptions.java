package io.beatflow.ingest;

import java.util.List;
import java.util.Objects;

/**
 * Options for {@link WfdbReader}.
 *
 * @param verifyChecksums check every signal's 16-bit checksum and initial value against the header
 *     (default true); a mismatch is a {@link SignalFormatException}. Both cover a signal file's
 *     every frame, so they are checked for the files a read covers whole: with a range
 *     ({@code fromFrame}, {@code toFrame}) that is part of a file, that file gets only its size checks
 * @param highResolution for records with several samples per frame: bring every signal to the
 *     highest rate, repeating samples of slower signals (WFDB's {@code WFDB_HIGHRES} mode); the
 *     default (false) returns one value per signal per frame, the average of an oversampled signal's
 *     samples in the frame (WFDB's {@code WFDB_LOWRES} mode)
 * @param leads the lead names (signal descriptions, case-insensitive) to read, in the order wanted;
 *     empty = all signals in header order
 * @param fromFrame the first frame to read (0 = the record's start). A frame is one sample of every
 *     signal, as the header's sample count counts them; in low resolution (the default) frame
 *     {@code f} is sample {@code f} of the returned signal, in high resolution it gives the
 *     samples {@code f * k} to {@code f * k + k - 1}, k being the most samples per frame
 * @param toFrame the end of the frames to read, exclusive, or {@link #END} for the record's end
 */
public record WfdbReadOptions(boolean verifyChecksums, boolean highResolution, List<String> leads, long fromFrame,
        long toFrame) {
    /** {@code toFrame} of a read that goes to the record's end. */
    public static final long END = -1;

    /**
     * @throws IllegalArgumentException if a lead name is blank, {@code fromFrame} is negative, or
     *     {@code toFrame} is neither {@link #END} nor at least {@code fromFrame}
     */
    public WfdbReadOptions {
        leads = List.copyOf(Objects.requireNonNull(leads, "leads"));
        for (String l : leads) {
            if (l.isBlank()) {
                throw new IllegalArgumentException("lead names must not be blank, got " + leads);
            }
        }
        if (fromFrame < 0) {
            throw new IllegalArgumentException("fromFrame must not be negative, got " + fromFrame);
        }
        if (toFrame != END && toFrame < fromFrame) {
            throw new IllegalArgumentException("toFrame " + toFrame + " is before fromFrame " + fromFrame
                    + " (END, -1, reads to the record's end)");
        }
    }

    /** The whole record: frames 0 to {@link #END}. */
    public WfdbReadOptions(boolean verifyChecksums, boolean highResolution, List<String> leads) {
        this(verifyChecksums, highResolution, leads, 0, END);
    }

    /** Checksums verified, low resolution, all leads, the whole record. */
    public static WfdbReadOptions defaults() {
        return new WfdbReadOptions(true, false, List.of());
    }

    /** A copy with checksum verification switched on or off. */
    public WfdbReadOptions withVerifyChecksums(boolean verify) {
        return new WfdbReadOptions(verify, highResolution, leads, fromFrame, toFrame);
    }

    /** A copy with high-resolution mode switched on or off. */
    public WfdbReadOptions withHighResolution(boolean high) {
        return new WfdbReadOptions(verifyChecksums, high, leads, fromFrame, toFrame);
    }

    /** A copy that reads only the named leads, in this order. */
    public WfdbReadOptions withLeads(String... names) {
        return new WfdbReadOptions(verifyChecksums, highResolution, List.of(names), fromFrame, toFrame);
    }

    /**
     * A copy that reads frames {@code fromFrame} to {@code toFrame} (exclusive; {@link #END} = the
     * record's end) only. The signal files are read from the first frame needed on (format 8, which
     * stores differences, from its start), so a short range of a long record is read quickly.
     */
    public WfdbReadOptions withRange(long fromFrame, long toFrame) {
        return new WfdbReadOptions(verifyChecksums, highResolution, leads, fromFrame, toFrame);
    }
}

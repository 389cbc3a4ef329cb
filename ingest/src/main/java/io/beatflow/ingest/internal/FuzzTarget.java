package io.beatflow.ingest.internal;

import io.beatflow.ingest.SignalFormatException;
import java.util.List;

/**
 * A parser under fuzzing: valid seed inputs, and an entry point that either accepts an input or
 * rejects it with a {@link SignalFormatException}. Any other exception is a defect.
 */
public interface FuzzTarget {
    /** Short name used in reports, e.g. {@code "wfdb-header"}. */
    String name();

    /** Valid inputs that mutations start from. */
    List<byte[]> seeds();

    /**
     * Parses the input fully.
     *
     * @throws SignalFormatException if the input is malformed (the expected way to reject it)
     */
    void parse(byte[] input) throws SignalFormatException;
}

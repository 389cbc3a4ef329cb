package io.beatflow.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A signal or annotation file (or message) is malformed: the bytes do not describe a valid record.
 *
 * <p>The message always names the file and the place of the defect, e.g. {@code "100.hea line 2:
 * unknown storage format 999"}, so that a user can find and fix it. The file and place are also
 * available as fields for programmatic handling.
 */
public class SignalFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String place;

    /**
     * @param source the file (or message key) that is malformed
     * @param place where in it, e.g. {@code "line 2"} or {@code "byte 1024"}; may be empty
     * @param problem what is wrong and, where possible, how to fix it
     */
    public SignalFormatException(String source, String place, String problem) {
        super(format(source, place, problem));
        this.source = Objects.requireNonNull(source, "source");
        this.place = place == null ? "" : place;
    }

    /** As {@link #SignalFormatException(String, String, String)} with the file name of {@code file}. */
    public SignalFormatException(Path file, String place, String problem) {
        this(String.valueOf(file), place, problem);
    }

    /** As above, keeping the low-level cause (e.g. an {@link java.io.EOFException}). */
    public SignalFormatException(Path file, String place, String problem, Throwable cause) {
        this(String.valueOf(file), place, problem);
        initCause(cause);
    }

    private static String format(String source, String place, String problem) {
        StringBuilder sb = new StringBuilder(String.valueOf(source));
        if (place != null && !place.isEmpty()) {
            sb.append(' ').append(place);
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file or message key the defect was found in. */
    public String source() {
        return source;
    }

    /** Where in the source, e.g. {@code "line 2"}; empty when the whole file is at fault. */
    public Optional<String> place() {
        return place.isEmpty() ? Optional.empty() : Optional.of(place);
    }
}

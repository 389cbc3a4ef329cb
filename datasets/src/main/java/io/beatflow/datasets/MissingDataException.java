package io.beatflow.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Records or files a command needs are not on disk; the message lists them and how to get them. */
public final class MissingDataException extends IOException {
    private final List<Path> missing;

    public MissingDataException(String message, List<Path> missing) {
        super(message);
        this.missing = List.copyOf(missing);
    }

    /** The files that were looked for and not found. */
    public List<Path> missing() {
        return missing;
    }
}

package io.beatflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Outputs written beside their target as {@code NAME.partial} and moved into place when whole. A
 * command stopped by a signal (Ctrl-C, kill) leaves none behind ({@link io.beatflow.ingest.PartialOutputs}).
 */
final class PartialFiles {
    private PartialFiles() {
    }

    /** {@code target}'s partial file, now in flight. */
    static Path begin(Path target) {
        return io.beatflow.ingest.PartialOutputs.track(target.resolveSibling(target.getFileName() + ".partial"));
    }

    /** Moves a whole partial file into place. */
    static void finish(Path partial, Path target) throws IOException {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        io.beatflow.ingest.PartialOutputs.untrack(partial);
    }

    /** Removes a partial file after a failure. */
    static void abandon(Path partial) throws IOException {
        Files.deleteIfExists(partial);
        io.beatflow.ingest.PartialOutputs.untrack(partial);
    }
}

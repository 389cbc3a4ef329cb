package io.beatflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outputs written beside their target as {@code NAME.partial} and moved into place when whole. A
 * command stopped by a signal (Ctrl-C, kill) runs no {@code finally} or catch block, only shutdown
 * hooks: the hook removes the partial files still being written, so nothing half-written is left.
 */
final class PartialFiles {
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : IN_FLIGHT) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // the process is ending: nothing more can be done about it
                }
            }
        }, "beatflow-remove-partial-outputs"));
    }

    private PartialFiles() {
    }

    /** {@code target}'s partial file, now in flight. */
    static Path begin(Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        IN_FLIGHT.add(partial);
        return partial;
    }

    /** Moves a whole partial file into place. */
    static void finish(Path partial, Path target) throws IOException {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        IN_FLIGHT.remove(partial);
    }

    /** Removes a partial file after a failure. */
    static void abandon(Path partial) throws IOException {
        Files.deleteIfExists(partial);
        IN_FLIGHT.remove(partial);
    }
}

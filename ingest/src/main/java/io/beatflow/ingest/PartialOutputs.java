package io.beatflow.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary files an output is being written into before it is moved into place. A process stopped
 * by a signal (Ctrl-C, kill) runs no {@code finally} or catch block, only shutdown hooks: the hook
 * removes the files still tracked, so that an interrupted command leaves nothing half-written.
 */
public final class PartialOutputs {
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

    private PartialOutputs() {
    }

    /** Tracks {@code partial}, which is being written: removed if the process is stopped now. */
    public static Path track(Path partial) {
        IN_FLIGHT.add(partial);
        return partial;
    }

    /** Stops tracking {@code partial} (moved into place, or removed). */
    public static void untrack(Path partial) {
        IN_FLIGHT.remove(partial);
    }
}

package io.beatflow.models;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file atomically: into a temporary file of its own beside the target, renamed into place
 * when whole, and removed when anything fails; two writers to one target never share a temporary
 * file.
 */
final class AtomicWrite {
    /**
     * Temporary files being written now. A process stopped by a signal (Ctrl-C, kill) runs no
     * {@code finally} block, only shutdown hooks: the hook removes these, so that an interrupted
     * training leaves its last whole checkpoint and no {@code .part} file.
     */
    private static final java.util.Set<Path> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : IN_FLIGHT) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // the process is ending: nothing more can be done about it
                }
            }
        }, "beatflow-remove-partial-files"));
    }

    private AtomicWrite() {
    }

    /** What fills the file. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static void to(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // not createTempFile: its owner-only permissions would follow the file into place
        Path tmp = dir.resolve(file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        IN_FLIGHT.add(tmp);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
            IN_FLIGHT.remove(tmp);
        }
    }
}

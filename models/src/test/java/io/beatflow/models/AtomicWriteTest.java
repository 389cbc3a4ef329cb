package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {
    /** Writes half a file into {@code args[0]} through AtomicWrite, then waits to be killed. */
    public static void main(String[] args) throws IOException {
        AtomicWrite.to(Path.of(args[0]), out -> {
            out.write(new byte[1024]);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A process killed (SIGTERM, as Ctrl-C's SIGINT) while writing leaves no .part file and no target. */
    @Test
    void aKilledWriterLeavesNoPartFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("best.zip");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), AtomicWriteTest.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try {
            String first = new String(p.getInputStream().readNBytes("writing".length()));
            assertEquals("writing", first);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(1, files.filter(f -> f.toString().endsWith(".part")).count(), "a .part file while writing");
            }
            p.destroy(); // SIGTERM: shutdown hooks run, finally blocks do not
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }
}

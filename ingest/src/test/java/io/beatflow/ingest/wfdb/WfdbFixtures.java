package io.beatflow.ingest.wfdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the tiny WFDB fixtures the tests use: a header text and signal bytes given by hand in each
 * test (never copies of PhysioNet files), named after what they exercise or their defect.
 */
final class WfdbFixtures {
    private WfdbFixtures() {
    }

    /** Bytes from unsigned values, e.g. {@code bytes(0xE8, 0xF3, 0xFE)}. */
    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Writes {@code <name>.hea} with the given lines (LF endings) and returns the record path. */
    static Path header(Path dir, String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name + ".hea"), String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
        return dir.resolve(name);
    }

    /** Writes a signal file. */
    static void data(Path dir, String fileName, byte[] content) throws IOException {
        Files.write(dir.resolve(fileName), content);
    }
}

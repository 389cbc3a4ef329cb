package io.beatflow.ingest.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the PhysioNet reference data (MIT-BIH Arrhythmia, NSTDB noise records) for tests.
 *
 * <p>The directory is taken from, in order: the environment variable {@code BEATFLOW_DATA}, the
 * system property {@code beatflow.data}, the build's default {@code BEATFLOW_DATA_DEFAULT} (the
 * {@code shared/data} folder beside the checkout) where it exists, then {@code ../shared/data} from the working
 * directory upwards. Tests that need the data call {@link #assumeMitdb()}, which skips them with
 * a reason when it is absent.
 */
public final class ReferenceData {
    private ReferenceData() {
    }

    /** The data root (which holds {@code mitdb/} and {@code nstdb/}), whether or not it exists. */
    public static Path root() {
        for (String candidate : new String[] {System.getenv("BEATFLOW_DATA"), System.getProperty("beatflow.data")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Path.of(candidate);
            }
        }
        String buildDefault = System.getenv("BEATFLOW_DATA_DEFAULT");
        if (buildDefault != null && Files.isDirectory(Path.of(buildDefault, "mitdb"))) {
            return Path.of(buildDefault);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path p = dir.resolve("../shared/data").normalize();
            if (Files.isDirectory(p.resolve("mitdb"))) {
                return p;
            }
            dir = dir.getParent();
        }
        return Path.of("../shared/data");
    }

    /** The MIT-BIH Arrhythmia Database directory. */
    public static Path mitdb() {
        return root().resolve("mitdb");
    }

    /** The Noise Stress Test Database directory (noise records bw, ma). */
    public static Path nstdb() {
        return root().resolve("nstdb");
    }

    /** Skips the calling test unless all 48 MIT-BIH records are present. */
    public static void assumeMitdb() {
        Path dir = mitdb();
        assumeTrue(Files.isRegularFile(dir.resolve("RECORDS")) && Files.isRegularFile(dir.resolve("234.dat")),
                () -> "MIT-BIH Arrhythmia Database not found at " + dir.toAbsolutePath()
                        + "; set BEATFLOW_DATA to the folder holding mitdb/ to run this test");
    }

    /** Skips the calling test unless the NSTDB noise records are present. */
    public static void assumeNstdb() {
        Path dir = nstdb();
        assumeTrue(Files.isRegularFile(dir.resolve("ma.dat")) && Files.isRegularFile(dir.resolve("bw.dat")),
                () -> "NSTDB noise records not found at " + dir.toAbsolutePath()
                        + "; set BEATFLOW_DATA to the folder holding nstdb/ to run this test");
    }

    /** The 48 MIT-BIH record names, from the database's RECORDS file. */
    public static List<String> mitdbRecords() {
        assumeMitdb();
        try (Stream<String> lines = Files.lines(mitdb().resolve("RECORDS"))) {
            return lines.map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The 44 non-paced MIT-BIH records (102, 104, 107 and 217 hold paced beats and are excluded). */
    public static List<String> mitdbNonPacedRecords() {
        return mitdbRecords().stream().filter(r -> !List.of("102", "104", "107", "217").contains(r)).toList();
    }
}

package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.testing.ReferenceData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloader against a local HTTP server that serves the real MIT-BIH Arrhythmia Database
 * folder as PhysioNet lays it out ({@code /files/mitdb/1.0.0/...}). The checksum list served as
 * {@code SHA256SUMS.txt} is PhysioNet's own published list for release 1.0.0
 * ({@code SHA256SUMS.physionet-mitdb-1.0.0.txt} in the data folder), narrowed to the files present,
 * so every downloaded file is verified against PhysioNet's hashes, not ours.
 */
@Tag("integration")
class PhysioNetDownloaderMitdbTest {
    @TempDir
    Path target;

    private TestFileServer server;
    private Path mitdb;
    private byte[] checksums;

    @BeforeEach
    void start() throws IOException {
        ReferenceData.assumeMitdb();
        mitdb = ReferenceData.mitdb();
        Path published = mitdb.resolve("SHA256SUMS.physionet-mitdb-1.0.0.txt");
        checksums = Files.readAllLines(published).stream()
                .filter(l -> l.length() > 65 && Files.isRegularFile(mitdb.resolve(l.substring(65).strip())))
                .collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.UTF_8);
        server = new TestFileServer("mitdb", "1.0.0", this::file);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private byte[] file(String name) {
        try {
            if (name.equals("SHA256SUMS.txt")) {
                return checksums;
            }
            Path p = mitdb.resolve(name).normalize();
            return p.getParent().equals(mitdb.normalize()) && Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private PhysioNetDownloader downloader() {
        return new PhysioNetDownloader(DownloadConfig.defaults().withBaseUri(server.base())
                .withRetries(3, Duration.ofMillis(10)));
    }

    /**
     * All 146 files of the release that are present (48 records x hea/dat/atr, RECORDS, ANNOTATORS)
     * arrive byte for byte, although the connection drops halfway through 100.dat (the download
     * resumes with a Range request) and 101.atr arrives corrupted once (it is fetched again).
     */
    @Test
    void downloadsTheWholeDatabaseThroughADroppedConnectionAndACorruptedFile() throws IOException {
        server.dropOnce.add("100.dat");
        server.corruptOnce.add("101.atr");
        PhysioNetDownloader.Result r = downloader().download("mitdb", "1.0.0", target,
                PhysioNetDownloader.ProgressListener.none());
        List<String> expected = new String(checksums, StandardCharsets.UTF_8).lines().map(l -> l.substring(65).strip())
                .sorted().toList();
        assertEquals(146, expected.size());
        assertEquals(expected, r.downloaded().stream().sorted().toList());
        for (String f : expected) {
            assertArrayEquals(Files.readAllBytes(mitdb.resolve(f)), Files.readAllBytes(target.resolve(f)), f);
        }
        assertTrue(server.requests.stream().anyMatch(q -> q.startsWith("100.dat bytes=") && !q.equals("100.dat bytes=0-")),
                "100.dat resumed with a Range request: " + server.requests);
        assertEquals(2, server.requests.stream().filter(q -> q.equals("101.atr")).count(), "101.atr fetched twice");
    }

    /** A file that stays corrupted fails the download with an error that names it. */
    @Test
    void aFileThatNeverMatchesItsChecksumIsNamed() {
        server.corruptAlways.add("102.hea");
        DownloadException e = assertThrows(DownloadException.class, () -> downloader().download("mitdb", "1.0.0", target,
                name -> name.startsWith("102."), PhysioNetDownloader.ProgressListener.none()));
        assertEquals(DownloadException.Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().startsWith("102.hea: SHA-256 mismatch"), e.getMessage());
    }
}

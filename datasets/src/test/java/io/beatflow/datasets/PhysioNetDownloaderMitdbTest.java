package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.beatflow.ingest.testing.ReferenceData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private HttpServer server;
    private Path mitdb;
    private byte[] checksums;
    private final Set<String> dropOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> corruptOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> corruptAlways = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        ReferenceData.assumeMitdb();
        mitdb = ReferenceData.mitdb();
        Path published = mitdb.resolve("SHA256SUMS.physionet-mitdb-1.0.0.txt");
        checksums = Files.readAllLines(published).stream()
                .filter(l -> l.length() > 65 && Files.isRegularFile(mitdb.resolve(l.substring(65).strip())))
                .collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String prefix = "/files/mitdb/1.0.0/";
        String path = ex.getRequestURI().getPath();
        String name = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(name + (range == null ? "" : " " + range));
        byte[] body;
        if (name.equals("SHA256SUMS.txt")) {
            body = checksums;
        } else if (!name.isEmpty() && !name.contains("/") && Files.isRegularFile(mitdb.resolve(name))) {
            body = Files.readAllBytes(mitdb.resolve(name));
        } else {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        if (corruptAlways.contains(name) || corruptOnce.remove(name)) {
            body = body.clone();
            body[body.length / 2] ^= 0x01;
        }
        int from = 0;
        if (range != null && range.startsWith("bytes=")) {
            from = Integer.parseInt(range.substring(6, range.indexOf('-')));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        OutputStream out = ex.getResponseBody();
        if (dropOnce.remove(name)) {
            out.write(body, from, (body.length - from) / 2);
            out.flush();
            ex.close(); // fewer bytes than announced: the connection drops mid-file
            return;
        }
        out.write(body, from, body.length - from);
        out.close();
    }

    private PhysioNetDownloader downloader() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/");
        return new PhysioNetDownloader(DownloadConfig.defaults().withBaseUri(base).withRetries(3, Duration.ofMillis(10)));
    }

    /**
     * All 146 files of the release that are present (48 records x hea/dat/atr, RECORDS, ANNOTATORS)
     * arrive byte for byte, although the connection drops halfway through 100.dat (the download
     * resumes with a Range request) and 101.atr arrives corrupted once (it is fetched again).
     */
    @Test
    void downloadsTheWholeDatabaseThroughADroppedConnectionAndACorruptedFile() throws IOException {
        dropOnce.add("100.dat");
        corruptOnce.add("101.atr");
        PhysioNetDownloader.Result r = downloader().download("mitdb", "1.0.0", target,
                PhysioNetDownloader.ProgressListener.none());
        List<String> expected = new String(checksums, StandardCharsets.UTF_8).lines().map(l -> l.substring(65).strip())
                .sorted().toList();
        assertEquals(146, expected.size());
        assertEquals(expected, r.downloaded().stream().sorted().toList());
        for (String f : expected) {
            assertArrayEquals(Files.readAllBytes(mitdb.resolve(f)), Files.readAllBytes(target.resolve(f)), f);
        }
        assertTrue(requests.stream().anyMatch(q -> q.startsWith("100.dat bytes=") && !q.equals("100.dat bytes=0-")),
                "100.dat resumed with a Range request: " + requests);
        assertEquals(2, requests.stream().filter(q -> q.equals("101.atr")).count(), "101.atr fetched twice");
    }

    /** A file that stays corrupted fails the download with an error that names it. */
    @Test
    void aFileThatNeverMatchesItsChecksumIsNamed() {
        corruptAlways.add("102.hea");
        DownloadException e = assertThrows(DownloadException.class, () -> downloader().download("mitdb", "1.0.0", target,
                name -> name.startsWith("102."), PhysioNetDownloader.ProgressListener.none()));
        assertEquals(DownloadException.Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().startsWith("102.hea: SHA-256 mismatch"), e.getMessage());
    }
}

package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloader against a local HTTP server on 127.0.0.1 that serves generated files (random
 * bytes, not PhysioNet data) under {@code /files/testdb/1.0.0/} with a SHA256SUMS.txt, and can
 * corrupt a file, drop the connection half way through a file once, or be down.
 */
class PhysioNetDownloaderTest {
    @TempDir
    Path tmp;

    private TestFileServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private List<String> requests;
    private byte[] small;
    private byte[] big;

    @BeforeEach
    void start() throws IOException {
        Random r = new Random(42);
        small = new byte[1000];
        big = new byte[300_000];
        r.nextBytes(small);
        r.nextBytes(big);
        served.put("a.dat", small);
        served.put("sub/b.dat", big);
        served.put("SHA256SUMS.txt", ("" + sha(small) + "  a.dat\n" + sha(big) + "  sub/b.dat\n").getBytes(StandardCharsets.UTF_8));
        server = new TestFileServer("testdb", "1.0.0", served::get);
        requests = server.requests;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PhysioNetDownloader downloader(URI base) {
        return new PhysioNetDownloader(DownloadConfig.defaults().withBaseUri(base).withRetries(3, Duration.ofMillis(10)));
    }

    private URI base() {
        return server.base();
    }

    @Test
    void downloadsAndVerifiesEveryListedFile() throws IOException {
        List<long[]> progress = new ArrayList<>();
        PhysioNetDownloader.Result r = downloader(base()).download("testdb", "1.0.0", tmp,
                (f, done, total) -> progress.add(new long[] {done, total}));
        assertArrayEquals(small, Files.readAllBytes(tmp.resolve("a.dat")));
        assertArrayEquals(big, Files.readAllBytes(tmp.resolve("sub/b.dat")));
        assertTrue(Files.isRegularFile(tmp.resolve("SHA256SUMS.txt")));
        assertEquals(List.of("a.dat", "sub/b.dat"), r.downloaded());
        assertEquals(301_000, r.bytesTransferred());
        long[] last = progress.get(progress.size() - 1);
        assertEquals(300_000, last[0]);
        assertEquals(300_000, last[1]);
        // a second run finds both files verified and fetches nothing but the list
        requests.clear();
        PhysioNetDownloader.Result again = downloader(base()).download("testdb", "1.0.0", tmp, PhysioNetDownloader.ProgressListener.none());
        assertEquals(List.of(), again.downloaded());
        assertEquals(List.of("SHA256SUMS.txt"), requests);
    }

    @Test
    void resumesWithRangeAfterTheConnectionDropsMidFile() throws IOException {
        server.dropOnce.add("sub/b.dat");
        downloader(base()).download("testdb", "1.0.0", tmp, PhysioNetDownloader.ProgressListener.none());
        assertArrayEquals(big, Files.readAllBytes(tmp.resolve("sub/b.dat")));
        assertFalse(Files.exists(tmp.resolve("sub/b.dat.part")));
        // the second request for b.dat asked for the rest only. The server sent the first half
        // (150000 bytes) before closing; the client resumes from what reached it, at most that
        // much (an abrupt close may lose the last bytes in flight), and never from zero.
        long resumedFrom = requests.stream().filter(q -> q.startsWith("sub/b.dat bytes="))
                .mapToLong(q -> Long.parseLong(q.substring("sub/b.dat bytes=".length(), q.length() - 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no Range request: " + requests));
        assertTrue(resumedFrom > 0 && resumedFrom <= 150_000, requests.toString());
    }

    @Test
    void resumesAPartFileLeftByAnEarlierRun() throws IOException {
        Files.createDirectories(tmp.resolve("sub"));
        Files.write(tmp.resolve("sub/b.dat.part"), java.util.Arrays.copyOf(big, 1234));
        downloader(base()).download("testdb", "1.0.0", tmp, PhysioNetDownloader.ProgressListener.none());
        assertArrayEquals(big, Files.readAllBytes(tmp.resolve("sub/b.dat")));
        assertTrue(requests.contains("sub/b.dat bytes=1234-"), requests.toString());
    }

    @Test
    void corruptedFileFailsNamingFileAndBothHashesAndIsKeptAsCorrupt() {
        server.corruptAlways.add("a.dat");
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(base()).download("testdb", "1.0.0", tmp, PhysioNetDownloader.ProgressListener.none()));
        assertEquals(DownloadException.Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().startsWith("a.dat: SHA-256 mismatch: expected " + sha(small) + ", got "), e.getMessage());
        byte[] bad = small.clone();
        bad[bad.length / 3] ^= 0x5A;
        assertTrue(e.getMessage().contains(sha(bad)), e.getMessage());
        assertTrue(Files.exists(tmp.resolve("a.dat.corrupt")));
        assertFalse(Files.exists(tmp.resolve("a.dat")));
        assertEquals(3, requests.stream().filter(q -> q.startsWith("a.dat")).count(), "three attempts");
    }

    @Test
    void notFoundNamesTheUrl() {
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(base()).download("nosuchdb", "1.0.0", tmp, PhysioNetDownloader.ProgressListener.none()));
        assertEquals(DownloadException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains(base() + "nosuchdb/1.0.0/SHA256SUMS.txt"), e.getMessage());
    }

    @Test
    void listedFileMissingOnTheServerNamesItsUrl() {
        served.remove("sub/b.dat");
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(base()).download("testdb", "1.0.0", tmp, PhysioNetDownloader.ProgressListener.none()));
        assertEquals(DownloadException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains(base() + "testdb/1.0.0/sub/b.dat"), e.getMessage());
    }

    @Test
    void serverDownSaysUnreachableAndSuggestsBaseUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        DownloadException e = assertThrows(DownloadException.class, () -> downloader(URI.create("http://127.0.0.1:" + port + "/files/"))
                .download("testdb", "1.0.0", tmp, PhysioNetDownloader.ProgressListener.none()));
        assertEquals(DownloadException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("cannot reach 127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("--base-url"), e.getMessage());
    }

    @Test
    void rejectsUnsafePathsInTheChecksumList() {
        served.put("SHA256SUMS.txt", (sha(small) + "  ../evil.dat\n").getBytes(StandardCharsets.UTF_8));
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(base()).download("testdb", "1.0.0", tmp, PhysioNetDownloader.ProgressListener.none()));
        assertEquals(DownloadException.Kind.BAD_CHECKSUM_LIST, e.kind());
        assertTrue(e.getMessage().contains("line 1: unsafe path '../evil.dat'"), e.getMessage());
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

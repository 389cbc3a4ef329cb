package io.beatflow.datasets;

import io.beatflow.datasets.DownloadException.Kind;
import io.beatflow.datasets.internal.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a PhysioNet database release and checks every file against the release's published
 * SHA-256 list.
 *
 * <p>PhysioNet serves each release under {@code <base>/<database>/<version>/} with a
 * {@code SHA256SUMS.txt} that lists {@code <sha256>  <path>} for every file (see e.g.
 * physionet.org/content/mitdb/1.0.0/). The downloader fetches that list, then each listed file
 * that is not already present with the right hash:
 * <ul>
 *   <li>into {@code <file>.part}, renamed to {@code <file>} only once its hash matches;</li>
 *   <li>resuming an interrupted {@code .part} with an HTTP {@code Range} request (a server that
 *       ignores the range and answers 200 simply sends the whole file again);</li>
 *   <li>retrying dropped connections, timeouts and 5xx answers with exponential backoff;</li>
 *   <li>a file whose hash does not match is renamed to {@code <file>.corrupt} (kept for
 *       inspection, replacing an older one) and fetched again from scratch; if it still does not
 *       match after the last attempt, a {@link DownloadException} of kind
 *       {@link Kind#CHECKSUM_MISMATCH} names the file, the expected and the actual hash.</li>
 * </ul>
 * A 404 fails at once ({@link Kind#NOT_FOUND}, naming the URL); a host that cannot be reached
 * fails after the retries ({@link Kind#UNREACHABLE}) with advice to use another base URL or to
 * copy the files by hand. Instances are immutable and may be shared.
 */
public final class PhysioNetDownloader {
    /** Name of the checksum list in every PhysioNet release. */
    public static final String CHECKSUM_LIST = "SHA256SUMS.txt";
    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-fA-F]{64})\\s+\\*?(\\S.*)");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

    /** Receives progress: bytes of {@code file} present so far and its size ({@code -1} if unknown). */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(String file, long bytesDone, long bytesTotal);

        /** A listener that ignores progress. */
        static ProgressListener none() {
            return (f, d, t) -> { };
        }
    }

    /**
     * What a download did.
     *
     * @param files every file of the release now present and verified, in list order
     * @param downloaded the files fetched in this run (the others were already present)
     * @param bytesTransferred bytes received in this run
     */
    public record Result(List<Path> files, List<String> downloaded, long bytesTransferred) {
        public Result {
            files = List.copyOf(files);
            downloaded = List.copyOf(downloaded);
        }
    }

    private final DownloadConfig config;
    private final HttpClient client;

    public PhysioNetDownloader(DownloadConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The URL of a file of a release. */
    public URI uriOf(String database, String version, String file) {
        return config.baseUri().resolve(database + "/" + version + "/" + file);
    }

    /** Downloads every file of a release into {@code targetDir}; see {@link #download(String, String, Path, Predicate, ProgressListener)}. */
    public Result download(String database, String version, Path targetDir, ProgressListener listener)
            throws DownloadException {
        return download(database, version, targetDir, f -> true, listener);
    }

    /**
     * Downloads the files of a release that {@code include} accepts into {@code targetDir}
     * (created if needed); the checksum list itself is saved there too as {@code SHA256SUMS.txt}.
     *
     * @param database PhysioNet database name, e.g. {@code mitdb}
     * @param version release, e.g. {@code 1.0.0}
     * @param include which listed paths to fetch, e.g. {@code p -> p.startsWith("100.")}
     * @throws DownloadException naming the URL or file and the reason when a file cannot be had
     */
    public Result download(String database, String version, Path targetDir, Predicate<String> include,
            ProgressListener listener) throws DownloadException {
        checkName("database", database);
        checkName("version", version);
        try {
            Files.createDirectories(targetDir);
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, "cannot create " + targetDir + ": " + e.getMessage(), e);
        }
        URI listUri = uriOf(database, version, CHECKSUM_LIST);
        byte[] listBytes = fetchSmall(listUri);
        Map<String, String> sums = parseSums(listBytes, listUri);
        write(targetDir.resolve(CHECKSUM_LIST), listBytes);
        List<Path> files = new ArrayList<>();
        List<String> downloaded = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, String> e : sums.entrySet()) {
            if (!include.test(e.getKey())) {
                continue;
            }
            Path target = targetDir.resolve(e.getKey()).normalize();
            if (Files.isRegularFile(target) && e.getValue().equals(hashOf(target))) {
                long size = size(target);
                listener.progress(e.getKey(), size, size);
                files.add(target);
                continue;
            }
            bytes += fetchVerified(uriOf(database, version, e.getKey()), e.getKey(), e.getValue(), target, listener);
            files.add(target);
            downloaded.add(e.getKey());
        }
        return new Result(files, downloaded, bytes);
    }

    private static void checkName(String what, String value) {
        if (value == null || !value.matches("[A-Za-z0-9._-]+") || value.contains("..")) {
            throw new IllegalArgumentException(what + " must be a plain name such as mitdb or 1.0.0, got '" + value + "'");
        }
    }

    /** Parses {@code <hex>  <path>} lines, rejecting absolute paths and {@code ..}. */
    static Map<String, String> parseSums(byte[] bytes, URI source) throws DownloadException {
        Map<String, String> sums = new LinkedHashMap<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = SUM_LINE.matcher(line);
            if (!m.matches()) {
                throw new DownloadException(Kind.BAD_CHECKSUM_LIST, source + " line " + (i + 1)
                        + ": expected '<64 hex digits>  <path>', got '" + line + "'");
            }
            String path = m.group(2).strip();
            if (path.startsWith("/") || path.contains("\\") || List.of(path.split("/")).contains("..")) {
                throw new DownloadException(Kind.BAD_CHECKSUM_LIST, source + " line " + (i + 1)
                        + ": unsafe path '" + path + "'");
            }
            sums.put(path, m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return sums;
    }

    private byte[] fetchSmall(URI uri) throws DownloadException {
        DownloadException last = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            backoff(attempt);
            try {
                HttpResponse<byte[]> r = client.send(request(uri, 0), HttpResponse.BodyHandlers.ofByteArray());
                checkStatus(uri, r.statusCode(), attempt);
                if (r.statusCode() == 200) {
                    return r.body();
                }
                last = new DownloadException(Kind.HTTP_ERROR, uri + ": HTTP " + r.statusCode());
            } catch (DownloadException e) {
                throw e;
            } catch (IOException e) {
                last = transportError(uri, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException(Kind.HTTP_ERROR, uri + ": interrupted", e);
            }
        }
        throw last;
    }

    /** Downloads one file through its .part, verifies it and moves it into place; returns bytes received. */
    private long fetchVerified(URI uri, String name, String expected, Path target, ProgressListener listener)
            throws DownloadException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long received = 0;
        DownloadException last = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            backoff(attempt);
            try {
                Files.createDirectories(target.getParent());
                long have = Files.isRegularFile(part) ? Files.size(part) : 0;
                HttpResponse<InputStream> r = client.send(request(uri, have), HttpResponse.BodyHandlers.ofInputStream());
                int status = r.statusCode();
                if (status == 416) {
                    // the .part is as long as the file or longer: it cannot be resumed
                    r.body().close();
                    Files.deleteIfExists(part);
                    last = new DownloadException(Kind.HTTP_ERROR, uri + ": range not satisfiable; restarting");
                    continue;
                }
                checkStatus(uri, status, attempt);
                if (status != 200 && status != 206) {
                    r.body().close();
                    last = new DownloadException(Kind.HTTP_ERROR, uri + ": HTTP " + status);
                    continue;
                }
                long total = totalSize(r, have);
                boolean append = status == 206;
                if (!append) {
                    have = 0;
                }
                try (InputStream in = r.body();
                        OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                    byte[] buf = new byte[64 * 1024];
                    long done = have;
                    listener.progress(name, done, total);
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        out.write(buf, 0, n);
                        done += n;
                        received += n;
                        listener.progress(name, done, total);
                    }
                }
                if (total >= 0 && Files.size(part) < total) {
                    last = new DownloadException(Kind.HTTP_ERROR, uri + ": connection closed after " + Files.size(part)
                            + " of " + total + " bytes");
                    continue;
                }
                String actual = hashOf(part);
                if (!actual.equals(expected)) {
                    Path corrupt = target.resolveSibling(target.getFileName() + ".corrupt");
                    Files.move(part, corrupt, StandardCopyOption.REPLACE_EXISTING);
                    last = new DownloadException(Kind.CHECKSUM_MISMATCH, name + ": SHA-256 mismatch: expected " + expected
                            + ", got " + actual + " (downloaded from " + uri + "; the bad copy is kept as " + corrupt + ")");
                    continue;
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return received;
            } catch (DownloadException e) {
                throw e;
            } catch (IOException e) {
                last = transportError(uri, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException(Kind.HTTP_ERROR, uri + ": interrupted", e);
            }
        }
        throw last;
    }

    private HttpRequest request(URI uri, long from) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.readTimeout()).GET();
        if (from > 0) {
            b.header("Range", "bytes=" + from + "-");
        }
        return b.build();
    }

    /** 404 fails at once; other 4xx fail at once too (retrying will not help); 5xx are retried. */
    private static void checkStatus(URI uri, int status, int attempt) throws DownloadException {
        if (status == 404) {
            throw new DownloadException(Kind.NOT_FOUND, "not found (HTTP 404): " + uri
                    + "; check the database name and version (see https://physionet.org/about/database/)");
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new DownloadException(Kind.HTTP_ERROR, uri + ": HTTP " + status);
        }
    }

    private static long totalSize(HttpResponse<?> r, long have) {
        if (r.statusCode() == 206) {
            String cr = r.headers().firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(cr);
            if (m.matches() && !m.group(3).equals("*")) {
                return Long.parseLong(m.group(3));
            }
            return r.headers().firstValueAsLong("Content-Length").stream().map(l -> l + have).findFirst().orElse(-1);
        }
        return r.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    private DownloadException transportError(URI uri, IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        boolean unreachable = e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof UnresolvedAddressException;
        if (unreachable) {
            return new DownloadException(Kind.UNREACHABLE, "cannot reach " + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + " (" + describe(root)
                    + ") after " + config.maxAttempts() + " attempts; this machine may be offline. Use --base-url to "
                    + "point at a reachable mirror, or copy the database files by hand into the target directory", e);
        }
        return new DownloadException(Kind.HTTP_ERROR, uri + ": " + describe(root) + " (after " + config.maxAttempts()
                + " attempts)", e);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private void backoff(int attempt) throws DownloadException {
        if (attempt == 1) {
            return;
        }
        long ms = config.initialBackoff().toMillis() << Math.min(attempt - 2, 5);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(Kind.HTTP_ERROR, "interrupted while waiting to retry", e);
        }
    }

    private static String hashOf(Path p) throws DownloadException {
        try {
            return Sha256.ofFile(p);
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path p) throws DownloadException {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path p, byte[] bytes) throws DownloadException {
        try {
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new DownloadException(Kind.LOCAL_IO, "cannot write " + p + ": " + e.getMessage(), e);
        }
    }
}

package io.beatflow.datasets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local HTTP server on 127.0.0.1 laid out as PhysioNet serves files
 * ({@code /files/<database>/<version>/<path>}), with single-range requests and injectable faults:
 * a connection dropped halfway through a file, a corrupted body once or always. Each request is
 * logged as {@code "<path>"} or {@code "<path> <Range header>"}.
 */
final class TestFileServer implements AutoCloseable {
    /** Paths whose next response stops after half the bytes and closes the connection. */
    final Set<String> dropOnce = ConcurrentHashMap.newKeySet();
    /** Paths whose next body has one byte changed. */
    final Set<String> corruptOnce = ConcurrentHashMap.newKeySet();
    /** Paths whose every body has one byte changed. */
    final Set<String> corruptAlways = ConcurrentHashMap.newKeySet();
    /** Requests in arrival order. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    private final String prefix;
    private final Function<String, byte[]> files;
    private final HttpServer server;

    /**
     * @param database and version make the served prefix {@code /files/<database>/<version>/}
     * @param files the body of a path below the prefix, or null for 404
     */
    TestFileServer(String database, String version, Function<String, byte[]> files) throws IOException {
        this.prefix = "/files/" + database + "/" + version + "/";
        this.files = files;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/", this::handle);
        server.start();
    }

    /** The base URL to give the downloader. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/");
    }

    private void handle(HttpExchange ex) throws IOException {
        String full = ex.getRequestURI().getPath();
        String path = full.startsWith(prefix) ? full.substring(prefix.length()) : "";
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(path + (range == null ? "" : " " + range));
        byte[] body = path.isEmpty() ? null : files.apply(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        if (corruptAlways.contains(path) || corruptOnce.remove(path)) {
            body = body.clone();
            body[body.length / 3] ^= 0x5A;
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
        if (dropOnce.remove(path)) {
            out.write(body, from, (body.length - from) / 2);
            out.flush();
            ex.close(); // fewer bytes than announced: the connection drops mid-file
            return;
        }
        out.write(body, from, body.length - from);
        out.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code beatflow download} against a local server with two generated files. */
class DownloadCommandTest {
    @TempDir
    Path tmp;

    @Test
    void downloadsVerifiesAndReportsProgress() throws Exception {
        byte[] a = "generated file a\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[5000];
        new java.util.Random(1).nextBytes(b);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        String sums = HexFormat.of().formatHex(md.digest(a)) + "  x1.hea\n" + HexFormat.of().formatHex(md.digest(b)) + "  x1.dat\n";
        Map<String, byte[]> files = Map.of("/files/tinydb/2.0/SHA256SUMS.txt", sums.getBytes(StandardCharsets.US_ASCII),
                "/files/tinydb/2.0/x1.hea", a, "/files/tinydb/2.0/x1.dat", b);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = files.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        server.start();
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = BeatflowCommand.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            Path to = tmp.resolve("tinydb");
            int rc = cl.execute("download", "tinydb", "--version", "2.0", "--to", to.toString(), "--base-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/files/");
            assertEquals(0, rc, err.toString());
            assertArrayEquals(b, Files.readAllBytes(to.resolve("x1.dat")));
            assertTrue(out.toString().contains("x1.dat") && out.toString().contains("5000 / 5000 bytes 100%"), out.toString());
            assertTrue(out.toString().contains("tinydb 2.0: 2 files verified"), out.toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unreachableServerIsABadInputErrorWithAdvice() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringWriter err = new StringWriter();
        CommandLine cl = BeatflowCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int rc = cl.execute("download", "mitdb", "--to", tmp.toString(), "--retries", "1", "--base-url",
                "http://127.0.0.1:" + port + "/files/");
        assertEquals(2, rc);
        assertTrue(err.toString().contains("cannot reach 127.0.0.1:" + port) && err.toString().contains("--base-url"),
                err.toString());
    }
}

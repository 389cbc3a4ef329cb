package io.beatflow.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Library and runtime versions recorded in model cards (from the build's filtered resource). */
final class Versions {
    /** The key of {@link #codeDigest()} in a card's versions. */
    static final String CODE_KEY = "beatflowCode";

    private static volatile String codeDigest;

    private Versions() {
    }

    static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/io/beatflow/models/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // versions are informative; a missing resource leaves them out
        }
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        m.put(CODE_KEY, codeDigest());
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    /**
     * {@code sha256:HEX} over the class files of beatflow's ingest, datasets and models modules
     * (each file's path and bytes, in path order, module after module), from their jars or class
     * folders: the same code gives the same digest whenever it was built, other code another. A
     * version number alone (such as a snapshot's) does not tell two builds apart.
     */
    static String codeDigest() {
        String d = codeDigest;
        if (d == null) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (Class<?> module : List.of(io.beatflow.ingest.Signal.class, io.beatflow.datasets.AamiClass.class,
                        Versions.class)) {
                    digest(Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI()), sha);
                }
                d = "sha256:" + HexFormat.of().formatHex(sha.digest());
            } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
                d = "unknown (" + e.getClass().getSimpleName() + ")";
            }
            codeDigest = d;
        }
        return d;
    }

    private static void digest(Path location, MessageDigest sha) throws IOException {
        if (Files.isDirectory(location)) {
            List<Path> classes;
            try (Stream<Path> files = Files.walk(location)) {
                classes = new ArrayList<>(files.filter(f -> f.toString().endsWith(".class"))
                        .map(location::relativize).toList());
            }
            classes.sort((a, b) -> a.toString().replace('\\', '/').compareTo(b.toString().replace('\\', '/')));
            for (Path c : classes) {
                update(sha, c.toString().replace('\\', '/'), Files.readAllBytes(location.resolve(c)));
            }
            return;
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            List<JarEntry> classes = new ArrayList<>(jar.stream().filter(e -> e.getName().endsWith(".class")).toList());
            classes.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (JarEntry e : classes) {
                try (InputStream in = jar.getInputStream(e)) {
                    update(sha, e.getName(), in.readAllBytes());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void update(MessageDigest sha, String name, byte[] bytes) {
        sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(bytes);
    }
}

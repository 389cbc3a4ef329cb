package io.beatflow.datasets;

import io.beatflow.datasets.internal.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A folder of built {@link BeatDataset}s, keyed by what they were built from.
 *
 * <p>The key ({@link #keyOf}) is the SHA-256 of the format version, the configuration text and,
 * for every input file, its name, size and bytes; so any change of data or settings gives a new
 * key and a stale entry is never read. Entries are files {@code <key>.bfds} in
 * {@link BeatDatasetFormat}; an entry that fails to read (damaged, truncated, older version) is
 * deleted and counts as a miss.
 *
 * @param dir the cache folder (created when first written)
 */
public record BeatDatasetCache(Path dir) {
    /** Environment variable naming the cache folder. */
    public static final String ENV = "BEATFLOW_CACHE";

    public BeatDatasetCache {
        Objects.requireNonNull(dir, "dir");
    }

    /** The cache at {@code $BEATFLOW_CACHE}, else {@code ~/.cache/beatflow}. */
    public static BeatDatasetCache standard() {
        return new BeatDatasetCache(defaultDir(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** The cache folder for an environment and home folder. */
    public static Path defaultDir(Map<String, String> env, Path home) {
        String e = env.get(ENV);
        return e != null && !e.isBlank() ? Path.of(e) : home.resolve(".cache").resolve("beatflow");
    }

    /**
     * The cache key of a build: SHA-256 (hex) over the format version, {@code config} and each
     * input file's name, size and bytes, in the order given.
     */
    public static String keyOf(List<Path> inputs, String config) throws IOException {
        MessageDigest md = Sha256.digest();
        md.update(("beatflow-dataset-v" + BeatDatasetFormat.VERSION + "\n" + config + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[1 << 16];
        for (Path p : inputs) {
            md.update((p.getFileName() + "\n" + Files.size(p) + "\n").getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(p)) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    md.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The file of an entry. */
    public Path fileOf(String key) {
        if (!key.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("cache key must be 64 lower-case hex digits, got '" + key + "'");
        }
        return dir.resolve(key + ".bfds");
    }

    /** The entry for a key, if present and intact; a damaged entry is deleted. */
    public Optional<BeatDataset> load(String key) {
        Path f = fileOf(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(BeatDatasetFormat.read(f));
        } catch (IOException e) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // a file that cannot be deleted will be overwritten by the next store
            }
            return Optional.empty();
        }
    }

    /** Stores an entry. */
    public void store(String key, BeatDataset dataset) throws IOException {
        BeatDatasetFormat.write(dataset, fileOf(key));
    }

    /** The keys present. */
    public List<String> keys() throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}\\.bfds"))
                        .map(n -> n.substring(0, 64)).sorted().forEach(out::add);
            }
        }
        return out;
    }
}

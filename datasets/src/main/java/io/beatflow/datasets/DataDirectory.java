package io.beatflow.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where PhysioNet databases live on this machine: a root folder with one sub-folder per database
 * ({@code mitdb/}, {@code nstdb/}, {@code incartdb/} ...).
 *
 * <p>The root is, in order: the environment variable {@code BEATFLOW_DATA}; {@code ../shared/data}
 * relative to the working directory, if it exists; otherwise {@code ./data}.
 *
 * @param root the folder that holds the database folders
 */
public record DataDirectory(Path root) {
    /** Environment variable that names the data root. */
    public static final String ENV = "BEATFLOW_DATA";

    public DataDirectory {
        Objects.requireNonNull(root, "root");
    }

    /** The data directory of this process (environment and working directory). */
    public static DataDirectory resolve() {
        return resolve(System.getenv(), Path.of("").toAbsolutePath());
    }

    /** The data directory for the given environment and working directory. */
    public static DataDirectory resolve(Map<String, String> env, Path workingDir) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataDirectory(Path.of(fromEnv));
        }
        Path shared = workingDir.resolve("../shared/data").normalize();
        if (Files.isDirectory(shared)) {
            return new DataDirectory(shared);
        }
        return new DataDirectory(workingDir.resolve("data"));
    }

    /** The folder of one database, e.g. {@code <root>/mitdb}. */
    public Path database(String name) {
        return root.resolve(name);
    }

    /**
     * Checks that every record has a file with each extension, e.g. {@code hea}, {@code dat},
     * {@code atr}.
     *
     * @param version the release to name in the download advice, e.g. {@code 1.0.0}
     * @throws MissingDataException listing every missing file (up to 20, then a count) and the
     *     {@code beatflow download} command that fetches them
     */
    public void requireRecords(String database, String version, List<String> records, List<String> extensions)
            throws MissingDataException {
        Path dir = database(database);
        List<Path> missing = new ArrayList<>();
        for (String r : records) {
            for (String ext : extensions) {
                Path p = dir.resolve(r + "." + ext);
                if (!Files.isRegularFile(p)) {
                    missing.add(p);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(missing.size()).append(" file(s) of database ").append(database).append(" missing under ")
                .append(dir.toAbsolutePath()).append(": ");
        for (int i = 0; i < Math.min(20, missing.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(missing.get(i).getFileName());
        }
        if (missing.size() > 20) {
            sb.append(" and ").append(missing.size() - 20).append(" more");
        }
        sb.append(". Get them with: beatflow download ").append(database).append(" --version ").append(version)
                .append(" --to ").append(dir.toAbsolutePath())
                .append(" (or set ").append(ENV).append(" to the folder that holds ").append(database).append("/)");
        throw new MissingDataException(sb.toString(), missing);
    }
}

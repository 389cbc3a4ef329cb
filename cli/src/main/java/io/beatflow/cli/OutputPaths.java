package io.beatflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Output paths, checked before the work that fills them: a command that runs for minutes should
 * not find out at the end that its output cannot be written, or write over one of its inputs.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Prepares the path of an output file: refused when it is a directory or one of {@code inputs}
     * (compared as files when both exist, else as normalised absolute paths); its parent directories
     * are made and must be writable.
     *
     * @param option the option that gave the path, for messages, e.g. {@code --out}
     * @throws IllegalArgumentException saying what is wrong and what to give instead
     */
    static Path file(String option, Path out, Collection<Path> inputs) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(option + " " + out + " is a directory: give the path of a file to write");
        }
        for (Path in : inputs) {
            if (same(in, out)) {
                throw new IllegalArgumentException(option + " " + out + " is an input of this command"
                        + (in.equals(out) ? "" : " (" + in + ")") + ": writing it would destroy it; give a new file");
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
            if (!Files.isWritable(parent)) {
                throw new IllegalArgumentException(option + " " + out + ": the directory " + parent + " is not writable");
            }
        }
        return out;
    }

    /**
     * Prepares an output directory: refused when the path is a file; made if missing, and must be writable.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Path directory(String option, Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file: give a directory (made if missing)");
        }
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + " " + dir + " is not writable");
        }
        return dir;
    }

    private static boolean same(Path a, Path b) throws IOException {
        if (Files.exists(a) && Files.exists(b)) {
            return Files.isSameFile(a, b);
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}

package io.beatflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns failures into one clear line on standard error and a non-zero exit status.
 *
 * <p>Bad input (malformed files, bad arguments, missing files) is the user's to fix, so it is
 * reported without a stack trace; anything else is a defect and keeps its trace. Set
 * {@code BEATFLOW_DEBUG=1} to see traces for every error.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parse) {
        Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        boolean debug = System.getenv("BEATFLOW_DEBUG") != null;
        String message = describe(e);
        cl.getErr().println(cl.getColorScheme().errorText("beatflow " + cl.getCommandName() + ": " + message));
        boolean userError = isUserError(e);
        // a GPU the backend cannot use is this machine's limit, not a defect: its message says it all
        boolean environment = e instanceof io.beatflow.models.UnsupportedDeviceException;
        if (debug || !(userError || environment)) {
            cl.getErr().print(trace(e));
        }
        return userError ? EXIT_BAD_INPUT : EXIT_FAILURE;
    }

    /** Bad input, the user's to fix (reported without a trace), rather than a defect. */
    static boolean isUserError(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        return t instanceof IOException || t instanceof IllegalArgumentException;
    }

    /** The one line that tells the user what failed. */
    static String describe(Throwable ex) {
        Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (e instanceof NoSuchFileException nsf) {
            return "file not found: " + nsf.getFile() + missingDirectory(nsf.getFile());
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getFile() != null) {
            return fileSystemMessage(fse);
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * One line for a file-system failure other than a missing file, whose own message is often the
     * bare path: a path that exists where a directory (or a new file) was to be made, a path that
     * is not a directory, a permission refused.
     */
    static String fileSystemMessage(java.nio.file.FileSystemException e) {
        String file = e.getFile();
        String reason = e.getReason() == null ? "" : " (" + e.getReason() + ")";
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            boolean regular = java.nio.file.Files.isRegularFile(java.nio.file.Path.of(file));
            return file + " already exists" + (regular ? " and is a file, where a directory or a new file was to be made:"
                    + " give another path, or move the file away" : "") + reason;
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return file + " is not a directory" + reason;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + file + reason;
        }
        return file + (e.getOtherFile() == null ? "" : " -> " + e.getOtherFile())
                + (e.getReason() == null ? ": " + e.getClass().getSimpleName() : ": " + e.getReason());
    }

    /**
     * " (the directory D does not exist)" when a directory on the way to {@code file} is missing
     * (as when an output goes into a directory not made yet), D the outermost missing one, the
     * first to make; else "".
     */
    static String missingDirectory(String file) {
        java.nio.file.Path parent;
        try {
            parent = file == null ? null : java.nio.file.Path.of(file).toAbsolutePath().getParent();
        } catch (java.nio.file.InvalidPathException e) {
            return "";
        }
        java.nio.file.Path missing = null;
        for (java.nio.file.Path p = parent; p != null && !java.nio.file.Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing == null ? "" : " (the directory " + missing + " does not exist)";
    }

    /**
     * What to tell the user when ND4J could not load a backend ({@code NoAvailableBackendException}
     * or a native library that did not link somewhere in the causes of {@code e}), or null when
     * {@code e} is something else.
     */
    static String backendFailure(Throwable e) {
        boolean noBackend = false;
        String link = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            noBackend |= t.getClass().getName().endsWith("NoAvailableBackendException");
            if (t instanceof UnsatisfiedLinkError u && link == null) {
                link = u.getMessage();
            }
        }
        if (!noBackend && link == null) {
            return null;
        }
        return "no ND4J backend could be loaded" + (link == null ? "" : " (" + link + ")") + ". A build with -Dcuda"
                + " needs an NVIDIA driver (libcuda.so.1) and a CUDA 11.6 runtime, or the org.bytedeco:cuda"
                + " linux-x86_64-redist jar; build without -Dcuda for the CPU backend. BEATFLOW_DEBUG=1 shows the trace.";
    }

    /**
     * The line for a Java heap that ran out: how much the JVM may take and how to give it more
     * ({@code BEATFLOW_JAVA_OPTS}, which the launcher passes to Java); null when {@code e} is not
     * an {@link OutOfMemoryError}.
     */
    static String outOfMemory(Throwable e, long maxHeapBytes) {
        if (!(e instanceof OutOfMemoryError)) {
            return null;
        }
        long gib = Math.max(1, (maxHeapBytes + (1L << 29)) >> 30);
        String heap = maxHeapBytes >= 1L << 30
                ? String.format(java.util.Locale.ROOT, "%.1f GiB", maxHeapBytes / (double) (1L << 30))
                : (maxHeapBytes >> 20) + " MiB";
        return String.format(java.util.Locale.ROOT, "out of memory (%s; Java may take %s here: by default a quarter of"
                + " the machine's memory). Long or many-lead records are held in memory whole (about 8 bytes per"
                + " sample of every lead read); give Java more, e.g. BEATFLOW_JAVA_OPTS=-Xmx%dg, or a shorter piece of"
                + " the record", e.getMessage(), heap, 2 * gib);
    }

    private static String trace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t == e ? "" : "Caused by: ").append(t.toString()).append(System.lineSeparator());
            for (StackTraceElement el : t.getStackTrace()) {
                out.append("\tat ").append(el.toString()).append(System.lineSeparator());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }
}

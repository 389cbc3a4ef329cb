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
        String message;
        if (e instanceof NoSuchFileException nsf) {
            message = "file not found: " + nsf.getFile();
        } else {
            message = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        cl.getErr().println(cl.getColorScheme().errorText("beatflow " + cl.getCommandName() + ": " + message));
        boolean userError = e instanceof IOException || e instanceof IllegalArgumentException;
        if (debug || !userError) {
            cl.getErr().print(trace(e));
        }
        return userError ? EXIT_BAD_INPUT : EXIT_FAILURE;
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

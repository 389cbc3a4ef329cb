package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A backend that does not load is explained in one line; other errors are left alone. */
class ErrorHandlerTest {
    /** A missing file whose directory is missing says which directory, for an output written into one not made yet. */
    @Test
    void missingDirectoriesAreNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertEquals("", ErrorHandler.missingDirectory(dir.resolve("absent.csv").toString()));
        assertEquals(" (the directory " + dir.resolve("runs") + " does not exist)",
                ErrorHandler.missingDirectory(dir.resolve("runs/cv/fold-0.csv").toString()));
        // through the command line, as a user meets it: an input in a directory that is not there
        CliRun r = CliRun.of("combine-predictions", "--base", dir.resolve("nope/base.csv").toString(), "--class",
                "S=" + dir.resolve("s.csv"), "--out", dir.resolve("out.csv").toString());
        assertEquals(ErrorHandler.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("file not found: " + dir.resolve("nope/base.csv") + " (the directory "
                + dir.resolve("nope") + " does not exist)"), r.err());
    }

    /** An output directory given as the path of an existing file is named as such, not as a bare path. */
    @Test
    void anExistingFileWhereADirectoryGoesIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("afile"), "hi");
        CliRun r = CliRun.of("synth", "--seconds", "10", "--out", file.toString());
        assertEquals(ErrorHandler.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains(file + " already exists and is a file, where a directory or a new file was to be made"),
                r.err());
        assertEquals("hi", java.nio.file.Files.readString(file));
    }

    /** Bad arguments are one line naming the command and the problem, and how to list the options; status 2. */
    @Test
    void badArgumentsAreOneLineNotTheUsage() {
        CliRun r = CliRun.of("train", "--out", "x.zip", "--bogus");
        assertEquals(ErrorHandler.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("beatflow train: Unknown option: '--bogus'\n(beatflow train --help lists the options)",
                r.err().strip().replace("\r", ""));
        CliRun typo = CliRun.of("detet");
        assertEquals(ErrorHandler.EXIT_BAD_INPUT, typo.exitCode());
        assertTrue(typo.err().contains("Did you mean: beatflow detect"), typo.err());
        assertTrue(!typo.err().contains("Usage:"), typo.err());
    }

    /** A GPU the backend cannot use ends in its one line and exit status 1, without a trace. */
    @Test
    void anUnusableGpuIsOneLine() {
        @picocli.CommandLine.Command(name = "score")
        class Score implements java.util.concurrent.Callable<Integer> {
            @Override
            public Integer call() {
                throw new io.beatflow.models.UnsupportedDeviceException("device 0: X cannot run them");
            }
        }
        java.io.StringWriter err = new java.io.StringWriter();
        int status = new picocli.CommandLine(new Score()).setExecutionExceptionHandler(new ErrorHandler())
                .setErr(new java.io.PrintWriter(err)).execute();
        assertEquals(ErrorHandler.EXIT_FAILURE, status);
        assertEquals("beatflow score: device 0: X cannot run them", err.toString().strip());
    }

    /** Every command answers --help; those with the standard options also --version. */
    @Test
    void everyCommandHasHelpAndTheVersion() {
        CliRun help = CliRun.of("download", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("--version=V"), help.out());
        CliRun version = CliRun.of("inspect", "--version");
        assertEquals(0, version.exitCode(), version.err());
        assertEquals(CliRun.of("--version").out(), version.out());
        assertTrue(!version.out().isBlank());
    }

    @Test
    void backendFailuresAreExplained() {
        // as a -Dcuda build fails on a machine without a driver: ND4J's own exception, two causes deep
        Throwable cuda = new ExceptionInInitializerError(new RuntimeException(
                new org.nd4j.linalg.factory.Nd4jBackend.NoAvailableBackendException("Please ensure ...")));
        String m = ErrorHandler.backendFailure(cuda);
        assertTrue(m != null && m.startsWith("no ND4J backend could be loaded") && m.contains("-Dcuda"), m);
        String link = ErrorHandler.backendFailure(new RuntimeException(new UnsatisfiedLinkError("libcuda.so.1: x")));
        assertTrue(link != null && link.contains("(libcuda.so.1: x)"), link);
        assertNull(ErrorHandler.backendFailure(new OutOfMemoryError("heap")));
        assertNull(ErrorHandler.backendFailure(new ExceptionInInitializerError(new IllegalStateException("other"))));
    }

    /** A heap too small says how much Java may take and how to give it more, doubled and rounded. */
    @Test
    void outOfMemoryIsExplained() {
        String m = ErrorHandler.outOfMemory(new OutOfMemoryError("Java heap space"), 6L << 30);
        assertTrue(m.startsWith("out of memory (Java heap space; Java may take 6.0 GiB here: by default") && m.contains(
                "BEATFLOW_JAVA_OPTS=-Xmx12g"), m);
        assertNull(ErrorHandler.outOfMemory(new IllegalStateException("x"), 1L << 30));
    }
}

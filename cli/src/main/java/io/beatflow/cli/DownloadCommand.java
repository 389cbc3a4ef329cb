package io.beatflow.cli;

import io.beatflow.datasets.DownloadConfig;
import io.beatflow.datasets.PhysioNetDownloader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow download DATABASE --to DIR [--base-url URL] [--version V]}: fetches a PhysioNet
 * release, checking every file's SHA-256, resuming partial files; prints one progress line per
 * file, updated in place.
 */
@Command(name = "download",
        description = "Download a PhysioNet database release (SHA-256 checked, resumable).")
final class DownloadCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    // not the standard help options: their --version would clash with the release's
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "DATABASE", description = "PhysioNet database name, e.g. mitdb, incartdb, svdb.")
    String database;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Target folder.")
    Path target;

    @Option(names = "--version", paramLabel = "V", defaultValue = "1.0.0", description = "Release (default: ${DEFAULT-VALUE}).")
    String version;

    @Option(names = "--base-url", paramLabel = "URL", defaultValue = "https://physionet.org/files/",
            description = "Server root holding <database>/<version>/ (default: ${DEFAULT-VALUE}).")
    URI baseUrl;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5", description = "Attempts per file (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (attempts < 1) {
            throw new IllegalArgumentException("--retries " + attempts + ": give at least 1 (attempts per file)");
        }
        DownloadConfig config = DownloadConfig.defaults().withBaseUri(baseUrl)
                .withRetries(attempts, DownloadConfig.defaults().initialBackoff());
        Progress progress = new Progress(out);
        PhysioNetDownloader.Result r;
        try {
            r = new PhysioNetDownloader(config).download(database, version, target, progress);
        } finally {
            progress.finish(); // ends the progress line, so an error starts on a line of its own
        }
        out.printf(Locale.ROOT, "%s %s: %d files verified in %s (%d downloaded, %.1f MB)%n", database, version,
                r.files().size(), target.toAbsolutePath(), r.downloaded().size(), r.bytesTransferred() / 1e6);
        out.flush();
        return 0;
    }

    /** One line per file, rewritten with a carriage return at most every 1 % of the file. */
    private static final class Progress implements PhysioNetDownloader.ProgressListener {
        private final PrintWriter out;
        private String file;
        private long lastPercent = -1;

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void progress(String f, long done, long total) {
            if (!f.equals(file)) {
                finish();
                file = f;
                lastPercent = -1;
            }
            long percent = total > 0 ? done * 100 / total : -1;
            if (percent != lastPercent || total <= 0) {
                lastPercent = percent;
                out.printf(Locale.ROOT, "\r%-24s %10d / %s bytes%s", f, done, total >= 0 ? Long.toString(total) : "?",
                        percent >= 0 ? String.format(Locale.ROOT, " %3d%%", percent) : "");
                out.flush();
            }
        }

        void finish() {
            if (file != null) {
                out.println();
                file = null;
            }
        }
    }
}

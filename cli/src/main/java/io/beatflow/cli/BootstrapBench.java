package io.beatflow.cli;

import io.beatflow.eval.BootstrapBenchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code beatflow bench bootstrap}: time of the record-level bootstrap of a five-class evaluation. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = "Times the record-resampling bootstrap (AUROC, AP, F1 per class) on synthetic predictions.")
final class BootstrapBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--beats", defaultValue = "50000", description = "Beats (default: ${DEFAULT-VALUE}).")
    int beats;

    @Option(names = "--records", defaultValue = "44", description = "Records the beats belong to (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--replicates", defaultValue = "2000", description = "Bootstrap replicates (default: ${DEFAULT-VALUE}).")
    int replicates;

    @Option(names = "--threads", defaultValue = "2", description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--runs", defaultValue = "7", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        BootstrapBenchmark.Result r = BootstrapBenchmark.run(beats, records, replicates, threads, runs);
        StringBuilder each = new StringBuilder();
        for (double m : r.millis()) {
            each.append(String.format(Locale.ROOT, " %.0f", m));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "record bootstrap: %d beats, %d records, 5 classes, %d replicates, %d threads:"
                + " median %.0f ms over %d runs (runs:%s ms)%n", beats, records, replicates, threads, r.medianMillis(),
                runs, each);
        out.flush();
        return 0;
    }
}

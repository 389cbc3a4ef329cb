package io.beatflow.cli;

import io.beatflow.datasets.internal.BeatDatasetBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code beatflow bench dataset}: build (from WFDB files) and cached load of the 48-record MIT-BIH beat dataset. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Times building the MIT-BIH beat dataset (48 records, reference beats) and loading it from the cache.",
            "Each run uses a fresh cache folder, so its first build is a real build."})
final class DatasetBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "3", description = "Runs, each with a fresh cache (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (int r = 1; r <= runs; r++) {
            Path cache = Files.createTempDirectory("beatflow-bench-dataset");
            out.println("run " + r + " (cache " + cache + ")");
            try {
                BeatDatasetBenchmark.run(cache, out);
            } finally {
                try (var files = Files.walk(cache)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            out.flush();
        }
        return 0;
    }
}

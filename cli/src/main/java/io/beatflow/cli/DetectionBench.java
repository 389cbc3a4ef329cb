package io.beatflow.cli;

import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code beatflow bench detection}: EC57 accuracy (clean and noise-stressed) and speed of a beat detector. */
@Command(name = "detection", mixinStandardHelpOptions = true,
        description = {"Beat detector accuracy (EC57) on the 44 non-paced MIT-BIH records, clean and noisy, and speed.",
            "Noise: NSTDB ma and bw at 12 and 6 dB. Speed: read + filter + detect over all 48 records."})
final class DetectionBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--detector", defaultValue = "adaptive",
            description = "adaptive (the default detector) or pan-tompkins (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--lead", defaultValue = "0", description = "Lead index (default: ${DEFAULT-VALUE}).")
    int lead;

    @Option(names = "--runs", defaultValue = "5", description = "Timed speed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--noise", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also score the noise-stressed records (default: on).")
    boolean noise;

    @Option(names = "--speed", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure speed (default: on).")
    boolean speed;

    @Option(names = "--tables", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print per-record tables (default: on).")
    boolean tables;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder holding mitdb/ and nstdb/ (default: $BEATFLOW_DATA or ../shared/data).")
    Path data;

    @Override
    public Integer call() throws IOException {
        DataDirectory dir = data == null ? DataDirectory.resolve() : new DataDirectory(data);
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, MitBih.recordNames(), List.of("hea", "dat", "atr"));
        if (noise) {
            dir.requireRecords("nstdb", "1.0.0", List.of("ma", "bw"), List.of("hea", "dat"));
        }
        DetectionBenchmark.run(dir.root(), detector, lead, runs, noise, speed, tables, spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return 0;
    }
}

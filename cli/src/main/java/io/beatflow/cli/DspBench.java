package io.beatflow.cli;

import io.beatflow.ingest.internal.DspBenchmarks;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code beatflow bench dsp}: single-thread throughput of each filter, the resampler and the windowers. */
@Command(name = "dsp", mixinStandardHelpOptions = true,
        description = "Single-thread throughput of the filters, resampler and windowers over a record-sized array.")
final class DspBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--samples", defaultValue = "650000", description = "Samples per round (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--rounds", defaultValue = "11", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed rounds (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() {
        if (samples < 1000 || rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("need --samples >= 1000, --rounds >= 1, --warmup >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("DSP throughput, one thread, " + samples + " samples per round, " + rounds + " rounds");
        for (DspBenchmarks.Result r : DspBenchmarks.run(samples, warmup, rounds)) {
            out.println(r);
        }
        out.flush();
        return 0;
    }
}

package io.beatflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code beatflow bench}: the benchmarks whose figures the READMEs quote. Each prints what it
 * measured, on how many runs, and the median.
 *
 * <p>The benchmark entry points live in the modules' {@code internal} packages: they are tools for
 * measuring the library, not part of its API.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a benchmark and prints its figures (medians of several runs).",
        subcommands = {
            FuzzBench.class,
            PipelineBench.class,
            DspBench.class,
            BootstrapBench.class,
            DatasetBench.class,
            DetectionBench.class,
            ModelsBench.class,
            SmoothingBench.class,
        })
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

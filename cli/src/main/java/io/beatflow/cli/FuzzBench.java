package io.beatflow.cli;

import io.beatflow.ingest.internal.EdfFuzzTarget;
import io.beatflow.ingest.internal.FuzzTarget;
import io.beatflow.ingest.internal.ParserFuzzer;
import io.beatflow.ingest.internal.WfdbAnnotationFuzzTarget;
import io.beatflow.ingest.internal.WfdbHeaderFuzzTarget;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code beatflow bench fuzz}: seeded mutation fuzzing of the WFDB header, annotation and EDF parsers. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Fuzzes the WFDB header, WFDB annotation and EDF parsers with seeded mutations.",
            "Only SignalFormatException may escape a parser; any other exception is reported with its input.",
            "Exit status 1 if any target failed."})
final class FuzzBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60",
            description = "Time per parser (default: ${DEFAULT-VALUE} s).")
    long seconds;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<FuzzTarget> targets = List.of(new WfdbHeaderFuzzTarget(), new WfdbAnnotationFuzzTarget(), new EdfFuzzTarget());
        ParserFuzzer fuzzer = new ParserFuzzer(seed, 10);
        int failed = 0;
        out.printf(Locale.ROOT, "%-16s %10s %10s %10s %9s %8s%n", "parser", "inputs", "accepted", "rejected", "failures", "seconds");
        for (FuzzTarget t : targets) {
            long start = System.nanoTime();
            ParserFuzzer.Report r = fuzzer.run(t, Long.MAX_VALUE, seconds * 1000);
            double took = (System.nanoTime() - start) / 1e9;
            long failures = r.iterations() - r.accepted() - r.rejected();
            out.printf(Locale.ROOT, "%-16s %10d %10d %10d %9d %8.1f%n", r.target(), r.iterations(), r.accepted(),
                    r.rejected(), failures, took);
            r.failures().forEach(f -> out.println("  FAILURE " + f));
            out.flush();
            failed += failures > 0 ? 1 : 0;
        }
        out.printf(Locale.ROOT, "seed %d; %s%n", seed, failed == 0 ? "no unexpected exception" : failed + " parser(s) failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}

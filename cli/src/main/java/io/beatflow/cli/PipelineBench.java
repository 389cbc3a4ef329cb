package io.beatflow.cli;

import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import io.beatflow.ingest.BandPassConfig;
import io.beatflow.ingest.BandPassFilter;
import io.beatflow.ingest.BeatDetectors;
import io.beatflow.ingest.BeatWindowConfig;
import io.beatflow.ingest.BeatWindower;
import io.beatflow.ingest.BeatWindows;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code beatflow bench pipeline}: read + filter + detect + window over all 48 MIT-BIH records on one
 * thread, the offline path a researcher runs to build a dataset.
 *
 * <p>Per record: {@link WfdbReader} decodes both leads (format 212, checksums verified) into
 * physical units; lead 0 is band-passed 0.5-40 Hz zero-phase ({@link BandPassFilter}); the default
 * detector finds the beats on lead 0 ({@link BeatDetectors}); {@link BeatWindower} cuts 256-sample
 * windows with RR features around each beat from the filtered lead. Throughput counts every sample
 * read (48 x 650,000 x 2 = 62.4 M) per second of the thread's CPU time (one core), and also per
 * second of wall time.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Read + band-pass + detect + window over all 48 MIT-BIH records on one thread.",
            "Prints each run and the median throughput in samples per second per core."})
final class PipelineBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "7", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured warm-up runs (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder holding mitdb/ (default: $BEATFLOW_DATA or ../shared/data).")
    Path data;

    private long sink;

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("--runs must be >= 1 and --warmup >= 0, got " + runs + " and " + warmup);
        }
        DataDirectory dir = data == null ? DataDirectory.resolve() : new DataDirectory(data);
        List<String> records = MitBih.recordNames();
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, records, List.of("hea", "dat"));
        Path mitdb = dir.database(MitBih.DATABASE);
        PrintWriter out = spec.commandLine().getOut();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        out.printf(Locale.ROOT, "pipeline: %d MIT-BIH records from %s; read 2 leads, band-pass + detect + window lead 0%n",
                records.size(), mitdb.toAbsolutePath());
        out.printf(Locale.ROOT, "%-8s %12s %10s %10s %10s %10s %10s %14s %14s%n", "run", "samples", "cpu_ms",
                "wall_ms", "read_ms", "filter_ms", "detect_ms", "window_ms", "Msamples/s/core");
        double[] rates = new double[runs];
        double[] wallRates = new double[runs];
        for (int r = -warmup; r < runs; r++) {
            long[] stage = new long[4];
            long samples = 0;
            long windows = 0;
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (String name : records) {
                long t0 = System.nanoTime();
                Signal s = WfdbReader.read(mitdb.resolve(name));
                long t1 = System.nanoTime();
                float[] filtered = new BandPassFilter(BandPassConfig.ecg(s.sampleRateHz())).applyZeroPhase(s.physical(0));
                long t2 = System.nanoTime();
                long[] beats = BeatDetectors.detect(s, 0);
                long t3 = System.nanoTime();
                BeatWindows w = new BeatWindower(BeatWindowConfig.samples256At360())
                        .window(s.name(), s.leads().get(0).name(), filtered, s.sampleRateHz(), beats);
                long t4 = System.nanoTime();
                stage[0] += t1 - t0;
                stage[1] += t2 - t1;
                stage[2] += t3 - t2;
                stage[3] += t4 - t3;
                samples += (long) s.length() * s.leadCount();
                windows += w.windows().size();
            }
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wallSeconds = (System.nanoTime() - wall0) / 1e9;
            sink += windows;
            double rate = samples / cpuSeconds / 1e6;
            out.printf(Locale.ROOT, "%-8s %12d %10.0f %10.0f %10.0f %10.0f %10.0f %14.0f %14.1f%n",
                    r < 0 ? "warmup" : String.valueOf(r + 1), samples, cpuSeconds * 1e3, wallSeconds * 1e3,
                    stage[0] / 1e6, stage[1] / 1e6, stage[2] / 1e6, stage[3] / 1e6, rate);
            out.flush();
            if (r >= 0) {
                rates[r] = rate;
                wallRates[r] = samples / wallSeconds / 1e6;
            }
        }
        out.printf(Locale.ROOT, "median of %d runs: %.1f M samples/s per core (CPU time), %.1f M samples/s (wall time); %d windows per run%n",
                runs, median(rates), median(wallRates), sink / (runs + warmup));
        out.flush();
        return 0;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}

package io.beatflow.cli;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.BeatDatasetCache;
import io.beatflow.datasets.Corpus;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelCard;
import io.beatflow.models.MorphologySmoothing;
import io.beatflow.models.internal.DatasetContexts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow bench smoothing}: beats per second of a decision rule's morphology smoothing alone,
 * on the reference beats of MIT-BIH records with the shipped model's windows and smoothing.
 */
@Command(name = "smoothing", mixinStandardHelpOptions = true,
        description = {"Times the morphology smoothing of the shipped model's decision rule alone (no network) on the"
                + " reference beats of MIT-BIH records, records side by side on --threads threads.",
            "The probabilities smoothed are random (seeded); the time does not depend on them."})
final class SmoothingBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--threads", defaultValue = "2", description = "Records smoothed side by side (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs, after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--data", paramLabel = "DIR", description = "Data root holding mitdb/ (default: $BEATFLOW_DATA, else"
            + " ../shared/data, else ./data).")
    Path data;

    @Parameters(arity = "0..*", paramLabel = "RECORD", defaultValue = "DS2",
            description = "MIT-BIH record names, or DS1 / DS2 (default: ${DEFAULT-VALUE}).")
    List<String> records;

    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException {
        if (threads < 1 || runs < 1) {
            throw new IllegalArgumentException("--threads and --runs must be at least 1, got " + threads + " and " + runs);
        }
        ModelCard card = ModelBundle.load(ModelBundle.resolve(ModelBundle.BUILT_IN)).card();
        MorphologySmoothing.Settings settings = card.decision().smoothing();
        if (settings == null) {
            throw new IllegalStateException("the shipped model's decision rule has no smoothing to time");
        }
        List<String> names = BeatPredictionRun.recordNames(records);
        DataDirectory dir = data != null ? new DataDirectory(data) : DataDirectory.resolve();
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, names, List.of("hea", "dat", "atr"));
        BeatDataset d = new BeatDatasetBuilder(card.input().windowConfig(), BeatDatasetBuilder.Mode.REFERENCE,
                BeatDatasetCache.standard()).build(Corpus.MITDB, dir.database(MitBih.DATABASE), names);
        List<String> classes = card.classNames();
        double[] millis = new double[runs];
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            for (int r = -1; r < runs; r++) {
                float[][] p = randomRows(d.size(), classes.size(), 42 + r);
                long t0 = System.nanoTime();
                pool.submit(() -> DatasetContexts.smooth(d, p, settings, classes)).get();
                if (r >= 0) {
                    millis[r] = (System.nanoTime() - t0) / 1e6;
                }
            }
        } finally {
            pool.shutdown();
        }
        double median = PipelineBench.median(millis.clone());
        StringBuilder each = new StringBuilder();
        for (double m : millis) {
            each.append(String.format(Locale.ROOT, " %.0f", m));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "morphology smoothing (%s, last %d beats, bandwidth %s): %d beats of %d record%s, %d"
                + " thread(s): median %.0f ms over %d runs, %.0f beats/s (runs:%s ms)%n", settings.className(),
                settings.pastBeats(), settings.bandwidth(), d.size(), names.size(), names.size() == 1 ? "" : "s", threads,
                median, runs,
                d.size() / (median / 1000), each);
        out.flush();
        return 0;
    }

    /** Rows of random probabilities that sum to 1. */
    private static float[][] randomRows(int n, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] p = new float[n][k];
        for (float[] row : p) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                row[c] = (float) random.nextDouble();
                sum += row[c];
            }
            for (int c = 0; c < k; c++) {
                row[c] /= (float) sum;
            }
        }
        return p;
    }
}

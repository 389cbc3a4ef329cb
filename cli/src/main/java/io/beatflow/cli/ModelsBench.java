package io.beatflow.cli;

import io.beatflow.models.Architecture;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.internal.ModelBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code beatflow bench models}: parameters, inference and training throughput of each
 * architecture's default configuration ({@link ModelBenchmark}), plus the end-to-end
 * {@code Predictor} time of the CNN. With {@code --config-out DIR} each architecture's model card
 * ({@code ARCH.json}, the configuration as a bundle stores it) and the figures
 * ({@value #RESULTS_FILE}) are written there for {@code bench/torch_models_peer.py}.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Parameters and inference / training beats per second of each architecture's default"
                + " configuration (fresh seeded networks, synthetic beats; medians of timed repeats).")
final class ModelsBench implements Callable<Integer> {
    /** Name of the tab-separated figures file written into {@code --config-out}. */
    static final String RESULTS_FILE = "dl4j-results.tsv";
    /** Batches per call in the Predictor-with-workers figures (so that every worker has batches to take). */
    static final int PREDICT_BATCHES_PER_CALL = 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--batch", defaultValue = "256", description = "Beats per pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--repeats", defaultValue = "7", description = "Timed passes (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Untimed passes go on until this many"
            + " seconds have gone, when --warmup is above 0: ND4J's per-op Java code needs hundreds of passes before"
            + " the JIT has compiled it (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--arch", split = ",", description = "Architectures, comma-separated: cnn, bilstm, attention,"
            + " transformer (default: all).")
    List<String> arch;

    @Option(names = "--threads", defaultValue = "2", description = "ND4J / OpenMP / BLAS threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--workers", paramLabel = "W", description = "Also time W copies of each network side by side,"
            + " each called by its own thread with an equal share of --threads, as a Predictor with W workers runs"
            + " them; 1 skips this (default: the value of --threads).")
    Integer workers;

    @Option(names = "--input", paramLabel = "INPUT", defaultValue = "plain", description = "Model input: 'plain'"
            + " (InputSpec.mitBih256: the window and six RR values), 'context' (InputSpec.mitBih256Context: a second"
            + " channel against the patient's median beat and three long-term RR values), 'context-irregularity'"
            + " (context and the RR irregularity) or 'context-long' (context over 1.42 s at 180 Hz) (default:"
            + " ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights and synthetic beats (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--profile", description = "Also print the per-op time shares of the CNN forward pass,"
            + " through beatflow's inference path and through DL4J's own ComputationGraph.output.")
    boolean profile;

    @Option(names = "--config-out", paramLabel = "DIR", description = "Folder for each architecture's model card"
            + " JSON and " + RESULTS_FILE + ".")
    Path configOut;

    @Override
    public Integer call() throws IOException {
        List<Architecture> archs = new ArrayList<>();
        for (String a : arch == null ? List.of("cnn", "bilstm", "attention", "transformer") : arch) {
            archs.add(Architecture.of(a));
        }
        InputSpec inputSpec = TrainingOptions.inputSpec(input);
        ModelBenchmark.Settings s = new ModelBenchmark.Settings(batch, repeats, warmup, warmupSeconds, seed);
        int w = workers == null ? threads : workers;
        if (w < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + w);
        }
        ModelBenchmark.useThreads(threads);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "models benchmark: default configurations (input %s), fresh networks"
                + " (seed %d), synthetic beats; batch %d, median of %d timed passes after at least %d warm-up passes"
                + " and %.0f s%n", input, seed, batch, repeats, warmup, warmup > 0 ? warmupSeconds : 0.0);
        out.println("backend: " + ModelBenchmark.environment());
        String sideBySide = w == 1 ? "" : "infer " + w + "x beats/s";
        out.printf(Locale.ROOT, "%-12s %7s %8s %9s %13s %16s %10s %13s%n", "arch", "input", "params", "infer ms",
                "infer beats/s", sideBySide, "train ms", "train beats/s");
        out.flush();
        List<ModelBenchmark.Result> results = new ArrayList<>();
        for (Architecture a : archs) {
            ModelConfig config = ModelConfig.defaults(a, inputSpec);
            ModelBenchmark.Result r = ModelBenchmark.measure(config, s, w);
            results.add(r);
            out.printf(Locale.ROOT, "%-12s %7s %8d %9.2f %13.0f %16s %10.2f %13.0f%n", a.id(),
                    r.channels() + "x" + r.windowSamples() + "+" + r.rrInputs(), r.parameters(),
                    ModelBenchmark.median(r.inferenceMillis()), r.inferenceBeatsPerSecond(),
                    w == 1 ? "" : String.format(Locale.ROOT, "%.0f", r.workersInferenceBeatsPerSecond()),
                    ModelBenchmark.median(r.trainingMillis()), r.trainingBeatsPerSecond());
            out.flush();
        }
        if (archs.contains(Architecture.CNN)) {
            ModelConfig cnn = ModelConfig.defaults(Architecture.CNN, inputSpec);
            double[] dl4j = ModelBenchmark.measureGraphOutput(cnn, s);
            out.printf(Locale.ROOT, "cnn forward by DL4J's own ComputationGraph.output, for comparison: median %.2f ms,"
                    + " %.0f beats/s%n", ModelBenchmark.median(dl4j), batch / ModelBenchmark.median(dl4j) * 1000);
            ModelBenchmark.PredictorResult p = ModelBenchmark.measurePredictor(cnn, s);
            double total = ModelBenchmark.median(p.predictMillis());
            double conversion = ModelBenchmark.median(p.conversionMillis());
            out.printf(Locale.ROOT, "cnn Predictor.predict end to end (%d windows per call, input conversion"
                    + " included): median %.2f ms, %.0f beats/s; conversion alone median %.2f ms (%.1f%%)%n",
                    p.batch(), total, p.beatsPerSecond(), conversion, 100 * conversion / total);
            if (w > 1) {
                for (int k : new int[] {1, w}) {
                    double[] bps = ModelBenchmark.measurePredictorWorkers(cnn, s, k, PREDICT_BATCHES_PER_CALL);
                    out.printf(Locale.ROOT, "cnn Predictor.predict end to end with %d worker%s (%d windows per call in"
                            + " batches of %d, input conversion included): median %.0f beats/s%n", k, k == 1 ? "" : "s",
                            PREDICT_BATCHES_PER_CALL * batch, batch, ModelBenchmark.median(bps));
                    out.flush();
                }
            }
        }
        if (profile && archs.contains(Architecture.CNN)) {
            ModelConfig cnn = ModelConfig.defaults(Architecture.CNN, inputSpec);
            for (boolean own : new boolean[] {false, true}) {
                out.printf(Locale.ROOT, "cnn forward, per-op profile over %d passes of %d beats, %s:%n", repeats, batch,
                        own ? "DL4J's own ComputationGraph.output" : "BeatNetwork.output (beatflow's inference path)");
                out.println(ModelBenchmark.profileForward(cnn, s, own).strip().indent(2).stripTrailing());
            }
        }
        out.println("input: channels x samples + RR values per beat; infer: BeatNetwork.output (Predictor's call"
                + " per batch)" + (w == 1 ? "" : "; infer " + w + "x: " + w + " copies side by side, "
                + ModelBenchmark.PASSES_PER_ROUND + " passes each per timed round") + "; train: one optimiser step"
                + " (BeatNetwork.fit)");
        out.flush();
        if (configOut != null) {
            write(configOut, results);
            out.println("model cards and figures written to " + configOut);
            out.flush();
        }
        return 0;
    }

    private void write(Path dir, List<ModelBenchmark.Result> results) throws IOException {
        Files.createDirectories(dir);
        StringBuilder tsv = new StringBuilder(
                "arch\tparams\tchannels\twindow_samples\trr_inputs\tbatch\tinfer_beats_per_s\ttrain_beats_per_s\tworkers"
                + "\tinfer_workers_beats_per_s\n");
        for (ModelBenchmark.Result r : results) {
            Files.writeString(dir.resolve(r.architecture().id() + ".json"), r.cardJson(), StandardCharsets.UTF_8);
            tsv.append(String.format(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%d\t%.1f%n",
                    r.architecture().id(), r.parameters(), r.channels(), r.windowSamples(), r.rrInputs(), r.batch(),
                    r.inferenceBeatsPerSecond(), r.trainingBeatsPerSecond(), r.workers(),
                    r.workers() == 1 ? r.inferenceBeatsPerSecond() : r.workersInferenceBeatsPerSecond()));
        }
        Files.writeString(dir.resolve(RESULTS_FILE), tsv.toString(), StandardCharsets.UTF_8);
    }
}

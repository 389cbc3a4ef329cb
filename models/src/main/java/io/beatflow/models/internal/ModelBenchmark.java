package io.beatflow.models.internal;

import io.beatflow.ingest.BeatWindow;
import io.beatflow.ingest.RrFeatures;
import io.beatflow.models.Architecture;
import io.beatflow.models.BeatContext;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelCard;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.Predictor;
import io.beatflow.models.TrainingConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Throughput of the beat classifiers (the engine of {@code beatflow bench models}): parameter
 * count, inference and training beats per second of a freshly initialised, seeded network of a
 * configuration, and the end-to-end time of {@link Predictor#predict(List)}.
 *
 * <p>Inputs are synthetic beat windows (seeded Gaussian noise with plausible RR intervals) turned
 * into network inputs by {@link WindowTensors} (with patient contexts when the input takes them),
 * the seam {@link Predictor} uses, so the input shapes (channels, window length, RR values) are
 * whatever the configuration and that seam make them. Inference times {@link BeatNetwork#output}, the call {@link Predictor} makes per batch;
 * training times {@link BeatNetwork#fit}, one optimiser step of {@code BeatClassifierTrainer}
 * (Adam with the default {@link TrainingConfig}'s learning rate, weight decay and clipping), on
 * the same batch. Every figure is the median of timed repeats after untimed warm-up passes (at least
 * the number asked for, and more until one second has gone, unless that number is 0).
 */
public final class ModelBenchmark {

    private ModelBenchmark() {
    }

    /**
     * What to measure.
     *
     * @param batch beats per pass; at least 1
     * @param repeats timed passes; at least 1
     * @param warmup untimed passes before them; at least 0
     * @param warmupSeconds least seconds of untimed passes (when {@code warmup > 0}): ND4J's
     *     per-op Java code (op builders, shape checks) runs far slower until the JIT has compiled it,
     *     which takes hundreds of passes
     * @param seed seed of the weights and the synthetic beats
     */
    public record Settings(int batch, int repeats, int warmup, double warmupSeconds, long seed) {
        /** Validates every field. */
        public Settings {
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be >= 1, got " + batch);
            }
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
            }
            if (!(warmupSeconds >= 0 && warmupSeconds <= 600)) {
                throw new IllegalArgumentException("warmupSeconds must be 0 to 600, got " + warmupSeconds);
            }
        }
    }

    /**
     * Figures of one architecture.
     *
     * @param architecture the architecture
     * @param config its configuration
     * @param parameters trainable parameters
     * @param signalValues signal values per beat the network takes (channels x samples)
     * @param windowSamples samples per window and channel
     * @param rrInputs RR values per beat
     * @param batch beats per pass
     * @param inferenceMillis time of each timed inference pass, ms
     * @param trainingMillis time of each timed optimiser step, ms
     * @param workers network copies run side by side for {@code workersBeatsPerSecond}
     * @param workersBeatsPerSecond inference throughput of each timed round of those copies, beats/s
     *     (empty when {@code workers} is 1)
     * @param cardJson the model card of this network as {@link ModelBundle} writes it
     */
    public record Result(Architecture architecture, ModelConfig config, long parameters, int signalValues,
            int windowSamples, int rrInputs, int batch, double[] inferenceMillis, double[] trainingMillis,
            int workers, double[] workersBeatsPerSecond, String cardJson) {
        /** Input channels: signal values per beat over the window length. */
        public int channels() {
            return signalValues / windowSamples;
        }

        /** Median inference throughput, beats/s. */
        public double inferenceBeatsPerSecond() {
            return beatsPerSecond(batch, inferenceMillis);
        }

        /** Median training throughput, beats/s. */
        public double trainingBeatsPerSecond() {
            return beatsPerSecond(batch, trainingMillis);
        }

        /** Median inference throughput of the {@code workers} copies side by side, beats/s; NaN with one. */
        public double workersInferenceBeatsPerSecond() {
            return workersBeatsPerSecond.length == 0 ? Double.NaN : median(workersBeatsPerSecond);
        }
    }

    /**
     * End-to-end {@link Predictor#predict(List)} figures.
     *
     * @param batch windows per call (the predictor's batch size too)
     * @param predictMillis time of each timed call, ms
     * @param conversionMillis time of each timed conversion of the same windows alone
     *     (patient contexts, when the input takes them, and {@link WindowTensors}), ms
     */
    public record PredictorResult(int batch, double[] predictMillis, double[] conversionMillis) {
        /** Median end-to-end throughput, beats/s. */
        public double beatsPerSecond() {
            return ModelBenchmark.beatsPerSecond(batch, predictMillis);
        }
    }

    /**
     * Limits ND4J to {@code threads} threads: its own thread pool, OpenMP (which oneDNN uses) and
     * the BLAS library.
     */
    public static void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** The backend and its settings: backend, data type, threads, whether oneDNN helpers run. */
    public static String environment() {
        var env = Nd4j.getEnvironment();
        return Backend.describe() + ", data type " + Nd4j.dataType().name().toLowerCase(Locale.ROOT)
                + ", threads: OpenMP " + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads() + ", BLAS "
                + Nd4j.factory().blas().getMaxThreads() + ", ND4J pool " + env.maxThreads() + ", helpers "
                + (env.helpersAllowed() ? "on" : "off");
    }

    /**
     * Measures one configuration: inference of one network called by one thread, then (with
     * {@code workers > 1}) of that many copies side by side as {@link Predictor}'s workers run them,
     * then training.
     */
    public static Result measure(ModelConfig config, Settings s, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        TrainingConfig t = trainingConfig(config, s);
        BeatNetwork net = create(config, t);
        InputSpec in = config.input();
        WindowTensors.Batch b = inputs(windows(in, s.batch(), s.seed()), in);
        int[] labels = labels(s.batch(), config.head().classes(), s.seed());
        double[] infer = time(s, () -> net.output(b.signal(), b.rr(), b.n()));
        double[] side = workers == 1 ? new double[0] : sideBySide(net, b, s, workers);
        double[] train = time(s, () -> net.fit(b.signal(), b.rr(), labels, b.n()));
        return new Result(config.architecture(), config, net.parameterCount(), b.signal().length / b.n(),
                in.windowSamples(), b.rr().length / b.n(), s.batch(), infer, train, workers, side,
                ModelBundle.toJson(card(config, t, net, sha256(weights(net)))));
    }

    /** Passes each worker runs per timed round of {@link #sideBySide}. */
    public static final int PASSES_PER_ROUND = 4;

    /**
     * Inference throughput of {@code workers} copies of a network, each called by its own thread
     * with an equal share of the backend's threads (as {@link Predictor}'s workers run): after the
     * warm-up of {@link #time}, {@code s.repeats()} timed rounds in which every worker runs
     * {@value #PASSES_PER_ROUND} passes on its own copy of the batch; beats/s of each round.
     */
    static double[] sideBySide(BeatNetwork net, WindowTensors.Batch b, Settings s, int workers) {
        int share = Math.max(1, Backend.nativeThreads() / workers);
        int rounds = s.repeats();
        CyclicBarrier start = new CyclicBarrier(workers + 1);
        CyclicBarrier end = new CyclicBarrier(workers + 1);
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < workers; i++) {
            BeatNetwork copy = i == 0 ? net : net.copy();
            Runnable pass = () -> copy.output(b.signal(), b.rr(), b.n());
            Thread th = new Thread(() -> {
                try {
                    Backend.limitNativeThreads(share);
                    time(new Settings(s.batch(), 1, s.warmup(), s.warmupSeconds(), s.seed()), pass);
                    for (int r = 0; r < rounds; r++) {
                        start.await();
                        for (int k = 0; k < PASSES_PER_ROUND; k++) {
                            pass.run();
                        }
                        end.await();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    start.reset();
                    end.reset();
                }
            }, "bench-worker-" + i);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        double[] beatsPerSecond = new double[rounds];
        try {
            for (int r = 0; r < rounds; r++) {
                start.await();
                long t0 = System.nanoTime();
                end.await();
                beatsPerSecond[r] = (double) workers * PASSES_PER_ROUND * b.n() / ((System.nanoTime() - t0) / 1e9);
            }
            for (Thread th : threads) {
                th.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("a benchmark worker failed", failure.get() != null ? failure.get() : e);
        }
        return beatsPerSecond;
    }

    /**
     * Measures {@link Predictor#predict(List)} with batches of {@code s.batch()} on a bundle of a
     * fresh network of {@code config}: one call per repeat on {@code s.batch()} windows, input
     * conversion included; the conversion alone is timed too.
     */
    public static PredictorResult measurePredictor(ModelConfig config, Settings s) {
        TrainingConfig t = trainingConfig(config, s);
        Predictor p = new Predictor(bundle(config, t, create(config, t)), s.batch());
        List<BeatWindow> w = windows(config.input(), s.batch(), s.seed());
        double[] predict = time(s, () -> p.predict(w));
        double[] conversion = time(s, () -> inputs(w, config.input()));
        return new PredictorResult(s.batch(), predict, conversion);
    }

    /**
     * {@link Predictor#predict(List)} throughput with batches of {@code s.batch()} and
     * {@code workers} workers, on calls of {@code batchesPerCall} batches (input conversion
     * included), beats/s of each timed call.
     */
    public static double[] measurePredictorWorkers(ModelConfig config, Settings s, int workers, int batchesPerCall) {
        TrainingConfig t = trainingConfig(config, s);
        List<BeatWindow> w = windows(config.input(), s.batch() * batchesPerCall, s.seed());
        try (Predictor p = new Predictor(bundle(config, t, create(config, t)), s.batch(), workers)) {
            double[] ms = time(s, () -> p.predict(w));
            double[] beatsPerSecond = new double[ms.length];
            for (int i = 0; i < ms.length; i++) {
                beatsPerSecond[i] = w.size() / (ms[i] / 1000);
            }
            return beatsPerSecond;
        }
    }

    /**
     * Times DL4J's own forward pass, {@code ComputationGraph.output}, of a DL4J graph architecture
     * on the inputs {@link #measure} uses (what {@link GraphNetwork#output} runs for graphs that
     * {@link GraphInference} does not handle); per-pass times in ms, or empty for a SameDiff model.
     */
    public static double[] measureGraphOutput(ModelConfig config, Settings s) {
        BeatNetwork net = create(config, trainingConfig(config, s));
        if (!(net instanceof GraphNetwork g)) {
            return new double[0];
        }
        InputSpec in = config.input();
        WindowTensors.Batch b = inputs(windows(in, s.batch(), s.seed()), in);
        INDArray[] inputs = g.inputs(b.signal(), b.rr(), b.n());
        return time(s, () -> g.graph().output(false, inputs));
    }

    /**
     * Per-op time shares of a DL4J graph architecture's forward pass (ND4J's op profiler, the
     * {@code s.repeats()} passes after warm-up added up), through {@link GraphNetwork#output} or,
     * with {@code dl4jOwnPath}, through DL4J's {@code ComputationGraph.output}; the profiler's own
     * text ("op >>> perc: share Time spent: ms"), or an empty string for a SameDiff model.
     */
    public static String profileForward(ModelConfig config, Settings s, boolean dl4jOwnPath) {
        BeatNetwork net = create(config, trainingConfig(config, s));
        if (!(net instanceof GraphNetwork g)) {
            return "";
        }
        InputSpec in = config.input();
        WindowTensors.Batch b = inputs(windows(in, s.batch(), s.seed()), in);
        INDArray[] inputs = g.inputs(b.signal(), b.rr(), b.n());
        Runnable pass = dl4jOwnPath ? () -> g.graph().output(false, inputs) : () -> g.output(b.signal(), b.rr(), b.n());
        for (int i = 0; i < s.warmup(); i++) {
            pass.run();
        }
        OpProfiler profiler = OpProfiler.getInstance();
        var executioner = Nd4j.getExecutioner();
        var mode = executioner.getProfilingMode();
        profiler.reset();
        executioner.setProfilingMode(OpExecutioner.ProfilingMode.ALL);
        try {
            for (int i = 0; i < s.repeats(); i++) {
                pass.run();
            }
        } finally {
            executioner.setProfilingMode(mode);
        }
        String text = profiler.getLongAggergator().asPercentageString();
        profiler.reset();
        return text;
    }

    /** Median of the values (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    static double beatsPerSecond(int beats, double[] millis) {
        return beats / (median(millis) / 1000.0);
    }

    private static TrainingConfig trainingConfig(ModelConfig config, Settings s) {
        return TrainingConfig.defaults(List.of()).toBuilder().batchSize(s.batch())
                .classWeighting(TrainingConfig.ClassWeighting.NONE).seed(s.seed()).validationRecords(List.of()).build();
    }

    private static BeatNetwork create(ModelConfig config, TrainingConfig t) {
        float[] weights = new float[config.head().classes()];
        Arrays.fill(weights, 1f);
        return Networks.create(config, t.seed(), t.learningRate(), t.learningRateDecay(), 1_000_000, t.weightDecay(),
                t.gradientClip(), weights);
    }

    /**
     * Warm-up passes: at least {@code s.warmup()}, and more until {@code s.warmupSeconds()} have gone
     * (JIT, workspaces).
     */
    private static double[] time(Settings s, Runnable pass) {
        long start = System.nanoTime();
        long warm = (long) (s.warmupSeconds() * 1e9);
        for (int i = 0; i < s.warmup() || i > 0 && System.nanoTime() - start < warm; i++) {
            pass.run();
        }
        double[] ms = new double[s.repeats()];
        for (int i = 0; i < s.repeats(); i++) {
            long t0 = System.nanoTime();
            pass.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /**
     * Network inputs of windows through the seam {@link Predictor} uses: with the input's patient
     * context (one {@link BeatContext} over the windows in order, as for one record) when it takes one.
     */
    static WindowTensors.Batch inputs(List<BeatWindow> windows, InputSpec in) {
        List<BeatContext.Context> contexts = null;
        if (in.usesContext()) {
            BeatContext context = new BeatContext(in);
            contexts = new ArrayList<>(windows.size());
            for (BeatWindow w : windows) {
                contexts.add(context.next(w.samples(), 0, w.rr().previousRrSeconds(), w.rr().nextRrSeconds(),
                        w.rr().localAverageRrSeconds()));
            }
        }
        return WindowTensors.of(windows, contexts, in);
    }

    /** Seeded synthetic windows of the input's length, rate and lead (Gaussian noise, RR around 0.8 s). */
    static List<BeatWindow> windows(InputSpec in, int n, long seed) {
        Random rnd = new Random(seed);
        List<BeatWindow> out = new ArrayList<>(n);
        long at = 1000;
        for (int i = 0; i < n; i++) {
            float[] x = new float[in.windowSamples()];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) rnd.nextGaussian();
            }
            double local = 0.8 + 0.05 * rnd.nextGaussian();
            double prev = local * (0.7 + 0.6 * rnd.nextDouble());
            double next = local * (0.7 + 0.6 * rnd.nextDouble());
            at += Math.round(prev * in.sampleRateHz());
            out.add(new BeatWindow("bench", in.lead(), i, at, in.sampleRateHz(), in.rPeakIndex(), x,
                    RrFeatures.of(prev, next, local)));
        }
        return out;
    }

    private static int[] labels(int n, int classes, long seed) {
        Random rnd = new Random(seed + 1);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(classes);
        }
        return y;
    }

    private static ModelCard card(ModelConfig config, TrainingConfig t, BeatNetwork net, String sha) {
        return new ModelCard(ModelCard.FORMAT_VERSION, config, net.format(), sha, net.parameterCount(),
                ModelCard.normalisationOf(config.input()), t, null, 0, 0, Map.of(),
                Map.of("java", System.getProperty("java.version")), Backend.describe(), Instant.now().toString(),
                io.beatflow.models.DecisionRule.none());
    }

    /** A bundle of an untrained network, read back through {@link ModelBundle#read} as a file would be. */
    private static ModelBundle bundle(ModelConfig config, TrainingConfig t, BeatNetwork net) {
        try {
            byte[] w = weights(net);
            String sha = sha256(w);
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
                zip.putNextEntry(new ZipEntry(ModelBundle.CARD_ENTRY));
                zip.write(ModelBundle.toJson(card(config, t, net, sha)).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(ModelBundle.WEIGHTS_ENTRY));
                zip.write(w);
                zip.closeEntry();
            }
            return ModelBundle.read(new ByteArrayInputStream(zipped.toByteArray()), "benchmark model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] weights(BeatNetwork net) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            net.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}

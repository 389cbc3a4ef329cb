package io.beatflow.models;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.ingest.BeatWindow;
import io.beatflow.models.internal.Backend;
import io.beatflow.models.internal.BeatNetwork;
import io.beatflow.models.internal.DatasetContexts;
import io.beatflow.models.internal.WindowTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Batched inference of a {@link ModelBundle}: per-class probabilities of beat windows.
 *
 * <p>Thread-safe: any number of threads may call {@link #predict}; the windows of one call are cut
 * into batches of at most {@link #maxBatch()} beats. With one worker (the default) batches run one
 * at a time on the bundle's network, in the calling thread, and the backend spreads each batch's
 * operations over its threads; one-worker predictors of the same bundle (or of its
 * {@link ModelBundle#withDecision} copies) share that network and take turns on it. With {@code workers > 1} the predictor keeps that many copies of the
 * network and as many worker threads; the batches of a call (and of concurrent calls) run side by
 * side, each worker limited to its share of the backend's threads ({@link #nativeThreadsPerWorker()}).
 * On a CPU that is faster for small networks, whose operations are too short to spread well; the
 * probabilities are the same either way. A predictor with workers should be {@link #close() closed};
 * a closed predictor, with workers or not, refuses every call with an {@link IllegalStateException}.
 *
 * <p>Windows are normalised as {@link InputSpec} says, so they may be given raw or normalised. The
 * probabilities are the network's after the card's {@link DecisionRule} (its morphology smoothing
 * and class-prior offsets, if any). No ND4J type appears here; the backend is named by {@link #backend()}.
 */
public final class Predictor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Predictor.class.getName());

    private final ModelCard card;
    private final BeatNetwork network;
    private final int maxBatch;
    private final String backend;
    /** Idle network copies of the workers; null with one worker. */
    private final BlockingQueue<BeatNetwork> idle;
    private final ExecutorService workers;
    private final int workerCount;
    private final int nativeThreadsPerWorker;
    /** Set by {@link #close()}. */
    private volatile boolean closed;

    /**
     * A predictor of a loaded bundle with one worker: batches run in the calling thread.
     *
     * @param maxBatch most beats per network call; at least 1
     */
    public Predictor(ModelBundle bundle, int maxBatch) {
        this(bundle, maxBatch, 1);
    }

    /**
     * A predictor of a loaded bundle.
     *
     * @param maxBatch most beats per network call; at least 1
     * @param workers batches run side by side, each worker with its own copy of the network and an
     *     equal share (at least one) of the backend's threads; 1 runs batches in the calling thread
     */
    public Predictor(ModelBundle bundle, int maxBatch, int workers) {
        Objects.requireNonNull(bundle, "bundle");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.card = bundle.card();
        this.network = bundle.network();
        this.maxBatch = maxBatch;
        this.backend = Backend.describe();
        this.workerCount = workers;
        int threads = Backend.nativeThreads();
        this.nativeThreadsPerWorker = workers == 1 ? threads : Math.max(1, threads / workers);
        if (workers == 1) {
            this.idle = null;
            this.workers = null;
        } else {
            // copies only: the bundle's own network may be in use by other predictors of it
            this.idle = new ArrayBlockingQueue<>(workers);
            for (int i = 0; i < workers; i++) {
                idle.add(network.copy());
            }
            AtomicInteger count = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(() -> {
                    Backend.limitNativeThreads(nativeThreadsPerWorker);
                    r.run();
                }, "beatflow-predictor-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        LOG.info(() -> "beat classifier " + card.model().architecture().id()
                + (card.ensemble() ? " (an ensemble of " + card.members().size() + ")" : "") + " on " + backend + ", batches of up to "
                + maxBatch + ", " + workers + (workers == 1 ? " worker" : " workers") + " of "
                + nativeThreadsPerWorker + " native thread(s)");
    }

    /** Loads a bundle file (see {@link ModelBundle#load}) with batches of up to 256 beats. */
    public static Predictor load(Path bundle) throws IOException {
        return new Predictor(ModelBundle.load(bundle), 256);
    }

    /** The model card. */
    public ModelCard card() {
        return card;
    }

    /** Output class names, in the order of the probabilities. */
    public List<String> classNames() {
        return card.classNames();
    }

    /** What the model takes in. */
    public InputSpec input() {
        return card.input();
    }

    /** Most beats per network call. */
    public int maxBatch() {
        return maxBatch;
    }

    /** Batches that run side by side (1: in the calling thread). */
    public int workers() {
        return workerCount;
    }

    /**
     * OpenMP threads each worker's operations may use: with one worker, the constructing thread's
     * own setting (calls then run on the caller's, whatever it is).
     */
    public int nativeThreadsPerWorker() {
        return nativeThreadsPerWorker;
    }

    /** The compute backend, e.g. {@code cpu (nd4j-native, oneDNN)} or {@code cuda (...)}. */
    public String backend() {
        return backend;
    }

    /**
     * Class probabilities of each window, {@code windows.size() x classes}, rows in input order.
     * When the model uses a patient context ({@link InputSpec#usesContext()}) or its decision rule
     * the rhythm's irregularity ({@link DecisionRule#usesIrregularity()}) or a morphology smoothing
     * ({@link DecisionRule#smoothing()}), the windows of each
     * record (by {@link BeatWindow#recordId()}) are taken as that record's consecutive beats in list
     * order, starting a fresh {@link BeatContext} per record; to score a stream in pieces, use
     * {@link #predict(List, BeatContext)} with one context kept per stream.
     *
     * @throws IllegalArgumentException naming a window whose length, rate or R-peak index the model does
     *     not take, or that has no finite sample
     * @throws IllegalStateException if the predictor is closed, also when it is closed during the call
     */
    public float[][] predict(List<BeatWindow> windows) {
        checkOpen();
        check(windows);
        List<BeatContext.Context> contexts = null;
        if (needsContexts()) {
            Map<String, BeatContext> byRecord = new HashMap<>();
            contexts = new ArrayList<>(windows.size());
            for (BeatWindow w : windows) {
                contexts.add(next(byRecord.computeIfAbsent(w.recordId(), r -> new BeatContext(card.input())), w));
            }
        }
        float[][] p = network(windows, contexts);
        MorphologySmoothing.Settings smoothing = card.decision().smoothing();
        if (smoothing != null) {
            // records are independent streams: smoothed side by side, each in list order
            Map<String, List<Integer>> byRecord = new java.util.LinkedHashMap<>();
            for (int i = 0; i < p.length; i++) {
                byRecord.computeIfAbsent(windows.get(i).recordId(), r -> new ArrayList<>()).add(i);
            }
            byRecord.values().parallelStream().forEach(beats -> {
                MorphologySmoothing s = newSmoothing(smoothing);
                for (int i : beats) {
                    s.next(samples(windows.get(i)), 0, p[i]);
                }
            });
        }
        return decide(p, contexts);
    }

    /**
     * Class probabilities of the next windows of one stream, in time order, with the stream's
     * context carried over from earlier calls (and updated by this one), the decision rule's
     * morphology smoothing included. When neither the model's input nor its decision rule needs a
     * context, {@code context} is not used (but for the smoothing's history). The context, when
     * used, and every window are checked before the context moves, so a call that throws leaves the
     * stream's context as it was.
     *
     * @throws IllegalArgumentException naming a window whose length, rate or R-peak index the model does
     *     not take, or that has no finite sample; or, when the context is used, if it was made for
     *     other windows or sizes than the model's input (make it with
     *     {@code new BeatContext(predictor.input())})
     * @throws IllegalStateException if the predictor is closed (the context is then left as it was),
     *     also when it is closed during the call (the context has then taken the call's windows)
     */
    public float[][] predict(List<BeatWindow> windows, BeatContext context) {
        Objects.requireNonNull(context, "context");
        checkOpen();
        if (needsContexts()) {
            context.checkServes(card.input(), card.decision().usesIrregularity());
        }
        check(windows);
        List<BeatContext.Context> contexts = null;
        if (needsContexts()) {
            contexts = new ArrayList<>(windows.size());
            for (BeatWindow w : windows) {
                contexts.add(next(context, w));
            }
        }
        float[][] p = network(windows, contexts);
        MorphologySmoothing.Settings smoothing = card.decision().smoothing();
        if (smoothing != null) {
            MorphologySmoothing s = context.smoothing(smoothing, () -> newSmoothing(smoothing));
            for (int i = 0; i < p.length; i++) {
                s.next(samples(windows.get(i)), 0, p[i]);
            }
        }
        return decide(p, contexts);
    }

    private MorphologySmoothing newSmoothing(MorphologySmoothing.Settings settings) {
        return new MorphologySmoothing(settings, card.classNames(), card.input().windowSamples());
    }

    private BeatContext.Context next(BeatContext context, BeatWindow w) {
        return context.next(samples(w), 0, w.rr().previousRrSeconds(), w.rr().nextRrSeconds(),
                w.rr().localAverageRrSeconds());
    }

    private void checkOpen() {
        if (closed) {
            throw closed(null);
        }
    }

    /** Checks every window against the model's input (length, rate, R-peak index), before any state moves. */
    private void check(List<BeatWindow> windows) {
        for (BeatWindow w : windows) {
            WindowTensors.check(w, card.input());
        }
    }

    /** The window's samples (its length checked by {@link #check}). */
    private float[] samples(BeatWindow w) {
        int l = w.length();
        float[] buf = new float[l];
        for (int j = 0; j < l; j++) {
            buf[j] = w.sample(j);
        }
        return buf;
    }

    /** Whether beats need a {@link BeatContext}: for the input, or for the decision rule's RR irregularity. */
    private boolean needsContexts() {
        return card.input().usesContext() || card.decision().usesIrregularity();
    }

    /** The network's probabilities of the windows, before the decision rule. */
    private float[][] network(List<BeatWindow> windows, List<BeatContext.Context> contexts) {
        return inBatches(windows.size(), (from, to) -> WindowTensors.of(windows.subList(from, to),
                contexts == null ? null : contexts.subList(from, to), card.input()));
    }

    /** The decision rule's offsets (and slopes, with each beat's irregularity) applied to {@code p}. */
    private float[][] decide(float[][] p, List<BeatContext.Context> contexts) {
        double[] irregularity = null;
        if (card.decision().usesIrregularity()) {
            irregularity = new double[p.length];
            for (int i = 0; i < irregularity.length; i++) {
                irregularity[i] = contexts.get(i).rrIrregularity();
            }
        }
        return card.decision().apply(p, card.classNames(), irregularity);
    }

    /**
     * Class probabilities of every beat of a dataset, {@code dataset.size() x classes}, rows in
     * beat order; with a patient context, each record's beats form one stream in R-peak order.
     * The dataset's window length and rate, and each window's having a finite sample, are checked
     * against the model's input before anything runs, as {@link #predict(List)} checks windows.
     *
     * @throws IllegalArgumentException naming the dataset (by its records) and what the model takes,
     *     if its windows have another length or rate, or the beat whose window has no finite sample
     * @throws IllegalStateException if the predictor is closed, also when it is closed during the call
     */
    public float[][] predict(BeatDataset dataset) {
        checkOpen();
        WindowTensors.check(dataset, card.input());
        int n = dataset.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        DatasetContexts contexts = DatasetContexts.of(dataset, card.input());
        double[] irregularity = card.decision().usesIrregularity()
                ? DatasetContexts.rrIrregularity(dataset, card.input()) : null;
        float[][] p = inBatches(n, (from, to) -> WindowTensors.of(dataset, contexts, idx, from, to, card.input(), null));
        if (card.decision().smoothing() != null) {
            DatasetContexts.smooth(dataset, p, card.decision().smoothing(), card.classNames());
        }
        return card.decision().apply(p, card.classNames(), irregularity);
    }

    /** Turns beats {@code [from, to)} into network inputs. */
    private interface BatchInputs {
        WindowTensors.Batch of(int from, int to);
    }

    /** Runs {@code n} beats through the network in batches (side by side with workers), rows in beat order. */
    private float[][] inBatches(int n, BatchInputs inputs) {
        float[][] out = new float[n][];
        if (workers == null) {
            for (int from = 0; from < n; from += maxBatch) {
                // a call running when close() is called fails at its next batch, as on workers
                checkOpen();
                int to = Math.min(n, from + maxBatch);
                copyRows(run(inputs.of(from, to)), out, from);
            }
            return out;
        }
        List<Future<float[][]>> parts = new ArrayList<>();
        try {
            for (int from = 0; from < n; from += maxBatch) {
                int f = from;
                int to = Math.min(n, from + maxBatch);
                parts.add(workers.submit(() -> runOnWorker(inputs.of(f, to))));
            }
            for (int i = 0; i < parts.size(); i++) {
                copyRows(parts.get(i).get(), out, i * maxBatch);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the predictor's workers", e);
        } catch (CancellationException | RejectedExecutionException e) {
            // only close() cancels a batch before this call is done with it, or refuses one
            throw closed(e);
        } catch (ExecutionException e) {
            if (closed) {
                // a batch that close() interrupted
                throw closed(e.getCause());
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            for (Future<float[][]> f : parts) {
                f.cancel(false);
            }
        }
    }

    private float[][] run(WindowTensors.Batch b) {
        // the network is the bundle's, shared by every predictor of that bundle (and of its
        // withDecision copies), so calls are serialised on it rather than on this predictor
        synchronized (network) {
            return network.output(b.signal(), b.rr(), b.n());
        }
    }

    private float[][] runOnWorker(WindowTensors.Batch b) throws InterruptedException {
        BeatNetwork net = idle.take();
        try {
            return net.output(b.signal(), b.rr(), b.n());
        } finally {
            idle.add(net);
        }
    }

    /**
     * Refuses every later call, and stops the worker threads, if any. A call still running fails
     * with an {@link IllegalStateException} once its batches already started are done (one batch in
     * the calling thread with one worker); batches not yet started are dropped, and it never waits
     * for them. Calling it again does nothing.
     */
    @Override
    public void close() {
        closed = true;
        if (workers != null) {
            // dropped batches are cancelled: their callers' get() would otherwise wait forever
            for (Runnable dropped : workers.shutdownNow()) {
                if (dropped instanceof Future<?> f) {
                    f.cancel(false);
                }
            }
        }
    }

    private static IllegalStateException closed(Throwable cause) {
        return new IllegalStateException("the predictor is closed: close() was called before or during this call",
                cause);
    }

    private static void copyRows(float[][] rows, float[][] out, int at) {
        System.arraycopy(rows, 0, out, at, rows.length);
    }
}

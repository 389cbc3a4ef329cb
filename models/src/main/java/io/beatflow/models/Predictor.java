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
import java.util.logging.Logger;

/**
 * Batched inference of a {@link ModelBundle}: per-class probabilities of beat windows.
 *
 * <p>Thread-safe: any number of threads may call {@link #predict}; the windows of one call are cut
 * into batches of at most {@link #maxBatch()} beats, and batches run one at a time on the shared
 * network (throughput comes from batching, which is what a CPU or GPU rewards). Windows are
 * normalised as {@link InputSpec} says, so they may be given raw or normalised. The probabilities
 * are the network's after the card's {@link DecisionRule} (its class-prior offsets, if any). No ND4J type
 * appears here; the backend is named by {@link #backend()}.
 */
public final class Predictor {
    private static final Logger LOG = Logger.getLogger(Predictor.class.getName());

    private final ModelCard card;
    private final BeatNetwork network;
    private final int maxBatch;
    private final String backend;
    private final Object lock = new Object();

    /**
     * A predictor of a loaded bundle.
     *
     * @param maxBatch most beats per network call; at least 1
     */
    public Predictor(ModelBundle bundle, int maxBatch) {
        Objects.requireNonNull(bundle, "bundle");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.card = bundle.card();
        this.network = bundle.network();
        this.maxBatch = maxBatch;
        this.backend = Backend.describe();
        LOG.info(() -> "beat classifier " + card.model().architecture().id() + " on " + backend + ", batches of up to "
                + maxBatch);
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

    /** The compute backend, e.g. {@code cpu (nd4j-native, oneDNN)} or {@code cuda (...)}. */
    public String backend() {
        return backend;
    }

    /**
     * Class probabilities of each window, {@code windows.size() x classes}, rows in input order.
     * When the model uses a patient context ({@link InputSpec#usesContext()}), the windows of each
     * record (by {@link BeatWindow#recordId()}) are taken as that record's consecutive beats in list
     * order, starting a fresh {@link BeatContext} per record; to score a stream in pieces, use
     * {@link #predict(List, BeatContext)} with one context kept per stream.
     *
     * @throws IllegalArgumentException naming a window whose length or rate the model does not take
     */
    public float[][] predict(List<BeatWindow> windows) {
        List<BeatContext.Context> contexts = null;
        if (card.input().usesContext()) {
            Map<String, BeatContext> byRecord = new HashMap<>();
            contexts = new ArrayList<>(windows.size());
            for (BeatWindow w : windows) {
                contexts.add(next(byRecord.computeIfAbsent(w.recordId(), r -> new BeatContext(card.input())), w));
            }
        }
        return predict(windows, contexts);
    }

    /**
     * Class probabilities of the next windows of one stream, in time order, with the stream's
     * context carried over from earlier calls (and updated by this one). Without a patient context
     * in the model, {@code context} is not used.
     */
    public float[][] predict(List<BeatWindow> windows, BeatContext context) {
        Objects.requireNonNull(context, "context");
        List<BeatContext.Context> contexts = null;
        if (card.input().usesContext()) {
            contexts = new ArrayList<>(windows.size());
            for (BeatWindow w : windows) {
                contexts.add(next(context, w));
            }
        }
        return predict(windows, contexts);
    }

    private BeatContext.Context next(BeatContext context, BeatWindow w) {
        int l = w.length();
        if (l != card.input().windowSamples()) {
            throw new IllegalArgumentException("beat window " + w.recordId() + " beat " + w.beatIndex() + ": " + l
                    + " samples, the model takes " + card.input().windowSamples());
        }
        float[] buf = new float[l];
        for (int j = 0; j < l; j++) {
            buf[j] = w.sample(j);
        }
        return context.next(buf, 0, w.rr().previousRrSeconds());
    }

    private float[][] predict(List<BeatWindow> windows, List<BeatContext.Context> contexts) {
        float[][] out = new float[windows.size()][];
        for (int from = 0; from < windows.size(); from += maxBatch) {
            int to = Math.min(windows.size(), from + maxBatch);
            WindowTensors.Batch b = WindowTensors.of(windows.subList(from, to),
                    contexts == null ? null : contexts.subList(from, to), card.input());
            copyRows(run(b), out, from);
        }
        return out;
    }

    /**
     * Class probabilities of every beat of a dataset (its windows must have the model's length);
     * with a patient context, each record's beats form one stream in R-peak order.
     */
    public float[][] predict(BeatDataset dataset) {
        int n = dataset.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        DatasetContexts contexts = DatasetContexts.of(dataset, card.input());
        float[][] out = new float[n][];
        for (int from = 0; from < n; from += maxBatch) {
            int to = Math.min(n, from + maxBatch);
            copyRows(run(WindowTensors.of(dataset, contexts, idx, from, to, card.input(), null)), out, from);
        }
        return out;
    }

    private float[][] run(WindowTensors.Batch b) {
        float[][] p;
        synchronized (lock) {
            p = network.output(b.signal(), b.rr(), b.n());
        }
        return card.decision().apply(p, card.classNames());
    }

    private static void copyRows(float[][] rows, float[][] out, int at) {
        System.arraycopy(rows, 0, out, at, rows.length);
    }
}

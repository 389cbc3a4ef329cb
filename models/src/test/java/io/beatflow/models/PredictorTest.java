package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.ingest.BeatWindow;
import io.beatflow.ingest.RrFeatures;
import io.beatflow.models.internal.BeatNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The predictor: thread safety, batching, input checks, backend. */
class PredictorTest {
    static ModelBundle bundle;
    static List<BeatWindow> windows = new ArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        BeatDataset d = SyntheticBeats.make(90, 64, 5, "r");
        bundle = new BeatClassifierTrainer(l -> { }, null).train(SyntheticBeats.small(Architecture.ATTENTION),
                SyntheticBeats.training(1), d, SyntheticBeats.empty(64), "synthetic", "none", "64").bundle();
        for (int i = 0; i < d.size(); i++) {
            float[] rr = d.rrFeatures(i);
            windows.add(new BeatWindow("r", "MLII", i, d.sample(i), 360.0, 21, d.window(i),
                    RrFeatures.of(rr[0], rr[1], rr[2])));
        }
    }

    /**
     * Predictors of one bundle share its network, which is not thread-safe: calls from two
     * predictors (one of them on a {@code withDecision} copy) and a predictor's workers must never
     * be inside the bundle's network at the same time. The network here counts its callers and
     * holds each call for 2 ms, so unserialised calls would overlap.
     */
    @Test
    void predictorsOfOneBundleNeverCallItsNetworkAtOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        io.beatflow.models.internal.BeatNetwork real = bundle.network();
        io.beatflow.models.internal.BeatNetwork counting = new ForwardingNetwork(real) {
            @Override
            public float[][] output(float[] signal, float[] rr, int n) {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(2);
                    return real.output(signal, rr, n);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inside.decrementAndGet();
                }
            }
        };
        ModelBundle shared = new ModelBundle(bundle.card(), counting);
        Predictor a = new Predictor(shared, 8);
        Predictor b = new Predictor(shared.withDecision(DecisionRule.none()), 8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Predictor workers = new Predictor(shared, 8, 2)) {
            List<Future<float[][]>> calls = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Predictor p = t % 2 == 0 ? a : b;
                calls.add(pool.submit(() -> p.predict(windows)));
            }
            calls.add(pool.submit(() -> workers.predict(windows)));
            for (Future<float[][]> f : calls) {
                assertEquals(windows.size(), f.get().length);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, most.get(), "callers inside the bundle's network at once");
    }

    @Test
    void oneAndEightThreadsGiveIdenticalOutputs() throws Exception {
        Predictor p = new Predictor(bundle, 16);
        float[][] single = p.predict(windows);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[][]>> parts = new ArrayList<>();
            // each thread's calls cut the same batches of 16 as the single call: on a CPU, a batch of
            // another size may run other kernels and round differently (by an ulp on AVX-512 machines)
            int batches = (windows.size() + 15) / 16;
            int[] from = new int[8];
            for (int t = 0; t < 8; t++) {
                int start = (t % batches) * 16;
                from[t] = start;
                parts.add(pool.submit(() -> p.predict(windows.subList(start, Math.min(windows.size(), start + 32)))));
            }
            int rows = 0;
            for (int t = 0; t < 8; t++) {
                float[][] got = parts.get(t).get();
                for (int i = 0; i < got.length; i++) {
                    assertArrayEquals(single[from[t] + i], got[i], "thread " + t + ", beat " + (from[t] + i));
                }
                rows += got.length;
            }
            assertTrue(rows >= windows.size(), "every beat scored by some thread");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void workersGiveTheOutputsOfOneWorker() throws Exception {
        float[][] single = new Predictor(bundle, 16).predict(windows);
        try (Predictor p = new Predictor(bundle, 16, 3)) {
            assertEquals(3, p.workers());
            assertTrue(p.nativeThreadsPerWorker() >= 1);
            float[][] fromWindows = p.predict(windows);
            float[][] fromDataset = p.predict(SyntheticBeats.make(90, 64, 5, "r"));
            // callers side by side share the workers
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[][]>> parts = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    parts.add(pool.submit(() -> p.predict(windows)));
                }
                for (Future<float[][]> f : parts) {
                    float[][] r = f.get();
                    for (int i = 0; i < single.length; i++) {
                        assertArrayEquals(single[i], r[i], "beat " + i);
                    }
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(single.length, fromWindows.length);
            for (int i = 0; i < single.length; i++) {
                assertArrayEquals(single[i], fromWindows[i], "beat " + i);
                assertArrayEquals(single[i], fromDataset[i], 1e-6f, "beat " + i);
            }
        }
    }

    /**
     * A rule with an irregularity slope needs each beat's rhythm, also for a model without a patient
     * context: a record, its dataset, the record streamed in pieces and workers all give the same
     * probabilities, and the slope changes some.
     */
    @Test
    void irregularityRuleScoresRecordsAndStreamsAlike() {
        ModelBundle sloped = bundle.withDecision(new DecisionRule(Map.of("S", 0.5), "a test", Map.of(),
                Map.of("S", -8.0)));
        assertTrue(scoresRecordsAndStreamsAlike(sloped, "S"), "the slope moved no beat's S probability");
    }

    /**
     * A model that reads the prematurity z-scores: a record, its dataset, the record streamed in
     * pieces and workers all give the same probabilities (the reference is built per stream, from
     * each beat's previous, next and local intervals, in every path).
     */
    @Test
    void prematurityInputScoresRecordsAndStreamsAlike() throws Exception {
        BeatDataset d = SyntheticBeats.make(90, 64, 5, "r");
        ModelConfig m = SyntheticBeats.small(Architecture.CNN, SyntheticBeats.contextInput().withPrematurity(16));
        ModelBundle z = new BeatClassifierTrainer(l -> { }, null).train(m, SyntheticBeats.training(1), d,
                SyntheticBeats.empty(64), "synthetic", "none", "64").bundle();
        assertEquals(16, z.card().input().prematurityBeats());
        java.nio.file.Path file = java.nio.file.Files.createTempFile("prematurity", ".zip");
        ModelBundle loaded;
        try {
            z.save(file);
            loaded = ModelBundle.load(file);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertEquals(z.card().input(), loaded.card().input());
        Predictor p = new Predictor(loaded, 16);
        float[][] whole = p.predict(windows);
        float[][] dataset = p.predict(d);
        BeatContext stream = new BeatContext(z.card().input());
        List<float[]> pieces = new ArrayList<>();
        for (int from = 0; from < windows.size(); from += 7) {
            pieces.addAll(List.of(p.predict(windows.subList(from, Math.min(windows.size(), from + 7)), stream)));
        }
        float[][] trainedOutputs = new Predictor(z, 16).predict(windows);
        try (Predictor w = new Predictor(z, 16, 3)) {
            float[][] workers = w.predict(windows);
            for (int i = 0; i < whole.length; i++) {
                assertArrayEquals(whole[i], dataset[i], 1e-6f, "beat " + i);
                assertArrayEquals(whole[i], pieces.get(i), 1e-6f, "beat " + i);
                assertArrayEquals(whole[i], workers[i], "beat " + i);
                assertArrayEquals(trainedOutputs[i], whole[i], "beat " + i + ", saved and loaded");
            }
        }
    }

    /**
     * A rule with morphology smoothing: a record, its dataset, the record streamed in pieces and
     * workers all give the same probabilities; the smoothing changes some; it survives a save and load.
     */
    @Test
    void smoothingRuleScoresRecordsAndStreamsAlike() throws Exception {
        DecisionRule rule = new DecisionRule(Map.of("S", 0.5), "a test", Map.of(), Map.of(),
                new MorphologySmoothing.Settings("V", 20, 2.0));
        ModelBundle smoothed = bundle.withDecision(rule);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("smoothed", ".zip");
        try {
            smoothed.save(file);
            assertEquals(rule.smoothing(), ModelBundle.load(file).card().decision().smoothing());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertTrue(scoresRecordsAndStreamsAlike(smoothed, "V"), "the smoothing moved no beat's V probability");
    }

    /**
     * Checks that {@code model} scores the record, its dataset, the record streamed in pieces of 7
     * beats with one BeatContext, and the record on 3 workers alike; returns whether some beat's
     * probability of {@code moved} differs from the model's network with offsets S +0.5 alone.
     */
    private static boolean scoresRecordsAndStreamsAlike(ModelBundle model, String moved) {
        Predictor p = new Predictor(model, 16);
        float[][] whole = p.predict(windows);
        float[][] dataset = p.predict(SyntheticBeats.make(90, 64, 5, "r"));
        BeatContext stream = new BeatContext(model.card().input());
        List<float[]> pieces = new ArrayList<>();
        for (int from = 0; from < windows.size(); from += 7) {
            pieces.addAll(List.of(p.predict(windows.subList(from, Math.min(windows.size(), from + 7)), stream)));
        }
        float[][] plain = new Predictor(bundle.withDecision(new DecisionRule(Map.of("S", 0.5), "", Map.of())), 16)
                .predict(windows);
        int c = model.card().classNames().indexOf(moved);
        boolean changed = false;
        try (Predictor w = new Predictor(model, 16, 3)) {
            float[][] workers = w.predict(windows);
            for (int i = 0; i < whole.length; i++) {
                assertArrayEquals(whole[i], dataset[i], 1e-6f, "beat " + i);
                // pieces of 7 run batches of another size than 16, which may round differently
                assertArrayEquals(whole[i], pieces.get(i), 1e-6f, "beat " + i);
                assertArrayEquals(whole[i], workers[i], "beat " + i);
                changed |= Math.abs(whole[i][c] - plain[i][c]) > 1e-4;
            }
        }
        return changed;
    }

    /**
     * close() while a call runs on two workers: the batches not yet started are dropped, and the
     * call must fail with an IllegalStateException instead of waiting for them. The network holds
     * its calls until close() has returned and, as ND4J's native calls do, runs on through the
     * interrupt, so the first two batches complete and the third was dropped. The time limit is
     * a liveness check (the call used to wait forever), not a speed claim.
     */
    @Test
    void closingWhileACallRunsOnWorkersFailsTheCall() {
        assertClosingFailsARunningCall(2);
    }

    private static void assertClosingFailsARunningCall(int workers) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            GatedNetwork gated = new GatedNetwork(bundle.network(), new CountDownLatch(workers), new CountDownLatch(1));
            Predictor p = new Predictor(new ModelBundle(bundle.card(), gated), 8, workers);
            ExecutorService caller = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "closing-test-caller");
                t.setDaemon(true);
                return t;
            });
            try {
                // 90 windows in batches of 8: 12 batches, of which the first `workers` are held
                Future<float[][]> call = caller.submit(() -> p.predict(windows));
                gated.entered.await();
                p.close();
                gated.release.countDown();
                ExecutionException e = assertThrows(ExecutionException.class, call::get);
                assertInstanceOf(IllegalStateException.class, e.getCause());
                assertTrue(e.getCause().getMessage().contains("the predictor is closed"), e.getCause().getMessage());
            } finally {
                gated.release.countDown();
                caller.shutdownNow();
            }
        });
    }

    /** A stand-in network that passes every call to {@code real} and refuses training; tests override what they watch. */
    private abstract static class ForwardingNetwork implements BeatNetwork {
        final BeatNetwork real;

        ForwardingNetwork(BeatNetwork real) {
            this.real = real;
        }

        @Override
        public float[][] output(float[] signal, float[] rr, int n) {
            return real.output(signal, rr, n);
        }

        @Override
        public double fit(float[] signal, float[] rr, int[] labels, int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(java.io.OutputStream out) throws java.io.IOException {
            real.write(out);
        }

        @Override
        public String format() {
            return real.format();
        }

        @Override
        public long parameterCount() {
            return real.parameterCount();
        }

        @Override
        public BeatNetwork copy() {
            return real.copy();
        }
    }

    /**
     * A network whose calls wait, past interrupts, until {@code release} opens, each first counting
     * down {@code entered}; its copies share both latches.
     */
    private static final class GatedNetwork extends ForwardingNetwork {
        final CountDownLatch entered;
        final CountDownLatch release;

        GatedNetwork(BeatNetwork real, CountDownLatch entered, CountDownLatch release) {
            super(real);
            this.entered = entered;
            this.release = release;
        }

        @Override
        public float[][] output(float[] signal, float[] rr, int n) {
            entered.countDown();
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            try {
                return real.output(signal, rr, n);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public BeatNetwork copy() {
            return new GatedNetwork(real.copy(), entered, release);
        }
    }

    /** As on workers, a call running in the caller's thread fails at its next batch after close(). */
    @Test
    void closingWhileACallRunsInTheCallersThreadFailsTheCall() {
        assertClosingFailsARunningCall(1);
    }

    /** A closed predictor refuses every kind of call, with one worker as with two. */
    @Test
    void closedPredictorsOfAnyWorkersAndBadWorkerCountsAreRefused() {
        BeatDataset dataset = SyntheticBeats.make(90, 64, 5, "r");
        for (int workers = 1; workers <= 2; workers++) {
            Predictor p = new Predictor(bundle, 16, workers);
            p.close();
            p.close(); // a second close does nothing
            List<org.junit.jupiter.api.function.Executable> calls = List.of(() -> p.predict(windows),
                    () -> p.predict(windows, new BeatContext(p.input())), () -> p.predict(dataset));
            for (org.junit.jupiter.api.function.Executable call : calls) {
                IllegalStateException closed = assertThrows(IllegalStateException.class, call, workers + " worker(s)");
                assertTrue(closed.getMessage().contains("the predictor is closed"), closed.getMessage());
            }
        }
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new Predictor(bundle, 16, 0));
        assertTrue(zero.getMessage().contains("workers must be >= 1, got 0"), zero.getMessage());
    }

    @Test
    void batchSizeDoesNotChangeOutputsAndRowsSumToOne() {
        float[][] a = new Predictor(bundle, 1).predict(windows.subList(0, 10));
        float[][] b = new Predictor(bundle, 256).predict(windows.subList(0, 10));
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 1e-5f, "beat " + i);
            double sum = 0;
            for (float v : a[i]) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-4);
        }
    }

    @Test
    void windowsAndDatasetGiveTheSameProbabilities() {
        Predictor p = new Predictor(bundle, 32);
        float[][] a = p.predict(windows);
        float[][] b = p.predict(SyntheticBeats.make(90, 64, 5, "r"));
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 1e-6f, "beat " + i);
        }
    }

    @Test
    void wrongWindowLengthIsNamed() {
        Predictor p = new Predictor(bundle, 32);
        BeatWindow w = new BeatWindow("rec7", "MLII", 3, 1000, 360.0, 10, new float[50], RrFeatures.of(1, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.predict(List.of(w)));
        assertTrue(e.getMessage().contains("rec7 beat 3: 50 samples, the model takes 64"), e.getMessage());
        // a worker's failure reaches the caller as the same exception, and the workers go on
        try (Predictor workers = new Predictor(bundle, 32, 2)) {
            List<BeatWindow> mixed = new ArrayList<>(windows.subList(0, 40));
            mixed.add(w);
            IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> workers.predict(mixed));
            assertTrue(f.getMessage().contains("rec7 beat 3: 50 samples, the model takes 64"), f.getMessage());
            assertEquals(windows.size(), workers.predict(windows).length);
        }
    }

    /**
     * A dataset is checked as windows are, before anything runs: windows at another rate (which
     * were scored as if at the model's) or of another length are refused naming the dataset and
     * what the model takes, and a window of nothing but gaps naming its beat.
     */
    @Test
    void datasetOfAnotherRateOrLengthIsNamed() {
        try (Predictor p = new Predictor(bundle, 32, 2)) {
            IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                    () -> p.predict(SyntheticBeats.make(9, 64, 250.0, 5, "rec250")));
            assertTrue(rate.getMessage().contains("beat dataset of record rec250: windows at 250.0 Hz, the model takes 360.0 Hz"),
                    rate.getMessage());
            IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                    () -> p.predict(SyntheticBeats.make(9, 63, 5, "rec63")));
            assertTrue(length.getMessage().contains("beat dataset of record rec63: windows of 63 samples, the model takes 64"),
                    length.getMessage());
            BeatDataset d = SyntheticBeats.make(9, 64, 5, "rec7");
            float[] w = d.windows();
            java.util.Arrays.fill(w, 4 * 64, 5 * 64, Float.NaN);
            byte[] origins = new byte[d.size()];
            float[] rr = new float[d.size() * BeatDataset.RR_FEATURES];
            int[] recordIndex = new int[d.size()];
            long[] samples = new long[d.size()];
            for (int i = 0; i < d.size(); i++) {
                System.arraycopy(d.rrFeatures(i), 0, rr, i * BeatDataset.RR_FEATURES, BeatDataset.RR_FEATURES);
                samples[i] = d.sample(i);
            }
            BeatDataset gap = new BeatDataset(d.records(), 64, 360.0, w, d.labels(), origins, rr, recordIndex, samples);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.predict(gap));
            assertTrue(e.getMessage().contains("record rec7 beat 4 (R peak at sample " + d.sample(4) + "): no finite sample"),
                    e.getMessage());
            assertEquals(d.size(), p.predict(d).length);
        }
    }

    /**
     * A window of the model's length and rate cut with the R peak elsewhere (sample 40 of 64; the
     * model's is 21) has every sample misplaced: it is refused naming both indices, with a stream's
     * context and on workers too.
     */
    @Test
    void windowWithTheRPeakElsewhereIsNamed() {
        BeatWindow w = windows.get(3);
        BeatWindow shifted = new BeatWindow("rec7", "MLII", 5, w.rPeakSample(), 360.0, 40, w.samples(), w.rr());
        String expected = "rec7 beat 5: R peak at sample 40 of the window, the model takes it at sample 21";
        for (int workers = 1; workers <= 2; workers++) {
            try (Predictor p = new Predictor(bundle, 32, workers)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> p.predict(List.of(w, shifted)));
                assertTrue(e.getMessage().contains(expected), e.getMessage());
                e = assertThrows(IllegalArgumentException.class,
                        () -> p.predict(List.of(w, shifted), new BeatContext(p.input())));
                assertTrue(e.getMessage().contains(expected), e.getMessage());
            }
        }
    }

    /**
     * A stream's context is checked for the sizes the model reads: none for this model without a
     * patient context (any context does), the irregularity's pairs (16) for its rule with a slope.
     */
    @Test
    void aContextIsCheckedForWhatTheModelReads() {
        List<BeatWindow> five = windows.subList(0, 5);
        assertEquals(5, new Predictor(bundle, 16).predict(five, new BeatContext(32, 8, 16)).length);
        Predictor sloped = new Predictor(bundle.withDecision(new DecisionRule(Map.of("S", 0.5), "a test", Map.of(),
                Map.of("S", -8.0))), 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sloped.predict(five, new BeatContext(64, 1, 1, 4)));
        assertTrue(e.getMessage().contains("an irregularity of 4 pairs and no prematurity reference; the model takes"
                + " windows of 64 samples, an irregularity of 16 pairs"), e.getMessage());
        assertEquals(5, sloped.predict(five, new BeatContext(64, 3, 5)).length);
    }

    @Test
    void aWindowOfNothingButGapsIsNamed() {
        Predictor p = new Predictor(bundle, 32);
        float[] gaps = new float[64];
        java.util.Arrays.fill(gaps, Float.NaN);
        BeatWindow w = new BeatWindow("rec7", "MLII", 4, 1000, 360.0, 21, gaps, RrFeatures.of(1, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.predict(List.of(w)));
        assertTrue(e.getMessage().contains("rec7 beat 4: no finite sample"), e.getMessage());
        gaps[10] = 0.5f; // one finite sample: the rest count as 0, as documented
        BeatWindow one = new BeatWindow("rec7", "MLII", 4, 1000, 360.0, 21, gaps, RrFeatures.of(1, 1, 1));
        assertEquals(1, p.predict(List.of(one)).length);
    }

    @Test
    void backendIsNamed() {
        String b = new Predictor(bundle, 8).backend();
        assertTrue(b.startsWith("cpu (nd4j-native") || b.startsWith("cuda"), b);
    }
}

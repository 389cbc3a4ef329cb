package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.ingest.BeatWindow;
import io.beatflow.ingest.RrFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model with a patient context: records, streams in pieces, threads and bundles all agree. */
class ContextPredictorTest {
    static ModelBundle bundle;
    static BeatDataset data;
    static List<BeatWindow> windows = new ArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        data = SyntheticBeats.make(90, 64, 5, "r");
        bundle = new BeatClassifierTrainer(l -> { }, null).train(
                SyntheticBeats.small(Architecture.CNN, SyntheticBeats.contextInput()), SyntheticBeats.training(1), data,
                SyntheticBeats.empty(64), "synthetic", "none", "64").bundle();
        for (int i = 0; i < data.size(); i++) {
            float[] rr = data.rrFeatures(i);
            windows.add(new BeatWindow("r", "MLII", i, data.sample(i), 360.0, 21, data.window(i),
                    RrFeatures.of(rr[0], rr[1], rr[2])));
        }
    }

    @Test
    void aRecordScoresTheSameAsItsDatasetAndAsAStreamInPieces() {
        Predictor p = new Predictor(bundle, 16);
        float[][] whole = p.predict(windows);
        float[][] dataset = p.predict(data);
        BeatContext stream = new BeatContext(bundle.card().input());
        List<float[]> pieces = new ArrayList<>();
        for (int from = 0; from < windows.size(); from += 7) {
            pieces.addAll(Arrays.asList(p.predict(windows.subList(from, Math.min(windows.size(), from + 7)), stream)));
        }
        for (int i = 0; i < whole.length; i++) {
            assertArrayEquals(whole[i], dataset[i], 1e-6f, "beat " + i);
            assertArrayEquals(whole[i], pieces.get(i), 1e-6f, "beat " + i);
        }
    }

    @Test
    void aCallThatThrowsLeavesTheStreamsContextAsItWas() {
        Predictor p = new Predictor(bundle, 16);
        BeatContext kept = new BeatContext(bundle.card().input());
        BeatContext fresh = new BeatContext(bundle.card().input());
        BeatWindow w = windows.get(3);
        BeatWindow wrongRate = new BeatWindow("r", "MLII", 3, w.rPeakSample(), 250.0, 21, w.samples(), w.rr());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.predict(List.of(windows.get(0), windows.get(1), windows.get(2), wrongRate), kept));
        assertTrue(e.getMessage().contains("250.0 Hz"), e.getMessage());
        List<BeatWindow> next = windows.subList(0, 40);
        float[][] afterFailure = p.predict(next, kept);
        float[][] fromFresh = p.predict(next, fresh);
        for (int i = 0; i < next.size(); i++) {
            assertArrayEquals(fromFresh[i], afterFailure[i], 0f, "beat " + i);
        }
    }

    /**
     * A stream's context made for other windows (32 samples for this 64-sample model; it failed
     * with an ArrayIndexOutOfBoundsException) or another median beat (4 beats for the model's 8;
     * it was scored with the wrong median beat) is refused before it moves, saying what it was made
     * for, what the model takes and how to make one.
     */
    @Test
    void aContextMadeForAnotherInputIsRefusedBeforeItMoves() {
        Predictor p = new Predictor(bundle, 16);
        BeatContext shortWindows = new BeatContext(32, 8, 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.predict(windows.subList(0, 5), shortWindows));
        assertTrue(e.getMessage().contains("beat context made for windows of 32 samples, a median beat of 8 beats, "
                + "a mean RR of 16 intervals"), e.getMessage());
        assertTrue(e.getMessage().contains("the model takes windows of 64 samples, a median beat of 8 beats, "
                + "a mean RR of 16 intervals: make the stream's context with new BeatContext(predictor.input())"),
                e.getMessage());
        BeatContext fewerBeats = new BeatContext(64, 4, 16);
        e = assertThrows(IllegalArgumentException.class, () -> p.predict(windows.subList(0, 5), fewerBeats));
        assertTrue(e.getMessage().contains("beat context made for windows of 64 samples, a median beat of 4 beats"),
                e.getMessage());
        // unmoved: its next beat is still a stream's first, its own median beat, with no mean RR before it
        BeatWindow w = windows.get(7);
        BeatContext.Context next = fewerBeats.next(w.samples(), 0, Double.NaN);
        BeatContext.Context first = new BeatContext(64, 4, 16).next(w.samples(), 0, Double.NaN);
        assertArrayEquals(first.template(), next.template(), 0f);
        assertTrue(Double.isNaN(next.longTermRrSeconds()), "a refused call fed the context its intervals");
    }

    @Test
    void theContextChangesTheInput() {
        // the same window scored as the first beat of a fresh record and as the 60th beat of r
        Predictor p = new Predictor(bundle, 16);
        BeatWindow w = windows.get(60);
        BeatWindow alone = new BeatWindow("other", "MLII", 0, w.rPeakSample(), 360.0, 21, w.samples(), w.rr());
        float[] inRecord = p.predict(windows)[60];
        float[] fresh = p.predict(List.of(alone))[0];
        assertFalse(Arrays.equals(inRecord, fresh), "a patient context that changes nothing is not in the input");
    }

    @Test
    void eightThreadsEachScoringTheRecordAgreeWithOne() throws Exception {
        Predictor p = new Predictor(bundle, 16);
        float[][] single = p.predict(windows);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[][]>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> p.predict(windows)));
            }
            for (Future<float[][]> f : runs) {
                float[][] r = f.get();
                assertEquals(single.length, r.length);
                for (int i = 0; i < r.length; i++) {
                    assertArrayEquals(single[i], r[i], "beat " + i);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void workersKeepEachRecordsContextAndOutputs() {
        float[][] single = new Predictor(bundle, 16).predict(windows);
        try (Predictor p = new Predictor(bundle, 16, 4)) {
            float[][] r = p.predict(windows);
            float[][] d = p.predict(data);
            for (int i = 0; i < single.length; i++) {
                assertArrayEquals(single[i], r[i], "beat " + i);
                assertArrayEquals(single[i], d[i], 1e-6f, "beat " + i);
            }
        }
    }

    @Test
    void saveAndLoadKeepTheContextSpecAndOutputs(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("context.zip");
        bundle.save(f);
        Predictor loaded = Predictor.load(f);
        assertEquals(bundle.card().input(), loaded.input());
        assertTrue(loaded.card().normalisation().contains("median beat of the patient's previous 8 beats"),
                loaded.card().normalisation());
        float[][] a = new Predictor(bundle, 16).predict(windows);
        float[][] b = loaded.predict(windows);
        for (int i = 0; i < a.length; i++) {
            // the reloaded graph may order oneDNN's float sums differently: equal to the last bits
            assertArrayEquals(a[i], b[i], 1e-6f, "beat " + i);
        }
        Files.delete(f);
    }
}

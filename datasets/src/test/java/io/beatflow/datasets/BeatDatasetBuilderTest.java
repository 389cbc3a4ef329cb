package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.BeatWindowConfig;
import io.beatflow.ingest.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeatDatasetBuilderTest {
    private static final Corpus SYNTH = new Corpus("synthdb", "1.0.0", "synthetic", 360, 1, List.of("MLII"), "atr",
            List.of("s1"));
    private static final BeatWindowConfig WINDOW = BeatWindowConfig.defaults(360);

    private static CorpusRecord synthetic(long seed, List<Annotation> override) {
        SyntheticRecord r = SyntheticEcg.generate(SyntheticEcgConfig.defaults().withHeartRate(75, 2)
                .withEctopy(0.05, 0.05).withNoise(0.01, 0.05).withSampling(360, 120).withSeed(seed));
        return new CorpusRecord(SYNTH, "s" + seed, r.signal(), override != null ? override : r.annotations(), 0);
    }

    @Test
    void matchingIsOneToOneWithinTheTolerance() {
        // detections 100, 104, 300, 900; reference 102, 310, 500; tolerance 54 samples (150 ms at 360 Hz)
        int[] m = BeatDatasetBuilder.match(new long[] {100, 104, 300, 900}, new long[] {102, 310, 500}, 54);
        // 100 takes 102 (distance 2); 104 finds 102 taken and nothing else near: unmatched;
        // 300 takes 310; 900 is unmatched; reference 500 is matched by nobody
        assertArrayEquals(new int[] {0, -1, 1, -1}, m);
    }

    /**
     * Reference mode on a 120 s synthetic record: one window per annotated beat except those whose
     * 0.25 s before / 0.45 s after window leaves the record; labels are the generator's ground truth
     * (N -> N, V -> V, A -> S).
     */
    @Test
    void referenceModeLabelsEveryWindowableBeat() {
        CorpusRecord r = synthetic(5, null);
        BeatDatasetBuilder b = new BeatDatasetBuilder(WINDOW, BeatDatasetBuilder.Mode.REFERENCE, null);
        BeatDataset d = b.build(List.of(r));
        long windowable = r.annotations().stream()
                .filter(a -> a.sample() >= 90 && a.sample() + 161 <= r.signal().length() - 1).count();
        assertEquals(windowable, d.size());
        assertEquals(r.annotations().size() - windowable, b.lastSkipped());
        assertEquals(252, d.windowSamples());
        int k = 0;
        for (Annotation a : r.annotations()) {
            if (k < d.size() && d.sample(k) == a.sample()) {
                String expected = switch (a.code()) {
                    case PVC -> "V";
                    case APC -> "S";
                    default -> "N";
                };
                assertEquals(expected, d.labelName(k), "beat at " + a.sample());
                assertEquals(BeatDataset.Origin.REFERENCE, d.origin(k));
                k++;
            }
        }
        assertEquals(d.size(), k);
        assertTrue(d.classCounts().get(AamiClass.V) > 0 && d.classCounts().get(AamiClass.S) > 0);
        // the window is the signal around the R peak: sample 90 of the window is the R peak itself
        assertEquals(r.signal().physical(0, (int) d.sample(3)), d.window(3)[90], 1e-6);
    }

    /**
     * Detected mode: with the reference thinned (every 10th beat removed) and two fake reference
     * beats added where no QRS is, the removed beats' detections come back as FALSE_DETECTION
     * (unmatched) and the fake ones as MISSED.
     */
    @Test
    void detectedModeKeepsUnmatchedDetectionsAndMissedReferenceBeats() {
        CorpusRecord full = synthetic(6, null);
        List<Annotation> thinned = new ArrayList<>();
        List<Annotation> beats = full.annotations();
        int removed = 0;
        for (int i = 0; i < beats.size(); i++) {
            if (i % 10 == 5 && i < beats.size() - 2) {
                removed++;
            } else {
                thinned.add(beats.get(i));
            }
        }
        // two fake beats half-way between beats 20/21 and 40/41, where the signal is diastolic
        long fake1 = (beats.get(20).sample() + beats.get(21).sample()) / 2;
        long fake2 = (beats.get(40).sample() + beats.get(41).sample()) / 2;
        thinned.add(Annotation.of(fake1, AnnotationCode.NORMAL));
        thinned.add(Annotation.of(fake2, AnnotationCode.NORMAL));
        thinned.sort((a, b) -> Long.compare(a.sample(), b.sample()));
        CorpusRecord r = new CorpusRecord(SYNTH, "thinned", full.signal(), thinned, 0);
        BeatDataset d = new BeatDatasetBuilder(WINDOW, BeatDatasetBuilder.Mode.DETECTED, null).build(List.of(r));
        assertEquals(removed, d.count(BeatDataset.Origin.FALSE_DETECTION));
        assertEquals(2, d.count(BeatDataset.Origin.MISSED));
        for (int i = 0; i < d.size(); i++) {
            if (d.origin(i) == BeatDataset.Origin.MISSED) {
                assertTrue(d.sample(i) == fake1 || d.sample(i) == fake2);
            }
            assertEquals(d.origin(i) == BeatDataset.Origin.FALSE_DETECTION, d.label(i) == BeatDataset.UNMATCHED);
            if (i > 0) {
                assertTrue(d.sample(i) > d.sample(i - 1), "beats in time order");
            }
        }
    }

    /** Detected beats are keyed by what the detector does, so beats cached by an older detector are not reused. */
    @Test
    void detectedBeatsAreKeyedByTheDetectorsFingerprint() {
        String detected = new BeatDatasetBuilder(WINDOW, BeatDatasetBuilder.Mode.DETECTED, null).configKey(Corpus.MITDB);
        assertTrue(detected.contains("\ndetector=" + io.beatflow.ingest.BeatDetectors.fingerprint(360) + "\n"), detected);
        String reference = new BeatDatasetBuilder(WINDOW, BeatDatasetBuilder.Mode.REFERENCE, null)
                .configKey(Corpus.MITDB);
        assertTrue(reference.contains("\ndetector=-\n"), reference);
        String filtered = new BeatDatasetBuilder(WINDOW.withBaselineHighPass(0.5), BeatDatasetBuilder.Mode.REFERENCE,
                null).configKey(Corpus.MITDB);
        assertTrue(!filtered.equals(reference) && filtered.contains("baselineHighPassHz=0.5"), filtered);
    }

    @Test
    void secondBuildOfMitdbRecordsComesFromTheCache(@TempDir Path tmp) throws IOException {
        ReferenceData.assumeMitdb();
        BeatDatasetCache cache = new BeatDatasetCache(tmp);
        BeatDatasetBuilder b = new BeatDatasetBuilder(WINDOW, BeatDatasetBuilder.Mode.REFERENCE, cache);
        BeatDataset first = b.build(Corpus.MITDB, ReferenceData.mitdb(), List.of("100", "208"));
        assertFalse(b.lastFromCache());
        // BEATCOUNTS.tsv: 2273 + 2955 beats; 208's first beat (an F at sample 46) cannot be windowed,
        // and at most one more per record end
        assertTrue(first.size() <= 2273 + 2955 - 1 && first.size() >= 2273 + 2955 - 4, "beats " + first.size());
        BeatDataset second = b.build(Corpus.MITDB, ReferenceData.mitdb(), List.of("100", "208"));
        assertTrue(b.lastFromCache());
        assertEquals(first, second);
        assertEquals(1, cache.keys().size());
        // another window length is another entry
        new BeatDatasetBuilder(BeatWindowConfig.defaults(180), BeatDatasetBuilder.Mode.REFERENCE, cache)
                .build(Corpus.MITDB, ReferenceData.mitdb(), List.of("100", "208"));
        assertEquals(2, cache.keys().size());
    }

    /** The cache key names the code that builds datasets: other code (here: other classes) gives another key. */
    @Test
    void theCacheKeyChangesWithTheCode() {
        String key = new BeatDatasetBuilder(io.beatflow.ingest.BeatWindowConfig.defaults(360),
                BeatDatasetBuilder.Mode.REFERENCE, null).configKey(Corpus.MITDB);
        org.junit.jupiter.api.Assertions.assertTrue(key.endsWith("\ncode=" + BeatDatasetBuilder.CODE_FINGERPRINT), key);
        org.junit.jupiter.api.Assertions.assertNotEquals(BeatDatasetBuilder.codeFingerprint(AamiClass.class),
                BeatDatasetBuilder.codeFingerprint(Corpus.class));
        org.junit.jupiter.api.Assertions.assertEquals(BeatDatasetBuilder.codeFingerprint(AamiClass.class),
                BeatDatasetBuilder.codeFingerprint(AamiClass.class));
    }
}

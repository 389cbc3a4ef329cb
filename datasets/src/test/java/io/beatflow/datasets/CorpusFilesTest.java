package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.BeatWindowConfig;
import io.beatflow.ingest.SignalFormatException;
import io.beatflow.ingest.WfdbWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each corpus read through the common loader from small records in its own layout (rate, lead
 * count and names, storage format), written by the synthetic generator and {@link WfdbWriter}:
 * the real databases are not on this machine.
 */
class CorpusFilesTest {
    @TempDir
    Path tmp;

    private static final List<String> INCART_LEADS = List.of("I", "II", "III", "AVR", "AVL", "AVF", "V1", "V2", "V3",
            "V4", "V5", "V6");

    /** Writes one synthetic record in a corpus's layout; returns what was written. */
    private SyntheticRecord write(Corpus corpus, String record, List<String> leads, int format, long seed)
            throws IOException {
        SyntheticRecord r = SyntheticEcg.generate(SyntheticEcgConfig.defaults().withHeartRate(80, 2)
                .withEctopy(0.06, 0.06).withNoise(0.01, 0.05).withLeads(leads)
                .withSampling(corpus.sampleRateHz(), 30).withSeed(seed)).withName(record);
        Path dir = tmp.resolve(corpus.database());
        WfdbWriter.write(dir, r.signal(), format);
        WfdbWriter.writeAnnotations(dir, record, corpus.annotator(), r.annotations());
        return r;
    }

    @Test
    void incartRecordsHaveTwelveLeadsAt257HzAndLeadIIIsAnalysed() throws IOException {
        SyntheticRecord w = write(Corpus.INCARTDB, "I01", INCART_LEADS, 16, 1);
        CorpusRecord r = Corpus.INCARTDB.load(tmp.resolve("incartdb"), "I01");
        assertEquals(257.0, r.signal().sampleRateHz());
        assertEquals(12, r.signal().leadCount());
        assertEquals(1, r.lead(), "lead II is the second of the twelve");
        assertEquals(w.annotations(), r.annotations());
        assertEquals(ClassCounts.of(w.annotations()), ClassCounts.of(r.annotations()));
        assertEquals(List.of("I01"), Corpus.INCARTDB.presentRecords(tmp.resolve("incartdb")));
    }

    @Test
    void svdbEdbAndLtafdbRecordsLoadThroughTheSameLoader() throws IOException {
        Object[][] cases = {
            {Corpus.SVDB, "800", List.of("ECG1", "ECG2"), 0},
            {Corpus.EDB, "e0103", List.of("V4", "MLIII"), 0},
            {Corpus.LTAFDB, "00", List.of("ECG", "ECG"), 0},
        };
        long seed = 2;
        for (Object[] c : cases) {
            Corpus corpus = (Corpus) c[0];
            String record = (String) c[1];
            @SuppressWarnings("unchecked")
            List<String> leads = (List<String>) c[2];
            SyntheticRecord w = write(corpus, record, leads, 212, seed++);
            Path dir = tmp.resolve(corpus.database());
            Files.writeString(dir.resolve("RECORDS"), record + "\n");
            CorpusRecord r = corpus.load(dir, record);
            assertEquals(corpus.sampleRateHz(), r.signal().sampleRateHz(), corpus.database());
            assertEquals(leads.get(0), r.signal().leads().get(0).name());
            assertEquals((int) c[3], r.lead());
            assertEquals(w.annotations().size(), r.beats().size());
            assertEquals(ClassCounts.of(w.annotations()), corpus.countBeats(dir));
            // and the beat dataset builder takes them, from disk, through the cache
            BeatDatasetCache cache = new BeatDatasetCache(tmp.resolve("cache"));
            BeatDatasetBuilder b = new BeatDatasetBuilder(BeatWindowConfig.defaults(corpus.sampleRateHz()),
                    BeatDatasetBuilder.Mode.REFERENCE, cache);
            BeatDataset d = b.build(corpus, dir, corpus.records(dir));
            assertFalse(b.lastFromCache());
            assertEquals(w.annotations().size(), d.size() + b.lastSkipped());
            assertEquals(d, b.build(corpus, dir, corpus.records(dir)));
            assertTrue(b.lastFromCache());
        }
    }

    @Test
    void recordWithTheWrongRateIsRejectedNamingItsHeader() throws IOException {
        // an "svdb" record written at 250 Hz
        SyntheticRecord r = SyntheticEcg.generate(SyntheticEcgConfig.defaults().withLeads(List.of("ECG1", "ECG2"))
                .withSampling(250, 5)).withName("801");
        WfdbWriter.write(tmp, r.signal(), 212);
        WfdbWriter.writeAnnotations(tmp, "801", "atr", r.annotations());
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> Corpus.SVDB.load(tmp, "801"));
        assertTrue(e.getMessage().contains("801.hea") && e.getMessage().contains("128.0 Hz"), e.getMessage());
    }
}

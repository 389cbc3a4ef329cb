package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
    @Test
    void catalogueFactsFromThePhysioNetPages() {
        assertEquals(257.0, Corpus.INCARTDB.sampleRateHz());
        assertEquals(12, Corpus.INCARTDB.leadCount());
        assertEquals(75, Corpus.INCARTDB.fixedRecords().size());
        assertEquals("I01", Corpus.INCARTDB.fixedRecords().get(0));
        assertEquals("I75", Corpus.INCARTDB.fixedRecords().get(74));
        assertEquals(128.0, Corpus.SVDB.sampleRateHz());
        assertEquals(250.0, Corpus.EDB.sampleRateHz());
        assertEquals(128.0, Corpus.LTAFDB.sampleRateHz());
        assertEquals(48, Corpus.MITDB.fixedRecords().size());
        assertEquals(Corpus.SVDB, Corpus.of("svdb"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Corpus.of("afdb"));
        assertTrue(e.getMessage().contains("known: [mitdb, incartdb, svdb, edb, ltafdb]"), e.getMessage());
    }

    @Test
    void recordListComesFromTheRecordsFileWhenNotFixed(@TempDir Path dir) throws IOException {
        assertThrows(NoSuchFileException.class, () -> Corpus.SVDB.records(dir));
        Files.writeString(dir.resolve("RECORDS"), "800\n801\r\n\n802\n");
        assertEquals(List.of("800", "801", "802"), Corpus.SVDB.records(dir));
    }

    @Test
    void loadsMitdbRecordsWithTheMliiLead() throws IOException {
        ReferenceData.assumeMitdb();
        CorpusRecord r114 = Corpus.MITDB.load(ReferenceData.mitdb(), "114");
        assertEquals(1, r114.lead(), "record 114 stores MLII second");
        CorpusRecord r100 = Corpus.MITDB.load(ReferenceData.mitdb(), "100");
        assertEquals(0, r100.lead());
        // BEATCOUNTS.tsv: record 100 has 2273 beats (2239 N, 33 A, 1 V)
        assertEquals(2273, r100.beats().size());
        ClassCounts c = ClassCounts.of(r100.annotations());
        assertEquals(2239, c.get(AamiClass.N));
        assertEquals(33, c.get(AamiClass.S));
        assertEquals(1, c.get(AamiClass.V));
    }

    @Test
    void wrongSampleRateIsReportedWithTheHeader() throws IOException {
        ReferenceData.assumeMitdb();
        Corpus wrong = new Corpus("mitdb", "1.0.0", "test corpus", 250, 2, List.of(), "atr", List.of("100"));
        IOException e = assertThrows(IOException.class, () -> wrong.load(ReferenceData.mitdb(), "100"));
        assertTrue(e.getMessage().contains("100.hea") && e.getMessage().contains("360.0 Hz"), e.getMessage());
    }
}

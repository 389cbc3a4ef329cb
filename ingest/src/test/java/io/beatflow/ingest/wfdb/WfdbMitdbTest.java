package io.beatflow.ingest.wfdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbAnnotationWriter;
import io.beatflow.ingest.WfdbHeader;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.testing.ReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole MIT-BIH Arrhythmia Database. Independent references: each header's own initial values
 * and 16-bit checksums (verified by the reader for all 96 signals), and {@code BEATCOUNTS.tsv}
 * beside the data (beats per record counted from the .atr files; 109,494 in all).
 */
class WfdbMitdbTest {
    @BeforeAll
    static void data() {
        ReferenceData.assumeMitdb();
    }

    @Test
    void readsAll48RecordsWithVerifiedChecksums() throws Exception {
        List<String> records = ReferenceData.mitdbRecords();
        assertEquals(48, records.size());
        for (String r : records) {
            Signal s = WfdbReader.read(ReferenceData.mitdb().resolve(r));
            WfdbHeader h = WfdbHeader.read(ReferenceData.mitdb().resolve(r + ".hea"));
            assertEquals(650000, s.length(), r);
            assertEquals(2, s.leadCount(), r);
            assertEquals(h.signals().get(0).description(), s.leads().get(0).name(), r);
        }
    }

    @Test
    void beatCountsMatchBeatcountsTsv() throws Exception {
        List<String> lines = Files.readAllLines(ReferenceData.mitdb().resolve("BEATCOUNTS.tsv"));
        List<String> columns = List.of(lines.get(0).split("\t"));
        int recordCol = columns.indexOf("record");
        int beatsCol = columns.indexOf("beats");
        assertTrue(recordCol >= 0 && beatsCol >= 0, "BEATCOUNTS.tsv header: " + columns);
        long total = 0;
        int rows = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            if (!f[recordCol].matches("\\d+")) {
                continue; // a summary row, if any
            }
            List<Annotation> anns = WfdbAnnotationReader.read(ReferenceData.mitdb().resolve(f[recordCol] + ".atr"));
            long beats = anns.stream().filter(Annotation::isBeat).count();
            assertEquals(Long.parseLong(f[beatsCol]), beats, "record " + f[recordCol]);
            total += beats;
            rows++;
        }
        assertEquals(48, rows);
        assertEquals(109_494, total);
    }

    /**
     * Every reference annotation file survives read-write-read unchanged, and its rewritten bytes
     * equal the original's once the optional NUL terminators of aux strings are removed (see
     * {@link WfdbAnnotationTest#rewritesRecord100AtrByteForByte}).
     */
    @Test
    void rewritesEveryAtrFileCanonically() throws Exception {
        for (String r : ReferenceData.mitdbRecords()) {
            Path atr = ReferenceData.mitdb().resolve(r + ".atr");
            List<Annotation> anns = WfdbAnnotationReader.read(atr);
            byte[] written = WfdbAnnotationWriter.toBytes(anns);
            assertEquals(anns, WfdbAnnotationReader.read(r + " rewritten", written), r);
            assertArrayEquals(WfdbAnnotationTest.withoutAuxNul(Files.readAllBytes(atr)), written, r);
        }
    }
}

package io.beatflow.ingest.wfdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.testing.ReferenceData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads MIT-BIH record 100. Independent checks: the header's own per-signal checksums and initial
 * values (verified by the reader; 995 and 1011), its record line (2 signals, 360 Hz, 650000
 * samples), and the database README's beat count for record 100 (2273 beats: 2239 N, 33 A, 1 V).
 */
class WfdbRecord100Test {
    @BeforeAll
    static void data() {
        ReferenceData.assumeMitdb();
    }

    @Test
    void readsRecord100WithVerifiedChecksums() throws Exception {
        Signal s = WfdbReader.read(ReferenceData.mitdb().resolve("100"));
        assertEquals(2, s.leadCount());
        assertEquals(650000, s.length());
        assertEquals(360.0, s.sampleRateHz());
        assertEquals("MLII", s.leads().get(0).name());
        assertEquals("V5", s.leads().get(1).name());
        assertEquals(200.0, s.leads().get(0).gain());
        assertEquals(1024.0, s.leads().get(0).baseline());
        assertEquals(995, s.digital(0)[0]);
        assertEquals(1011, s.digital(1)[0]);
        // (995 - 1024) / 200 = -0.145 mV
        assertEquals(-0.145f, s.physical(0, 0), 1e-6f);
    }

    @Test
    void acceptsHeaderPath() throws Exception {
        Path hea = ReferenceData.mitdb().resolve("100.hea");
        assertEquals(650000, WfdbReader.read(hea).length());
    }

    @Test
    void readsRecord100BeatAnnotations() throws Exception {
        List<Annotation> anns = WfdbAnnotationReader.read(ReferenceData.mitdb().resolve("100.atr"));
        assertEquals(2273, anns.stream().filter(Annotation::isBeat).count());
        assertEquals(2239, anns.stream().filter(a -> a.code() == AnnotationCode.NORMAL).count());
        assertEquals(33, anns.stream().filter(a -> a.code() == AnnotationCode.APC).count());
        assertEquals(1, anns.stream().filter(a -> a.code() == AnnotationCode.PVC).count());
        // first two words of 100.atr: 0x7012 = code 28 (rhythm), interval 18; AUX "(N"
        assertEquals(18, anns.get(0).sample());
        assertEquals(AnnotationCode.RHYTHM, anns.get(0).code());
        assertEquals("(N", anns.get(0).aux());
    }
}

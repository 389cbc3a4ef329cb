package io.beatflow.ingest.wfdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.internal.FuzzTarget;
import io.beatflow.ingest.internal.ParserFuzzer;
import io.beatflow.ingest.internal.WfdbAnnotationFuzzTarget;
import io.beatflow.ingest.internal.WfdbHeaderFuzzTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the header and annotation parsers for about 3 s each: only
 * SignalFormatException may escape, and accepted inputs must survive format-and-reparse.
 */
class WfdbFuzzTest {
    private static void fuzz(FuzzTarget target) {
        assertTrue(target.seeds().size() > 3);
        for (byte[] seed : target.seeds()) {
            try {
                target.parse(seed); // seeds are valid
            } catch (Exception e) {
                throw new AssertionError(target.name() + " rejects its own seed", e);
            }
        }
        ParserFuzzer.Report r = new ParserFuzzer(20261121L, 5).run(target, Long.MAX_VALUE, 3000);
        assertEquals(List.of(), r.failures(), () -> r.failures().toString());
        assertTrue(r.rejected() > 0 && r.accepted() > 0, r::toString);
    }

    @Test
    void headerParserOnlyThrowsSignalFormatException() {
        fuzz(new WfdbHeaderFuzzTarget());
    }

    @Test
    void annotationParserOnlyThrowsSignalFormatException() {
        fuzz(new WfdbAnnotationFuzzTarget());
    }
}

package io.beatflow.ingest.edf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.EdfReader;
import io.beatflow.ingest.internal.EdfFuzzTarget;
import io.beatflow.ingest.internal.ParserFuzzer;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdfFuzzTargetTest {

    @Test
    void seedsAreValid() throws Exception {
        EdfFuzzTarget target = new EdfFuzzTarget();
        for (byte[] seed : target.seeds()) {
            target.parse(seed);
        }
        assertEquals(3, EdfReader.read("seed.edf", target.seeds().get(0)).annotations().size());
    }

    /** About 3 s of seeded mutations: only SignalFormatException may escape the reader. */
    @Test
    void onlySignalFormatExceptionEscapesOnMutatedInput() {
        ParserFuzzer.Report r = new ParserFuzzer(20261121L, 5).run(new EdfFuzzTarget(), Long.MAX_VALUE, 3000);
        List<ParserFuzzer.Failure> failures = r.failures();
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(r.iterations() > 1000, "iterations: " + r.iterations());
        assertTrue(r.accepted() > 0 && r.rejected() > 0, r.toString());
    }
}

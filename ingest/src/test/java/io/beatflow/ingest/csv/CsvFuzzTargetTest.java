package io.beatflow.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.internal.CsvFuzzTarget;
import io.beatflow.ingest.internal.ParserFuzzer;
import org.junit.jupiter.api.Test;

class CsvFuzzTargetTest {

    @Test
    void seedsAreValid() throws Exception {
        CsvFuzzTarget target = new CsvFuzzTarget();
        for (byte[] seed : target.seeds()) {
            target.parse(seed);
        }
    }

    /** About 2 s of seeded mutations: only SignalFormatException may escape the reader. */
    @Test
    void onlySignalFormatExceptionEscapesOnMutatedInput() {
        ParserFuzzer.Report r = new ParserFuzzer(20261121L, 5).run(new CsvFuzzTarget(), Long.MAX_VALUE, 2000);
        assertTrue(r.failures().isEmpty(), r.failures().toString());
        assertTrue(r.accepted() > 0 && r.rejected() > 0, r.toString());
    }
}

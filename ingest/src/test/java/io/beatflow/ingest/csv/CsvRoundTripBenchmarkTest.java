package io.beatflow.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.CsvReadOptions;
import io.beatflow.ingest.CsvSignalReader;
import io.beatflow.ingest.CsvSignalWriter;
import io.beatflow.ingest.EdfReader;
import io.beatflow.ingest.EdfWriter;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.testing.ReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and import speed for MIT-BIH record 100 (650000 samples x 2 leads) as CSV and EDF, best
 * of 5 passes after 2 warm-up passes. Tagged {@code benchmark}: run it alone with
 * {@code mvn -B -ntp -o -q -pl ingest -am verify -Dsurefire.excludedGroups= -Dgroups=benchmark
 * -Dtest=CsvRoundTripBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}. The bound (CSV write
 * and read each under 3 s) only guards against a gross regression on a busy 2-core machine.
 */
@Tag("benchmark")
class CsvRoundTripBenchmarkTest {
    @Test
    void exportsAndImportsRecord100Fast(@TempDir Path dir) throws Exception {
        ReferenceData.assumeMitdb();
        Signal s = WfdbReader.read(ReferenceData.mitdb().resolve("100"));
        Path csv = dir.resolve("100.csv");
        Path edf = dir.resolve("100.edf");
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        for (int pass = 0; pass < 7; pass++) {
            long t0 = System.nanoTime();
            CsvSignalWriter.write(csv, s, 0, s.length(), false);
            long t1 = System.nanoTime();
            Signal back = CsvSignalReader.read(csv, CsvReadOptions.defaults().withSampleRateHz(360));
            long t2 = System.nanoTime();
            EdfWriter.write(edf, s);
            long t3 = System.nanoTime();
            Signal fromEdf = EdfReader.readSignal(edf);
            long t4 = System.nanoTime();
            assertEquals(s.length(), back.length());
            assertEquals(650160, fromEdf.length());
            if (pass >= 2) {
                best[0] = Math.min(best[0], t1 - t0);
                best[1] = Math.min(best[1], t2 - t1);
                best[2] = Math.min(best[2], t3 - t2);
                best[3] = Math.min(best[3], t4 - t3);
            }
        }
        System.out.printf(Locale.ROOT, "record 100: CSV write %.0f ms (%d bytes), CSV read %.0f ms, EDF write %.0f ms"
                + " (%d bytes), EDF read %.0f ms%n", best[0] / 1e6, Files.size(csv), best[1] / 1e6, best[2] / 1e6,
                Files.size(edf), best[3] / 1e6);
        assertTrue(best[0] < 3e9 && best[1] < 3e9, "CSV write/read took " + best[0] / 1e6 + " / " + best[1] / 1e6 + " ms");
    }
}

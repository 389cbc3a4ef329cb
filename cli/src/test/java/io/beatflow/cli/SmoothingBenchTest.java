package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.testing.ReferenceData;
import org.junit.jupiter.api.Test;

/** {@code beatflow bench smoothing}: one record, one run; bad counts refused. */
class SmoothingBenchTest {
    @Test
    void timesTheShippedSmoothingOnARecord() {
        ReferenceData.assumeMitdb();
        CliRun r = CliRun.of("bench", "smoothing", "--runs", "1", "--threads", "1", "--data",
                ReferenceData.root().toString(), "100");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s)morphology smoothing \\(V, last 1000 beats, bandwidth 2\\.0\\): 22\\d\\d beats of 1"
                + " record, 1 thread\\(s\\): median \\d+ ms over 1 runs, \\d+ beats/s.*"), r.out());
    }

    @Test
    void zeroThreadsAreRefused() {
        CliRun r = CliRun.of("bench", "smoothing", "--threads", "0");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--threads and --runs must be at least 1, got 0 and 5"), r.err());
    }
}

package io.beatflow.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The record bootstrap's time budget: 50,000 beats in 44 records, 2000 replicates, 2 threads, in
 * at most 5 s (median of 5 runs). Tagged "benchmark": excluded from the unit and integration
 * runs because timings on a shared 2-core machine are noisy; run it with
 * {@code mvn -pl eval test -Dsurefire.excludedGroups=integration -Dtest=BootstrapBenchmarkTest} or use
 * {@link BootstrapBenchmark#main}.
 */
@Tag("benchmark")
class BootstrapBenchmarkTest {
    @Test
    void fiftyThousandBeatsTwoThousandReplicatesWithinFiveSeconds() {
        BootstrapBenchmark.Result r = BootstrapBenchmark.run(50_000, 44, 2000, 2, 5);
        assertTrue(r.medianMillis() <= 5000, "median " + r.medianMillis() + " ms");
    }
}

package io.beatflow.ingest.wfdb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.testing.ReferenceData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reading speed over the whole MIT-BIH database (48 records x 650000 frames x 2 signals), checksums
 * verified. Tagged {@code benchmark}: run it alone with
 * {@code mvn -B -ntp -o -q -pl ingest -am verify -Dsurefire.excludedGroups= -Dgroups=benchmark
 * -Dtest=WfdbReadBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}. Rates are per core: the
 * reading thread's CPU time, which a busy shared machine does not inflate (wall time is printed
 * too). Reading must leave most
 * of the pipeline's budget (20 M samples/s/core for read + filter + detect) to the maths, so it is
 * required to reach 50 M samples/s (2.5 times the whole budget) even on a busy machine.
 */
@Tag("benchmark")
class WfdbReadBenchmarkTest {
    @Test
    void readsTheDatabaseFast() throws Exception {
        List<String> records = ReferenceData.mitdbRecords();
        Path db = ReferenceData.mitdb();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long bestCpu = Long.MAX_VALUE;
        long bestWall = Long.MAX_VALUE;
        long samples = 0;
        for (int pass = 0; pass < 6; pass++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            samples = 0;
            for (String r : records) {
                Signal s = WfdbReader.read(db.resolve(r));
                samples += (long) s.length() * s.leadCount();
            }
            long wall = System.nanoTime() - t0;
            long cpu = mx.getCurrentThreadCpuTime() - c0;
            if (pass >= 2) { // the first passes warm up the JIT
                bestCpu = Math.min(bestCpu, cpu);
                bestWall = Math.min(bestWall, wall);
            }
        }
        long best100 = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            WfdbReader.read(db.resolve("100"));
            best100 = Math.min(best100, mx.getCurrentThreadCpuTime() - c0);
        }
        double rate = samples / (bestCpu / 1e3);
        System.out.printf(Locale.ROOT, "WFDB read: %d records, %d samples, best pass %.0f ms CPU (%.0f ms wall)"
                + " = %.1f M samples/s per core; record 100 best %.2f ms CPU%n", records.size(), samples,
                bestCpu / 1e6, bestWall / 1e6, rate, best100 / 1e6);
        assertTrue(rate >= 50, "read rate " + rate + " M samples/s");
    }
}

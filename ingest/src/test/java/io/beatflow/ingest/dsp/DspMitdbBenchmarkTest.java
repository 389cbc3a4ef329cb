package io.beatflow.ingest.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.BandPassConfig;
import io.beatflow.ingest.BandPassFilter;
import io.beatflow.ingest.BeatWindowConfig;
import io.beatflow.ingest.BeatWindower;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.testing.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole MIT-BIH database (48 records, lead 0, 109494 reference beats): zero-phase band-pass
 * and beat windowing, timed on one thread. Tagged {@code benchmark}; run it alone with
 * {@code mvn -B -ntp -o -q -pl ingest -am verify -Dsurefire.excludedGroups= -Dgroups=benchmark
 * -Dtest=DspMitdbBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}. Required: windowing every
 * beat in well under a second (0.5 s), and the band-pass at 50 M samples/s or more, even on a
 * busy machine.
 */
@Tag("benchmark")
class DspMitdbBenchmarkTest {
    @Test
    void filtersAndWindowsTheDatabaseFast() throws Exception {
        ReferenceData.assumeMitdb();
        List<float[]> leads = new ArrayList<>();
        List<long[]> beatLists = new ArrayList<>();
        long samples = 0;
        int beats = 0;
        for (String r : ReferenceData.mitdbRecords()) {
            Signal s = WfdbReader.read(ReferenceData.mitdb().resolve(r));
            leads.add(s.physical(0));
            long[] b = WfdbAnnotationReader.read(ReferenceData.mitdb().resolve(r + ".atr")).stream()
                    .filter(Annotation::isBeat).mapToLong(Annotation::sample).toArray();
            beatLists.add(b);
            samples += s.length();
            beats += b.length;
        }
        assertEquals(109494, beats); // data/README.md: 109,494 beat annotations
        BandPassFilter bp = new BandPassFilter(BandPassConfig.ecg(360));
        BeatWindower windower = new BeatWindower(BeatWindowConfig.samples256At360());
        long bestFilter = Long.MAX_VALUE;
        long bestWindow = Long.MAX_VALUE;
        int windows = 0;
        for (int pass = 0; pass < 5; pass++) {
            List<float[]> filtered = new ArrayList<>();
            long t0 = System.nanoTime();
            for (float[] x : leads) {
                filtered.add(bp.applyZeroPhase(x));
            }
            long t1 = System.nanoTime();
            windows = 0;
            for (int i = 0; i < leads.size(); i++) {
                windows += windower.window("r", "MLII", filtered.get(i), 360, beatLists.get(i)).windows().size();
            }
            long t2 = System.nanoTime();
            if (pass >= 1) {
                bestFilter = Math.min(bestFilter, t1 - t0);
                bestWindow = Math.min(bestWindow, t2 - t1);
            }
        }
        double filterRate = samples / (bestFilter / 1e3);
        System.out.printf(Locale.ROOT, "MIT-BIH lead 0: %d samples band-passed (zero-phase) in %.0f ms = %.1f M samples/s;"
                + " %d of %d beats windowed (256 @ 360 Hz) in %.0f ms%n", samples, bestFilter / 1e6, filterRate,
                windows, beats, bestWindow / 1e6);
        assertTrue(bestWindow < 500_000_000L, "windowing took " + bestWindow / 1e6 + " ms");
        assertTrue(filterRate >= 50, "band-pass rate " + filterRate + " M samples/s");
    }
}

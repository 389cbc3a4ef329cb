package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.eval.ReferenceEpisodes;
import io.beatflow.eval.ReferenceEpisodes.SampleRange;
import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.testing.ReferenceData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flutter and shutdown episodes read from reference annotations by bxb's rules (hand-derived cases). */
class ReferenceEpisodesReadingTest {
    private static Annotation noise(long sample, int subtype) {
        return new Annotation(sample, AnnotationCode.NOISE, subtype, 0, 0, "");
    }

    /**
     * VF from VFON to VFOFF with everything between passed over (a beat and a noise mark inside
     * start nothing); a shutdown closed by a noise mark with signals readable again (subtype 3, as
     * MIT-BIH's); an AHA-style single mark (followed by a beat), running from one match window (54)
     * after the beat before it to one before the next annotation; a VFON never closed runs on.
     */
    @Test
    void episodesFollowBxb() {
        List<Annotation> a = List.of(
                Annotation.of(50, AnnotationCode.NORMAL),
                Annotation.of(100, AnnotationCode.VFON),
                Annotation.of(150, AnnotationCode.FLWAV),
                Annotation.of(200, AnnotationCode.NORMAL),
                noise(250, -1),
                Annotation.of(300, AnnotationCode.VFOFF),
                noise(1000, -1),
                noise(1200, 3),
                Annotation.of(2000, AnnotationCode.NORMAL),
                noise(2500, -1),
                Annotation.of(3000, AnnotationCode.NORMAL),
                noise(3500, 0x10),
                Annotation.of(5000, AnnotationCode.VFON),
                Annotation.of(5100, AnnotationCode.NORMAL));
        ReferenceEpisodes e = DetectionBenchmark.episodes(a, 54);
        assertEquals(List.of(new SampleRange(100, 300), new SampleRange(5000, Long.MAX_VALUE)), e.flutter());
        assertEquals(List.of(new SampleRange(1000, 1200), new SampleRange(2054, 2946)), e.shutdown());
    }

    /**
     * Record 207's reference marks ventricular flutter from sample 554,682 to 589,926 (VFON and
     * VFOFF in 207.atr), inside the scored part: 35,245 samples at 360 Hz, 97.9 s; detect says so.
     */
    @Test
    @Tag("integration")
    void detectNamesRecord207sFlutterEpisode(@TempDir Path out) {
        ReferenceData.assumeMitdb();
        CliRun run = CliRun.of("detect", "--out", out.toString(), ReferenceData.mitdb().resolve("207").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("207: 1 ventricular flutter/fibrillation episode of the reference in the scored"
                + " part (97.9 s)"), run.err());
    }
}

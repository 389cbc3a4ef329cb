package io.beatflow.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.testing.ReferenceData;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Streaming equals offline on real data: every MIT-BIH record, fed in random chunk sizes (seeded)
 * and with a snapshot/restore into a fresh detector at a random point, gives exactly the beats of
 * {@link BeatDetectors#detect(Signal, int, BeatDetector)}.
 */
@Tag("integration")
class MitdbStreamingDetectionTest {
    @Test
    void randomChunksAndARestartGiveTheOfflineBeatsOnEveryRecord() throws IOException {
        ReferenceData.assumeMitdb();
        SplittableRandom rnd = new SplittableRandom(20261121L);
        for (String name : ReferenceData.mitdbRecords()) {
            Signal s = WfdbReader.read(ReferenceData.mitdb().resolve(name));
            for (BeatDetector d : new BeatDetector[] {new AdaptiveQrsDetector(DetectorConfig.defaults(360)),
                    new PanTompkinsDetector(DetectorConfig.panTompkins(360))}) {
                long[] offline = BeatDetectors.detect(s, 0, d);
                float[] x = s.physical(0);
                long[] out = new long[offline.length + 16];
                int[] count = {0};
                int restartAt = rnd.nextInt(x.length);
                d.reset();
                BeatDetector current = d;
                int at = 0;
                boolean restarted = false;
                while (at < x.length) {
                    int len = Math.min(x.length - at, rnd.nextInt(20) == 0 ? rnd.nextInt(3) : 1 + rnd.nextInt(5000));
                    if (!restarted && at + len > restartAt) {
                        len = restartAt - at;
                    }
                    current.push(x, at, len, p -> out[count[0]++] = p);
                    at += len;
                    if (!restarted && at == restartAt) {
                        BeatDetector fresh = d instanceof AdaptiveQrsDetector
                                ? new AdaptiveQrsDetector(DetectorConfig.defaults(360))
                                : new PanTompkinsDetector(DetectorConfig.panTompkins(360));
                        fresh.restore(current.snapshot());
                        current = fresh;
                        restarted = true;
                    }
                }
                current.flush(p -> out[count[0]++] = p);
                assertArrayEquals(offline, Arrays.copyOf(out, count[0]), name + " " + d.getClass().getSimpleName());
                assertTrue(offline.length > 1000, name);
            }
        }
    }

    /** Pushed one sample at a time, no beat of any record comes later than the documented bound. */
    @Test
    void latencyStaysWithinTheDocumentedBoundOnEveryRecord() throws IOException {
        ReferenceData.assumeMitdb();
        long worst = 0;
        long bound = 0;
        for (String name : ReferenceData.mitdbRecords()) {
            float[] x = WfdbReader.read(ReferenceData.mitdb().resolve(name)).physical(0);
            BeatDetector d = new AdaptiveQrsDetector(DetectorConfig.defaults(360));
            bound = d.maxLatencySamples();
            long[] late = {0};
            for (int i = 0; i < x.length; i++) {
                final long now = i;
                d.push(x, i, 1, p -> late[0] = Math.max(late[0], now - p));
            }
            assertTrue(late[0] <= bound, name + ": a beat came " + late[0] + " samples late, bound " + bound);
            worst = Math.max(worst, late[0]);
        }
        assertTrue(worst > 360 / 2, "search-back must have happened somewhere: worst " + worst);
    }
}

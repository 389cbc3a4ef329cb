package io.beatflow.ingest.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beatflow.ingest.IncrementalSlidingWindower;
import io.beatflow.ingest.SlidingWindow;
import io.beatflow.ingest.SlidingWindowConfig;
import io.beatflow.ingest.SlidingWindower;
import io.beatflow.ingest.WindowNormalisation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sliding windows: counts and starts by hand, offline versus streaming identity. */
class SlidingWindowerTest {

    @Test
    void countsAndStartsByHand() {
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        // 256 samples every 128: starts 0, 128, ..., 640 (640 + 256 = 896 <= 1000; 768 + 256 > 1000): 6 windows
        List<SlidingWindow> w = new SlidingWindower(new SlidingWindowConfig(256, 128, WindowNormalisation.NONE))
                .windows("r", "MLII", x, 360);
        assertEquals(6, w.size());
        assertEquals(640, w.get(5).startSample());
        assertEquals(640f, w.get(5).samples()[0]);
        assertEquals(895f, w.get(5).samples()[255]);
        // 2 s every 5 s at 100 Hz (gaps between windows): starts 0, 500 -> 2 windows in 1000 samples
        SlidingWindowConfig gaps = SlidingWindowConfig.ofSeconds(2, 5, 100, WindowNormalisation.NONE);
        assertEquals(200, gaps.windowSamples());
        assertEquals(500, gaps.hopSamples());
        assertEquals(2, new SlidingWindower(gaps).windows("r", "MLII", x, 100).size());
    }

    @Test
    void streamingEqualsOffline() {
        float[] x = Sines.noise(5, 30000);
        Random rnd = new Random(3);
        for (SlidingWindowConfig cfg : new SlidingWindowConfig[] {
            new SlidingWindowConfig(256, 128, WindowNormalisation.NONE),
            new SlidingWindowConfig(300, 1000, WindowNormalisation.Z_SCORE),
            new SlidingWindowConfig(1, 1, WindowNormalisation.NONE),
            new SlidingWindowConfig(2000, 97, WindowNormalisation.SUBTRACT_MEDIAN)}) {
            List<SlidingWindow> offline = new SlidingWindower(cfg).windows("r", "MLII", x, 360);
            IncrementalSlidingWindower w = new IncrementalSlidingWindower(cfg, "r", "MLII", 360);
            List<SlidingWindow> streamed = new ArrayList<>();
            int pos = 0;
            boolean snapped = false;
            for (int c : Sines.chunks(rnd, x.length, 2500)) {
                streamed.addAll(w.push(x, pos, c));
                pos += c;
                if (!snapped && pos > 10000) {
                    IncrementalSlidingWindower copy = new IncrementalSlidingWindower(cfg, "r", "MLII", 360);
                    copy.restore(w.snapshot());
                    w = copy;
                    snapped = true;
                }
            }
            assertEquals(offline, streamed, cfg.toString());
        }
    }

    @Test
    void rejectsBadConfigs() {
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindowConfig(0, 1, WindowNormalisation.NONE));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindowConfig(10, 0, WindowNormalisation.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> SlidingWindowConfig.ofSeconds(-1, 1, 360, WindowNormalisation.NONE));
        byte[] snap = new IncrementalSlidingWindower(new SlidingWindowConfig(10, 5, WindowNormalisation.NONE), "r",
                "MLII", 360).snapshot();
        assertThrows(IllegalArgumentException.class, () -> new IncrementalSlidingWindower(
                new SlidingWindowConfig(11, 5, WindowNormalisation.NONE), "r", "MLII", 360).restore(snap));
    }
}

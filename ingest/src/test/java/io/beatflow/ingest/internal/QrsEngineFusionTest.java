package io.beatflow.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beatflow.ingest.DetectorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine's multi-lead (fused) path, which no public detector uses yet: on two leads that carry
 * the same beats (the second inverted, a third of the size, with its own noise) it finds every beat
 * once, and chunking and snapshot/restore do not change the result.
 */
class QrsEngineFusionTest {
    private static final double RATE = 250;
    private static final QrsEngine.Rules RULES =
            new QrsEngine.Rules(false, true, false, 0.3125, 0.5, 0.5, false, 0.6, 0.0);

    /** Beats every 0.8 s from 0.5 s: Gaussian R waves (sigma 10 ms), lead 1 = -lead 0 / 3, noise. */
    private static float[] frames(int seconds, long[] peaksOut) {
        int n = (int) (seconds * RATE);
        float[] x = new float[2 * n];
        Random rnd = new Random(5);
        int k = 0;
        for (double t = 0.5; t < seconds - 0.5; t += 0.8) {
            peaksOut[k++] = Math.round(t * RATE);
        }
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int j = 0; j < k; j++) {
                double d = (i - peaksOut[j]) / (0.010 * RATE);
                if (Math.abs(d) < 6) {
                    v += Math.exp(-0.5 * d * d);
                }
            }
            x[2 * i] = (float) (v + 0.01 * rnd.nextGaussian());
            x[2 * i + 1] = (float) (-v / 3 + 0.02 * rnd.nextGaussian());
        }
        return x;
    }

    private static long[] run(QrsEngine e, float[] x, int chunk, int snapshotAt) {
        List<Long> out = new ArrayList<>();
        int frames = x.length / 2;
        QrsEngine current = e;
        for (int f = 0; f < frames; f += chunk) {
            int len = Math.min(chunk, frames - f);
            current.push(x, 2 * f, len, out::add);
            if (f <= snapshotAt && snapshotAt < f + len) {
                QrsEngine fresh = new QrsEngine(DetectorConfig.defaults(RATE), 2, RULES);
                fresh.restore(current.snapshot());
                current = fresh;
            }
        }
        current.flush(out::add);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void fusedLeadsFindEveryBeatOnceWhateverTheChunking() {
        long[] peaks = new long[100];
        float[] x = frames(40, peaks);
        long[] whole = run(new QrsEngine(DetectorConfig.defaults(RATE), 2, RULES), x, x.length, -1);
        assertEquals(49, whole.length, "beats at 0.5 + 0.8 k s below 39.5 s");
        for (int k = 0; k < whole.length; k++) {
            assertEquals(peaks[k], whole[k], 0.15 * RATE, "beat " + k);
        }
        assertArrayEquals(whole, run(new QrsEngine(DetectorConfig.defaults(RATE), 2, RULES), x, 37, 4321));
    }

    @Test
    void rejectsImpossibleLeadCounts() {
        assertThrows(IllegalArgumentException.class, () -> new QrsEngine(DetectorConfig.defaults(RATE), 0, RULES));
    }
}

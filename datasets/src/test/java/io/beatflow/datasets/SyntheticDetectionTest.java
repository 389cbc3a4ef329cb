package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.BeatDetectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The project's detector finds the synthetic beats: sensitivity and positive predictivity at least
 * 99.5 % over 5 minutes of synthetic ECG with ectopic beats, noise and baseline wander, at three
 * sampling rates. Matching: each reference beat is found if a detection lies within 150 ms of it
 * (EC57's window), each detection used at most once; written here independently of the library's
 * matcher.
 */
class SyntheticDetectionTest {
    @Test
    void detectorFindsSyntheticBeatsWithSeAndPpAtLeast995() {
        for (double rate : List.of(128.0, 250.0, 360.0)) {
            SyntheticRecord r = SyntheticEcg.generate(SyntheticEcgConfig.defaults().withHeartRate(72, 3)
                    .withEctopy(0.05, 0.05).withNoise(0.03, 0.15).withSampling(rate, 300).withSeed(11));
            long[] ref = r.beatSamples();
            long[] det = BeatDetectors.detect(r.signal(), 0);
            long tol = Math.round(0.15 * rate);
            boolean[] used = new boolean[det.length];
            int tp = 0;
            int j = 0;
            for (long t : ref) {
                while (j < det.length && det[j] < t - tol) {
                    j++;
                }
                for (int q = j; q < det.length && det[q] <= t + tol; q++) {
                    if (!used[q]) {
                        used[q] = true;
                        tp++;
                        break;
                    }
                }
            }
            double se = 100.0 * tp / ref.length;
            double pp = 100.0 * tp / det.length;
            assertTrue(se >= 99.5 && pp >= 99.5, rate + " Hz: Se " + se + " %, +P " + pp + " % (" + ref.length
                    + " beats, " + det.length + " detections)");
        }
    }
}

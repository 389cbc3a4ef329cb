package io.beatflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The detector fingerprint that keys cached detections: stable, and moved by anything that moves a beat. */
class DetectorFingerprintTest {
    @Test
    void theProbeLeadIsDetectedBeatForBeat() {
        double[] truth = BeatDetectors.probeBeatTimes();
        assertTrue(truth.length > 50, "a minute of beats: " + truth.length);
        for (double rate : new double[] {360, 250}) {
            float[] x = BeatDetectors.probeLead(rate);
            Signal s = Signal.ofPhysical("probe", rate, java.util.List.of(new Lead("probe", "mV", 200, 0)),
                    new float[][] {x}, null);
            // outside the 3 s burst of heavy noise (40 to 43 s), every beat is found, near its R peak
            double[] found = java.util.Arrays.stream(BeatDetectors.detect(s, 0)).mapToDouble(p -> p / rate)
                    .filter(DetectorFingerprintTest::outsideBurst).toArray();
            double[] expected = java.util.Arrays.stream(truth).filter(DetectorFingerprintTest::outsideBurst).toArray();
            assertEquals(expected.length, found.length, rate + " Hz");
            for (int i = 0; i < found.length; i++) {
                assertEquals(expected[i], found[i], 0.05, rate + " Hz, beat " + i);
            }
        }
    }

    private static boolean outsideBurst(double t) {
        return t < 39.8 || t > 43.2;
    }

    @Test
    void stableForADetectorAndMovedByItsSettingsAndRate() {
        String a = BeatDetectors.fingerprint(360);
        assertEquals(a, BeatDetectors.fingerprint(BeatDetectors.create(360)), "computed afresh, the same text");
        assertTrue(a.startsWith(AdaptiveQrsDetector.class.getName() + " "), a);
        assertTrue(a.contains(" probe " + BeatDetectors.probeBeatTimes().length + " beats "), a);
        assertNotEquals(a, BeatDetectors.fingerprint(250));
        // code that moves one R peak by one sample changes the digest, with the same class and settings
        String moved = BeatDetectors.fingerprint(new OneBeatLater(BeatDetectors.create(360)));
        assertEquals(a.substring(0, a.lastIndexOf(' ')), moved.substring(0, moved.lastIndexOf(' ')).replace(
                OneBeatLater.class.getName(), AdaptiveQrsDetector.class.getName()));
        assertNotEquals(a.substring(a.lastIndexOf(' ')), moved.substring(moved.lastIndexOf(' ')));
    }

    /** The default detector with its tenth R peak one sample later: a stand-in for a changed detector. */
    private static final class OneBeatLater implements BeatDetector {
        private final BeatDetector inner;
        private long emitted;

        OneBeatLater(BeatDetector inner) {
            this.inner = inner;
        }

        private java.util.function.LongConsumer shift(java.util.function.LongConsumer out) {
            return p -> out.accept(emitted++ == 9 ? p + 1 : p);
        }

        @Override
        public DetectorConfig config() {
            return inner.config();
        }

        @Override
        public int leadCount() {
            return inner.leadCount();
        }

        @Override
        public long framesConsumed() {
            return inner.framesConsumed();
        }

        @Override
        public long maxLatencySamples() {
            return inner.maxLatencySamples();
        }

        @Override
        public void push(float[] samples, int offset, int frames, java.util.function.LongConsumer rPeaks) {
            inner.push(samples, offset, frames, shift(rPeaks));
        }

        @Override
        public void flush(java.util.function.LongConsumer rPeaks) {
            inner.flush(shift(rPeaks));
        }

        @Override
        public void reset() {
            inner.reset();
            emitted = 0;
        }

        @Override
        public byte[] snapshot() {
            return inner.snapshot();
        }

        @Override
        public void restore(byte[] state) {
            inner.restore(state);
        }
    }
}

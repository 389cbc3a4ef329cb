package io.beatflow.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.internal.QrsEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Behaviour of both detectors on synthetic ECGs whose R peaks are placed by {@link SyntheticEcg}:
 * every placed beat after the learning phase must be found within 150 ms (the EC57 match window)
 * and nothing else reported.
 */
class AdaptiveQrsDetectorTest {
    private static final double TOLERANCE_S = 0.150;

    static Stream<Arguments> detectorsAndRates() {
        List<Arguments> out = new ArrayList<>();
        for (double rate : new double[] {128, 250, 360, 500, 1000}) {
            out.add(Arguments.of("adaptive", rate));
            out.add(Arguments.of("pan-tompkins", rate));
        }
        return out.stream();
    }

    private static BeatDetector detector(String kind, double rate) {
        return kind.equals("adaptive") ? new AdaptiveQrsDetector(DetectorConfig.defaults(rate))
                : new PanTompkinsDetector(DetectorConfig.panTompkins(rate));
    }

    private static long[] run(BeatDetector d, float[] x) {
        List<Long> out = new ArrayList<>();
        d.reset();
        d.push(x, 0, x.length, out::add);
        d.flush(out::add);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Every beat, none extra: the count of matches equals both the reference and the output size. */
    private static void assertAllFound(long[] reference, long[] detected, double rate) {
        int hits = SyntheticEcg.matched(reference, detected, rate, TOLERANCE_S);
        assertEquals(reference.length, hits, () -> "missed beats; detected " + Arrays.toString(detected));
        assertEquals(reference.length, detected.length, () -> "extra beats; detected " + Arrays.toString(detected));
    }

    @ParameterizedTest(name = "{0} at {1} Hz")
    @MethodSource("detectorsAndRates")
    void findsEverySyntheticBeatAtEveryRate(String kind, double rate) {
        SyntheticEcg ecg = SyntheticEcg.generate(rate, 60, 75, 1);
        assertAllFound(ecg.rPeaks, run(detector(kind, rate), ecg.samples), rate);
    }

    @ParameterizedTest(name = "{0} at {1} Hz")
    @MethodSource("detectorsAndRates")
    void invertedPolarityGivesTheSameBeats(String kind, double rate) {
        SyntheticEcg ecg = SyntheticEcg.generate(rate, 60, 90, 2);
        float[] inverted = ecg.samples.clone();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = -inverted[i];
        }
        assertAllFound(ecg.rPeaks, run(detector(kind, rate), inverted), rate);
    }

    @ParameterizedTest
    @ValueSource(doubles = {128, 360, 1000})
    void fastAndSlowRhythmsAreFollowed(double rate) {
        for (double bpm : new double[] {40, 150, 200}) {
            SyntheticEcg ecg = SyntheticEcg.generate(rate, 60, bpm, 3);
            assertAllFound(ecg.rPeaks, run(detector("adaptive", rate), ecg.samples), rate);
        }
    }

    @Test
    void flatLinesGiveNoBeats() {
        for (float level : new float[] {0f, 3.5f, -1024f}) {
            float[] x = new float[360 * 30];
            Arrays.fill(x, level);
            assertEquals(0, run(detector("adaptive", 360), x).length, "level " + level);
            assertEquals(0, run(detector("pan-tompkins", 360), x).length, "level " + level);
        }
    }

    /** A saturated ADC cuts the R waves flat at 40% of their height; the beats are still there. */
    @Test
    void clippedBeatsAreStillFound() {
        SyntheticEcg ecg = SyntheticEcg.generate(360, 60, 70, 4);
        float[] x = ecg.samples.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-0.4f, Math.min(0.4f, x[i]));
        }
        assertAllFound(ecg.rPeaks, run(detector("adaptive", 360), x), 360);
    }

    /** A 3 s run of NaN (a lost connection) neither fails nor invents beats; the others are found. */
    @Test
    void nanGapsAreTreatedAsMissing() {
        double rate = 250;
        SyntheticEcg ecg = SyntheticEcg.generate(rate, 60, 72, 5);
        float[] x = ecg.samples.clone();
        int from = (int) (30 * rate);
        int to = (int) (33 * rate);
        Arrays.fill(x, from, to, Float.NaN);
        x[100] = Float.POSITIVE_INFINITY;
        long[] detected = run(detector("adaptive", rate), x);
        long[] outside = Arrays.stream(ecg.rPeaks).filter(p -> p < from - 0.2 * rate || p > to + 0.2 * rate).toArray();
        int hits = SyntheticEcg.matched(outside, detected, rate, TOLERANCE_S);
        assertEquals(outside.length, hits);
        long inGap = Arrays.stream(detected).filter(p -> p > from + 0.2 * rate && p < to - 0.2 * rate).count();
        assertEquals(0, inGap, () -> "beats inside the gap: " + Arrays.toString(detected));
        assertTrue(detected.length <= ecg.rPeaks.length);
    }

    @Test
    void allNanInputGivesNoBeats() {
        float[] x = new float[5000];
        Arrays.fill(x, Float.NaN);
        assertEquals(0, run(detector("adaptive", 500), x).length);
    }

    /** Inputs shorter than the learning phase: no failure, positions inside the input, placed beats found. */
    @Test
    void veryShortInputsDoNotFail() {
        SyntheticEcg ecg = SyntheticEcg.generate(360, 3.0, 60, 6);
        for (String kind : new String[] {"adaptive", "pan-tompkins"}) {
            for (int n : new int[] {0, 1, 2, 7, 100}) {
                long[] d = run(detector(kind, 360), Arrays.copyOf(ecg.samples, n));
                assertTrue(d.length <= 1, kind + ", length " + n);
                assertTrue(Arrays.stream(d).allMatch(p -> p >= 0 && p < Math.max(1, n)), kind + ", length " + n);
            }
            long[] d = run(detector(kind, 360), ecg.samples);
            assertEquals(ecg.rPeaks.length, SyntheticEcg.matched(ecg.rPeaks, d, 360, TOLERANCE_S), kind);
            assertTrue(d.length <= ecg.rPeaks.length + 1, kind + ": " + Arrays.toString(d));
        }
    }

    /** The same beats whatever the chunk sizes, including empty chunks and one-sample chunks. */
    @ParameterizedTest(name = "{0} at {1} Hz")
    @MethodSource("detectorsAndRates")
    void chunkingDoesNotChangeTheBeats(String kind, double rate) {
        SyntheticEcg ecg = SyntheticEcg.generate(rate, 40, 80, 7);
        long[] whole = run(detector(kind, rate), ecg.samples);
        Random rnd = new Random(42);
        BeatDetector d = detector(kind, rate);
        List<Long> out = new ArrayList<>();
        int at = 0;
        while (at < ecg.samples.length) {
            int len = Math.min(ecg.samples.length - at, rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextInt(700));
            d.push(ecg.samples, at, len, out::add);
            at += len;
        }
        d.flush(out::add);
        assertArrayEquals(whole, out.stream().mapToLong(Long::longValue).toArray());
    }

    /** Snapshot in mid-stream, restore into a fresh detector, continue: the same beats as without a break. */
    @ParameterizedTest(name = "{0} at {1} Hz")
    @MethodSource("detectorsAndRates")
    void snapshotAndRestoreResumeExactly(String kind, double rate) {
        SyntheticEcg ecg = SyntheticEcg.generate(rate, 40, 80, 8);
        long[] whole = run(detector(kind, rate), ecg.samples);
        for (double cut : new double[] {0.5, 1.9, 13.37, 25.0}) {
            int split = (int) (cut * rate);
            BeatDetector first = detector(kind, rate);
            List<Long> out = new ArrayList<>();
            first.push(ecg.samples, 0, split, out::add);
            byte[] state = first.snapshot();
            BeatDetector second = detector(kind, rate);
            second.restore(state);
            assertEquals(split, second.framesConsumed());
            second.push(ecg.samples, split, ecg.samples.length - split, out::add);
            second.flush(out::add);
            assertArrayEquals(whole, out.stream().mapToLong(Long::longValue).toArray(), "cut at " + cut + " s");
        }
    }

    @Test
    void restoreRejectsForeignOrCorruptState() {
        byte[] state = detector("adaptive", 360).snapshot();
        assertThrows(IllegalArgumentException.class, () -> detector("adaptive", 250).restore(state));
        assertThrows(IllegalArgumentException.class, () -> detector("pan-tompkins", 360).restore(state));
        assertThrows(IllegalArgumentException.class,
                () -> detector("adaptive", 360).restore(Arrays.copyOf(state, state.length / 2)));
        assertThrows(IllegalArgumentException.class, () -> detector("adaptive", 360).restore(new byte[3]));
    }

    /** Each beat is reported no later than maxLatencySamples() after its R peak was pushed. */
    @ParameterizedTest(name = "{0} at {1} Hz")
    @MethodSource("detectorsAndRates")
    void latencyStaysWithinTheDocumentedBound(String kind, double rate) {
        // slow rhythm with dropped beats: search-back is the slowest path
        SyntheticEcg ecg = SyntheticEcg.generate(rate, 60, 45, 9);
        float[] x = ecg.samples.clone();
        for (int k = 10; k < ecg.rPeaks.length; k += 7) {
            int p = (int) ecg.rPeaks[k];
            for (int i = Math.max(0, p - 20); i < Math.min(x.length, p + 20); i++) {
                x[i] *= 0.6f;
            }
        }
        BeatDetector d = detector(kind, rate);
        long bound = d.maxLatencySamples();
        assertTrue(bound <= 3.0 * rate, "bound " + bound);
        long[] worst = {0};
        for (int i = 0; i < x.length; i++) {
            final long now = i;
            d.push(x, i, 1, p -> worst[0] = Math.max(worst[0], now - p));
        }
        assertTrue(worst[0] <= bound, "latency " + worst[0] + " > bound " + bound);
        assertTrue(worst[0] > 0);
    }

    @Test
    void positionsAreStrictlyIncreasingOnNoise() {
        Random rnd = new Random(11);
        float[] x = new float[360 * 60];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * (i % 5000 < 300 ? 5 : 0.2));
        }
        long[] d = run(detector("adaptive", 360), x);
        for (int i = 1; i < d.length; i++) {
            assertTrue(d[i] > d[i - 1]);
        }
        assertTrue(Arrays.stream(d).allMatch(p -> p >= 0 && p < x.length));
    }

    @Test
    void offlineDetectionIsTheStreamingDetection() {
        SyntheticEcg ecg = SyntheticEcg.generate(500, 30, 66, 12);
        Signal s = Signal.ofPhysical("syn", 500, List.of(new Lead("II", "mV", 200, 0)),
                new float[][] {ecg.samples}, null);
        assertArrayEquals(run(BeatDetectors.create(500), ecg.samples), BeatDetectors.detect(s, 0));
        assertThrows(IllegalArgumentException.class,
                () -> BeatDetectors.detect(s, 0, new PanTompkinsDetector(DetectorConfig.panTompkins(360))));
    }

    @Test
    void pushChecksItsArguments() {
        BeatDetector d = detector("adaptive", 360);
        assertThrows(IndexOutOfBoundsException.class, () -> d.push(new float[10], 5, 6, p -> { }));
        assertThrows(IllegalArgumentException.class, () -> d.push(new float[10], 0, -1, p -> { }));
    }

    /**
     * Broadband noise (white, SD 0.4 against a 1.0 R wave) fills the valley between QRS complexes of
     * the integrated waveform; the template rule accepts the complexes that still look like the
     * recent beats. Truth is the generator's R positions; the same engine without the rule is the
     * contrast.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void templateRuleRecoversBeatsWhoseValleyNoiseFilled(long seed) {
        double rate = 360;
        SyntheticEcg ecg = SyntheticEcg.generate(rate, 120, 75, seed);
        Random rnd = new Random(seed + 100);
        float[] x = ecg.samples.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (0.4 * rnd.nextGaussian());
        }
        long[] with = run(detector("adaptive", rate), x);
        QrsEngine.Rules r = AdaptiveQrsDetector.RULES;
        QrsEngine plain = new QrsEngine(DetectorConfig.defaults(rate), 1, new QrsEngine.Rules(r.squaring(),
                r.medianThresholds(), r.dualThresholds(), r.thresholdFraction(), r.tWaveSlopeRatio(),
                r.searchBackThresholdRatio(), r.regularRrAverage(), r.minValleyDepth(), 0));
        List<Long> out = new ArrayList<>();
        plain.push(x, 0, x.length, out::add);
        plain.flush(out::add);
        long[] without = out.stream().mapToLong(Long::longValue).toArray();
        int hitsWith = SyntheticEcg.matched(ecg.rPeaks, with, rate, TOLERANCE_S);
        int hitsWithout = SyntheticEcg.matched(ecg.rPeaks, without, rate, TOLERANCE_S);
        assertTrue(hitsWith >= 0.92 * ecg.rPeaks.length, () -> hitsWith + " of " + ecg.rPeaks.length);
        assertTrue(with.length - hitsWith <= 10, () -> (with.length - hitsWith) + " extra beats");
        assertTrue(hitsWith >= hitsWithout + 10, () -> hitsWith + " vs " + hitsWithout + " without the rule");
    }
}

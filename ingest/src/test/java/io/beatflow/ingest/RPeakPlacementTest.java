package io.beatflow.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.internal.QrsEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the detectors put the R peak. The signal is built here with each R wave a narrow Gaussian
 * centred exactly on a sample, a small Q wave before it and a deep S wave after it, so the true R
 * peak is known by construction.
 *
 * <p>How far the other waves move the maximum off the R centre, by hand: near the centre the R
 * wave is {@code A(1 - t^2 / 2 s^2)}, so an added slope {@code g} there moves the maximum by
 * {@code g s^2 / A}. Here A = 1 mV and s = 25 ms. The S wave (0.6 mV at +50 ms, width 8 ms) adds
 * {@code 0.6 x (50 / 64) x exp(-19.5) = 1.6e-9} mV/ms; the Q wave (0.1 mV at -25 ms, width 6 ms)
 * {@code 0.1 x (25 / 36) x exp(-8.7) = 1.2e-5} mV/ms, a shift of 0.008 ms; the P and T waves are
 * farther still; the wander (0.3 mV at 0.3 Hz) at most {@code 0.3 x 2 pi x 0.3 / 1000 = 5.7e-4}
 * mV/ms, a shift of at most 0.35 ms. A sample lasts 2.8 ms at 360 Hz and 4 ms at 250 Hz, so the
 * true R peak is the R centre to well within a sample; the test allows one sample. The band-pass
 * placement alone lands 4-8 samples late on this morphology (the contrast test).
 */
class RPeakPlacementTest {
    static Stream<Arguments> detectorsAndRates() {
        List<Arguments> out = new ArrayList<>();
        for (double rate : new double[] {250, 360}) {
            out.add(Arguments.of("adaptive", rate));
            out.add(Arguments.of("pan-tompkins", rate));
        }
        return out.stream();
    }

    private static BeatDetector detector(String kind, double rate) {
        return kind.equals("adaptive") ? new AdaptiveQrsDetector(DetectorConfig.defaults(rate))
                : new PanTompkinsDetector(DetectorConfig.panTompkins(rate));
    }

    /** R centres (sample indices) and the signal. */
    private record Beats(long[] r, float[] x) {
    }

    private static Beats signal(double rate, double seconds, long seed, boolean inverted) {
        Random rnd = new Random(seed);
        int n = (int) Math.round(rate * seconds);
        double[] x = new double[n];
        List<Long> peaks = new ArrayList<>();
        for (double t = 0.7; t < seconds - 0.5; t += 0.8 + 0.15 * rnd.nextDouble()) {
            long at = Math.round(t * rate);
            double c = at / rate;
            peaks.add(at);
            wave(x, rate, c - 0.16, 0.12, 0.020);   // P
            wave(x, rate, c - 0.025, -0.10, 0.006); // Q
            wave(x, rate, c, 1.00, 0.025);          // R
            wave(x, rate, c + 0.050, -0.60, 0.008); // S
            wave(x, rate, c + 0.28, 0.30, 0.045);   // T
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            double v = x[i] + 0.3 * Math.sin(2 * Math.PI * 0.3 * i / rate);
            f[i] = (float) (inverted ? -v : v);
        }
        return new Beats(peaks.stream().mapToLong(Long::longValue).toArray(), f);
    }

    private static void wave(double[] x, double rate, double centre, double amp, double width) {
        int from = (int) Math.max(0, Math.floor((centre - 5 * width) * rate));
        int to = (int) Math.min(x.length - 1, Math.ceil((centre + 5 * width) * rate));
        for (int i = from; i <= to; i++) {
            double d = (i / rate - centre) / width;
            x[i] += amp * Math.exp(-0.5 * d * d);
        }
    }

    private static long[] run(BeatDetector d, float[] x) {
        List<Long> out = new ArrayList<>();
        d.push(x, 0, x.length, out::add);
        d.flush(out::add);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] run(QrsEngine e, float[] x) {
        List<Long> out = new ArrayList<>();
        e.push(x, 0, x.length, out::add);
        e.flush(out::add);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Largest |detected - true| over the beats, pairing each true R with the nearest detected one. */
    private static long worstOffset(long[] truth, long[] detected) {
        long worst = 0;
        for (long r : truth) {
            long best = Long.MAX_VALUE;
            for (long d : detected) {
                best = Math.min(best, Math.abs(d - r));
            }
            worst = Math.max(worst, best);
        }
        return worst;
    }

    @ParameterizedTest(name = "{0} at {1} Hz")
    @MethodSource("detectorsAndRates")
    void everyBeatLandsOnTheTrueRPeak(String kind, double rate) {
        for (boolean inverted : new boolean[] {false, true}) {
            Beats b = signal(rate, 40, 5, inverted);
            long[] d = run(detector(kind, rate), b.x());
            assertEquals(b.r().length, d.length, "one detection per beat");
            long worst = worstOffset(b.r(), d);
            assertTrue(worst <= 1, kind + " at " + rate + " Hz, inverted " + inverted + ": worst offset "
                    + worst + " samples");
        }
    }

    /**
     * The contrast: the band-pass placement alone (no refinement) misses the R peak on this signal,
     * so the test above can fail.
     */
    @ParameterizedTest(name = "{0} at {1} Hz")
    @MethodSource("detectorsAndRates")
    void theBandPassPlacementAloneIsOff(String kind, double rate) {
        QrsEngine.Rules r = kind.equals("adaptive") ? AdaptiveQrsDetector.RULES : PanTompkinsDetector.RULES;
        QrsEngine plain = new QrsEngine(kind.equals("adaptive") ? DetectorConfig.defaults(rate)
                : DetectorConfig.panTompkins(rate), 1, new QrsEngine.Rules(r.squaring(), r.medianThresholds(),
                r.dualThresholds(), r.thresholdFraction(), r.tWaveSlopeRatio(), r.searchBackThresholdRatio(),
                r.regularRrAverage(), r.minValleyDepth(), r.templateMatch()));
        Beats b = signal(rate, 40, 5, false);
        long worst = worstOffset(b.r(), run(plain, b.x()));
        assertTrue(worst >= 3, "unrefined worst offset " + worst);
    }

    /** A NaN gap over an R peak: refinement skips the missing samples and stays near the peak. */
    @Test
    void nanSamplesAreSkipped() {
        double rate = 360;
        Beats b = signal(rate, 40, 6, false);
        float[] x = b.x().clone();
        int gapped = 20;
        long r = b.r()[gapped];
        x[(int) r] = Float.NaN; // the true peak is missing: the next best sample is one beside it
        long[] d = run(detector("adaptive", rate), x);
        assertEquals(b.r().length, d.length);
        for (int i = 0; i < d.length; i++) {
            long off = Math.abs(d[i] - b.r()[i]);
            assertTrue(i == gapped ? off == 1 : off <= 1, "beat " + i + " off by " + off);
        }
    }

    /** Streaming in small chunks with a snapshot/restore into a fresh detector equals offline. */
    @Test
    void refinementSurvivesChunkingAndSnapshot() {
        double rate = 250;
        Beats b = signal(rate, 60, 7, false);
        long[] offline = run(detector("adaptive", rate), b.x());
        BeatDetector d = detector("adaptive", rate);
        List<Long> out = new ArrayList<>();
        Random rnd = new Random(3);
        int at = 0;
        int cut = b.x().length / 2 + 17;
        while (at < b.x().length) {
            int len = Math.min(1 + rnd.nextInt(40), b.x().length - at);
            if (at < cut && at + len >= cut) {
                len = cut - at;
            }
            d.push(b.x(), at, len, out::add);
            at += len;
            if (at == cut) {
                byte[] state = d.snapshot();
                d = detector("adaptive", rate);
                d.restore(state);
            }
        }
        d.flush(out::add);
        assertArrayEquals(offline, out.stream().mapToLong(Long::longValue).toArray());
    }

    /** A snapshot of an older format (version 2, without the raw-sample ring) is refused by name. */
    @Test
    void olderSnapshotVersionsAreRefused() {
        BeatDetector d = detector("adaptive", 360);
        d.push(signal(360, 5, 1, false).x(), 0, 1000, p -> { });
        byte[] state = d.snapshot();
        state[4] = 0;
        state[5] = 0;
        state[6] = 0;
        state[7] = 2; // the version field follows the 4-byte magic number, big-endian
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> detector("adaptive", 360).restore(state));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }
}

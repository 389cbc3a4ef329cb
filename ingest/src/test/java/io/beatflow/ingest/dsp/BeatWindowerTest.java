package io.beatflow.ingest.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.BeatWindow;
import io.beatflow.ingest.BeatWindowConfig;
import io.beatflow.ingest.BeatWindowConfig.EdgePolicy;
import io.beatflow.ingest.BeatWindower;
import io.beatflow.ingest.BeatWindows;
import io.beatflow.ingest.IncrementalBeatWindower;
import io.beatflow.ingest.Lead;
import io.beatflow.ingest.RrFeatures;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WindowNormalisation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Beat windows on hand-made signals, and offline versus streaming identity. */
class BeatWindowerTest {
    private static final double FS = 360.0;

    /** x[i] = i: every window sample shows which source sample (or position) it came from. */
    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static Signal signal(float[]... leads) {
        List<Lead> l = new ArrayList<>();
        for (int i = 0; i < leads.length; i++) {
            l.add(new Lead(i == 0 ? "MLII" : "V1", "mV", 200, 0));
        }
        return Signal.ofPhysical("t1", FS, l, leads, null);
    }

    @Test
    void windows256At360AreTheSourceSamplesAroundThePeak() {
        long[] beats = {100, 460, 820, 1000};
        BeatWindows w = new BeatWindower(BeatWindowConfig.samples256At360())
                .window(signal(ramp(1100)), beats);
        // beat 3 at 1000 needs samples up to 1000 + 165 > 1099: skipped
        assertEquals(List.of(3), w.skippedBeatIndices());
        assertEquals(3, w.windows().size());
        BeatWindow b0 = w.windows().get(0);
        assertEquals(256, b0.length());
        assertEquals(90, b0.rPeakIndex());
        assertEquals("MLII", b0.lead());
        assertEquals(0, b0.beatIndex());
        assertEquals(10f, b0.sample(0)); // 100 - 90
        assertEquals(100f, b0.sample(90));
        assertEquals(265f, b0.sample(255)); // 100 + 165
        // RR by hand: beats 360 samples apart = 1 s; beat 2: previous 1 s, next (1000 - 820) / 360 = 0.5 s,
        // local mean of 2 previous intervals = 1 s
        RrFeatures rr0 = b0.rr();
        assertTrue(Double.isNaN(rr0.previousRrSeconds()) && Double.isNaN(rr0.localAverageRrSeconds()));
        assertEquals(1.0, rr0.nextRrSeconds());
        RrFeatures rr2 = w.windows().get(2).rr();
        assertEquals(1.0, rr2.previousRrSeconds(), 1e-12);
        assertEquals(0.5, rr2.nextRrSeconds(), 1e-12);
        assertEquals(1.0, rr2.localAverageRrSeconds(), 1e-12);
        assertEquals(2.0, rr2.previousToNext(), 1e-12);
        assertEquals(0.5, rr2.nextToLocal(), 1e-12);
    }

    @Test
    void localAverageUsesTheLastNIntervals() {
        // intervals 100, 200, 300, 400 samples; N = 3: beat 4 averages 200, 300, 400 = 300 samples
        long[] beats = {1000, 1100, 1300, 1600, 2000};
        BeatWindowConfig cfg = BeatWindowConfig.defaults(FS).withLocalRrBeats(3);
        List<BeatWindow> w = new BeatWindower(cfg).window(signal(ramp(3000)), beats).windows();
        assertEquals(300 / FS, w.get(4).rr().localAverageRrSeconds(), 1e-12);
        assertEquals((400 / FS) / (300 / FS), w.get(4).rr().previousToLocal(), 1e-12);
        assertTrue(Double.isNaN(w.get(4).rr().nextRrSeconds()));
        // beat 2: fewer than N intervals yet: mean of 100 and 200
        assertEquals(150 / FS, w.get(2).rr().localAverageRrSeconds(), 1e-12);
    }

    @Test
    void resampledWindowsInterpolateLinearly() {
        // 0.25 s before at 250 Hz = 62.5 -> round 63 samples (Math.round); after 0.45 * 250 = 112.5 -> 113
        BeatWindowConfig cfg = BeatWindowConfig.defaults(250);
        assertEquals(63, cfg.beforeSamples());
        assertEquals(176, cfg.windowSamples());
        BeatWindow w = new BeatWindower(cfg).window(signal(ramp(2000)), new long[] {1000}).windows().get(0);
        // on a ramp, linear interpolation is exact: sample j = 1000 + (j - 63) * 360 / 250
        for (int j = 0; j < w.length(); j++) {
            assertEquals(1000 + (j - 63) * 1.44, w.sample(j), 1e-3, "sample " + j);
        }
        assertEquals(250.0, w.sampleRateHz());
    }

    @Test
    void padHoldsTheEdgeSamples() {
        BeatWindowConfig cfg = BeatWindowConfig.samples256At360().withEdges(EdgePolicy.PAD);
        BeatWindows w = new BeatWindower(cfg).window(signal(ramp(300)), new long[] {10, 250});
        assertEquals(List.of(), w.skippedBeatIndices());
        BeatWindow first = w.windows().get(0);
        for (int j = 0; j <= 80; j++) {
            assertEquals(0f, first.sample(j)); // positions -80..0 hold sample 0
        }
        assertEquals(1f, first.sample(81));
        BeatWindow second = w.windows().get(1);
        assertEquals(299f, second.sample(255)); // 250 + 165 = 415 held at 299
        assertEquals(160f, second.sample(0));
    }

    @Test
    void normalisations() {
        float[] x = ramp(1000);
        BeatWindow z = new BeatWindower(BeatWindowConfig.samples256At360().withNormalisation(WindowNormalisation.Z_SCORE))
                .window(signal(x), new long[] {500}).windows().get(0);
        double mean = 0;
        double ss = 0;
        for (float v : z.samples()) {
            mean += v;
        }
        mean /= 256;
        for (float v : z.samples()) {
            ss += (v - mean) * (v - mean);
        }
        assertEquals(0.0, mean, 1e-5);
        assertEquals(1.0, Math.sqrt(ss / 256), 1e-5);
        // median of 410..665 (256 values) = (537 + 538) / 2 = 537.5
        BeatWindow m = new BeatWindower(
                BeatWindowConfig.samples256At360().withNormalisation(WindowNormalisation.SUBTRACT_MEDIAN))
                .window(signal(x), new long[] {500}).windows().get(0);
        assertEquals(410f - 537.5f, m.sample(0));
        assertEquals(665f - 537.5f, m.sample(255));
    }

    @Test
    void leadByName() {
        float[] v1 = ramp(1000);
        for (int i = 0; i < v1.length; i++) {
            v1[i] = -v1[i];
        }
        BeatWindow w = new BeatWindower(BeatWindowConfig.samples256At360().withLead("v1"))
                .window(signal(ramp(1000), v1), new long[] {500}).windows().get(0);
        assertEquals("V1", w.lead());
        assertEquals(-500f, w.sample(90));
        assertThrows(IllegalArgumentException.class, () -> new BeatWindower(
                BeatWindowConfig.samples256At360().withLead("V5")).window(signal(ramp(1000)), new long[] {500}));
    }

    @Test
    void windowSamplesAreCopied() {
        BeatWindow w = new BeatWindower(BeatWindowConfig.samples256At360()).window(signal(ramp(1000)), new long[] {500})
                .windows().get(0);
        float[] s = w.samples();
        s[0] = 1e9f;
        assertEquals(410f, w.sample(0));
    }

    @Test
    void rejectsUnsortedBeatsAndBadConfigs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BeatWindower(BeatWindowConfig.defaults(FS)).window(signal(ramp(1000)), new long[] {500, 400}));
        assertTrue(e.getMessage().contains("beat 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BeatWindowConfig(-0.1, 0.4, 360, 0, null,
                WindowNormalisation.NONE, EdgePolicy.SKIP, 10));
        assertThrows(IllegalArgumentException.class, () -> new BeatWindowConfig(0, 0, 360, 0, null,
                WindowNormalisation.NONE, EdgePolicy.SKIP, 10));
        assertThrows(IllegalArgumentException.class, () -> BeatWindowConfig.defaults(360).withLocalRrBeats(0));
    }

    /** Streams samples in random chunks and each beat after a random detector latency. */
    private static List<BeatWindow> stream(IncrementalBeatWindower w, float[] x, long[] beats, Random rnd,
            int maxLatency, boolean snapshotMidway, BeatWindowConfig cfg) {
        List<BeatWindow> out = new ArrayList<>();
        int pos = 0;
        int nextBeat = 0;
        long[] release = new long[beats.length];
        for (int i = 0; i < beats.length; i++) {
            release[i] = beats[i] + rnd.nextInt(maxLatency + 1);
        }
        boolean snapped = false;
        for (int c : Sines.chunks(rnd, x.length, 900)) {
            out.addAll(w.pushSamples(x, pos, c));
            pos += c;
            while (nextBeat < beats.length && release[nextBeat] <= pos) {
                out.addAll(w.pushBeat(beats[nextBeat++]));
            }
            if (snapshotMidway && !snapped && pos > x.length / 2) {
                byte[] snap = w.snapshot();
                IncrementalBeatWindower copy = new IncrementalBeatWindower(cfg, "t1", "MLII", FS);
                copy.restore(snap);
                w = copy;
                snapped = true;
            }
        }
        while (nextBeat < beats.length) {
            out.addAll(w.pushBeat(beats[nextBeat++]));
        }
        out.addAll(w.flush());
        return out;
    }

    @Test
    void streamingGivesTheOfflineWindowsForAnyChunking() {
        Random rnd = new Random(42);
        float[] x = Sines.noise(1, 40000);
        long[] beats = new long[130];
        long r = 30;
        for (int i = 0; i < beats.length; i++) {
            beats[i] = r;
            r += 120 + rnd.nextInt(400);
        }
        assertTrue(beats[beats.length - 1] > 39800 || r > 40000, "some beats near the end");
        for (EdgePolicy edges : EdgePolicy.values()) {
            for (double target : new double[] {360, 250, 128}) {
                BeatWindowConfig cfg = BeatWindowConfig.defaults(target).withEdges(edges)
                        .withNormalisation(target == 250 ? WindowNormalisation.Z_SCORE : WindowNormalisation.NONE);
                BeatWindows offline = new BeatWindower(cfg).window("t1", "MLII", x, FS, beats);
                for (int trial = 0; trial < 3; trial++) {
                    IncrementalBeatWindower w = new IncrementalBeatWindower(cfg, "t1", "MLII", FS);
                    List<BeatWindow> streamed = stream(w, x, beats, rnd, 700, trial == 1, cfg);
                    assertEquals(offline.windows(), streamed, edges + " at " + target + " Hz");
                    if (trial != 1) {
                        List<Long> skipped = offline.skippedBeatIndices().stream().map(Integer::longValue).toList();
                        assertEquals(skipped, w.skippedBeatIndices());
                    }
                }
                if (edges == EdgePolicy.SKIP) {
                    assertTrue(offline.skippedBeatIndices().contains(0), "first beat at 30 is too early");
                }
            }
        }
    }

    @Test
    void withABaselineHighPassStreamingGivesTheOfflineWindows() {
        Random rnd = new Random(7);
        float[] x = Sines.noise(3, 40000);
        for (int i = 0; i < x.length; i++) {
            x[i] += 4f + (float) Math.sin(2 * Math.PI * 0.3 * i / FS); // offset and wander
        }
        for (int i = 0; i < 50; i++) {
            x[i] = Float.NaN; // the lead starts with a gap
        }
        for (int i = 20000; i < 20100; i++) {
            x[i] = Float.NaN;
        }
        long[] beats = new long[100];
        long r = 200;
        for (int i = 0; i < beats.length; i++) {
            beats[i] = r;
            r += 200 + rnd.nextInt(150);
        }
        for (double target : new double[] {360, 250}) {
            BeatWindowConfig cfg = BeatWindowConfig.defaults(target).withBaselineHighPass(0.5);
            BeatWindows offline = new BeatWindower(cfg).window("t1", "MLII", x, FS, beats);
            BeatWindows raw = new BeatWindower(cfg.withBaselineHighPass(0)).window("t1", "MLII", x, FS, beats);
            assertTrue(!offline.windows().get(5).equals(raw.windows().get(5)), "the high-pass changes the windows");
            for (int trial = 0; trial < 3; trial++) {
                IncrementalBeatWindower w = new IncrementalBeatWindower(cfg, "t1", "MLII", FS);
                assertEquals(offline.windows(), stream(w, x, beats, rnd, 700, trial == 1, cfg), target + " Hz");
            }
        }
    }

    @Test
    void theBaselineHighPassRemovesWanderAndTheOffsetWithoutRinging() {
        // 5 mV offset, 1 mV of wander at 0.2 Hz, a 1 mV spike (the R peak) every second
        int n = (int) (60 * FS);
        float[] x = new float[n];
        long[] beats = new long[58];
        for (int i = 0; i < n; i++) {
            x[i] = 5f + (float) Math.sin(2 * Math.PI * 0.2 * i / FS);
        }
        for (int b = 0; b < beats.length; b++) {
            beats[b] = (long) ((b + 1) * FS);
            x[(int) beats[b]] += 1f;
        }
        BeatWindowConfig cfg = BeatWindowConfig.samples256At360().withBaselineHighPass(0.5);
        List<BeatWindow> filtered = new BeatWindower(cfg).window("t1", "MLII", x, FS, beats).windows();
        List<BeatWindow> raw = new BeatWindower(cfg.withBaselineHighPass(0)).window("t1", "MLII", x, FS, beats).windows();
        // the first window starts 0.75 s into the lead: the offset was subtracted, not rung through the filter
        assertEquals(0, filtered.get(0).sample(0), 0.2);
        // a 2nd-order Butterworth high-pass at 0.5 Hz passes 0.2 Hz at (0.2/0.5)^2 / sqrt(1 + (0.2/0.5)^4) = 0.158
        // window starts at 0.75 s + k s: the wave's phase steps by 72 degrees from 54, so the raw
        // starts span sin(54 deg) - sin(270 deg) = 1.809 mV; the filtered ones at most 2 x 0.158 mV
        assertEquals(Math.sin(Math.toRadians(54)) + 1, range(raw, 10), 1e-3);
        assertEquals(2 * 0.158, range(filtered, 10), 0.03);
        // the spike stands out of the samples just before it, as in the raw lead
        BeatWindow w = filtered.get(30);
        assertEquals(1.0, w.sample(90) - w.sample(89), 0.02);
    }

    /** Max minus min of the windows' first samples from window {@code from} on. */
    private static double range(List<BeatWindow> windows, int from) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (BeatWindow w : windows.subList(from, windows.size())) {
            lo = Math.min(lo, w.sample(0));
            hi = Math.max(hi, w.sample(0));
        }
        return hi - lo;
    }

    @Test
    void aBaselineHighPassIsValidatedAndNamed() {
        assertThrows(IllegalArgumentException.class, () -> BeatWindowConfig.defaults(FS).withBaselineHighPass(-0.5));
        assertThrows(IllegalArgumentException.class, () -> BeatWindowConfig.defaults(FS).withBaselineHighPass(100));
        assertThrows(IllegalArgumentException.class,
                () -> BeatWindowConfig.defaults(FS).withBaselineHighPass(Double.NaN));
        BeatWindowConfig cfg = BeatWindowConfig.defaults(100).withBaselineHighPass(60);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BeatWindower(cfg).window("rec7", "MLII", new float[1000], 100, new long[] {500}));
        assertTrue(e.getMessage().contains("rec7") && e.getMessage().contains("100.0 Hz"), e.getMessage());
        // without a high-pass the text is the one cards and cache keys hold from before the high-pass existed
        assertEquals("BeatWindowConfig[secondsBefore=0.25, secondsAfter=0.45, targetRateHz=360.0, leadIndex=0,"
                + " leadName=MLII, normalisation=NONE, edges=SKIP, localRrBeats=10]",
                BeatWindowConfig.defaults(FS).withLead("MLII").toString());
        assertTrue(BeatWindowConfig.defaults(FS).withBaselineHighPass(0.5).toString().endsWith(", baselineHighPassHz=0.5]"));
        // a stream's state is kept only by a windower with the same high-pass
        IncrementalBeatWindower a = new IncrementalBeatWindower(BeatWindowConfig.defaults(FS).withBaselineHighPass(0.5),
                "dev-1", "MLII", FS);
        a.pushSamples(ramp(1000));
        byte[] snap = a.snapshot();
        IncrementalBeatWindower plain = new IncrementalBeatWindower(BeatWindowConfig.defaults(FS), "dev-1", "MLII", FS);
        e = assertThrows(IllegalArgumentException.class, () -> plain.restore(snap));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }

    @Test
    void aBeatLaterThanTheLatencyBoundFails() {
        IncrementalBeatWindower w = new IncrementalBeatWindower(BeatWindowConfig.defaults(FS), "t1", "MLII", FS, 1.0);
        w.pushSamples(new float[36000]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.pushBeat(1000));
        assertTrue(e.getMessage().contains("too late"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> {
            w.pushBeat(35000);
            w.pushBeat(34000);
        });
    }

    @Test
    void windowWaitsForTheNextBeat() {
        IncrementalBeatWindower w = new IncrementalBeatWindower(BeatWindowConfig.samples256At360(), "t1", "MLII", FS);
        assertEquals(List.of(), w.pushSamples(ramp(2000)));
        assertEquals(List.of(), w.pushBeat(500)); // samples there, next RR unknown
        List<BeatWindow> got = w.pushBeat(900);
        assertEquals(1, got.size());
        assertEquals(400 / FS, got.get(0).rr().nextRrSeconds(), 1e-12);
        List<BeatWindow> last = w.flush();
        assertEquals(1, last.size());
        assertTrue(Double.isNaN(last.get(0).rr().nextRrSeconds()));
    }

    @Test
    void restoreRefusesForeignOrDamagedSnapshots() {
        IncrementalBeatWindower a = new IncrementalBeatWindower(BeatWindowConfig.defaults(FS), "dev-1", "MLII", FS);
        a.pushSamples(ramp(1000));
        a.pushBeat(500);
        byte[] snap = a.snapshot();
        IncrementalBeatWindower other = new IncrementalBeatWindower(BeatWindowConfig.defaults(250), "dev-1", "MLII", FS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(snap));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        IncrementalBeatWindower same = new IncrementalBeatWindower(BeatWindowConfig.defaults(FS), "dev-1", "MLII", FS);
        e = assertThrows(IllegalArgumentException.class, () -> same.restore(java.util.Arrays.copyOf(snap, 40)));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("bad length"), e.getMessage());
        byte[] notOurs = new io.beatflow.ingest.SlidingWindowConfig(4, 4, WindowNormalisation.NONE).toString().getBytes();
        assertThrows(IllegalArgumentException.class, () -> same.restore(notOurs));
        same.restore(snap);
        assertEquals(1, same.beatsSeen());
        assertEquals(1000, same.samplesSeen());
    }
}

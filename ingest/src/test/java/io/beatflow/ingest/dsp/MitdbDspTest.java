package io.beatflow.ingest.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.BandPassConfig;
import io.beatflow.ingest.BandPassFilter;
import io.beatflow.ingest.BeatWindow;
import io.beatflow.ingest.BeatWindowConfig;
import io.beatflow.ingest.BeatWindower;
import io.beatflow.ingest.BeatWindows;
import io.beatflow.ingest.IncrementalBeatWindower;
import io.beatflow.ingest.IncrementalFilter;
import io.beatflow.ingest.NotchFilter;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.WindowNormalisation;
import io.beatflow.ingest.testing.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Filters and windows on MIT-BIH record 100 (skipped without the data). Record 100 has 2273 beat
 * annotations (PhysioNet's table of beats per record; also {@code BEATCOUNTS.tsv}).
 */
class MitdbDspTest {
    private static Signal record;
    private static long[] beats;

    @BeforeAll
    static void read() throws Exception {
        ReferenceData.assumeMitdb();
        record = WfdbReader.read(ReferenceData.mitdb().resolve("100"));
        List<Annotation> atr = WfdbAnnotationReader.read(ReferenceData.mitdb().resolve("100.atr"));
        beats = atr.stream().filter(Annotation::isBeat).mapToLong(Annotation::sample).toArray();
    }

    @Test
    void everyBeatIsWindowedOrReportedSkipped() {
        assertEquals(2273, beats.length);
        float[] mlii = new BandPassFilter(BandPassConfig.ecg(360)).applyZeroPhase(record.physical(0));
        BeatWindows w = new BeatWindower(BeatWindowConfig.samples256At360())
                .window("100", "MLII", mlii, 360, beats);
        assertEquals(2273, w.windows().size() + w.skippedBeatIndices().size());
        for (int i : w.skippedBeatIndices()) {
            assertTrue(beats[i] < 90 || beats[i] + 165 >= record.length(), "beat " + i + " at " + beats[i]);
        }
        // record 100 is sinus rhythm at about 76 beats/min: local RR near 0.79 s for a normal beat
        BeatWindow mid = w.windows().get(1000);
        assertEquals(0.79, mid.rr().localAverageRrSeconds(), 0.15);
        // R peaks of MLII in record 100 are upright: the annotated sample is close to the window maximum
        int argmax = 0;
        for (int j = 1; j < mid.length(); j++) {
            if (mid.sample(j) > mid.sample(argmax)) {
                argmax = j;
            }
        }
        assertTrue(Math.abs(argmax - mid.rPeakIndex()) <= 10, "max at " + argmax);
    }

    @Test
    void streamingRecord100GivesTheOfflineWindows() {
        // causal chain (notch + band-pass) in random chunks, beats pushed 0.3 s late, windows at 250 Hz
        NotchFilter notch = NotchFilter.powerLine(360, 60);
        BandPassFilter bp = new BandPassFilter(BandPassConfig.ecg(360));
        float[] x = record.physical(0);
        float[] causal = bp.newIncremental().process(notch.newIncremental().process(x));
        BeatWindowConfig cfg = BeatWindowConfig.defaults(250).withNormalisation(WindowNormalisation.Z_SCORE);
        BeatWindows offline = new BeatWindower(cfg).window("100", "MLII", causal, 360, beats);

        IncrementalFilter n = notch.newIncremental();
        IncrementalFilter b = bp.newIncremental();
        IncrementalBeatWindower w = new IncrementalBeatWindower(cfg, "100", "MLII", 360);
        List<BeatWindow> streamed = new ArrayList<>();
        Random rnd = new Random(100);
        int pos = 0;
        int next = 0;
        for (int c : Sines.chunks(rnd, x.length, 1000)) { // chunk + 0.3 s within the 5 s latency allowance
            float[] chunk = new float[c];
            n.process(x, pos, c, chunk, 0);
            b.process(chunk, 0, c, chunk, 0);
            streamed.addAll(w.pushSamples(chunk));
            pos += c;
            while (next < beats.length && beats[next] + 108 <= pos) {
                streamed.addAll(w.pushBeat(beats[next++]));
            }
        }
        while (next < beats.length) {
            streamed.addAll(w.pushBeat(beats[next++]));
        }
        streamed.addAll(w.flush());
        assertEquals(offline.windows().size(), streamed.size());
        assertEquals(offline.windows(), streamed);
    }

    /**
     * Edge handling on real ECG: 10 s excerpts filtered on their own must agree with the same
     * samples filtered as part of the whole record (whose interior has no edge effects). Bound:
     * on average the largest difference per excerpt must stay below 0.1 mV, the smallest ST-segment
     * deviation read as significant (1 mm at the standard 10 mm/mV; e.g. the ESC/ACC/AHA universal
     * definition of myocardial infarction), so that edge effects would not be mistaken for one.
     */
    @Test
    void excerptEdgesAgreeWithTheWholeRecord() {
        BandPassFilter bp = new BandPassFilter(BandPassConfig.ecg(360));
        float[] x = record.physical(0);
        float[] whole = bp.applyZeroPhase(x);
        double sum = 0;
        int count = 0;
        for (int start = 1000; start + 3600 <= x.length; start += 7919) {
            float[] y = bp.applyZeroPhase(java.util.Arrays.copyOfRange(x, start, start + 3600));
            double worst = 0;
            for (int i = 0; i < y.length; i++) {
                worst = Math.max(worst, Math.abs(y[i] - whole[start + i]));
            }
            sum += worst;
            count++;
        }
        assertTrue(sum / count < 0.1, "mean largest edge difference " + sum / count + " mV");
    }
}

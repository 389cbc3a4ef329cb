package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticEcgTest {
    private static final SyntheticEcgConfig BASE = SyntheticEcgConfig.defaults();

    /**
     * Mean heart rate over 5 minutes at 75 +- 3 bpm: the tachogram's oscillations (0.1 and
     * 0.25 Hz) average out over 300 s, so the rate from the annotations (beats - 1) * 60 / (last -
     * first) must lie within 1 bpm of 75.
     */
    @Test
    void meanHeartRateFollowsTheConfig() {
        SyntheticRecord r = SyntheticEcg.generate(BASE.withHeartRate(75, 3).withSampling(360, 300));
        long[] s = r.beatSamples();
        double bpm = (s.length - 1) * 60.0 / ((s[s.length - 1] - s[0]) / 360.0);
        assertEquals(75, bpm, 1.0);
        // and the rate does vary: HRV std 3 bpm means RR std about 60 * 3 / 75^2 = 32 ms
        double[] rr = new double[s.length - 1];
        for (int i = 1; i < s.length; i++) {
            rr[i - 1] = (s[i] - s[i - 1]) / 360.0;
        }
        double mean = Arrays.stream(rr).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(rr).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
        assertTrue(sd > 0.016 && sd < 0.064, "RR std " + sd);
    }

    @Test
    void annotationsSitAtLocalMaxima() {
        SyntheticRecord r = SyntheticEcg.generate(BASE.withHeartRate(70, 2).withEctopy(0.1, 0.1).withSampling(360, 60));
        float[] x = r.signal().physical(0);
        int w = 10; // 28 ms each side
        for (Annotation a : r.annotations()) {
            int c = (int) a.sample();
            for (int s = Math.max(0, c - w); s <= Math.min(x.length - 1, c + w); s++) {
                assertTrue(x[s] <= x[c], "beat at " + c + " (" + a.code() + ") is not a local maximum: x[" + s + "]="
                        + x[s] + " > " + x[c]);
            }
        }
        // a normal R peak stands amplitudeMv (1.2 mV) above the isoelectric line, within 10 %
        double[] normal = r.annotations().stream().filter(a -> a.code() == AnnotationCode.NORMAL)
                .mapToDouble(a -> x[(int) a.sample()]).sorted().toArray();
        assertEquals(1.2, normal[normal.length / 2], 0.12);
    }

    /**
     * Each beat after the first is a PVC with probability p = 0.08 and a PAC with probability
     * q = 0.05, independently. Over n beats the counts are binomial: mean n p, standard deviation
     * sqrt(n p (1 - p)); they must lie within 4 standard deviations (a false alarm about once in
     * 16000 runs; the seed is fixed, so the test is deterministic anyway).
     */
    @Test
    void ectopicCountsMatchTheRequestedRates() {
        SyntheticRecord r = SyntheticEcg.generate(BASE.withHeartRate(72, 2).withEctopy(0.08, 0.05).withSampling(250, 600));
        int n = r.annotations().size() - 1;
        long pvc = r.annotations().stream().filter(a -> a.code() == AnnotationCode.PVC).count();
        long pac = r.annotations().stream().filter(a -> a.code() == AnnotationCode.APC).count();
        assertTrue(n > 600, "beats " + n);
        assertEquals(n * 0.08, pvc, 4 * Math.sqrt(n * 0.08 * 0.92), "PVCs");
        assertEquals(n * 0.05, pac, 4 * Math.sqrt(n * 0.05 * 0.95), "PACs");
    }

    /**
     * The pauses: around an isolated PVC the two RR intervals add up to about two sinus intervals
     * (compensatory, 0.6 + 1.4); around an isolated PAC to about 1.7 (non-compensatory, 0.7 + 1).
     */
    @Test
    void pvcsHaveCompensatoryAndPacsNonCompensatoryPauses() {
        SyntheticRecord r = SyntheticEcg.generate(BASE.withHeartRate(60, 0.5).withEctopy(0.05, 0.05).withSampling(360, 600));
        List<Annotation> a = r.annotations();
        int checkedV = 0;
        int checkedA = 0;
        for (int i = 2; i < a.size() - 2; i++) {
            AnnotationCode c = a.get(i).code();
            if (c == AnnotationCode.NORMAL || a.get(i - 1).code() != AnnotationCode.NORMAL
                    || a.get(i + 1).code() != AnnotationCode.NORMAL || a.get(i - 2).code() != AnnotationCode.NORMAL) {
                continue;
            }
            double sinus = (a.get(i - 1).sample() - a.get(i - 2).sample()) / 360.0;
            double before = (a.get(i).sample() - a.get(i - 1).sample()) / 360.0;
            double after = (a.get(i + 1).sample() - a.get(i).sample()) / 360.0;
            if (c == AnnotationCode.PVC) {
                assertEquals(0.6, before / sinus, 0.05);
                assertEquals(2.0, (before + after) / sinus, 0.06);
                checkedV++;
            } else {
                assertEquals(0.7, before / sinus, 0.05);
                assertEquals(1.7, (before + after) / sinus, 0.06);
                checkedA++;
            }
        }
        assertTrue(checkedV > 10 && checkedA > 10, checkedV + " PVCs, " + checkedA + " PACs checked");
    }

    @Test
    void sameSeedGivesIdenticalOutputAndAnotherSeedDoesNot() {
        SyntheticEcgConfig c = BASE.withEctopy(0.05, 0.05).withNoise(0.05, 0.1).withSampling(128, 30);
        SyntheticRecord a = SyntheticEcg.generate(c);
        SyntheticRecord b = SyntheticEcg.generate(c);
        assertArrayEquals(a.signal().physical(0), b.signal().physical(0));
        assertEquals(a.annotations(), b.annotations());
        SyntheticRecord other = SyntheticEcg.generate(c.withSeed(2));
        assertFalse(Arrays.equals(a.signal().physical(0), other.signal().physical(0)));
    }

    @Test
    void producesTheRequestedShape() {
        SyntheticRecord r = SyntheticEcg.generate(BASE.withLeads(List.of("I", "II", "V1")).withSampling(257, 10));
        assertEquals(2570, r.signal().length());
        assertEquals(3, r.signal().leadCount());
        assertEquals(257.0, r.signal().sampleRateHz());
        assertEquals("V1", r.signal().leads().get(2).name());
    }

    @Test
    void configRejectsBadValuesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BASE.withHeartRate(300, 1));
        assertTrue(e.getMessage().contains("heartRateMeanBpm"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BASE.withEctopy(0.4, 0.2));
        assertThrows(IllegalArgumentException.class, () -> BASE.withSampling(360, -1));
        assertThrows(IllegalArgumentException.class, () -> BASE.withLeads(List.of()));
    }
}

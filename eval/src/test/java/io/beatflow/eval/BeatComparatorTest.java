package io.beatflow.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived EC57 cases. Unless said otherwise the rate is 1000 Hz (1 sample = 1 ms), so the
 * 150 ms window is 150 samples, and the unscored interval is 0 s.
 */
class BeatComparatorTest {
    private static final BeatMatchConfig NO_SKIP = BeatMatchConfig.ec57().withSkipSeconds(0);

    private static RecordComparison cmp(long[] ref, long[] test, double fs, BeatMatchConfig cfg) {
        return BeatComparator.compare("r", ref, test, fs, cfg);
    }

    /** A test beat exactly 150 ms away matches (the window is inclusive); 151 ms does not. */
    @Test
    void windowIsInclusiveAt150Milliseconds() {
        RecordComparison at = cmp(new long[] {1000}, new long[] {1150}, 1000, NO_SKIP);
        assertEquals(1, at.truePositives());
        assertEquals(0, at.falseNegatives());
        assertEquals(0, at.falsePositives());
        RecordComparison past = cmp(new long[] {1000}, new long[] {1151}, 1000, NO_SKIP);
        assertEquals(0, past.truePositives());
        assertEquals(1, past.falseNegatives());
        assertEquals(1, past.falsePositives());
    }

    /** At 360 Hz 150 ms is 0.15 x 360 = 54 samples exactly: 54 matches, 55 does not. */
    @Test
    void windowEdgeAt360HzIs54Samples() {
        assertEquals(1, cmp(new long[] {1000}, new long[] {946}, 360, NO_SKIP).truePositives());
        assertEquals(0, cmp(new long[] {1000}, new long[] {945}, 360, NO_SKIP).truePositives());
    }

    /**
     * Two test beats near one reference beat: 30 ms before and 10 ms after. The closer one (after)
     * is its pair, the other is a false positive: TP 1, FN 0, FP 1, Se 1, +P 1/2.
     */
    @Test
    void twoTestBeatsNearOneReferencePairTheCloser() {
        RecordComparison r = cmp(new long[] {1000}, new long[] {970, 1010}, 1000, NO_SKIP);
        assertEquals(1, r.truePositives());
        assertEquals(0, r.falseNegatives());
        assertEquals(1, r.falsePositives());
        assertEquals(1.0, r.sensitivity());
        assertEquals(0.5, r.positivePredictivity());
        assertEquals(0.010, r.meanAbsoluteErrorSeconds(), 1e-12);
    }

    /**
     * A test beat at 1090 lies within 150 ms of references at 1000 and 1100; it belongs to the
     * closer one (1100, 10 ms). Reference 1000 then has no test beat within reach: TP 1, FN 1, FP 0.
     * A reference-order greedy pairing would have given it to 1000 and missed 1100 - same counts
     * here, but a third test beat at 1180 shows the difference: closest-first pairs 1100-1090
     * and leaves 1180 unpaired (80 ms from 1100, already taken) -> TP 1, FN 1, FP 1.
     */
    @Test
    void testBeatGoesToTheCloserOfTwoReferences() {
        RecordComparison r = cmp(new long[] {1000, 1100}, new long[] {1090}, 1000, NO_SKIP);
        assertEquals(1, r.truePositives());
        assertEquals(1, r.falseNegatives());
        assertEquals(0, r.falsePositives());
        assertEquals(0.010, r.meanAbsoluteErrorSeconds(), 1e-12);
        RecordComparison r3 = cmp(new long[] {1000, 1100}, new long[] {1090, 1180}, 1000, NO_SKIP);
        assertEquals(1, r3.truePositives());
        assertEquals(1, r3.falseNegatives());
        assertEquals(1, r3.falsePositives());
    }

    /**
     * Default 300 s skip at 360 Hz: the first scored sample is 108000. Reference beats at 1000
     * and 107999 and an unmatched test beat at 5000 are not scored; reference 108000 with test
     * 108010 is a TP; reference 200000 is a FN; test 300000 is a FP. A pair straddling the start
     * (reference 107990, test 108020) has its reference unscored, so it counts nowhere.
     */
    @Test
    void beatsInTheSkippedIntervalAreNotScored() {
        long[] ref = {1000, 107_990, 107_999, 108_000, 200_000};
        long[] test = {5000, 108_010, 108_020, 300_000};
        // 107999 pairs with 108010 (11) before 107990 can (20)? candidates: (107990,108010)=20,
        // (107990,108020)=30, (107999,108010)=11, (107999,108020)=21, (108000,108010)=10,
        // (108000,108020)=20. Closest first: 108000-108010 (10), then 107990-108020? no:
        // next is (107990,108010)=20 but 108010 is taken; (108000,108020)=20 ref taken;
        // (107999,108020)=21 -> pair; (107990,108020)=30 taken. 107990 unpaired but unscored.
        RecordComparison r = cmp(ref, test, 360, BeatMatchConfig.ec57());
        assertEquals(1, r.truePositives());
        assertEquals(1, r.falseNegatives());
        assertEquals(1, r.falsePositives());
    }

    /** Empty inputs: no beats at all gives zeros and undefined ratios; one side empty gives FN or FP. */
    @Test
    void emptyInputs() {
        RecordComparison none = cmp(new long[0], new long[0], 360, NO_SKIP);
        assertEquals(0, none.truePositives() + none.falseNegatives() + none.falsePositives());
        assertTrue(Double.isNaN(none.sensitivity()));
        assertTrue(Double.isNaN(none.positivePredictivity()));
        RecordComparison noTest = cmp(new long[] {10, 500}, new long[0], 360, NO_SKIP);
        assertEquals(2, noTest.falseNegatives());
        assertEquals(0.0, noTest.sensitivity());
        assertTrue(Double.isNaN(noTest.positivePredictivity()));
        RecordComparison noRef = cmp(new long[0], new long[] {10, 500, 900}, 360, NO_SKIP);
        assertEquals(3, noRef.falsePositives());
        assertEquals(0.0, noRef.positivePredictivity());
    }

    @Test
    void rejectsUnsortedOrNegativePositionsNamingRecordAndIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BeatComparator.compare("105", new long[] {5, 3}, new long[0], 360, NO_SKIP));
        assertTrue(e.getMessage().contains("105") && e.getMessage().contains("referenceSamples[1]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BeatComparator.compare("105", new long[0], new long[] {-1}, 360, NO_SKIP));
        assertThrows(IllegalArgumentException.class,
                () -> BeatComparator.compare("105", new long[0], new long[0], 0, NO_SKIP));
    }

    @Test
    void configRejectsBadValuesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BeatMatchConfig(0, 300));
        assertTrue(e.getMessage().contains("matchWindowSeconds"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BeatMatchConfig(0.15, -1));
        assertThrows(IllegalArgumentException.class, () -> new BeatMatchConfig(Double.NaN, 0));
        assertEquals(0.150, BeatMatchConfig.ec57().matchWindowSeconds());
        assertEquals(300.0, BeatMatchConfig.ec57().skipSeconds());
    }
    /**
     * bxb's ventricular flutter rule: a reference beat inside the episode (2000..3000) is not
     * scored; detections inside it that pair with nothing (2200, 2500) are not false; a detection
     * inside it that pairs with a reference beat just outside (3050 with 3100: 50 ms) is a true
     * positive; the detection at 4500, outside, is still false.
     */
    @Test
    void flutterEpisodesLeaveTheirBeatsAndStrayDetectionsUnscored() {
        ReferenceEpisodes vf = new ReferenceEpisodes(List.of(new ReferenceEpisodes.SampleRange(2000, 3000)), List.of());
        long[] ref = {1000, 2500, 3100, 4000};
        long[] test = {1000, 2200, 2500, 3050, 4000, 4500};
        RecordComparison r = BeatComparator.compare("207", ref, test, 1000, NO_SKIP, vf);
        assertEquals(3, r.truePositives());
        assertEquals(0, r.falseNegatives());
        assertEquals(1, r.falsePositives());
        RecordComparison plain = BeatComparator.compare("207", ref, test, 1000, NO_SKIP);
        assertEquals(4, plain.truePositives());
        assertEquals(2, plain.falsePositives());
    }

    /**
     * bxb's shutdown rule: stray detections inside (1420, 1800) are not false, but a reference beat
     * inside that no detection found (1600) still counts as missed.
     */
    @Test
    void shutdownExcusesStrayDetectionsButNotMissedBeats() {
        ReferenceEpisodes off = new ReferenceEpisodes(List.of(), List.of(new ReferenceEpisodes.SampleRange(1400, 1900)));
        RecordComparison r = BeatComparator.compare("105", new long[] {1000, 1600, 2400}, new long[] {1000, 1420,
            1800, 2400, 2900}, 1000, NO_SKIP, off);
        assertEquals(2, r.truePositives());
        assertEquals(1, r.falseNegatives());
        assertEquals(1, r.falsePositives());
    }

    /** Episodes are kept sorted, and an open-ended one (never closed) covers the rest of the record. */
    @Test
    void episodesAreSortedAndMayRunToTheEnd() {
        ReferenceEpisodes e = new ReferenceEpisodes(List.of(new ReferenceEpisodes.SampleRange(900, Long.MAX_VALUE),
                new ReferenceEpisodes.SampleRange(10, 20)), List.of());
        assertEquals(10, e.flutter().get(0).from());
        assertTrue(e.inFlutter(15) && e.inFlutter(1_000_000_000L) && !e.inFlutter(21) && !e.inFlutter(899));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceEpisodes.SampleRange(5, 4));
    }
}

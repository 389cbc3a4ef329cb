package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionRuleTest {
    private static final List<String> NSV = List.of("N", "S", "V");

    /** exp(ln 3) triples S's weight: (0.5, 0.25, 0.25) becomes (0.5, 0.75, 0.25) / 1.5. */
    @Test
    void offsetsReweighAndRenormalise() {
        DecisionRule r = new DecisionRule(Map.of("S", Math.log(3)), "by hand", Map.of());
        float[][] p = r.apply(new float[][] {{0.5f, 0.25f, 0.25f}}, NSV);
        assertArrayEquals(new float[] {1 / 3f, 0.5f, 1 / 6f}, p[0], 1e-6f);
    }

    @Test
    void describeNamesTheSmoothingOffsetsAndSlopes() {
        assertEquals("none (the network's probabilities)", DecisionRule.none().describe());
        DecisionRule r = new DecisionRule(Map.of("S", 0.5), "by hand", Map.of(), Map.of("S", -2.0));
        assertEquals("log-prior offsets {S=0.5}, RR irregularity slopes {S=-2.0}", r.describe());
        DecisionRule smoothedOnly = DecisionRule.none().withSmoothing(new MorphologySmoothing.Settings("V", 300, 3));
        assertEquals("V smoothed over the last 300 look-alike beats (bandwidth 3.0), then log-prior offsets {}",
                smoothedOnly.describe());
    }

    @Test
    void rowsOfAnotherWidthThanTheClassesAreRefused() {
        DecisionRule r = new DecisionRule(Map.of("S", Math.log(3)), "by hand", Map.of());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> r.apply(new float[][] {{0.5f, 0.5f}}, NSV));
        assertTrue(e.getMessage().contains("row 0 holds 2 probabilities for 3 classes"), e.getMessage());
    }

    /**
     * A slope of -2 ln 3 on S at irregularity 0.5 divides S's weight by 3: (0.5, 0.5, 0) becomes
     * (0.75, 0.25, 0); an unknown (NaN) or zero irregularity leaves the row as the offsets make it.
     */
    @Test
    void irregularitySlopeMovesTheOffsetPerBeat() {
        DecisionRule r = new DecisionRule(Map.of(), "by hand", Map.of(), Map.of("S", -2 * Math.log(3)));
        assertTrue(r.usesIrregularity());
        float[][] p = r.apply(new float[][] {{0.5f, 0.5f, 0f}, {0.5f, 0.5f, 0f}, {0.5f, 0.5f, 0f}}, NSV,
                new double[] {0.5, Double.NaN, 0});
        assertArrayEquals(new float[] {0.75f, 0.25f, 0f}, p[0], 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0f}, p[1], 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0f}, p[2], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> r.apply(new float[][] {{1, 0, 0}}, NSV, new double[2]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DecisionRule(Map.of(), "", Map.of(), Map.of("X", -1.0)).checkClasses(NSV));
        assertTrue(e.getMessage().contains("class X"), e.getMessage());
    }

    /**
     * Ten S beats in a regular rhythm (irregularity 0.02) and twenty N beats in an irregular one
     * (0.3) score alike, S 0.6 against N 0.4; seventy regular N beats score S 0.1. No offset
     * separates the first two groups, a slope on S does: with an offset b, S wins where
     * b + s * irregularity > ln(0.4 / 0.6) = -0.405, so b = 0 needs s < -0.405 / 0.3 = -1.35 and the
     * search (ties closest to 0) keeps the grid's -1.5; then every beat is right.
     */
    @Test
    void fitFindsASlopeWhereNoOffsetSeparates() {
        int n = 100;
        int[] labels = new int[n];
        float[][] p = new float[n][];
        double[] irr = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 10 ? 1 : 0;
            p[i] = i < 30 ? new float[] {0.4f, 0.6f, 0f} : new float[] {0.9f, 0.1f, 0f};
            irr[i] = i >= 10 && i < 30 ? 0.3 : 0.02;
        }
        DecisionRule offsetsOnly = DecisionRule.fit(labels, p, NSV, List.of("N", "S"), "a test");
        assertTrue(offsetsOnly.evidence().get("macroF1After") < 1.0, offsetsOnly.evidence().toString());
        assertTrue(offsetsOnly.irregularitySlopes().isEmpty());
        DecisionRule r = DecisionRule.fit(labels, p, irr, NSV, List.of("N", "S"), List.of("S"), "a test");
        assertEquals(1.0, r.evidence().get("macroF1After"), 1e-9);
        assertEquals(0.0, r.logOffsets().get("S"), 1e-9);
        assertEquals(-1.5, r.irregularitySlopes().get("S"), 1e-9);
        assertTrue(r.chosenBy().contains("irregularity slopes of [S]"), r.chosenBy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecisionRule.fit(labels, p, null, NSV, List.of("N", "S"), List.of("S"), "x"));
        assertTrue(e.getMessage().contains("one irregularity value per beat"), e.getMessage());
    }

    /**
     * Two groups whose S beats score on different scales: in group 0 S beats score 0.3 and N beats
     * 0.1 (the separating offset is ln(0.7 / 0.3) = 0.847, grid 0.85), in group 1 S 0.05 and N 0.02
     * (ln(0.95 / 0.05) = 2.944, grid 2.95). Group 1's rule calls every beat of group 0 S, group 0's
     * rule no beat of group 1: pooled, S has 5 true, 45 false and 5 missed calls (F1 10 / 60), N 45
     * true, 5 false and 45 missed (F1 90 / 140), macro (1/6 + 9/14) / 2 = 17/42, while each group's
     * own rule would have been right everywhere.
     */
    @Test
    void heldOutFittingJudgesEachGroupByTheOthersRule() {
        int n = 100;
        int[] labels = new int[n];
        int[] group = new int[n];
        float[][] p = new float[n][];
        for (int i = 0; i < n; i++) {
            group[i] = i < 50 ? 0 : 1;
            boolean s = i % 50 < 5;
            labels[i] = s ? 1 : 0;
            p[i] = group[i] == 0 ? (s ? new float[] {0.7f, 0.3f, 0f} : new float[] {0.9f, 0.1f, 0f})
                    : (s ? new float[] {0.95f, 0.05f, 0f} : new float[] {0.98f, 0.02f, 0f});
        }
        float[][] before = new float[n][];
        for (int i = 0; i < n; i++) {
            before[i] = p[i].clone();
        }
        DecisionRule.HeldOut h = DecisionRule.fitHeldOut(labels, p, null, group, NSV, List.of("N", "S"), List.of(),
                List.of(), "a test");
        assertEquals(2.95, h.rules().get(0).logOffsets().get("S"), 1e-9);
        assertEquals(0.85, h.rules().get(1).logOffsets().get("S"), 1e-9);
        assertEquals(1.0 / 6, h.f1().get("S"), 1e-12);
        assertEquals(9.0 / 14, h.f1().get("N"), 1e-12);
        assertEquals(17.0 / 42, h.macroF1(), 1e-12);
        assertEquals(1, h.predicted()[10]);
        assertEquals(0, h.predicted()[50]);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(before[i], p[i], 0f, "the caller's rows are left as they were");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecisionRule.fitHeldOut(labels,
                p, null, new int[n], NSV, List.of("N", "S"), List.of(), List.of(), "x"));
        assertTrue(e.getMessage().contains("at least two groups"), e.getMessage());
        int[] gap = group.clone();
        java.util.Arrays.fill(gap, 50, n, 2);
        e = assertThrows(IllegalArgumentException.class, () -> DecisionRule.fitHeldOut(labels, p, null, gap, NSV,
                List.of("N", "S"), List.of(), List.of(), "x"));
        assertTrue(e.getMessage().contains("group 1 has 0 of 100 beats"), e.getMessage());
    }

    @Test
    void noneLeavesProbabilitiesAlone() {
        float[][] p = {{0.2f, 0.3f, 0.5f}};
        assertArrayEquals(new float[] {0.2f, 0.3f, 0.5f}, DecisionRule.none().apply(p, NSV)[0]);
        assertTrue(DecisionRule.none().shiftsNothing());
    }

    /**
     * Ten S beats score S 0.3 against N 0.7, ninety N beats score S 0.1: the arg-max calls no S
     * (macro F1 over N, S of (0.947 + 0) / 2), and any S offset in (ln(7/3), ln 9) = (0.847, 2.197)
     * separates them perfectly. The search must land inside that interval, at its lowest grid
     * point (ties keep the offset closest to 0): 0.85.
     */
    @Test
    void fitFindsTheSeparatingOffset() {
        int n = 100;
        int[] labels = new int[n];
        float[][] p = new float[n][];
        for (int i = 0; i < n; i++) {
            boolean s = i < 10;
            labels[i] = s ? 1 : 0;
            p[i] = s ? new float[] {0.7f, 0.3f, 0f} : new float[] {0.9f, 0.1f, 0f};
        }
        DecisionRule r = DecisionRule.fit(labels, p, NSV, List.of("N", "S"), "a test");
        assertEquals(0.85, r.logOffsets().get("S"), 1e-9);
        assertEquals(0.0, r.logOffsets().get("N"));
        assertEquals((2 * 90.0 / (2 * 90 + 10) + 0) / 2, r.evidence().get("macroF1Before"), 1e-9);
        assertEquals(1.0, r.evidence().get("macroF1After"), 1e-9);
        assertTrue(r.chosenBy().contains("a test"), r.chosenBy());
        // S fixed: its offset stays 0 and the S beats stay missed (its F1 still counts, as 0)
        DecisionRule fixed = DecisionRule.fit(labels, p, null, NSV, List.of("N", "S"), List.of(), List.of("S"),
                "a test");
        assertEquals(0.0, fixed.logOffsets().get("S"));
        assertEquals(fixed.evidence().get("macroF1Before"), fixed.evidence().get("macroF1After"), 1e-12);
        assertTrue(fixed.chosenBy().contains("the offsets of [S] fixed at 0"), fixed.chosenBy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecisionRule.fit(labels, p,
                null, NSV, List.of("N", "S"), List.of(), List.of("V"), "x"));
        assertTrue(e.getMessage().contains("fixed offset of class V is not one of the scored classes"), e.getMessage());
    }

    @Test
    void badInputIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionRule(Map.of("S", Double.NaN), "", Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DecisionRule(Map.of("X", 1.0), "", Map.of()).checkClasses(NSV));
        assertTrue(e.getMessage().contains("class X"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DecisionRule.fit(new int[] {0}, new float[][] {{1, 0, 0}}, NSV, List.of("Q"), "x"));
        assertTrue(e.getMessage().contains("Q"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DecisionRule.fit(new int[] {0, 1}, new float[][] {{1, 0, 0}}, NSV, NSV, "x"));
    }
}

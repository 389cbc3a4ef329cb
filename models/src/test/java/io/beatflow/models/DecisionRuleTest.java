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

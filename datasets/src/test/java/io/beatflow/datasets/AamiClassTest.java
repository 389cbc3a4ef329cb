package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.AnnotationCode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AamiClassTest {
    /** The MIT-BIH rows of de Chazal et al. 2004, Table I (AAMI EC57 classes). */
    private static final Map<String, AamiClass> TABLE_I = Map.ofEntries(
            Map.entry("N", AamiClass.N), Map.entry("L", AamiClass.N), Map.entry("R", AamiClass.N),
            Map.entry("e", AamiClass.N), Map.entry("j", AamiClass.N),
            Map.entry("A", AamiClass.S), Map.entry("a", AamiClass.S), Map.entry("J", AamiClass.S),
            Map.entry("S", AamiClass.S),
            Map.entry("V", AamiClass.V), Map.entry("E", AamiClass.V),
            Map.entry("F", AamiClass.F),
            Map.entry("/", AamiClass.Q), Map.entry("f", AamiClass.Q), Map.entry("Q", AamiClass.Q));

    @Test
    void mapsEveryMitBihBeatSymbolAsInTableI() {
        TABLE_I.forEach((symbol, cls) -> assertEquals(Optional.of(cls), AamiClass.ofSymbol(symbol), symbol));
    }

    /**
     * Beat codes absent from MIT-BIH follow the same definitions: escape beats of supraventricular
     * origin (e, j and the unspecified n) are N, not ectopic S; B is N; r is V; ? is Q.
     */
    @Test
    void codesAbsentFromMitBihFollowTheDefinitions() {
        assertEquals(Optional.of(AamiClass.N), AamiClass.of(AnnotationCode.SVESC));
        assertEquals(Optional.of(AamiClass.N), AamiClass.of(AnnotationCode.BBB));
        assertEquals(Optional.of(AamiClass.V), AamiClass.of(AnnotationCode.RONT));
        assertEquals(Optional.of(AamiClass.Q), AamiClass.of(AnnotationCode.LEARN));
    }

    @Test
    void nonBeatCodesHaveNoClass() {
        for (AnnotationCode c : AnnotationCode.values()) {
            if (!c.isBeat()) {
                assertEquals(Optional.empty(), AamiClass.of(c), c.name());
            }
        }
        assertEquals(Optional.empty(), AamiClass.ofSymbol("+"));
        assertEquals(Optional.empty(), AamiClass.ofSymbol("x"));
        assertEquals(Optional.empty(), AamiClass.ofSymbol("~"));
    }

    @Test
    void everyBeatCodeHasAClass() {
        for (AnnotationCode c : AnnotationCode.values()) {
            if (c.isBeat()) {
                assertTrue(AamiClass.of(c).isPresent(), c.name());
            }
        }
    }

    @Test
    void unknownSymbolIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> AamiClass.ofSymbol("Z"));
    }
}

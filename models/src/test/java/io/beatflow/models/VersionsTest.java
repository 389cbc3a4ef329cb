package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionsTest {
    /** A card's versions carry a digest of the code that wrote it, the same on every call. */
    @Test
    void versionsCarryADigestOfTheCode() {
        String d = Versions.all().get(Versions.CODE_KEY);
        assertTrue(d.matches("sha256:[0-9a-f]{64}"), d);
        assertEquals(d, Versions.codeDigest());
        assertTrue(Versions.all().containsKey("beatflow") && Versions.all().containsKey("java"));
    }
}

package io.beatflow.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Written networks do not depend on when they were written. */
class GraphNetworkTest {
    private static byte[] zipAt(LocalDateTime time) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : new String[] {"configuration.json", "coefficients.bin"}) {
                ZipEntry e = new ZipEntry(name);
                e.setTimeLocal(time);
                z.putNextEntry(e);
                z.write((name + " contents").getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void entryTimesAreFixedSoEqualWeightsGiveEqualBytes() throws IOException {
        byte[] early = zipAt(LocalDateTime.of(2026, 11, 22, 10, 0, 0));
        byte[] late = zipAt(LocalDateTime.of(2026, 11, 22, 10, 0, 4));
        assertFalse(Arrays.equals(early, late), "the zips differ in their entry times only");
        byte[] a = GraphNetwork.withFixedTimes(early);
        assertArrayEquals(a, GraphNetwork.withFixedTimes(late));
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(a))) {
            ZipEntry e = in.getNextEntry();
            assertEquals("configuration.json", e.getName());
            assertEquals(GraphNetwork.ENTRY_TIME, e.getTimeLocal());
            assertEquals("configuration.json contents", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("coefficients.bin", in.getNextEntry().getName());
        }
    }
}

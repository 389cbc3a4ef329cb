package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BeatDataset#concat}: beats in order, record indices shifted, clashes refused. */
class BeatDatasetConcatTest {
    private static BeatDataset one(String record, float base, int label) {
        return new BeatDataset(List.of(record), 4, 128.0, new float[] {base, base + 1, base + 2, base + 3},
                new int[] {label}, new byte[] {0}, new float[] {0.8f, 0.9f, 0.85f}, new int[] {0}, new long[] {42});
    }

    @Test
    void joinsBeatsAndRecordsInOrder() {
        BeatDataset a = BeatDatasetFormatTest.small();
        BeatDataset b = one("100_em12", 7, 2);
        BeatDataset j = BeatDataset.concat(List.of(a, b));
        assertEquals(List.of("100", "x-7", "100_em12"), j.records());
        assertEquals(a.size() + 1, j.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.window(i), j.window(i));
            assertEquals(a.label(i), j.label(i));
            assertEquals(a.record(i), j.record(i));
            assertEquals(a.sample(i), j.sample(i));
            assertArrayEquals(a.rrFeatures(i), j.rrFeatures(i));
            assertEquals(a.origin(i), j.origin(i));
        }
        int last = a.size();
        assertArrayEquals(new float[] {7, 8, 9, 10}, j.window(last));
        assertEquals(2, j.label(last));
        assertEquals("100_em12", j.record(last));
        assertEquals(2, j.recordIndex(last));
        assertArrayEquals(new float[] {0.8f, 0.9f, 0.85f}, j.rrFeatures(last));
    }

    @Test
    void refusesClashesAndMismatches() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BeatDataset.concat(List.of(one("101", 0, 0), one("101", 1, 0))));
        assertTrue(e.getMessage().contains("record 101 is in two"), e.getMessage());
        BeatDataset other = new BeatDataset(List.of("102"), 2, 128.0, new float[] {1, 2}, new int[] {0},
                new byte[] {0}, new float[] {0.8f, 0.9f, 0.85f}, new int[] {0}, new long[] {1});
        e = assertThrows(IllegalArgumentException.class, () -> BeatDataset.concat(List.of(one("101", 0, 0), other)));
        assertTrue(e.getMessage().contains("2 samples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BeatDataset.concat(List.of()));
    }
}

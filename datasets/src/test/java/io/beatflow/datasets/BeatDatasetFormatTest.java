package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.SignalFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeatDatasetFormatTest {
    @TempDir
    Path tmp;

    /** Three beats of 4 samples from two records; every column holds distinct values. */
    static BeatDataset small() {
        return new BeatDataset(List.of("100", "x-7"), 4, 128.0,
                new float[] {1, 2, 3, 4, -1, -2, -3, Float.NaN, 0.5f, 0.25f, 0.125f, 1e-9f},
                new int[] {0, BeatDataset.UNMATCHED, 4}, new byte[] {1, 2, 3},
                new float[] {Float.NaN, 0.8f, 0.8f, 0.8f, 0.9f, 0.85f, 0.9f, Float.NaN, 0.85f},
                new int[] {0, 0, 1}, new long[] {10, 300, 5_000_000_000L});
    }

    @Test
    void roundTripsEveryColumn() throws IOException {
        BeatDataset d = small();
        Path f = tmp.resolve("d.bfds");
        BeatDatasetFormat.write(d, f);
        BeatDataset back = BeatDatasetFormat.read(f);
        assertEquals(d, back);
        assertEquals("unmatched", back.labelName(1));
        assertEquals(BeatDataset.Origin.MISSED, back.origin(2));
        assertEquals(5_000_000_000L, back.sample(2));
        // size: 4 magic + 4 version + 4 count + (2+3) + (2+3) names + 4 + 8 + 4 + 12*4 windows + 3 labels
        // + 3 origins + 9*4 rr + 3*4 record index + 3*8 samples + 32 checksum = 196 bytes
        assertEquals(196, Files.size(f));
    }

    @Test
    void damagedTruncatedAndForeignFilesAreRejectedNamingTheFile() throws IOException {
        Path f = tmp.resolve("d.bfds");
        BeatDatasetFormat.write(small(), f);
        byte[] good = Files.readAllBytes(f);

        byte[] flipped = good.clone();
        flipped[60] ^= 1;
        Files.write(tmp.resolve("flipped.bfds"), flipped);
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> BeatDatasetFormat.read(tmp.resolve("flipped.bfds")));
        assertTrue(e.getMessage().contains("flipped.bfds") && e.getMessage().contains("checksum mismatch"), e.getMessage());

        Files.write(tmp.resolve("truncated.bfds"), Arrays.copyOf(good, 100));
        e = assertThrows(SignalFormatException.class, () -> BeatDatasetFormat.read(tmp.resolve("truncated.bfds")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        byte[] v2 = good.clone();
        v2[7] = 2;
        Files.write(tmp.resolve("version-2.bfds"), v2);
        e = assertThrows(SignalFormatException.class, () -> BeatDatasetFormat.read(tmp.resolve("version-2.bfds")));
        assertTrue(e.getMessage().contains("format version 2"), e.getMessage());

        Files.writeString(tmp.resolve("text.bfds"), "hello, world");
        e = assertThrows(SignalFormatException.class, () -> BeatDatasetFormat.read(tmp.resolve("text.bfds")));
        assertTrue(e.getMessage().contains("not a beat dataset"), e.getMessage());
    }

    @Test
    void cacheKeyFollowsBytesSizesAndConfigAndDamagedEntriesAreMisses() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.dat"), "abc");
        String k1 = BeatDatasetCache.keyOf(List.of(a), "cfg");
        assertEquals(k1, BeatDatasetCache.keyOf(List.of(a), "cfg"));
        assertTrue(!k1.equals(BeatDatasetCache.keyOf(List.of(a), "cfg2")));
        Files.writeString(a, "abd");
        assertTrue(!k1.equals(BeatDatasetCache.keyOf(List.of(a), "cfg")));

        BeatDatasetCache cache = new BeatDatasetCache(tmp.resolve("cache"));
        assertEquals(Optional.empty(), cache.load(k1));
        cache.store(k1, small());
        assertEquals(Optional.of(small()), cache.load(k1));
        assertEquals(List.of(k1), cache.keys());
        byte[] bytes = Files.readAllBytes(cache.fileOf(k1));
        bytes[bytes.length - 1] ^= 1;
        Files.write(cache.fileOf(k1), bytes);
        assertEquals(Optional.empty(), cache.load(k1));
        assertTrue(!Files.exists(cache.fileOf(k1)), "damaged entry deleted");
    }

    @Test
    void defaultCacheDirFollowsTheEnvironment() {
        assertEquals(Path.of("/c"), BeatDatasetCache.defaultDir(java.util.Map.of("BEATFLOW_CACHE", "/c"), Path.of("/h")));
        assertEquals(Path.of("/h/.cache/beatflow"), BeatDatasetCache.defaultDir(java.util.Map.of(), Path.of("/h")));
    }

    @Test
    void inconsistentColumnsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BeatDataset(List.of("r"), 2, 100, new float[3],
                new int[1], new byte[1], new float[3], new int[1], new long[1]));
        assertThrows(IllegalArgumentException.class, () -> new BeatDataset(List.of("r"), 2, 100, new float[2],
                new int[] {5}, new byte[1], new float[3], new int[1], new long[1]));
    }
}

package io.beatflow.ingest.wfdb;

import static io.beatflow.ingest.wfdb.WfdbFixtures.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbReadOptions;
import io.beatflow.ingest.WfdbReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signal files of more than 2 GiB, made sparse (the length set, a few samples written), so that no
 * test writes gigabytes: every byte not written reads as zero, i.e. sample value 0 in format 16.
 */
class WfdbLargeFileTest {
    @TempDir
    Path dir;

    /** Writes {@code values} as format-16 samples at sample {@code index} (in file order) of a file. */
    private static void put(RandomAccessFile f, long index, int... values) throws IOException {
        f.seek(2 * index);
        for (int v : values) {
            f.write(v & 0xff);
            f.write((v >> 8) & 0xff);
        }
    }

    /**
     * A 36-hour Holter recording, 12 leads at 1000 Hz in format 16: 129,600,000 frames of 24 bytes =
     * 3,110,400,000 bytes. Frame 89,478,485 straddles byte 2^31 (its bytes are 2,147,483,640 to
     * 2,147,483,663); the last five frames are near the end. Known values are written into both
     * places; ranges of frames around them read those values, from one lead and from all.
     */
    @Test
    void aRangeOfAHolterFileOverTwoGibIsRead() throws Exception {
        long frames = 129_600_000L;
        String[] names = {"I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"};
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("holter.dat").toFile(), "rw")) {
            f.setLength(frames * 24);
            for (int l = 0; l < 12; l++) {
                put(f, 89_478_485L * 12 + l, 1000 + l);
                put(f, (frames - 1) * 12 + l, -2000 - l);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("holter 12 1000 " + frames);
        for (String n : names) {
            lines.add("holter.dat 16 200 16 0 0 0 0 " + n);
        }
        Path rec = header(dir, "holter", lines.toArray(new String[0]));
        Signal v1 = WfdbReader.read(rec, WfdbReadOptions.defaults().withLeads("V1").withRange(89_478_484L,
                89_478_487L));
        assertArrayEquals(new int[] {0, 1006, 0}, v1.digital(0));
        Signal all = WfdbReader.read(rec, WfdbReadOptions.defaults().withRange(frames - 5, WfdbReadOptions.END));
        assertEquals(12, all.leadCount());
        for (int l = 0; l < 12; l++) {
            assertArrayEquals(new int[] {0, 0, 0, 0, -2000 - l}, all.digital(l), names[l]);
        }
        assertEquals(-2006 / 200.0f, all.physical(6, 4), 1e-6f);
    }

    /**
     * A whole lead of a 2,147,491,840-byte file (256 leads x 4,194,320 frames x 2 bytes), every
     * signal's checksum verified over the whole file: lead 0 holds 7 at frame 0 and 5 at the last
     * frame (initial value 7, checksum 12), lead 255 holds -3 at its last frame (checksum -3), all
     * else is 0. Tagged integration: it reads 2 GiB of zeros.
     */
    @Test
    @Tag("integration")
    void aWholeLeadOfAFileOverTwoGibIsReadWithItsChecksums() throws Exception {
        long frames = 4_194_320L;
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("wide.dat").toFile(), "rw")) {
            f.setLength(frames * 256 * 2);
            put(f, 0, 7);
            put(f, (frames - 1) * 256, 5);
            put(f, (frames - 1) * 256 + 255, -3);
        }
        List<String> lines = new ArrayList<>();
        lines.add("wide 256 250 " + frames);
        lines.add("wide.dat 16 200 16 0 7 12 0 s0");
        for (int i = 1; i < 255; i++) {
            lines.add("wide.dat 16 200 16 0 0 0 0 s" + i);
        }
        lines.add("wide.dat 16 200 16 0 0 -3 0 s255");
        Signal s = WfdbReader.read(header(dir, "wide", lines.toArray(new String[0])),
                WfdbReadOptions.defaults().withLeads("s0"));
        int[] v = s.digital(0);
        assertEquals(frames, v.length);
        assertEquals(7, v[0]);
        assertEquals(5, v[v.length - 1]);
        assertEquals(0, v[v.length / 2]);
    }
}

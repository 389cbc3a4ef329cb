package io.beatflow.ingest.wfdb;

import static io.beatflow.ingest.wfdb.WfdbFixtures.bytes;
import static io.beatflow.ingest.wfdb.WfdbFixtures.data;
import static io.beatflow.ingest.wfdb.WfdbFixtures.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbReadOptions;
import io.beatflow.ingest.WfdbReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every storage format from bytes written by hand, with the expected samples derived by hand from
 * the bit layouts of PhysioNet's signal(5). Invalid-sample markers become NaN (physical) and
 * {@link Integer#MIN_VALUE} (digital). Headers carry checksums (16-bit sums of the stored samples,
 * markers included) and initial values derived by hand too, so the reader's verification runs.
 */
class WfdbStorageFormatTest {
    private static final int INV = Integer.MIN_VALUE;

    @TempDir
    Path dir;

    private Signal read1(String fmt, byte[] content, int init, int checksum, int n) throws Exception {
        data(dir, "r.dat", content);
        return WfdbReader.read(header(dir, "r", "r 1 100 " + n, "r.dat " + fmt + " 100 0 0 " + init + " " + checksum
                + " 0 sig"));
    }

    /**
     * Format 212, two signals interleaved. Triple E8 F3 FE: sample 0 = 0x3E8 (low nibble 3 of F3,
     * byte E8) = 1000; sample 1 = 0xFFE (high nibble F, byte FE) = -2 as 12-bit two's complement.
     * Triple 00 78 FF: sample 0 = 0x800 = -2048 (the invalid marker); sample 1 = 0x7FF = 2047.
     * Checksums: a = 1000 - 2048 = -1048, b = -2 + 2047 = 2045.
     */
    @Test
    void format212UnpacksTwelveBitPairs() throws Exception {
        data(dir, "t.dat", bytes(0xE8, 0xF3, 0xFE, 0x00, 0x78, 0xFF));
        Signal s = WfdbReader.read(header(dir, "t", "t 2 100 2", "t.dat 212 100 12 0 1000 -1048 0 a",
                "t.dat 212 100 12 0 -2 2045 0 b"));
        assertArrayEquals(new int[] {1000, INV}, s.digital(0));
        assertArrayEquals(new int[] {-2, 2047}, s.digital(1));
        assertEquals(10.0f, s.physical(0, 0));
        assertTrue(Float.isNaN(s.physical(0, 1)));
        assertEquals(20.47f, s.physical(1, 1), 1e-6f);
    }

    /** Format 212 with an odd sample count: the last sample 0x005 = 5 sits in 2 bytes (05 00). */
    @Test
    void format212OddCountUsesTwoTrailingBytes() throws Exception {
        Signal s = read1("212", bytes(0xE8, 0xF3, 0xFE, 0x05, 0x00), 1000, 1003, 3);
        assertArrayEquals(new int[] {1000, -2, 5}, s.digital(0));
    }

    /** Format 16 little-endian: FF FF = -1, 2C 01 = 300, 00 80 = -32768 (invalid), FF 7F = 32767. */
    @Test
    void format16() throws Exception {
        // checksum: -1 + 300 - 32768 + 32767 = 298
        Signal s = read1("16", bytes(0xFF, 0xFF, 0x2C, 0x01, 0x00, 0x80, 0xFF, 0x7F), -1, 298, 4);
        assertArrayEquals(new int[] {-1, 300, INV, 32767}, s.digital(0));
    }

    /** Format 61 big-endian: FF FF = -1, 01 2C = 300, 80 00 = invalid. Checksum -1 + 300 - 32768 = -32469. */
    @Test
    void format61() throws Exception {
        Signal s = read1("61", bytes(0xFF, 0xFF, 0x01, 0x2C, 0x80, 0x00), -1, -32469, 3);
        assertArrayEquals(new int[] {-1, 300, INV}, s.digital(0));
    }

    /** Format 80 offset binary: 0x80 = 0, 0x00 = -128 (invalid), 0xFF = 127, 0x7F = -1. Checksum -2. */
    @Test
    void format80() throws Exception {
        Signal s = read1("80", bytes(0x80, 0x00, 0xFF, 0x7F), 0, -2, 4);
        assertArrayEquals(new int[] {0, INV, 127, -1}, s.digital(0));
    }

    /**
     * Format 160 offset binary, little-endian: 00 80 = 0x8000 - 32768 = 0; 00 00 = -32768 (invalid);
     * FF FF = 32767; 2C 81 = 0x812C - 32768 = 300. Checksum 0 - 32768 + 32767 + 300 = 299.
     */
    @Test
    void format160() throws Exception {
        Signal s = read1("160", bytes(0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0x2C, 0x81), 0, 299, 4);
        assertArrayEquals(new int[] {0, INV, 32767, 300}, s.digital(0));
    }

    /**
     * Format 24: FF FF FF = -1; 00 00 80 = -2^23 (invalid); 40 E2 01 = 0x01E240 = 123456.
     * Checksum: -1 - 8388608 + 123456 = -8265153; mod 2^16 as signed 16-bit: -8265153 + 127 * 65536 = 57919
     * - 65536 = -7617.
     */
    @Test
    void format24() throws Exception {
        Signal s = read1("24", bytes(0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x80, 0x40, 0xE2, 0x01), -1, -7617, 3);
        assertArrayEquals(new int[] {-1, INV, 123456}, s.digital(0));
    }

    /**
     * Format 32: FF FF FF FF = -1; 00 00 00 80 = -2^31 (invalid); 40 E2 01 00 = 123456.
     * Checksum: -2^31 is 0 mod 2^16, so -1 + 123456 = 123455 = 65536 + 57919 -> 57919 - 65536 = -7617.
     */
    @Test
    void format32() throws Exception {
        Signal s = read1("32", bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x80, 0x40, 0xE2, 0x01, 0x00), -1,
                -7617, 3);
        assertArrayEquals(new int[] {-1, INV, 123456}, s.digital(0));
    }

    /**
     * Format 8 first differences from the initial value 100: +5, -5, +127, -128 give 105, 100, 227,
     * 99 (the header's initial value is the base of the differences). Checksum 531.
     */
    @Test
    void format8AccumulatesDifferences() throws Exception {
        Signal s = read1("8", bytes(0x05, 0xFB, 0x7F, 0x80), 100, 531, 4);
        assertArrayEquals(new int[] {105, 100, 227, 99}, s.digital(0));
    }

    /**
     * Format 310: samples 5, -3, 300. Word 0 = 5 &lt;&lt; 1 | (300 &amp; 0x1F = 12) &lt;&lt; 11 = 0x600A
     * (bytes 0A 60); word 1 = (-3 &amp; 0x3FF = 0x3FD) &lt;&lt; 1 | (300 &gt;&gt; 5 = 9) &lt;&lt; 11 = 0x4FFA
     * (bytes FA 4F). Then a lone fourth sample -512 (invalid) in word 0x0400 (bytes 00 04).
     * Checksum 5 - 3 + 300 - 512 = -210.
     */
    @Test
    void format310() throws Exception {
        Signal s = read1("310", bytes(0x0A, 0x60, 0xFA, 0x4F, 0x00, 0x04), 5, -210, 4);
        assertArrayEquals(new int[] {5, -3, 300, INV}, s.digital(0));
    }

    /**
     * Format 311: samples 5, -3, -512 in one 32-bit word 5 | 0x3FD &lt;&lt; 10 | 0x200 &lt;&lt; 20 =
     * 0x200FF405 (bytes 05 F4 0F 20). Checksum 5 - 3 - 512 = -510.
     */
    @Test
    void format311() throws Exception {
        Signal s = read1("311", bytes(0x05, 0xF4, 0x0F, 0x20), 5, -510, 3);
        assertArrayEquals(new int[] {5, -3, INV}, s.digital(0));
    }

    /**
     * Skew: stored frames (1, 10), (2, 20), (3, 30); signal b has skew 1, so its output sample t is
     * stored frame t + 1: 20, 30, then nothing (invalid). Checksums are over stored samples: 6, 60.
     */
    @Test
    void skewShiftsTheSkewedSignal() throws Exception {
        data(dir, "k.dat", bytes(1, 0, 10, 0, 2, 0, 20, 0, 3, 0, 30, 0));
        Signal s = WfdbReader.read(header(dir, "k", "k 2 100 3", "k.dat 16 100 16 0 1 6 0 a",
                "k.dat 16:1 100 16 0 10 60 0 b"));
        assertArrayEquals(new int[] {1, 2, 3}, s.digital(0));
        assertArrayEquals(new int[] {20, 30, INV}, s.digital(1));
    }

    /** Byte offset: a 4-byte prolog (DE AD BE EF) is skipped; then 01 00 02 00 = 1, 2. */
    @Test
    void byteOffsetSkipsProlog() throws Exception {
        data(dir, "o.dat", bytes(0xDE, 0xAD, 0xBE, 0xEF, 1, 0, 2, 0));
        Signal s = WfdbReader.read(header(dir, "o", "o 1 100 2", "o.dat 16+4 100 16 0 1 3 0 a"));
        assertArrayEquals(new int[] {1, 2}, s.digital(0));
    }

    /**
     * Two samples per frame: frames are (a0, a1, b) = (10, 20, 7), (-5, -6, 8). Low resolution
     * (WFDB getvec default): a = mean per frame truncated toward zero, (10 + 20) / 2 = 15 and
     * (-5 - 6) / 2 = -5.5 -> -5; b = 7, 8; rate 100 Hz. High resolution: rate 200 Hz, a = 10, 20, -5,
     * -6, b repeated = 7, 7, 8, 8.
     */
    @Test
    void samplesPerFrameLowAndHighResolution() throws Exception {
        data(dir, "f.dat", bytes(10, 0, 20, 0, 7, 0, 0xFB, 0xFF, 0xFA, 0xFF, 8, 0));
        Path rec = header(dir, "f", "f 2 100 2", "f.dat 16x2 100 16 0 10 19 0 a", "f.dat 16 100 16 0 7 15 0 b");
        Signal low = WfdbReader.read(rec);
        assertEquals(100.0, low.sampleRateHz());
        assertArrayEquals(new int[] {15, -5}, low.digital(0));
        assertArrayEquals(new int[] {7, 8}, low.digital(1));
        Signal high = WfdbReader.read(rec, WfdbReadOptions.defaults().withHighResolution(true));
        assertEquals(200.0, high.sampleRateHz());
        assertArrayEquals(new int[] {10, 20, -5, -6}, high.digital(0));
        assertArrayEquals(new int[] {7, 7, 8, 8}, high.digital(1));
    }

    /** Signals in separate files, and lead selection by name in the order asked. */
    @Test
    void separateFilesAndLeadSelection() throws Exception {
        data(dir, "s1.dat", bytes(1, 0, 2, 0));
        data(dir, "s2.dat", bytes(0xE8, 0xF3, 0xFE));
        Path rec = header(dir, "s", "s 2 100 2", "s1.dat 16 100 16 0 1 3 0 I", "s2.dat 212 100 12 0 1000 998 0 II");
        Signal s = WfdbReader.read(rec, WfdbReadOptions.defaults().withLeads("ii", "I"));
        assertEquals("II", s.leads().get(0).name());
        assertArrayEquals(new int[] {1000, -2}, s.digital(0));
        assertArrayEquals(new int[] {1, 2}, s.digital(1));
    }

    /**
     * Defaults: gain 0 (uncalibrated) reads as 200 adu/mV, baseline = ADC zero (512), units mV;
     * digital 712 is (712 - 512) / 200 = 1.0 mV. Without nsamp the length comes from the file size.
     */
    @Test
    void uncalibratedGainDefaultsTo200AndBaselineToAdcZero() throws Exception {
        data(dir, "u.dat", bytes(0xC8, 0x02));
        Signal s = WfdbReader.read(header(dir, "u", "u 1 100", "u.dat 16 0 16 512 712 712 0 x"));
        assertEquals(200.0, s.leads().get(0).gain());
        assertEquals(512.0, s.leads().get(0).baseline());
        assertEquals("mV", s.leads().get(0).units());
        assertEquals(1, s.length());
        assertEquals(1.0f, s.physical(0, 0));
    }
}

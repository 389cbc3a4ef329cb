package io.beatflow.ingest.wfdb;

import static io.beatflow.ingest.wfdb.WfdbFixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbAnnotationWriter;
import io.beatflow.ingest.testing.ReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MIT-format annotation files: hand-built words, round trips, and byte-exact rewriting of MIT-BIH files. */
class WfdbAnnotationTest {
    @TempDir
    Path dir;

    /**
     * Hand-built words (16-bit little-endian, code in the high 6 bits):
     * <ol>
     *   <li>01 04 = 0x0401: N (1) at 0 + 1 = 1;</li>
     *   <li>02 F0 = 0xF002: NUM (60) = 2; 03 F8 = 0xF803: CHN (62) = 3; FF F7 = 0xF7FF: SUB (61) with
     *       10-bit value 0x3FF, read as signed byte -1 (all apply to the N at 1);</li>
     *   <li>00 EC = SKIP, then 0x0001, 0x0000 (high word first) = 65536;</li>
     *   <li>0A 14 = 0x140A: V (5) at 1 + 65536 + 10 = 65547, num 2 and chan 3 carried over, subtype 0;</li>
     *   <li>03 FC = AUX of 3 bytes "(AB" then one pad byte;</li>
     *   <li>05 00 = 0x0005: NOTQRS (0) 5 samples later, at 65552;</li>
     *   <li>00 00: end of file (bytes after it are ignored).</li>
     * </ol>
     */
    @Test
    void decodesPseudoAnnotationsByHand() throws Exception {
        byte[] b = bytes(0x01, 0x04, 0x02, 0xF0, 0x03, 0xF8, 0xFF, 0xF7, 0x00, 0xEC, 0x01, 0x00, 0x00, 0x00, 0x0A, 0x14,
                0x03, 0xFC, '(', 'A', 'B', 0, 0x05, 0x00, 0x00, 0x00, 0x99);
        List<Annotation> a = WfdbAnnotationReader.read("hand.atr", b);
        assertEquals(List.of(new Annotation(1, AnnotationCode.NORMAL, -1, 3, 2, ""),
                new Annotation(65547, AnnotationCode.PVC, 0, 3, 2, "(AB"),
                new Annotation(65552, AnnotationCode.NOTQRS, 0, 3, 2, "")), a);
    }

    /**
     * The writer's encoding of a small list, derived by hand from WFDB putann's rules: N at 100 ->
     * 0x0464 (64 04); V at 2000 (interval 1900 &gt; 1023) -> SKIP 00 EC, 1900 = 0x0000076C as 00 00 6C 07,
     * then 0x1400 (00 14); NUM changes to -1 -> 0xF3FF (FF F3); AUX "(N" of 2 bytes -> 02 FC 28 4E
     * (even, no pad); end 00 00.
     */
    @Test
    void writerEncodesAsPutann() {
        byte[] b = WfdbAnnotationWriter.toBytes(List.of(Annotation.of(100, AnnotationCode.NORMAL),
                new Annotation(2000, AnnotationCode.PVC, 0, 0, -1, "(N")));
        assertArrayEquals(bytes(0x64, 0x04, 0x00, 0xEC, 0x00, 0x00, 0x6C, 0x07, 0x00, 0x14, 0xFF, 0xF3, 0x02, 0xFC,
                0x28, 0x4E, 0x00, 0x00), b);
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        List<Annotation> anns = List.of(new Annotation(0, AnnotationCode.RHYTHM, 0, 0, 0, "(N"),
                Annotation.of(5, AnnotationCode.NOTQRS), new Annotation(5, AnnotationCode.NORMAL, 3, 1, 0, ""),
                new Annotation(4_000_000_000L, AnnotationCode.APC, -128, 255, 127, "odd"),
                new Annotation(4_000_000_001L, AnnotationCode.NOISE, 0, 255, -128, "even"),
                Annotation.of(4_000_000_001L, AnnotationCode.USER_49));
        Path f = dir.resolve("r.atr");
        WfdbAnnotationWriter.write(f, anns);
        assertEquals(anns, WfdbAnnotationReader.read(f));
    }

    /**
     * Rewriting MIT-BIH's 100.atr reproduces its bytes, up to the one non-canonical freedom of the
     * format: 100.atr's aux strings count a terminating NUL in their length ("(N" stored as 3 bytes
     * 28 4E 00 plus a pad byte) while this writer, like other files of the database (108, 202, 222),
     * stores the text alone. {@link #withoutAuxNul} removes that NUL from the original's AUX entries,
     * walking the words independently of the reader; everything else must match byte for byte. The
     * decoded annotations must match exactly.
     */
    @Test
    void rewritesRecord100AtrByteForByte() throws Exception {
        ReferenceData.assumeMitdb();
        Path atr = ReferenceData.mitdb().resolve("100.atr");
        Path out = dir.resolve("100.atr");
        List<Annotation> original = WfdbAnnotationReader.read(atr);
        WfdbAnnotationWriter.write(out, original);
        byte[] bytes = Files.readAllBytes(atr);
        byte[] normalised = withoutAuxNul(bytes);
        assertTrue(normalised.length < bytes.length, "100.atr has NUL-terminated aux strings");
        assertArrayEquals(normalised, Files.readAllBytes(out));
        assertEquals(original, WfdbAnnotationReader.read(out));
    }

    /** Re-encodes AUX entries without trailing NULs (and with the pad byte their new length needs). */
    static byte[] withoutAuxNul(byte[] in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int p = 0;
        while (p + 1 < in.length) {
            int word = (in[p] & 0xff) | (in[p + 1] & 0xff) << 8;
            int code = word >>> 10;
            if (code == 63) {
                int len = word & 0xff;
                int n = len;
                while (n > 0 && in[p + 2 + n - 1] == 0) {
                    n--;
                }
                out.write(n);
                out.write(63 << 2);
                out.write(in, p + 2, n);
                if ((n & 1) != 0) {
                    out.write(0);
                }
                p += 2 + ((len + 1) & ~1);
            } else {
                int size = code == 59 ? 6 : 2;
                out.write(in, p, size);
                p += size;
            }
        }
        return out.toByteArray();
    }
}

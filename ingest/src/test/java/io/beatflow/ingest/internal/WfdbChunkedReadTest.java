package io.beatflow.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFormatException;
import io.beatflow.ingest.WfdbReadOptions;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.testing.ReferenceData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signal files read in chunks of a few bytes, so that frames and the byte groups of the packed
 * formats straddle chunk boundaries, against the samples the files were made from. Each record is
 * generated here from seeded random stored values: three signals in one file (1, 2 and 2 samples
 * per frame, so a frame is 5 samples and, over 101 frames, neither a multiple of format 212's pairs
 * nor of 310/311's triples; the second skewed by 2 frames; a 3-byte prolog before the samples) and
 * a fourth in a file of its own. The expected output is taken from those values by the record
 * semantics alone (skew: output frame f is stored frame f + skew, invalid past the end; low
 * resolution: the frame's mean truncated toward zero; invalid markers become
 * {@link Integer#MIN_VALUE}), not by the decoder; the headers carry the values' checksums and
 * first values, so the reader's verification runs too.
 */
class WfdbChunkedReadTest {
    private static final int INV = Integer.MIN_VALUE;
    private static final int FRAMES = 101;
    private static final int[] SPF = {1, 2, 2, 1};
    private static final int[] SKEW = {0, 2, 0, 0};
    private static final int PROLOG = 3;
    private static final int[] CHUNKS = {7, 64, 1000, WfdbRecordDecoder.CHUNK_BYTES};

    @TempDir
    Path dir;

    /** A generated record: its path and each signal's stored values (format 8: summed), invalid as INV. */
    private record Generated(Path record, int[][] stored) {
    }

    private Generated generate(String name, int format, long seed) throws IOException {
        Random rnd = new Random(seed);
        int[][] stored = new int[4][];
        int[][] raw = new int[4][]; // as encoded: format 8's differences
        for (int i = 0; i < 4; i++) {
            int fmt = i < 3 ? format : 16;
            stored[i] = new int[FRAMES * SPF[i]];
            raw[i] = new int[stored[i].length];
            long min = WfdbFormats.minValue(fmt);
            long max = WfdbFormats.maxValue(fmt);
            int acc = 5 * i; // format 8's initial value
            for (int j = 0; j < stored[i].length; j++) {
                if (fmt == 8) {
                    raw[i][j] = rnd.nextInt(41) - 20;
                    acc += raw[i][j];
                    stored[i][j] = acc;
                } else {
                    int v = (int) (min + Math.floorMod(rnd.nextLong(), max - min + 1));
                    raw[i][j] = v;
                    stored[i][j] = v;
                }
            }
            if (fmt != 8) {
                raw[i][7 % raw[i].length] = (int) WfdbFormats.invalidValue(fmt); // one invalid sample per signal
                stored[i][7 % raw[i].length] = raw[i][7 % raw[i].length];
            }
        }
        int frameLen = SPF[0] + SPF[1] + SPF[2];
        int[] flat = new int[FRAMES * frameLen];
        for (int f = 0, p = 0; f < FRAMES; f++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < SPF[i]; j++) {
                    flat[p++] = raw[i][f * SPF[i] + j];
                }
            }
        }
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        a.write(new byte[] {9, 9, 9});
        a.write(WfdbFormats.encode(format, flat, flat.length));
        Files.write(dir.resolve(name + "a.dat"), a.toByteArray());
        Files.write(dir.resolve(name + "b.dat"), WfdbFormats.encode(16, raw[3], raw[3].length));
        List<String> lines = new ArrayList<>();
        lines.add(name + " 4 250 " + FRAMES);
        for (int i = 0; i < 4; i++) {
            int fmt = i < 3 ? format : 16;
            String file = i < 3 ? name + "a.dat" : name + "b.dat";
            String field = fmt + (SPF[i] > 1 ? "x" + SPF[i] : "") + (SKEW[i] > 0 ? ":" + SKEW[i] : "")
                    + (i < 3 ? "+" + PROLOG : "");
            int sum = 0;
            for (int v : stored[i]) {
                sum += v;
            }
            int init = fmt == 8 ? 5 * i : stored[i][0];
            lines.add(file + " " + field + " 100 " + WfdbFormats.bits(fmt) + " 0 " + init + " " + (short) sum
                    + " 0 s" + i);
        }
        Files.writeString(dir.resolve(name + ".hea"), String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 4; i++) {
            long inv = WfdbFormats.invalidValue(i < 3 ? format : 16);
            for (int j = 0; j < stored[i].length; j++) {
                if (inv != WfdbFormats.NO_INVALID && stored[i][j] == inv) {
                    stored[i][j] = INV;
                }
            }
        }
        return new Generated(dir.resolve(name), stored);
    }

    /** Output frames [from, to) of signal i: skewed, then low resolution (frame mean) or high (2 per frame). */
    private static int[] expected(int[] stored, int i, int from, int to, boolean high) {
        int spf = SPF[i];
        int res = high ? 2 : 1;
        int[] out = new int[(to - from) * res];
        for (int f = from; f < to; f++) {
            int sf = f + SKEW[i];
            for (int k = 0; k < res; k++) {
                int o = (f - from) * res + k;
                if (sf >= FRAMES) {
                    out[o] = INV;
                } else if (high) {
                    out[o] = stored[sf * spf + k * spf / 2];
                } else {
                    long sum = 0;
                    boolean invalid = false;
                    for (int j = 0; j < spf; j++) {
                        int x = stored[sf * spf + j];
                        invalid |= x == INV;
                        sum += x;
                    }
                    out[o] = invalid ? INV : (int) (sum / spf);
                }
            }
        }
        return out;
    }

    private static void assertRead(Generated g, WfdbReadOptions options, int[] leads, int from, int to)
            throws IOException {
        for (int chunk : CHUNKS) {
            Signal s = WfdbRecordDecoder.read(g.record(), options, chunk);
            assertEquals(leads.length, s.leadCount());
            for (int k = 0; k < leads.length; k++) {
                int[] want = expected(g.stored()[leads[k]], leads[k], from, to, options.highResolution());
                assertArrayEquals(want, s.digital(k), () -> g.record() + " chunk " + chunk + " " + options);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 24, 32, 61, 80, 160, 212, 310, 311})
    void everyFormatReadsTheSameInChunksOfAFewBytes(int format) throws Exception {
        Generated g = generate("r" + format, format, format);
        WfdbReadOptions all = WfdbReadOptions.defaults();
        assertRead(g, all, new int[] {0, 1, 2, 3}, 0, FRAMES);
        assertRead(g, all.withHighResolution(true), new int[] {0, 1, 2, 3}, 0, FRAMES);
        assertRead(g, all.withLeads("s2"), new int[] {2}, 0, FRAMES);
        assertRead(g, all.withLeads("s3", "s1"), new int[] {3, 1}, 0, FRAMES);
    }

    /** Ranges that start mid-file, at odd frames (mid sample group in 212, 310, 311), near and at the end. */
    @ParameterizedTest
    @ValueSource(ints = {8, 16, 24, 32, 61, 80, 160, 212, 310, 311})
    void rangesStartingMidFileReadTheirFramesOnly(int format) throws Exception {
        Generated g = generate("q" + format, format, 100 + format);
        int[][] ranges = {{37, 61}, {1, 2}, {0, 1}, {50, 50}, {98, 101}, {99, 100}, {100, 101}, {101, 101}, {3, 101}};
        for (int[] r : ranges) {
            WfdbReadOptions o = WfdbReadOptions.defaults().withRange(r[0], r[1]);
            assertRead(g, o, new int[] {0, 1, 2, 3}, r[0], r[1]);
            assertRead(g, o.withLeads("s1"), new int[] {1}, r[0], r[1]);
            assertRead(g, o.withLeads("s2", "s0").withHighResolution(true), new int[] {2, 0}, r[0], r[1]);
        }
        assertRead(g, WfdbReadOptions.defaults().withRange(40, WfdbReadOptions.END), new int[] {0, 1, 2, 3}, 40,
                FRAMES);
    }

    /** A checksum is checked in small chunks too, also for a signal decoded only for it; a range cannot check it. */
    @Test
    void checksumsAreVerifiedInSmallChunksAndNotForARange() throws Exception {
        Generated g = generate("c", 212, 7);
        Path hea = dir.resolve("c.hea");
        List<String> lines = new ArrayList<>(Files.readAllLines(hea, StandardCharsets.ISO_8859_1));
        String[] f = lines.get(3).split(" ");
        f[6] = Integer.toString((short) (Integer.parseInt(f[6]) + 1));
        lines.set(3, String.join(" ", f));
        Files.writeString(hea, String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
        for (int chunk : CHUNKS) {
            SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbRecordDecoder.read(
                    g.record(), WfdbReadOptions.defaults().withLeads("s0"), chunk));
            assertTrue(e.getMessage().contains("signal 2 (s2)") && e.getMessage().contains("checksum mismatch"),
                    e.getMessage());
        }
        Signal s = WfdbRecordDecoder.read(g.record(), WfdbReadOptions.defaults().withRange(0, FRAMES - 1), 7);
        assertArrayEquals(expected(g.stored()[2], 2, 0, FRAMES - 1, false), s.digital(2));
    }

    @Test
    void aRangeOutsideTheRecordNamesItsFrames() throws Exception {
        Generated g = generate("o", 16, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WfdbReader.read(g.record(),
                WfdbReadOptions.defaults().withRange(5, 102)));
        assertTrue(e.getMessage().contains("o.hea: frames 5 to 102 are outside the record, which has frames 0 to"
                + " 101"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WfdbReadOptions.defaults().withRange(5, 4));
        assertThrows(IllegalArgumentException.class, () -> WfdbReadOptions.defaults().withRange(-1, 4));
    }

    /**
     * A fixed-layout record of segments m1 (101 frames), a null segment (20 frames) and m2 (101
     * frames): a range across all three reads m1's tail, invalid samples, and m2's head.
     */
    @Test
    void rangesAcrossSegments() throws Exception {
        Generated a = generate("m1", 212, 11);
        Generated b = generate("m2", 212, 12);
        Files.writeString(dir.resolve("m.hea"), "m/3 4 250 222\nm1 101\n~ 20\nm2 101\n");
        for (int chunk : CHUNKS) {
            Signal whole = WfdbRecordDecoder.read(dir.resolve("m"), WfdbReadOptions.defaults(), chunk);
            for (int i = 0; i < 4; i++) {
                int[] want = new int[222];
                System.arraycopy(expected(a.stored()[i], i, 0, FRAMES, false), 0, want, 0, 101);
                Arrays.fill(want, 101, 121, INV);
                System.arraycopy(expected(b.stored()[i], i, 0, FRAMES, false), 0, want, 121, 101);
                assertArrayEquals(want, whole.digital(i));
                for (int[] r : new int[][] {{90, 130}, {101, 121}, {105, 222}, {0, 5}, {121, 121}}) {
                    Signal s = WfdbRecordDecoder.read(dir.resolve("m"), WfdbReadOptions.defaults()
                            .withLeads("s" + i).withRange(r[0], r[1]), chunk);
                    assertArrayEquals(Arrays.copyOfRange(want, r[0], r[1]), s.digital(0), "range " + Arrays.toString(r));
                }
            }
        }
    }

    /**
     * Every MIT-BIH record read in chunks of 61 bytes (not a multiple of format 212's 3-byte
     * groups) passes the checksums and initial values of its PhysioNet header and equals the read in
     * default chunks. Tagged integration: about 4 s.
     */
    @Test
    @Tag("integration")
    void mitdbInOddChunksMatchesItsHeaderChecksums() throws Exception {
        ReferenceData.assumeMitdb();
        for (String r : ReferenceData.mitdbRecords()) {
            Path rec = ReferenceData.mitdb().resolve(r);
            Signal small = WfdbRecordDecoder.read(rec, WfdbReadOptions.defaults(), 61);
            Signal big = WfdbReader.read(rec);
            for (int l = 0; l < big.leadCount(); l++) {
                assertArrayEquals(big.digital(l), small.digital(l), r);
            }
        }
    }
}

package io.beatflow.ingest.wfdb;

import static io.beatflow.ingest.wfdb.WfdbFixtures.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbHeader;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.WfdbWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The record writer: checksums and initial values in the header, round trips, multi-segment records. */
class WfdbWriterTest {
    private static final int INV = Integer.MIN_VALUE;

    @TempDir
    Path dir;

    private static Signal twoLeads(String name, int[] a, int[] b) {
        return Signal.ofDigital(name, 360, List.of(new Lead("MLII", "mV", 200, 1024), new Lead("V5", "mV", 200, 0)),
                new int[][] {a, b}, INV, LocalDateTime.of(2020, 3, 4, 5, 6, 7));
    }

    /**
     * Format 212 from digital values: a = 1000, -2047, 5 sums to -1042; b = -2, gap, 7 stores -2,
     * -2048, 7 and sums to -2043. Header line: file, format, gain(baseline), resolution 12, ADC zero 0,
     * initial value, checksum, block size 0, description.
     */
    @Test
    void writesHeaderWithChecksumsAndInitialValues() throws Exception {
        WfdbWriter.write(dir, twoLeads("w", new int[] {1000, -2047, 5}, new int[] {-2, INV, 7}), 212);
        WfdbHeader h = WfdbHeader.read(dir.resolve("w.hea"));
        assertEquals(1000, h.signals().get(0).initialValue());
        assertEquals(-1042, h.signals().get(0).checksum());
        assertEquals(1024, h.signals().get(0).baseline());
        assertEquals(-2, h.signals().get(1).initialValue());
        assertEquals(-2043, h.signals().get(1).checksum());
        assertEquals("04/03/2020", h.record().baseDate());
        // 3 frames x 2 samples in format 212 = 9 bytes
        assertEquals(9, Files.size(dir.resolve("w.dat")));
        Signal back = WfdbReader.read(dir.resolve("w"));
        assertArrayEquals(new int[] {1000, -2047, 5}, back.digital(0));
        assertArrayEquals(new int[] {-2, INV, 7}, back.digital(1));
        assertEquals(LocalDateTime.of(2020, 3, 4, 5, 6, 7), back.startTime().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 24, 32, 61, 80, 160, 212, 310, 311})
    void roundTripsEveryFormat(int format) throws Exception {
        int[] a = {3, -4, 100, 127, 20, 0, 1};
        int[] b = {-5, 6, INV, 50, 0, -60, 2};
        if (format == 8) {
            b[2] = 7; // format 8 has no gap marker
        }
        Signal s = twoLeads("f" + format, a, b);
        WfdbWriter.write(dir, s, format);
        Signal back = WfdbReader.read(dir.resolve("f" + format));
        assertArrayEquals(a, back.digital(0));
        assertArrayEquals(b, back.digital(1));
        assertEquals(s.leads(), back.leads());
    }

    /** Physical values are quantised with the lead's gain and baseline: 0.5 mV * 200 + 1024 = 1124. */
    @Test
    void quantisesPhysicalValues() throws Exception {
        Signal s = Signal.ofPhysical("p", 250, List.of(new Lead("I", "mV", 200, 1024)),
                new float[][] {{0.5f, -0.25f, Float.NaN}}, null);
        WfdbWriter.write(dir, s, 16);
        assertArrayEquals(new int[] {1124, 974, INV}, WfdbReader.read(dir.resolve("p")).digital(0));
    }

    @Test
    void rejectsValuesOutsideTheFormat() {
        Signal s = twoLeads("big", new int[] {2048}, new int[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WfdbWriter.write(dir, s, 212));
        assertTrue(e.getMessage().contains("value 2048 does not fit format 212"), e.getMessage());
    }

    /**
     * A fixed-layout multi-segment record: segments written by the writer, the master header by hand;
     * segment 1 (3 frames), a null segment of 2 frames (invalid), segment 2 (2 frames).
     */
    @Test
    void readsFixedLayoutMultiSegmentRecord() throws Exception {
        WfdbWriter.write(dir, twoLeads("seg1", new int[] {1, 2, 3}, new int[] {4, 5, 6}), 16);
        WfdbWriter.write(dir, twoLeads("seg2", new int[] {7, 8}, new int[] {9, 10}), 212);
        Path rec = header(dir, "multi", "multi/3 2 360 7", "seg1 3", "~ 2", "seg2 2");
        Signal s = WfdbReader.read(rec);
        assertEquals(7, s.length());
        assertArrayEquals(new int[] {1, 2, 3, INV, INV, 7, 8}, s.digital(0));
        assertArrayEquals(new int[] {4, 5, 6, INV, INV, 9, 10}, s.digital(1));
        assertEquals("MLII", s.leads().get(0).name());
    }

    /**
     * A fixed-layout record whose second segment stores its lead at gain 400 where the first's is
     * 200: the record's lead has the first segment's gain, so the second's samples are put in it,
     * 40 * 200 / 400 = 20 and -80 * 200 / 400 = -40 (its physical values, 0.1 and -0.2 mV, kept).
     */
    @Test
    void fixedLayoutSegmentsOfAnotherGainAreRescaledToTheRecordsLead() throws Exception {
        WfdbWriter.write(dir, Signal.ofDigital("g1", 360, List.of(new Lead("MLII", "mV", 200, 0)),
                new int[][] {{10, 20}}, INV, null), 16);
        WfdbWriter.write(dir, Signal.ofDigital("g2", 360, List.of(new Lead("MLII", "mV", 400, 0)),
                new int[][] {{40, -80}}, INV, null), 16);
        Path rec = header(dir, "g", "g/2 1 360 4", "g1 2", "g2 2");
        Signal s = WfdbReader.read(rec);
        assertArrayEquals(new int[] {10, 20, 20, -40}, s.digital(0));
        assertEquals(200.0, s.leads().get(0).gain());
        assertEquals(-0.2, s.physical(0)[3], 1e-6);
    }

    /**
     * A variable-layout record: the layout header (0 frames) lists A and B at gain 100. Segment v1
     * holds only A (1, 2, 3 at gain 100); segment v2 holds B (5, 6 at gain 100) and A at gain 200
     * (20, 40), which WFDB rescales to the layout's gain: 20 * 100 / 200 = 10, 40 * 100 / 200 = 20.
     * Signals missing from a segment are invalid there.
     */
    @Test
    void readsVariableLayoutMultiSegmentRecord() throws Exception {
        header(dir, "v_layout", "v_layout 2 100 0", "~ 0 100 16 0 0 0 0 A", "~ 0 100 16 0 0 0 0 B");
        WfdbWriter.write(dir, Signal.ofDigital("v1", 100, List.of(new Lead("A", "mV", 100, 0)),
                new int[][] {{1, 2, 3}}, INV, null), 16);
        WfdbWriter.write(dir, Signal.ofDigital("v2", 100, List.of(new Lead("B", "mV", 100, 0),
                new Lead("A", "mV", 200, 0)), new int[][] {{5, 6}, {20, 40}}, INV, null), 16);
        Path rec = header(dir, "v", "v/3 2 100 5", "v_layout 0", "v1 3", "v2 2");
        Signal s = WfdbReader.read(rec);
        assertArrayEquals(new int[] {1, 2, 3, 10, 20}, s.digital(0));
        assertArrayEquals(new int[] {INV, INV, INV, 5, 6}, s.digital(1));
        assertEquals(100.0, s.leads().get(0).gain());
    }

    /**
     * A three-lead file longer than one decoding piece (49,152 frames; here 100,003, so the last
     * piece is partial and, in the packed formats, odd), read whole and one lead at a time: each
     * lead alone equals the same lead read with the others, and the leads not asked for are still
     * checked against the header's checksums (a changed checksum is caught when another lead is read).
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 16, 24, 32, 80, 160, 212, 310, 311})
    void oneLeadOfALongFileEqualsItReadWithTheOthers(int format) throws Exception {
        int n = 100_003;
        int[][] adc = new int[3][n];
        long seed = 12345;
        for (int l = 0; l < 3; l++) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                v = Math.max(-120, Math.min(120, v + (int) ((seed >>> 40) % 41) - 20)); // fits 8-bit formats
                adc[l][i] = v;
            }
        }
        Signal s = Signal.ofDigital("long", 360, List.of(new Lead("A", "mV", 200, 0), new Lead("B", "mV", 200, 0),
                new Lead("C", "mV", 200, 0)), adc, INV, null);
        WfdbWriter.write(dir, s, format);
        Path rec = dir.resolve("long");
        Signal all = WfdbReader.read(rec);
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(adc[l], all.digital(l), "lead " + l + " read with the others");
            String name = all.leads().get(l).name();
            Signal one = WfdbReader.read(rec, io.beatflow.ingest.WfdbReadOptions.defaults().withLeads(name));
            assertEquals(1, one.leadCount());
            assertArrayEquals(adc[l], one.digital(0), "lead " + name + " alone");
        }
        // lead C's checksum changed in the header: reading lead A alone still checks C
        Path hea = dir.resolve("long.hea");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(hea));
        String[] f = lines.get(3).split(" ");
        f[6] = String.valueOf((short) (Integer.parseInt(f[6]) + 1));
        lines.set(3, String.join(" ", f));
        Files.write(hea, lines);
        io.beatflow.ingest.SignalFormatException e = assertThrows(io.beatflow.ingest.SignalFormatException.class,
                () -> WfdbReader.read(rec, io.beatflow.ingest.WfdbReadOptions.defaults().withLeads("A")));
        assertTrue(e.getMessage().contains("signal 2") && e.getMessage().contains("checksum"), e.getMessage());
    }

    /** Format 8 stores differences in one signed byte: 0 -> 200 is a step of 200, which does not fit. */
    @Test
    void rejectsFormat8StepsOutsideAByte() {
        Signal s = twoLeads("steep", new int[] {0, 200}, new int[] {0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WfdbWriter.write(dir, s, 8));
        assertTrue(e.getMessage().contains("difference 200 does not fit format 8"), e.getMessage());
    }

    @Test
    void writesAnnotationsBesideTheRecord() throws Exception {
        List<io.beatflow.ingest.Annotation> anns = List.of(io.beatflow.ingest.Annotation.of(10,
                io.beatflow.ingest.AnnotationCode.NORMAL));
        WfdbWriter.writeAnnotations(dir, "rec", "qrs", anns);
        assertEquals(anns, io.beatflow.ingest.WfdbAnnotationReader.read(dir.resolve("rec.qrs")));
    }
}

package io.beatflow.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.CsvReadOptions;
import io.beatflow.ingest.CsvSignalReader;
import io.beatflow.ingest.CsvSignalWriter;
import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSignalWriterTest {

    /**
     * Gain 200 adu/mV, baseline 0: digital 0, 1, -200, 1024 are 0, 0.005, -1 and 5.12 mV. Rows 1..3
     * are asked for, so the sample column reads 1, 2, 3.
     */
    @Test
    void writesSampleNumbersAndCompactPhysicalValues() throws Exception {
        Signal s = Signal.ofDigital("100", 360, List.of(new Lead("MLII", "mV", 200, 0), new Lead("V5, chest", "mV", 200, 0)),
                new int[][] {{0, 1, -200, 1024}, {5, 6, 7, 8}}, Integer.MIN_VALUE, null);
        StringWriter out = new StringWriter();
        CsvSignalWriter.write(out, s, 1, 4, false);
        // times at 360 Hz to the microsecond: 1/360 s = 2777.8 us, 2/360 = 5555.6 us, 3/360 = 8333.3 us
        assertEquals("time_s,MLII,\"V5, chest\"\n0.002778,0.005,0.03\n0.005556,-1,0.035\n0.008333,5.12,0.04\n",
                out.toString());
        StringWriter dig = new StringWriter();
        CsvSignalWriter.write(dig, s, 0, 2, true);
        assertEquals("sample,MLII,\"V5, chest\"\n0,0,5\n1,1,6\n", dig.toString());
        StringWriter tail = new StringWriter();
        CsvSignalWriter.write(tail, s, 2, 4, true);
        assertEquals("sample,MLII,\"V5, chest\"\n2,-200,7\n3,1024,8\n", tail.toString());
        // the writer copies the range alone, through these
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {-200, 1024}, s.digital(0, 2, 4));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0.005f, -1f}, s.physical(0, 1, 3));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> s.physical(0, 3, 5));
    }

    /** Physical values read back without being told the rate: the time column carries it (360 Hz, 10 s). */
    @Test
    void physicalValuesReadBackWithTheirRate(@TempDir Path dir) throws Exception {
        float[] v = new float[3600];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i / 20.0);
        }
        Signal s = Signal.ofPhysical("r", 360, List.of(Lead.physical("MLII", "mV")), new float[][] {v}, null);
        Path file = dir.resolve("r.csv");
        CsvSignalWriter.write(file, s, 0, s.length(), false);
        Signal back = CsvSignalReader.read(file, CsvReadOptions.defaults());
        assertEquals(360.0, back.sampleRateHz());
        assertEquals(3600, back.length());
        assertEquals(v[1234], back.physical(0)[1234]);
    }

    @Test
    void physicalValuesReadBackAsTheSameFloats(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        float[][] v = new float[2][5000];
        for (int i = 0; i < 5000; i++) {
            v[0][i] = (float) (rnd.nextDouble(-5, 5));
            v[1][i] = Float.intBitsToFloat(rnd.nextInt()) ;
            if (!Float.isFinite(v[1][i])) {
                v[1][i] = 1e-40f; // a subnormal stands in for the NaN/infinite bit patterns
            }
        }
        v[0][10] = Float.NaN;
        v[0][11] = -0.0f;
        v[0][12] = 1e7f;
        Signal s = Signal.ofPhysical("r", 250, List.of(Lead.physical("A", "mV"), Lead.physical("B", "mV")), v, null);
        Path file = dir.resolve("r.csv");
        CsvSignalWriter.write(file, s, 0, s.length(), false);
        Signal back = CsvSignalReader.read(file, CsvReadOptions.defaults().withSampleRateHz(250).withGapsAllowed(true));
        assertEquals(2, back.leadCount());
        for (int l = 0; l < 2; l++) {
            float[] a = s.physical(l);
            float[] b = back.physical(l);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToIntBits(a[i]), Float.floatToIntBits(b[i]), "lead " + l + " sample " + i
                        + ": " + a[i] + " vs " + b[i]);
            }
        }
        String firstRows = Files.readAllLines(file).get(11);
        assertTrue(firstRows.startsWith("0.040000,,"), "a gap is an empty cell: " + firstRows);
    }

    /**
     * Shortest forms worked out by hand: 0.1f is the float nearest 0.1, so "0.1"; 1/3f is
     * 0.3333333432..., whose neighbours are 2^-25 (2.98e-8) away, so 7 digits (0.3333333) fall
     * outside its rounding interval and 8 are needed; 1e-5f prints in exponent form.
     */
    @Test
    void formatsTheShortestRoundTrippingDecimal() throws Exception {
        Signal s = Signal.ofPhysical("f", 1, List.of(Lead.physical("A", "mV")),
                new float[][] {{0.1f, 1f / 3, -2.5f, 1e-5f, 123456.7f, 0f}}, null);
        StringWriter out = new StringWriter();
        CsvSignalWriter.write(out, s, 0, 6, false);
        assertEquals("time_s,A\n0.000000,0.1\n1.000000,0.33333334\n2.000000,-2.5\n3.000000,1E-5\n4.000000,123456.7\n"
                + "5.000000,0\n", out.toString());
    }

    @Test
    void rejectsDigitalOutputWithoutDigitalValuesAndBadRanges() {
        Signal s = Signal.ofPhysical("p", 1, List.of(Lead.physical("A", "mV")), new float[][] {{1f, 2f}}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvSignalWriter.write(new StringWriter(), s, 0, 2, true));
        assertTrue(e.getMessage().contains("no digital values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvSignalWriter.write(new StringWriter(), s, 1, 3, false));
        assertThrows(IllegalArgumentException.class, () -> CsvSignalWriter.write(new StringWriter(), s, 2, 1, false));
    }

    @Test
    void digitalRoundTripKeepsIntegers(@TempDir Path dir) throws Exception {
        int[][] d = {{-32768, 0, 32767, 1024}};
        Signal s = Signal.ofDigital("d", 100, List.of(new Lead("ECG", "mV", 200, 1024)), d, Integer.MIN_VALUE, null);
        Path file = dir.resolve("d.csv");
        CsvSignalWriter.write(file, s, 0, 4, true);
        Signal back = CsvSignalReader.read(file, CsvReadOptions.defaults().withSampleRateHz(100));
        assertArrayEquals(new float[] {-32768f, 0f, 32767f, 1024f}, back.physical(0));
    }
}

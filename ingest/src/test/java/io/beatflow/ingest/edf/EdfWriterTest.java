package io.beatflow.ingest.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.EdfAnnotation;
import io.beatflow.ingest.EdfChannel;
import io.beatflow.ingest.EdfHeader;
import io.beatflow.ingest.EdfReader;
import io.beatflow.ingest.EdfRecording;
import io.beatflow.ingest.EdfWriter;
import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdfWriterTest {

    private static Signal twoLeads(int samples) {
        int[][] d = new int[2][samples];
        for (int i = 0; i < samples; i++) {
            d[0][i] = 1024 + (int) Math.round(300 * Math.sin(i / 20.0));
            d[1][i] = 1024 - (i % 97);
        }
        return Signal.ofDigital("rt", 360, List.of(new Lead("MLII", "mV", 200, 1024), new Lead("V5", "mV", 200, 1024)),
                d, Integer.MIN_VALUE, LocalDateTime.of(2024, 5, 13, 10, 20, 30));
    }

    @Test
    void roundTripKeepsDigitalValuesScaleStartAndAnnotations(@TempDir Path dir) throws Exception {
        Signal s = twoLeads(720);
        List<EdfAnnotation> notes = List.of(EdfAnnotation.at(0.25, "N"), new EdfAnnotation(1.5, 0.2, "Ventricular beat"),
                EdfAnnotation.at(1.999, "Ü-text"));
        Path file = dir.resolve("rt.edf");
        EdfWriter.write(file, s, notes);
        EdfRecording rec = EdfReader.read(file);
        assertEquals(EdfHeader.Variant.EDF_PLUS_CONTINUOUS, rec.header().variant());
        assertEquals(2, rec.header().recordCount(), "720 samples at 360 Hz = two 1 s records");
        assertEquals(notes, rec.annotations());
        Signal back = rec.toSignal();
        assertEquals(360.0, back.sampleRateHz());
        assertEquals(Optional.of(LocalDateTime.of(2024, 5, 13, 10, 20, 30)), back.startTime());
        for (int l = 0; l < 2; l++) {
            assertEquals(s.leads().get(l).name(), back.leads().get(l).name());
            assertEquals("mV", back.leads().get(l).units());
            assertArrayEquals(s.digital(l), back.digital(l));
            assertEquals(200.0, back.leads().get(l).gain(), 200 * 1e-6);
            assertEquals(1024.0, back.leads().get(l).baseline(), 1e-3);
            float[] a = s.physical(l);
            float[] b = back.physical(l);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5, "lead " + l + " sample " + i);
            }
        }
    }

    /** Fields checked at their offsets in the EDF header table, independently of the reader. */
    @Test
    void headerFieldsSitAtTheirSpecifiedOffsets() {
        byte[] b = EdfWriter.toBytes(twoLeads(360), List.of());
        String h = new String(b, 0, 256 * 4, StandardCharsets.US_ASCII);
        assertEquals("0       ", h.substring(0, 8));
        assertEquals("13.05.24", h.substring(168, 176));
        assertEquals("10.20.30", h.substring(176, 184));
        assertEquals("1024    ", h.substring(184, 192), "256 * (3 signals + 1)");
        assertTrue(h.substring(192, 236).startsWith("EDF+C"));
        assertEquals("1       ", h.substring(236, 244), "one record");
        assertEquals("1       ", h.substring(244, 252), "1 s records");
        assertEquals("3   ", h.substring(252, 256));
        assertEquals("MLII            V5              EDF Annotations ", h.substring(256, 256 + 48));
        assertTrue(h.substring(88, 168).startsWith("Startdate 13-MAY-2024 "));
        // Record = 360 + 360 samples x 2 bytes + annotation signal: total size follows.
        int annotationSpr = Integer.parseInt(h.substring(256 + 216 * 3 + 16, 256 + 216 * 3 + 24).trim());
        assertEquals(1024 + 2 * (720 + annotationSpr), b.length);
    }

    /**
     * Physical-only values are scaled onto -32768..32767 over [min, max] rounded outwards to 8
     * characters; each value comes back within half a step, (max - min) / 65535 / 2. The float
     * -1.2345f is -1.23450005..., so its lower bound rounded outwards at 5 decimals is -1.23451;
     * 2.75 is exact. A NaN gap becomes the minimum.
     */
    @Test
    void physicalOnlySignalComesBackWithinHalfAStep() throws Exception {
        float[] v = {-1.2345f, 0f, 0.5f, 2.75f, Float.NaN, 1.0e-3f, -0.001f, 2f};
        Signal s = Signal.ofPhysical("p", 4, List.of(Lead.physical("Resp", "mV")), new float[][] {v}, null);
        EdfRecording rec = EdfReader.read("p.edf", EdfWriter.toBytes(s, List.of()));
        assertTrue(rec.header().startTime().isEmpty(), "unknown start is written as Startdate X");
        EdfChannel c = rec.channels().get(0);
        assertEquals(-1.23451, c.physicalMin(), 0.0);
        assertEquals(2.75, c.physicalMax(), 0.0);
        Signal back = rec.toSignal();
        double halfStep = (2.75 + 1.23451) / 65535 / 2;
        for (int i = 0; i < v.length; i++) {
            double expected = Float.isNaN(v[i]) ? -1.23451 : v[i];
            assertEquals(expected, back.physical(0, i), halfStep + 1e-7, "sample " + i);
        }
    }

    /**
     * EDF's start time has whole seconds; EDF+ keeps the fraction in the time-keeping TAL (section
     * 2.2.4), so 10:20:30.250 is written as 10.20.30 with record onsets 0.25 and 1.25 s, and an
     * annotation 1 s after the first sample is 1.25 s after the header's start time.
     */
    @Test
    void subSecondStartTimeTravelsInTheTimeKeepingTal() throws Exception {
        int[][] d = new int[1][8];
        Signal s = Signal.ofDigital("f", 4, List.of(new Lead("A", "mV", 100, 0)), d, Integer.MIN_VALUE,
                LocalDateTime.of(2020, 1, 2, 10, 20, 30, 250_000_000));
        byte[] bytes = EdfWriter.toBytes(s, List.of(EdfAnnotation.at(1.0, "X")));
        assertEquals("10.20.30", new String(bytes, 176, 8, StandardCharsets.US_ASCII));
        EdfRecording rec = EdfReader.read("f.edf", bytes);
        assertArrayEquals(new double[] {0.25, 1.25}, rec.recordOnsetsSeconds());
        assertEquals(List.of(EdfAnnotation.at(1.25, "X")), rec.annotations());
        assertEquals(Optional.of(LocalDateTime.of(2020, 1, 2, 10, 20, 30, 250_000_000)), rec.toSignal().startTime());
    }

    @Test
    void lastRecordIsPaddedToAWholeRecord() throws Exception {
        Signal s = twoLeads(400);
        EdfRecording rec = EdfReader.read("pad.edf", EdfWriter.toBytes(s, List.of()));
        assertEquals(720, rec.toSignal().length());
        assertArrayEquals(s.digital(0), java.util.Arrays.copyOf(rec.digital(0), 400));
    }

    @Test
    void rejectsLabelsLongerThanSixteenCharacters() {
        Signal s = Signal.ofPhysical("x", 1, List.of(Lead.physical("a-very-long-lead-name", "mV")),
                new float[][] {{1f}}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdfWriter.toBytes(s, List.of()));
        assertTrue(e.getMessage().contains("a-very-long-lead-name"), e.getMessage());
    }
}

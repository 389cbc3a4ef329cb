package io.beatflow.ingest.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.EdfAnnotation;
import io.beatflow.ingest.EdfHeader;
import io.beatflow.ingest.EdfReader;
import io.beatflow.ingest.EdfRecording;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFormatException;
import io.beatflow.ingest.internal.EdfTal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdfReaderTest {

    /**
     * One signal, pmin -500, pmax 500, dmin -32768, dmax 32767. By the EDF mapping
     * physical = (d - dmin) * (pmax - pmin) / (dmax - dmin) + pmin:
     * d = -32768 -> -500; d = 32767 -> 500; d = 0 -> 32768 * 1000 / 65535 - 500 = 0.0076295...;
     * d = -1 -> 32767 * 1000 / 65535 - 500 = -0.0076295... Gain = 65535 / 1000 = 65.535 adu per
     * unit; baseline = dmin - pmin * gain = -32768 + 32767.5 = -0.5.
     */
    @Test
    void digitalExtremesMapToPhysicalMinAndMax() throws Exception {
        byte[] bytes = new EdfFixtures().signal("ECG", "uV", "-500", "500", "-32768", "32767", "4")
                // bytes written by hand: 0x8000, 0x7fff, 0x0000, 0xffff little-endian
                .raw(new byte[] {0x00, (byte) 0x80, (byte) 0xff, 0x7f, 0x00, 0x00, (byte) 0xff, (byte) 0xff}).build();
        EdfRecording rec = EdfReader.read("tiny.edf", bytes);
        assertEquals(EdfHeader.Variant.EDF, rec.header().variant());
        assertArrayEquals(new int[] {-32768, 32767, 0, -1}, rec.digital(0));
        Signal s = rec.toSignal();
        assertEquals(4.0, s.sampleRateHz());
        assertEquals("tiny", s.name());
        assertEquals("uV", s.leads().get(0).units());
        assertEquals(65.535, s.leads().get(0).gain(), 1e-12);
        assertEquals(-0.5, s.leads().get(0).baseline(), 1e-9);
        assertEquals(-500f, s.physical(0, 0), 1e-4);
        assertEquals(500f, s.physical(0, 1), 1e-4);
        assertEquals(0.0076295f, s.physical(0, 2), 1e-6);
        assertEquals(-0.0076295f, s.physical(0, 3), 1e-6);
        assertEquals(Optional.of(LocalDateTime.of(2003, 2, 1, 4, 5, 6)), s.startTime());
    }

    /** EDF clipping rule (Kemp et al. 1992): yy 85-99 is 1985-1999, yy 00-84 is 2000-2084. */
    @Test
    void startDateFollowsThe1985To2084ClippingRule() throws Exception {
        assertEquals(LocalDateTime.of(2084, 12, 31, 23, 59, 59), startOf("31.12.84", "23.59.59"));
        assertEquals(LocalDateTime.of(1985, 1, 1, 0, 0, 0), startOf("01.01.85", "00.00.00"));
        assertEquals(LocalDateTime.of(1999, 6, 15, 12, 30, 45), startOf("15.06.99", "12.30.45"));
        assertEquals(LocalDateTime.of(2000, 2, 29, 0, 0, 1), startOf("29.02.00", "00.00.01"));
    }

    private static LocalDateTime startOf(String date, String time) throws SignalFormatException {
        EdfFixtures f = new EdfFixtures().signal("A", "mV", "-1", "1", "-10", "10", "1").samples16(0);
        f.startDate = date;
        f.startTime = time;
        return EdfReader.read("date.edf", f.build()).header().startTime().orElseThrow();
    }

    /** EDF+ section 2.1.3.2: years after 2084 are "yy" in the date field; the recording field has the 4-digit year. */
    @Test
    void edfPlusTakesTheFourDigitYearFromTheRecordingField() throws Exception {
        EdfFixtures f = plusFile("+0\u0014\u0014\0", 16);
        f.startDate = "02.03.yy";
        f.recording = "Startdate 02-MAR-2102 X X X";
        assertEquals(LocalDateTime.of(2102, 3, 2, 4, 5, 6),
                EdfReader.read("y2102.edf", f.build()).header().startTime().orElseThrow());
        EdfFixtures unknown = plusFile("+0\u0014\u0014\0", 16);
        unknown.recording = "Startdate X X X X";
        assertFalse(EdfReader.read("unknown.edf", unknown.build()).header().startTime().isPresent());
    }

    @Test
    void parsesTheTimeKeepingTal() throws Exception {
        byte[] b = "+0\u0014\u0014\0".getBytes(StandardCharsets.US_ASCII);
        List<EdfTal> tals = EdfTal.parseBlock("t.edf", b, 0, b.length, 0);
        assertEquals(1, tals.size());
        assertEquals(0.0, tals.get(0).onsetSeconds());
        assertTrue(Double.isNaN(tals.get(0).durationSeconds()));
        assertEquals(List.of(""), tals.get(0).texts());
    }

    @Test
    void parsesATalWithDurationAndText() throws Exception {
        byte[] b = "+1.5\u00150.2\u0014Beat\u0014\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        List<EdfTal> tals = EdfTal.parseBlock("t.edf", b, 0, b.length, 0);
        assertEquals(1, tals.size());
        assertEquals(1.5, tals.get(0).onsetSeconds());
        assertEquals(0.2, tals.get(0).durationSeconds());
        assertEquals(List.of("Beat"), tals.get(0).texts());
    }

    @Test
    void parsesConsecutiveTalsWithNegativeOnsetAndSeveralTexts() throws Exception {
        byte[] b = "+0\u0014\u0014\0-0.25\u0014A\u0014B\u0014\0\0\0".getBytes(StandardCharsets.US_ASCII);
        List<EdfTal> tals = EdfTal.parseBlock("t.edf", b, 0, b.length, 0);
        assertEquals(2, tals.size());
        assertEquals(-0.25, tals.get(1).onsetSeconds());
        assertEquals(List.of("A", "B"), tals.get(1).texts());
    }

    /** An EDF+C file with two records of 2 samples (2 Hz) and a 32-byte annotation signal per record. */
    private static EdfFixtures plusFile(String firstBlock, int spr) {
        EdfFixtures f = new EdfFixtures().signal("ECG", "mV", "-1", "1", "-100", "100", "2")
                .signal("EDF Annotations", "", "-1", "1", "-32768", "32767", Integer.toString(spr));
        f.reserved = "EDF+C";
        f.samples16(1, 2).tal(firstBlock, 2 * spr);
        f.records = "1";
        return f;
    }

    @Test
    void readsEdfPlusAnnotationsAndRecordOnsets() throws Exception {
        EdfFixtures f = new EdfFixtures().signal("ECG", "mV", "-1", "1", "-100", "100", "2")
                .signal("EDF Annotations", "", "-1", "1", "-32768", "32767", "16");
        f.reserved = "EDF+C";
        f.records = "2";
        f.samples16(1, 2).tal("+0\u0014\u0014\0+0.5\u0014N\u0014\0", 32);
        f.samples16(3, 4).tal("+1\u0014\u0014\0+1.5\u00150.2\u0014Beat\u0014\0", 32);
        EdfRecording rec = EdfReader.read("plus.edf", f.build());
        assertEquals(EdfHeader.Variant.EDF_PLUS_CONTINUOUS, rec.header().variant());
        assertEquals(1, rec.channels().size(), "the annotation signal is not a channel");
        assertArrayEquals(new double[] {0, 1}, rec.recordOnsetsSeconds());
        assertEquals(List.of(EdfAnnotation.at(0.5, "N"), new EdfAnnotation(1.5, 0.2, "Beat")), rec.annotations());
        assertArrayEquals(new int[] {1, 2, 3, 4}, rec.digital(0));
    }

    /**
     * EDF+D: records of 1 s at 2 Hz starting at 0 s and 10 s. The second record belongs at sample
     * 10 s x 2 Hz = 20, so the signal has 22 samples and samples 2..19 are gaps (NaN).
     */
    @Test
    void discontinuousRecordsArePlacedAtTheirOnsetsWithGapsBetween() throws Exception {
        EdfFixtures f = EdfFixtures.timeKept("EDF+D", "+0", "+10");
        EdfRecording rec = EdfReader.read("gaps.edf", f.build());
        assertEquals(EdfHeader.Variant.EDF_PLUS_DISCONTINUOUS, rec.header().variant());
        Signal s = rec.toSignal();
        assertEquals(22, s.length());
        assertEquals(22, rec.signalLength(0));
        assertEquals("EDF+D", rec.header().formatName());
        assertEquals(1, rec.gapCount());
        assertEquals(9.0, rec.gapSeconds(), 1e-12);
        assertEquals(1f, s.physical(0, 0), 1e-6);
        assertEquals(2f, s.physical(0, 1), 1e-6);
        for (int i = 2; i < 20; i++) {
            assertTrue(Float.isNaN(s.physical(0, i)), "sample " + i + " is a gap");
        }
        assertEquals(3f, s.physical(0, 20), 1e-6);
        assertEquals(4f, s.physical(0, 21), 1e-6);
    }

    /**
     * An "EDF+C" file whose three 1 s records (2 Hz) start at 0, 2 and 4 s is not contiguous (EDF+
     * section 2.1.3.2: EDF+C records follow each other; gaps need EDF+D). Read by its onsets, as
     * EDF+D is, record k belongs at sample 2 s x k x 2 Hz = 4k: samples 0-1, 4-5 and 8-9, with the
     * 1 s gaps (samples 2-3 and 6-7) as NaN, 10 samples in all; read as contiguous it would be 6
     * samples, every record after the first placed 1 s, 2 s, ... too early.
     */
    @Test
    void anEdfPlusCFileWhoseRecordsLeaveGapsIsReadAsDiscontinuous() throws Exception {
        EdfFixtures f = EdfFixtures.timeKept("EDF+C", "+0", "+2", "+4");
        EdfRecording rec = EdfReader.read("gappy-c.edf", f.build());
        Signal s = rec.toSignal();
        assertEquals(10, s.length());
        float[] expected = {1, 2, Float.NaN, Float.NaN, 3, 4, Float.NaN, Float.NaN, 5, 6};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.physical(0, i), 1e-6, "sample " + i);
        }
        assertEquals(EdfHeader.Variant.EDF_PLUS_CONTINUOUS, rec.header().variant(), "the header is reported as it is");
        assertFalse(rec.isContinuous());
        assertEquals(2, rec.gapCount());
        assertEquals(2.0, rec.gapSeconds(), 1e-12);
        // Header 3 x 256 = 768 bytes, records of 2 x 2 + 8 x 2 = 20 bytes: record 2 starts at byte 788.
        assertEquals(1, rec.warnings().size(), rec.warnings().toString());
        String w = rec.warnings().get(0);
        for (String part : List.of("gappy-c.edf byte 788", "EDF+C", "data record 2 starts at 2.0 s",
                "ends at 1.0 s", "2 gaps of 2.0 s", "read as discontinuous (EDF+D)")) {
            assertTrue(w.contains(part), "'" + w + "' should contain '" + part + "'");
        }
    }

    /** A contiguous EDF+C file (records at 0 and 1 s, 1 s long) reads without gaps or warnings. */
    @Test
    void aContiguousEdfPlusCFileHasNoGapsAndNoWarnings() throws Exception {
        EdfFixtures f = EdfFixtures.timeKept("EDF+C", "+0", "+1");
        EdfRecording rec = EdfReader.read("contiguous.edf", f.build());
        assertTrue(rec.isContinuous());
        assertEquals(0, rec.gapCount());
        assertEquals(List.of(), rec.warnings());
        assertEquals(4, rec.toSignal().length());
    }

    /**
     * A signal declaring digital -100..100 for physical -5..5 mV holds 1800 and -1800, outside the
     * range the EDF specification allows (Kemp et al. 1992: samples lie within digital min..max).
     * They are kept as they are, not clipped: physical = (d - dmin) x (pmax - pmin) / (dmax - dmin)
     * + pmin, so 1800 -> 1900 x 10 / 200 - 5 = 90 mV and -1800 -> -1700 x 0.05 - 5 = -90 mV; a
     * warning counts them and names the first one's byte: header 2 x 256 = 512, then samples 0
     * (bytes 512-513) and 1800 (byte 514) of data record 1.
     */
    @Test
    void samplesOutsideTheDigitalRangeAreKeptAndCountedInAWarning() throws Exception {
        EdfFixtures f = new EdfFixtures().signal("ECG", "mV", "-5", "5", "-100", "100", "4");
        f.records = "2";
        f.samples16(0, 1800, -1800, 100).samples16(-100, 50, 101, 0);
        EdfRecording rec = EdfReader.read("out-of-range.edf", f.build());
        Signal s = rec.toSignal();
        assertEquals(90f, s.physical(0, 1), 1e-4);
        assertEquals(-90f, s.physical(0, 2), 1e-4);
        assertEquals(3, rec.outOfRangeSamples(0));
        assertEquals(1, rec.warnings().size(), rec.warnings().toString());
        String w = rec.warnings().get(0);
        for (String part : List.of("out-of-range.edf byte 514", "signal 1 'ECG'", "3 samples", "-100..100",
                "data record 1", "1800", "-90 to 90 mV", "not clipped")) {
            assertTrue(w.contains(part), "'" + w + "' should contain '" + part + "'");
        }
    }

    @Test
    void signalsOfDifferentRatesNeedAChoiceOfLeads() throws Exception {
        EdfFixtures f = new EdfFixtures().signal("EEG", "uV", "-1", "1", "-10", "10", "4")
                .signal("Resp", "mV", "-1", "1", "-10", "10", "1");
        f.samples16(1, 2, 3, 4, 5);
        EdfRecording rec = EdfReader.read("mixed.edf", f.build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, rec::toSignal);
        assertTrue(e.getMessage().contains("1 Hz [Resp]"), e.getMessage());
        assertTrue(e.getMessage().contains("4 Hz [EEG]"), e.getMessage());
        assertTrue(e.getMessage().contains("toSignal(List.of("), e.getMessage());
        assertTrue(e.getMessage().contains("--lead LABEL"), e.getMessage());
        assertEquals(4, rec.signalLength(0));
        assertEquals(1, rec.signalLength(1));
        Signal resp = rec.toSignal(List.of("resp"));
        assertEquals(1.0, resp.sampleRateHz());
        assertArrayEquals(new int[] {5}, resp.digital(0));
        assertThrows(IllegalArgumentException.class, () -> rec.toSignal(List.of("EEG", "Resp")));
    }

    @Test
    void unknownRecordCountFollowsFromTheFileSize() throws Exception {
        EdfFixtures f = new EdfFixtures().signal("A", "mV", "-1", "1", "-10", "10", "2");
        f.records = "-1";
        f.samples16(1, 2, 3, 4, 5, 6);
        EdfRecording rec = EdfReader.read("growing.edf", f.build());
        assertEquals(3, rec.header().recordCount());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, rec.digital(0));
    }

    /** BDF stores 24-bit little-endian samples: ff ff 7f = 8388607 and 00 00 80 = -8388608. */
    @Test
    void readsBdf24BitSamples() throws Exception {
        EdfFixtures f = new EdfFixtures().signal("A", "uV", "-262144", "262143", "-8388608", "8388607", "2");
        f.rawVersion = new byte[] {(byte) 0xff, 'B', 'I', 'O', 'S', 'E', 'M', 'I'};
        f.raw(new byte[] {(byte) 0xff, (byte) 0xff, 0x7f, 0x00, 0x00, (byte) 0x80});
        EdfRecording rec = EdfReader.read("tiny.bdf", f.build());
        assertTrue(rec.header().isBdf());
        assertEquals("BDF", rec.header().formatName());
        assertArrayEquals(new int[] {8388607, -8388608}, rec.digital(0));
        assertEquals(262143f, rec.toSignal().physical(0, 0), 0.01);
    }

    /**
     * Read for some signals, a file keeps only their samples: those signals give what a whole read
     * gives, every signal is still described (so an unknown label is named with the file's), the
     * others' samples are refused with what was kept, and only the kept signals' samples outside the
     * digital range are counted. Read for none, it keeps the header, onsets and annotations.
     */
    @Test
    void readForSomeSignalsKeepsTheirSamplesAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("three.edf");
        // two data records of: I (2 samples, one out of range), II (2 samples), EDF Annotations (32 bytes)
        EdfFixtures f = new EdfFixtures().signal("I", "mV", "-1", "1", "-10", "10", "2")
                .signal("II", "mV", "-1", "1", "-10", "10", "2")
                .signal("EDF Annotations", "", "-1", "1", "-32768", "32767", "16");
        f.reserved = "EDF+C";
        f.records = "2";
        f.samples16(1, 20).samples16(3, 4).tal("+0\u0014\u0014\0+0.5\u0014beat\u0014\0", 32);
        f.samples16(5, 6).samples16(7, 8).tal("+1\u0014\u0014\0", 32);
        Files.write(file, f.build());
        EdfRecording whole = EdfReader.read(file);
        EdfRecording two = EdfReader.read(file, List.of(" ii "));
        assertEquals(whole.channels(), two.channels());
        assertTrue(two.hasSamples(1) && !two.hasSamples(0));
        assertArrayEquals(new int[] {3, 4, 7, 8}, two.digital(1));
        assertArrayEquals(whole.digital(1), two.digital(1));
        assertArrayEquals(whole.toSignal(List.of("II")).digital(0), two.toSignal(List.of("II")).digital(0));
        assertEquals(whole.annotations(), two.annotations());
        assertArrayEquals(whole.recordOnsetsSeconds(), two.recordOnsetsSeconds());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> two.digital(0));
        assertTrue(e.getMessage().contains("the samples of signal 'I' were not kept: the file was read for the signals"
                + " [II] alone"), e.getMessage());
        assertThrows(IllegalStateException.class, two::toSignal);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> two.toSignal(List.of("V1")));
        assertTrue(unknown.getMessage().contains("no signal labelled 'V1'") && unknown.getMessage().contains("[I, II]"),
                unknown.getMessage());
        assertEquals(1, whole.outOfRangeSamples(0));
        assertEquals(0, two.outOfRangeSamples(0));
        assertTrue(two.warnings().isEmpty(), two.warnings().toString());

        EdfRecording none = EdfReader.read(file, List.of());
        assertFalse(none.hasSamples(0) || none.hasSamples(1));
        assertEquals(whole.annotations(), none.annotations());
        assertEquals(whole.header(), none.header());
    }

    @Test
    void readsFromAPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("disk.edf");
        Files.write(file, new EdfFixtures().signal("A", "mV", "-1", "1", "-10", "10", "2").samples16(-10, 10).build());
        Signal s = EdfReader.readSignal(file);
        assertEquals("disk", s.name());
        assertEquals(-1f, s.physical(0, 0), 1e-6);
        assertEquals(1f, s.physical(0, 1), 1e-6);
    }
}

package io.beatflow.ingest.wfdb;

import static io.beatflow.ingest.wfdb.WfdbFixtures.bytes;
import static io.beatflow.ingest.wfdb.WfdbFixtures.data;
import static io.beatflow.ingest.wfdb.WfdbFixtures.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.SignalFormatException;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbHeader;
import io.beatflow.ingest.WfdbReadOptions;
import io.beatflow.ingest.WfdbReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed records and annotation files: each is a typed error naming the file and the place. */
class WfdbBadInputTest {
    @TempDir
    Path dir;

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    private static SignalFormatException parseError(String... lines) {
        return assertThrows(SignalFormatException.class, () -> WfdbHeader.parse("x.hea", String.join("\n", lines)));
    }

    @Test
    void unknownStorageFormat() throws Exception {
        Path rec = header(dir, "x", "x 1 250 10", "x.dat 999 200 12 0 0 0 0 a");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbReader.read(rec));
        assertMessage(e, "x.hea line 2: unknown storage format 999");
    }

    @Test
    void malformedHeaderLines() {
        assertMessage(parseError("x"), "x.hea line 1", "record line needs at least");
        assertMessage(parseError("x 1 250 10", "x.dat"), "x.hea line 2", "signal line needs at least");
        assertMessage(parseError("x 1 250 abc", "x.dat 16"), "x.hea line 1", "bad number of samples 'abc'");
        assertMessage(parseError("x 1 250 10", "x.dat 16 abc(0)/mV 16 0"), "x.hea line 2", "bad gain 'abc'");
        assertMessage(parseError("x 1 250 10", "x.dat 16 200(z)/mV 16 0"), "x.hea line 2", "bad baseline 'z'");
        assertMessage(parseError("x 1 250 10", "x.dat 16 200(0/mV 16 0"), "x.hea line 2", "missing ')'");
        assertMessage(parseError("x 2 250 10", "x.dat 16"), "x.hea", "names 2 signals but 1 signal lines follow");
        assertMessage(parseError("x 1 -5 10", "x.dat 16"), "x.hea line 1", "sampling frequency must be positive");
        assertMessage(parseError("x 1 250 10", "x.dat 16x0"), "x.hea line 2", "samples per frame 0 out of range");
        assertMessage(parseError("x 1 250 10", "x.dat 16q"), "x.hea line 2", "malformed format field '16q'");
        assertMessage(parseError("x 1 250 10 25:99:00", "x.dat 16"), "x.hea line 1", "base time");
        assertMessage(parseError("# only a comment"), "x.hea", "no record line");
        assertMessage(parseError("x/2 1 250 10", "a 5"), "x.hea", "names 2 segments but 1");
    }

    @Test
    void truncatedDatFile() throws Exception {
        data(dir, "t.dat", bytes(1, 2, 3, 4, 5));
        Path rec = header(dir, "t", "t 2 100 2", "t.dat 212 200 12 0 0 0 0 a", "t.dat 212 200 12 0 0 0 0 b");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbReader.read(rec));
        assertMessage(e, "t.dat", "file too short", "expected 6 bytes", "has 5 bytes");
    }

    @Test
    void datFileTooLong() throws Exception {
        data(dir, "l.dat", bytes(1, 0, 2, 0, 3, 0));
        Path rec = header(dir, "l", "l 1 100 2", "l.dat 16 200 16 0 1 3 0 a");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbReader.read(rec));
        assertMessage(e, "l.dat", "file too long", "expected 4 bytes", "has 6 bytes");
    }

    /** Without a sample count the frames are counted from the file: a last frame cut short is named as such. */
    @Test
    void incompleteLastFrameWithoutASampleCount() throws Exception {
        data(dir, "p.dat", bytes(1, 0, 2, 0, 3, 0, 4));
        Path rec = header(dir, "p", "p 2 100", "p.dat 16 200 16 0 0 0 0 a", "p.dat 16 200 16 0 0 0 0 b");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbReader.read(rec));
        assertMessage(e, "p.dat", "ends with an incomplete frame: 3 bytes after its 1 whole frames of 2 samples");
    }

    @Test
    void aSignalFileThatIsADirectoryIsNamed() throws Exception {
        java.nio.file.Files.createDirectory(dir.resolve("d.dat"));
        Path rec = header(dir, "d", "d 1 100 2", "d.dat 16 200 16 0 0 0 0 a");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbReader.read(rec));
        assertMessage(e, "d.dat", "a directory, not a signal file (named by");
    }

    /** A UTF-8 byte-order mark before the record line is not part of the record's name. */
    @Test
    void byteOrderMarkBeforeTheRecordLine() throws Exception {
        data(dir, "b.dat", bytes(1, 0, 2, 0));
        java.nio.file.Files.write(dir.resolve("b.hea"), ("\uFEFFb 1 100 2\nb.dat 16 200 16 0 1 3 0 a\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("b", WfdbReader.read(dir.resolve("b")).name());
    }

    /** A skew of 3 frames on a 2-frame record would leave no sample: refused, not read as a blank lead. */
    @Test
    void skewAsLongAsTheRecord() throws Exception {
        data(dir, "k.dat", bytes(1, 0, 2, 0));
        Path rec = header(dir, "k", "k 1 100 2", "k.dat 16:3 200 16 0 1 3 0 a");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbReader.read(rec));
        assertMessage(e, "k.hea signal 0 (a)", "skew 3 frames is not shorter than the record's 2 frames");
        Path ok = header(dir, "k1", "k1 1 100 2", "k.dat 16:1 200 16 0 1 3 0 a");
        assertEquals(2, WfdbReader.read(ok).digital(0)[0]);
        // the header is checked whole: a read of another lead is refused too
        data(dir, "k2.dat", bytes(1, 0, 5, 0, 2, 0, 6, 0));
        Path two = header(dir, "k2", "k2 2 100 2", "k2.dat 16 200 16 0 1 3 0 a", "k2.dat 16:2 200 16 0 5 11 0 b");
        SignalFormatException other = assertThrows(SignalFormatException.class,
                () -> WfdbReader.read(two, WfdbReadOptions.defaults().withLeads("a")));
        assertMessage(other, "k2.hea signal 1 (b)", "skew 2 frames is not shorter than the record's 2 frames");
    }

    /** A gain whose quotient overflows a float would make physical values infinite. */
    @Test
    void gainTooSmallForFinitePhysicalValues() {
        assertMessage(parseError("x 1 250 10", "x.dat 16 1e-300/mV 16 0"), "x.hea line 2",
                "gain 1e-300 adu per unit is too small");
        assertEquals(1e-6, assertDoesNotThrowParse("x 1 250 10", "x.dat 16 1e-6/mV 16 0").signals().get(0).adcGain());
    }

    private static WfdbHeader assertDoesNotThrowParse(String... lines) {
        try {
            return WfdbHeader.parse("x.hea", String.join("\n", lines));
        } catch (SignalFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void missingDatFile() throws Exception {
        Path rec = header(dir, "m", "m 1 100 2", "m-missing.dat 16 200 16 0 0 0 0 a");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbReader.read(rec));
        assertMessage(e, "m-missing.dat", "not found");
    }

    @Test
    void missingHeaderFile() {
        SignalFormatException e = assertThrows(SignalFormatException.class,
                () -> WfdbReader.read(dir.resolve("nothing")));
        assertMessage(e, "nothing.hea", "header file not found");
    }

    /** Stored samples 1, 2 sum to 3; the header claims 4. */
    @Test
    void checksumMismatchNamesFileSignalAndBothValues() throws Exception {
        data(dir, "c.dat", bytes(1, 0, 2, 0));
        Path rec = header(dir, "c", "c 1 100 2", "c.dat 16 200 16 0 1 4 0 lead-a");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbReader.read(rec));
        assertMessage(e, "c.dat", "signal 0 (lead-a)", "checksum mismatch", "says 4", "sum to 3");
        // verification can be switched off
        assertEquals(2, WfdbReader.read(rec, WfdbReadOptions.defaults().withVerifyChecksums(false)).length());
    }

    @Test
    void initialValueMismatch() throws Exception {
        data(dir, "i.dat", bytes(1, 0, 2, 0));
        Path rec = header(dir, "i", "i 1 100 2", "i.dat 16 200 16 0 7 3 0 a");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbReader.read(rec));
        assertMessage(e, "i.dat", "signal 0 (a)", "initial value mismatch", "says 7", "first sample is 1");
    }

    /** A signal line that stops before the initial value (legal in header(5)) reads whatever the first sample is. */
    @Test
    void anInitialValueTheHeaderDoesNotStateIsNotChecked() throws Exception {
        data(dir, "u.dat", bytes(1, 0, 2, 0));
        Path rec = header(dir, "u", "u 1 100 2", "u.dat 16");
        assertEquals(2, WfdbReader.read(rec).length());
        assertEquals(1, WfdbReader.read(rec).digital(0)[0]);
    }

    @Test
    void unknownLeadIsAnArgumentError() throws Exception {
        data(dir, "n.dat", bytes(1, 0));
        Path rec = header(dir, "n", "n 1 100 1", "n.dat 16 200 16 0 1 1 0 a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WfdbReader.read(rec, WfdbReadOptions.defaults().withLeads("V9")));
        assertMessage(e, "V9", "[a]");
    }

    /** Word 0x7012 (code 28, interval 18) then a lone byte: truncated at byte offset 2. */
    @Test
    void annotationFileTruncatedMidWord() {
        SignalFormatException e = assertThrows(SignalFormatException.class,
                () -> WfdbAnnotationReader.read("t.atr", bytes(0x12, 0x70, 0x05)));
        assertMessage(e, "t.atr byte 2", "middle of a 16-bit word");
    }

    /** Word 0x7012, then AUX (63 << 10 = 0xFC00) of 10 bytes (0xFC0A) with only 2 bytes after it. */
    @Test
    void auxLengthPastEndOfFile() {
        SignalFormatException e = assertThrows(SignalFormatException.class,
                () -> WfdbAnnotationReader.read("a.atr", bytes(0x12, 0x70, 0x0A, 0xFC, 0x28, 0x4E)));
        assertMessage(e, "a.atr byte 2", "AUX of 10 bytes runs past the end");
    }

    /** SKIP (0xEC00) needs 4 more bytes; only 2 follow. */
    @Test
    void truncatedSkip() {
        SignalFormatException e = assertThrows(SignalFormatException.class,
                () -> WfdbAnnotationReader.read("s.atr", bytes(0x00, 0xEC, 0x00, 0x00)));
        assertMessage(e, "s.atr byte 0", "SKIP needs 4 more bytes");
    }

    /** Code 52 (word 0xD001) is not defined in the MIT format. */
    @Test
    void undefinedAnnotationCode() {
        SignalFormatException e = assertThrows(SignalFormatException.class,
                () -> WfdbAnnotationReader.read("u.atr", bytes(0x01, 0xD0)));
        assertMessage(e, "u.atr byte 0", "undefined annotation code 52");
    }

    @Test
    void missingAnnotationFile() {
        SignalFormatException e = assertThrows(SignalFormatException.class,
                () -> WfdbAnnotationReader.read(dir.resolve("none.atr")));
        assertMessage(e, "none.atr", "not found");
    }

    /** A null signal (format 0) with an absurd sample count: refused before allocating. */
    @Test
    void absurdSampleCountIsRefusedNotAllocated() throws Exception {
        Path rec = header(dir, "big", "big 1 250 2000000000", "~ 0 200 12 0 0 0 0 gap");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> WfdbReader.read(rec));
        assertMessage(e, "big.hea line 1", "more than");
    }
}

package io.beatflow.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.CsvReadOptions;
import io.beatflow.ingest.CsvSignalReader;
import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFormatException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSignalReaderTest {

    private static Signal read(String name, String text, CsvReadOptions options) throws Exception {
        return CsvSignalReader.read(name, new StringReader(text), options);
    }

    private static SignalFormatException rejects(String name, String text, CsvReadOptions options) {
        return assertThrows(SignalFormatException.class, () -> read(name, text, options));
    }

    /** Steps of exactly 0.004 s: 1 / 0.004 = 250 Hz. */
    @Test
    void infersTheRateFromATimeColumn() throws Exception {
        Signal s = read("ecg.csv", "time,MLII,V5\n0.000,0.1,-0.2\n0.004,0.15,-0.25\n0.008,0.2,-0.3\n",
                CsvReadOptions.defaults());
        assertEquals(250.0, s.sampleRateHz());
        assertEquals("ecg", s.name());
        assertEquals(List.of(Lead.physical("MLII", "mV"), Lead.physical("V5", "mV")), s.leads());
        assertArrayEquals(new float[] {0.1f, 0.15f, 0.2f}, s.physical(0));
        assertArrayEquals(new float[] {-0.2f, -0.25f, -0.3f}, s.physical(1));
    }

    /**
     * 1001 rows at 360 Hz with times printed to 3 decimals: steps are 0.002 or 0.003 s (median
     * 0.003), all within the 0.001 s printing precision. The last time prints as 2.778 (1000 / 360 =
     * 2.7777...), so 1000 / 2.778 = 359.97 Hz, and with both ends known to +-0.0005 s the rate is
     * 360 +- 0.13 Hz: snapped to 360.
     */
    @Test
    void snapsTheRateToWholeHertzWithinThePrintingPrecision() throws Exception {
        StringBuilder sb = new StringBuilder("t;ECG\n");
        for (int i = 0; i <= 1000; i++) {
            sb.append(String.format(Locale.ROOT, "%.3f;%d%n", i / 360.0, i % 7));
        }
        Signal s = read("rounded.csv", sb.toString(), CsvReadOptions.defaults());
        assertEquals(360.0, s.sampleRateHz());
        assertEquals(1001, s.length());
        assertEquals(6f, s.physical(0, 6));
    }

    /** A non-integer rate is kept: steps of 0.4 s give 2.5 Hz. */
    @Test
    void keepsAFractionalRate() throws Exception {
        Signal s = read("slow.csv", "seconds,Resp\n0,1\n0.4,2\n0.8,3\n1.2,4\n", CsvReadOptions.defaults());
        assertEquals(2.5, s.sampleRateHz(), 1e-12);
    }

    @Test
    void detectsSemicolonTabAndQuotedFields() throws Exception {
        Signal semi = read("semi.csv", "\"time_s\";\"Lead; I\";\"V1\"\n0;1;2\n0.5;3;4\n", CsvReadOptions.defaults());
        assertEquals(2.0, semi.sampleRateHz());
        assertEquals("Lead; I", semi.leads().get(0).name());
        assertArrayEquals(new float[] {3f, 4f}, new float[] {semi.physical(0, 1), semi.physical(1, 1)});

        Signal tab = read("tab.tsv", "time\tA\tB\n0\t1\t2\n0.1\t3\t4\n", CsvReadOptions.defaults());
        assertEquals(10.0, tab.sampleRateHz());
        assertEquals(2, tab.leadCount());

        Signal comma = read("q.csv", "time,\"ECG, lead \"\"I\"\"\"\n0,\"1.5\"\n1,2\n", CsvReadOptions.defaults());
        assertEquals("ECG, lead \"I\"", comma.leads().get(0).name());
        assertEquals(1.5f, comma.physical(0, 0));
    }

    /** Cells parse to the same floats as the JDK's correctly rounded Float.parseFloat, digit count 1 to 17. */
    @Test
    void parsesCellsExactlyAsFloatParseFloat() throws Exception {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        StringBuilder sb = new StringBuilder("A\n");
        String[] cells = new String[20000];
        for (int i = 0; i < cells.length; i++) {
            int digits = 1 + rnd.nextInt(17);
            StringBuilder d = new StringBuilder(rnd.nextBoolean() ? "-" : "");
            for (int k = 0; k < digits; k++) {
                d.append((char) ('0' + rnd.nextInt(10)));
            }
            int point = rnd.nextInt(digits + 1);
            d.insert(d.length() - point, point == 0 ? "" : ".");
            cells[i] = d.toString().endsWith(".") ? d + "0" : d.toString();
            sb.append(cells[i]).append('\n');
        }
        Signal s = read("digits.csv", sb.toString(), CsvReadOptions.defaults().withSampleRateHz(1));
        for (int i = 0; i < cells.length; i++) {
            assertEquals(Float.floatToIntBits(Float.parseFloat(cells[i])), Float.floatToIntBits(s.physical(0, i)),
                    "cell '" + cells[i] + "'");
        }
    }

    @Test
    void nonNumericCellNamesLineAndColumn() {
        SignalFormatException e = rejects("file.csv", "time,MLII\n0,1\n0.01,abc\n", CsvReadOptions.defaults());
        assertEquals("file.csv line 3, column 'MLII': not a number: 'abc'", e.getMessage());
    }

    @Test
    void lineNumbersCountBlankLines() {
        SignalFormatException e = rejects("file.csv", "time,MLII\n\n0,1\n\n0.01,1x\n", CsvReadOptions.defaults());
        assertEquals("file.csv line 5, column 'MLII': not a number: '1x'", e.getMessage());
    }

    /** Steps 0.01, 0.01, 0.03 (a missing row), 0.01: the median is 0.01 and line 5 is 0.02 off. */
    @Test
    void irregularTimeStepIsRejectedAtItsLine() {
        SignalFormatException e = rejects("gap.csv", "time,A\n0.00,1\n0.01,1\n0.02,1\n0.05,1\n0.06,1\n",
                CsvReadOptions.defaults());
        assertTrue(e.getMessage().startsWith("gap.csv line 5, column 'time': time step 0.03"), e.getMessage());
        assertTrue(e.getMessage().contains("withSampleRateHz"), e.getMessage());
    }

    @Test
    void timeNotIncreasingIsRejectedAtItsLine() {
        SignalFormatException e = rejects("back.csv", "t,A\n0,1\n1,1\n1,1\n", CsvReadOptions.defaults());
        assertTrue(e.getMessage().startsWith("back.csv line 4, column 't': time 1.0 is not after 1.0 on line 3"),
                e.getMessage());
    }

    /** 1e309 overflows a double: the time would be infinite and the rate zero. */
    @Test
    void timeBeyondDoubleRangeIsRejected() {
        SignalFormatException e = rejects("huge.csv", "time,A\n0,1\n1e309,2\n", CsvReadOptions.defaults());
        assertEquals("huge.csv line 3, column 'time': time 1e309 is out of range", e.getMessage());
    }

    @Test
    void blankCellIsAnErrorUnlessGapsAreAllowed() throws Exception {
        String text = "time,A,B\n0,1,2\n1,,4\n2,5,NaN\n";
        SignalFormatException e = rejects("blank.csv", text, CsvReadOptions.defaults());
        assertTrue(e.getMessage().startsWith("blank.csv line 3, column 'A': empty cell"), e.getMessage());
        assertTrue(e.getMessage().contains("read as gaps only with --csv-gaps on the command line"
                + " (CsvReadOptions.withGapsAllowed(true) in code)"), e.getMessage());
        Signal s = read("blank.csv", text, CsvReadOptions.defaults().withGapsAllowed(true));
        assertTrue(Float.isNaN(s.physical(0, 1)));
        assertTrue(Float.isNaN(s.physical(1, 2)));
        assertEquals(5f, s.physical(0, 2));
    }

    @Test
    void sampleColumnNeedsAGivenRate() throws Exception {
        String text = "sample,MLII\n0,1\n1,2\n2,3\n";
        SignalFormatException e = rejects("s.csv", text, CsvReadOptions.defaults());
        assertTrue(e.getMessage().startsWith("s.csv line 1: column 'sample' holds sample numbers"), e.getMessage());
        assertTrue(e.getMessage().endsWith("give the rate with --csv-rate HZ on the command line"
                + " (CsvReadOptions.withSampleRateHz(...) in code)"), e.getMessage());
        Signal s = read("s.csv", text, CsvReadOptions.defaults().withSampleRateHz(360));
        assertEquals(360.0, s.sampleRateHz());
        assertEquals(1, s.leadCount());
        SignalFormatException skip = rejects("skip.csv", "sample,A\n0,1\n2,2\n",
                CsvReadOptions.defaults().withSampleRateHz(1));
        assertTrue(skip.getMessage().startsWith("skip.csv line 3, column 'sample': sample number 2 does not follow 0"),
                skip.getMessage());
    }

    @Test
    void withoutTimeColumnTheRateMustBeGiven() throws Exception {
        SignalFormatException e = rejects("plain.csv", "I,II,III\n1,2,3\n", CsvReadOptions.defaults());
        assertTrue(e.getMessage().contains("no sample rate given"), e.getMessage());
        assertTrue(e.getMessage().contains("--csv-rate HZ"), e.getMessage());
        Signal s = read("plain.csv", "I,II,III\n1,2,3\n", CsvReadOptions.defaults().withSampleRateHz(500).withUnits("uV"));
        assertEquals(3, s.leadCount());
        assertEquals("uV", s.leads().get(2).units());
    }

    @Test
    void namedTimeColumnMustExist() {
        SignalFormatException e = rejects("x.csv", "time,A\n0,1\n", CsvReadOptions.defaults().withTimeColumn("clock"));
        assertTrue(e.getMessage().startsWith("x.csv line 1: no column named 'clock'"), e.getMessage());
    }

    @Test
    void wrongCellCountNamesTheLine() {
        SignalFormatException e = rejects("short.csv", "time,A,B\n0,1,2\n1,2\n", CsvReadOptions.defaults());
        assertEquals("short.csv line 3: expected 3 cells (as in the header, line 1) but found 2", e.getMessage());
    }

    @Test
    void optionsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvReadOptions.defaults().withSampleRateHz(-5));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvReadOptions.defaults().withUnits(" "));
        assertThrows(IllegalArgumentException.class, () -> CsvReadOptions.defaults().withTimeJitterFraction(0.5));
    }

    @Test
    void readsAFileWithByteOrderMarkAndCrlf(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("win.csv");
        Files.writeString(file, "\uFEFFtime,A\r\n0,1\r\n0.5,2\r\n");
        Signal s = CsvSignalReader.read(file, CsvReadOptions.defaults());
        assertEquals(2.0, s.sampleRateHz());
        assertEquals("win", s.name());
        assertArrayEquals(new float[] {1f, 2f}, s.physical(0));
    }

    /** A second time-like column would be read as a lead, and two leads of one name could not be told apart. */
    @Test
    void twoTimeColumnsOrTwoLeadsOfOneNameAreRefused() {
        SignalFormatException e = rejects("two-times.csv", "time,seconds,MLII\n0,0,1\n0.01,0.01,2\n", CsvReadOptions.defaults());
        assertTrue(e.getMessage().contains("columns 'time' and 'seconds' are both time columns"), e.getMessage());
        assertTrue(e.getMessage().contains("--csv-time-column NAME"), e.getMessage());
        e = rejects("twice.csv", "time,MLII,mlii\n0,1,1\n0.01,2,2\n", CsvReadOptions.defaults());
        assertTrue(e.getMessage().contains("columns 2 and 3 are both named 'mlii'"), e.getMessage());
    }

    /** A voltage unit at the end of a column name names the lead's unit; other parentheses stay in the name. */
    @Test
    void aUnitInTheColumnNameIsTheLeadsUnit() throws Exception {
        Signal s = read("units.csv", "time,MLII (uV),V5 [mV],ECG (lead II)\n0,100,0.1,1\n0.004,200,0.2,2\n",
                CsvReadOptions.defaults());
        assertEquals(List.of(Lead.physical("MLII", "uV"), Lead.physical("V5", "mV"), Lead.physical("ECG (lead II)", "mV")),
                s.leads());
        assertEquals(200f, s.physical(0, 1));
    }

    /**
     * A file of 200,000 leads and 3 rows (as a transposed recording looks): every column is read,
     * in order, with its unit, and the rate comes from the time column (steps of 0.004 s: 250 Hz).
     * Lead {@code c} holds {@code c % 1000 + row / 10} on row {@code row}.
     */
    @Test
    void readsAFileOf200000ColumnsAndThreeRows() throws Exception {
        int columns = 200_000;
        Signal s = read("wide.csv", wideCsv(columns, 3, -1), CsvReadOptions.defaults());
        assertEquals(columns, s.leadCount());
        assertEquals(3, s.length());
        assertEquals(250.0, s.sampleRateHz());
        for (int c : new int[] {0, 1, 999, 1000, 123_457, columns - 1}) {
            assertEquals(Lead.physical("L" + c, c % 2 == 0 ? "uV" : "mV"), s.leads().get(c));
            for (int row = 0; row < 3; row++) {
                assertEquals(Float.parseFloat((c % 1000) + "." + row), s.physical(c, row), "lead " + c + " row " + row);
            }
        }
    }

    /**
     * Reading 200,000 columns of 3 rows (5.5 million characters) allocates less than reserving 1024
     * floats per column up front, as the reader once did, allocates on its own: 200,000 x 4096 bytes
     * = 819 MB before the first row. Buffers that grow as rows come hold 3 rows of floats.
     */
    @Test
    void aWideFileOfFewRowsIsReadWithoutReservingRowsPerColumn() throws Exception {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean sun
                && sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count the bytes a thread allocates");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        String text = wideCsv(200_000, 3, -1);
        long before = threads.getCurrentThreadAllocatedBytes();
        Signal s = read("wide.csv", text, CsvReadOptions.defaults());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(200_000, s.leadCount());
        long upFront = 200_000L * 1024 * Float.BYTES;
        assertTrue(allocated < upFront, "reading " + text.length() + " characters allocated "
                + (allocated >> 20) + " MB");
    }

    /** Among 200,000 columns, the one that repeats an earlier name (ignoring case) is named with it. */
    @Test
    void aRepeatedNameAmongManyColumnsNamesBothColumns() {
        SignalFormatException e = rejects("wide.csv", wideCsv(200_000, 3, 150_000), CsvReadOptions.defaults());
        // column 1 is time and lead c is column c + 2: lead 77 (L77) is column 79, lead 150,000 (l77) column 150,002
        assertTrue(e.getMessage().startsWith("wide.csv line 1: columns 79 and 150002 are both named 'l77': leads"
                + " must be told apart by name"), e.getMessage());
    }

    /** Two columns of one lead in two units would be two leads of one name: refused, naming both. */
    @Test
    void oneLeadInTwoUnitsIsRefused() {
        SignalFormatException e = rejects("u.csv", "time_s,MLII (uV),MLII (mV)\n0,1,1\n0.1,2,2\n",
                CsvReadOptions.defaults());
        assertTrue(e.getMessage().startsWith("u.csv line 1: columns 'MLII (uV)' and 'MLII (mV)' are both lead 'MLII'"),
                e.getMessage());
    }

    /** Names are told apart as String.equalsIgnoreCase tells them apart, beyond ASCII too. */
    @Test
    void repeatedNamesAreFoundIgnoringCaseAsEqualsIgnoreCaseDoes() throws Exception {
        // KELVIN SIGN folds to k; DESERET CAPITAL LETTER LONG I (a supplementary character) to its small letter
        SignalFormatException e = rejects("k.csv", "time,K,\u212A\n0,1,1\n1,2,2\n", CsvReadOptions.defaults());
        assertTrue(e.getMessage().contains("columns 2 and 3 are both named"), e.getMessage());
        e = rejects("d.csv", "time,x\uD801\uDC00,X\uD801\uDC28\n0,1,1\n1,2,2\n", CsvReadOptions.defaults());
        assertTrue(e.getMessage().contains("columns 2 and 3 are both named"), e.getMessage());
        // sharp s is not SS to equalsIgnoreCase, so these are two leads
        assertEquals(2, read("s.csv", "time,\u00df,SS\n0,1,1\n1,2,2\n", CsvReadOptions.defaults()).leadCount());
    }

    /**
     * A CSV text of {@code columns} leads after a {@code time_s} column at 250 Hz: lead {@code c} is
     * named {@code L<c> (uV)} when c is even, {@code L<c>} when odd, and holds {@code c % 1000 + row /
     * 10} on each row; lead {@code repeatAt} (if not negative) is named {@code l77} instead, as lead 77
     * but in lower case.
     */
    private static String wideCsv(int columns, int rows, int repeatAt) {
        StringBuilder sb = new StringBuilder("time_s");
        for (int c = 0; c < columns; c++) {
            sb.append(',').append(c == repeatAt ? "l77" : "L" + c + (c % 2 == 0 ? " (uV)" : ""));
        }
        sb.append('\n');
        for (int row = 0; row < rows; row++) {
            sb.append(String.format(Locale.ROOT, "%.3f", row * 0.004));
            for (int c = 0; c < columns; c++) {
                sb.append(',').append(c % 1000).append('.').append(row);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * A recording written one row per lead: 2 leads of 2000 samples. With the first lead's samples
     * as the header row, its repeated values are refused as repeated names; with a header of sample
     * numbers, the lead names in the first column are not numbers. Either message says the file
     * looks transposed; a narrow file's message does not.
     */
    @Test
    void aFileOfOneRowPerLeadIsSaidToLookTransposed() {
        StringBuilder numbered = new StringBuilder("lead");
        StringBuilder mlii = new StringBuilder("MLII");
        StringBuilder v5 = new StringBuilder("V5");
        for (int i = 0; i < 2000; i++) {
            numbered.append(',').append(i);
            mlii.append(',').append(i % 50 / 100.0);
            v5.append(',').append(-(i % 40) / 100.0);
        }
        String hint = "(2001 columns for 0 data row(s) so far: the file looks transposed, one row per lead; beatflow"
                + " reads one column per lead and one row per sample)";
        SignalFormatException e = rejects("rows.csv", mlii + "\n" + v5 + "\n", CsvReadOptions.defaults());
        assertEquals("rows.csv line 1: columns 2 and 52 are both named '0.0': leads must be told apart by name "
                + hint, e.getMessage());
        e = rejects("rows.csv", numbered + "\n" + mlii + "\n" + v5 + "\n", CsvReadOptions.defaults());
        assertEquals("rows.csv line 2, column 'lead': not a number: 'MLII' " + hint, e.getMessage());
        e = rejects("narrow.csv", "lead,0,1\nMLII,0.1,0.2\n", CsvReadOptions.defaults());
        assertEquals("narrow.csv line 2, column 'lead': not a number: 'MLII'", e.getMessage());
    }

    /**
     * A header saved in Latin-1: {@code time_s,MLII (µV)} with µ as the single byte 0xB5, the
     * 14th byte of the line ("time_s," is 7 bytes, "MLII (" 6 more), offset 13 counting from 0.
     */
    @Test
    void aLatin1FileIsRefusedNamingTheLineAndTheByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "time_s,MLII (\u00b5V)\n0.000,1\n0.004,2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        SignalFormatException e = assertThrows(SignalFormatException.class,
                () -> CsvSignalReader.read(file, CsvReadOptions.defaults()));
        assertEquals(file + " line 1: not valid UTF-8: byte 0xB5 at offset 13 of the line (13 of the file, counting"
                + " from 0) begins no UTF-8 character; save the file as UTF-8 (in Latin-1, 0xB5 is '\u00b5')",
                e.getMessage());
    }

    /**
     * Lines end at CR LF, and the line before the bad one holds µ in UTF-8 (2 bytes, 1 character):
     * offsets count bytes. Line 1 "time,MLII (µV)\r\n" is 17 bytes and line 2 "0,1\r\n" 5, so line 3
     * starts at byte 22; in "0.5,2x" byte x is at offset 5 of the line, 27 of the file. Each x is
     * malformed by the Unicode standard's table 3-7: a sequence cut short by the line's end (E2 82
     * then CR), an overlong form (C0 80), an encoded surrogate (ED A0 80), a lone continuation byte.
     */
    @Test
    void aByteThatBeginsNoUtf8CharacterIsNamedWithItsLineAndOffsets(@TempDir Path dir) throws Exception {
        byte[][] bad = {{(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0x80}};
        for (byte[] x : bad) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            bytes.writeBytes("time,MLII (\u00b5V)\r\n0,1\r\n0.5,2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            bytes.writeBytes(x);
            bytes.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Path file = dir.resolve("bad.csv");
            Files.write(file, bytes.toByteArray());
            SignalFormatException e = assertThrows(SignalFormatException.class,
                    () -> CsvSignalReader.read(file, CsvReadOptions.defaults()));
            int b = x[0] & 0xFF;
            String hex = String.format(Locale.ROOT, "0x%02X", b);
            assertEquals(file + " line 3: not valid UTF-8: byte " + hex + " at offset 5 of the line (27 of the file,"
                    + " counting from 0) begins no UTF-8 character; save the file as UTF-8"
                    + (b >= 0xA0 ? " (in Latin-1, " + hex + " is '" + (char) b + "')" : ""), e.getMessage());
        }
    }

    /** Valid UTF-8 beyond ASCII is read: 2-, 3- and 4-byte characters in lead names. */
    @Test
    void validUtf8BeyondAsciiIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("utf8.csv");
        Files.writeString(file, "time,MLII (\u00b5V),\u20ac,\uD83D\uDC93\n0,1,2,3\n1,4,5,6\n");
        Signal s = CsvSignalReader.read(file, CsvReadOptions.defaults());
        assertEquals(List.of(Lead.physical("MLII", "uV"), Lead.physical("\u20ac", "mV"),
                Lead.physical("\uD83D\uDC93", "mV")), s.leads());
    }

    /** A reader that cannot decode its bytes: the message names the source and the encoding as the fault. */
    @Test
    void undecodableTextFromAReaderNamesTheSource() {
        byte[] bytes = "time,A\n0,1\n1,\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.io.Reader reader = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes),
                java.nio.charset.StandardCharsets.UTF_8.newDecoder());
        SignalFormatException e = assertThrows(SignalFormatException.class,
                () -> CsvSignalReader.read("stream.csv", reader, CsvReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith("stream.csv: not valid text in the reader's character encoding"),
                e.getMessage());
    }
}

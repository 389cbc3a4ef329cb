package io.beatflow.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads good files and rejects each defect with the file and line named. Fixtures are generated here. */
class PredictionsReaderTest {
    private static final String HEADER = "record,sample,label,p_N,p_S,p_V,p_F,p_Q";
    @TempDir
    Path dir;

    private Path fixture(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private PredictionsFormatException bad(String name, String content) throws IOException {
        Path f = fixture(name, content);
        return assertThrows(PredictionsFormatException.class, () -> PredictionsReader.read(f));
    }

    @Test
    void readsRowsAndIgnoresExtraColumns() throws IOException {
        Path f = fixture("extra-columns-ignored.csv", HEADER + ",model,comment\n"
                + "100,370,N,0.9,0.05,0.03,0.01,0.01,cnn,x\n"
                + "\n"
                + "101,1200,V,0.1,0.1,0.7,0.1,0.0,cnn,y\n");
        Predictions p = PredictionsReader.read(f);
        assertEquals(2, p.size());
        assertArrayEquals(new String[] {"100", "101"}, p.records());
        assertArrayEquals(new long[] {370, 1200}, p.samples());
        assertArrayEquals(new int[] {0, 2}, p.labels());
        assertArrayEquals(new int[] {0, 2}, p.predictedClasses());
        assertEquals(0.7, p.probabilities(2)[1]);
    }

    /**
     * A row is a distribution over the five classes: rows summing to 0.3 or to 0 (scores, or
     * probabilities scaled by mistake) are refused with the line named; rounding to four decimals
     * (here 0.33333 x 3 = 0.99999) is not.
     */
    @Test
    void rowsMustSumToOne() throws IOException {
        PredictionsFormatException e = bad("scaled.csv", HEADER + "\n100,370,N,1,0,0,0,0\n100,700,N,0.27,0.03,0,0,0\n");
        assertTrue(e.getMessage().startsWith("scaled.csv line 3: p_N..p_Q sum to 0.3000;"), e.getMessage());
        e = bad("zeros.csv", HEADER + "\n100,370,N,0,0,0,0,0\n");
        assertTrue(e.getMessage().startsWith("zeros.csv line 2: p_N..p_Q sum to 0.0000;"), e.getMessage());
        Predictions p = PredictionsReader.read(fixture("rounded.csv", HEADER + "\n100,370,S,0.33333,0.33333,0.33333,0,0\n"));
        assertEquals(1, p.size());
    }

    /** A Latin-1 byte (0xB5, a micro sign) on line 3 is named with its line and offset (40 + 20 + 20 bytes before it). */
    @Test
    void textThatIsNotUtf8IsNamedWithItsLine() throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, (HEADER + "\n100,370,N,1,0,0,0,0\n100,700,N,1,0,0,0,0,\u00b5\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        PredictionsFormatException e = assertThrows(PredictionsFormatException.class, () -> PredictionsReader.read(f));
        assertEquals("latin1.csv line 3: not UTF-8 text (byte 0xB5 at byte offset 80 of the file): save the file as"
                + " UTF-8", e.getMessage());
    }

    @Test
    void aRequiredColumnGivenTwiceIsRefused() throws IOException {
        PredictionsFormatException e = bad("twice.csv", HEADER + ",p_N\n100,370,N,1,0,0,0,0,0.5\n");
        assertTrue(e.getMessage().startsWith("twice.csv line 1: column p_N occurs twice (columns 4 and 9)"),
                e.getMessage());
    }

    @Test
    void columnsAreFoundByName() throws IOException {
        Path f = fixture("columns-reordered.csv", "p_Q,p_F,p_V,p_S,p_N,label,sample,record\n0,0,0.2,0.3,0.5,S,10,200\n");
        Predictions p = PredictionsReader.read(f);
        assertEquals(1, p.labels()[0]);
        assertEquals(0.5, p.probabilities(0)[0]);
    }

    @Test
    void blankLinesBeforeTheHeaderAreSkippedAndLinesStillCounted() throws IOException {
        Predictions p = PredictionsReader.read(fixture("leading-blank.csv", "\n  \n" + HEADER + "\n100,370,N,1,0,0,0,0\n"));
        assertEquals(1, p.size());
        PredictionsFormatException e = bad("leading-blank-bad.csv", "\n" + HEADER + "\n100,370,N,1,0,0,0\n");
        assertTrue(e.getMessage().startsWith("leading-blank-bad.csv line 3:"), e.getMessage());
        e = bad("blank-only.csv", "\n\n");
        assertTrue(e.getMessage().startsWith("blank-only.csv: empty file"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        PredictionsFormatException e = bad("empty-file.csv", "");
        assertTrue(e.getMessage().startsWith("empty-file.csv: empty file"), e.getMessage());
    }

    @Test
    void headerOnly() throws IOException {
        PredictionsFormatException e = bad("header-only.csv", HEADER + "\n");
        assertEquals("header-only.csv: no predictions after the header", e.getMessage());
    }

    @Test
    void missingColumn() throws IOException {
        PredictionsFormatException e = bad("missing-column-p_F.csv", "record,sample,label,p_N,p_S,p_V,p_Q\n");
        assertTrue(e.getMessage().startsWith("missing-column-p_F.csv line 1: missing column(s) p_F"), e.getMessage());
        assertEquals(1, e.line());
    }

    @Test
    void mismatchedFieldCount() throws IOException {
        PredictionsFormatException e = bad("row-with-7-fields.csv", HEADER + "\n100,1,N,1,0,0,0,0\n100,2,N,1,0,0,0\n");
        assertEquals("row-with-7-fields.csv line 3: 7 fields, but the header has 8", e.getMessage());
    }

    @Test
    void unknownClass() throws IOException {
        PredictionsFormatException e = bad("unknown-class-X.csv", HEADER + "\n100,1,X,1,0,0,0,0\n");
        assertEquals("unknown-class-X.csv line 2: unknown class 'X' (expected one of N, S, V, F, Q)", e.getMessage());
    }

    @Test
    void probabilityOutOfRangeOrNaN() throws IOException {
        PredictionsFormatException above = bad("probability-above-1.csv", HEADER + "\n100,1,N,1.5,0,0,0,0\n");
        assertEquals("probability-above-1.csv line 2: p_N = 1.5 is not a probability in [0, 1]", above.getMessage());
        PredictionsFormatException nan = bad("probability-nan.csv", HEADER + "\n100,1,N,0.5,NaN,0,0,0\n");
        assertEquals("probability-nan.csv line 2: p_S = NaN is not a probability in [0, 1]", nan.getMessage());
        PredictionsFormatException neg = bad("probability-negative.csv", HEADER + "\n100,1,N,0.5,0,0,0,-0.1\n");
        assertTrue(neg.getMessage().contains("line 2: p_Q = -0.1"), neg.getMessage());
        PredictionsFormatException txt = bad("probability-text.csv", HEADER + "\n100,1,N,high,0,0,0,0\n");
        assertEquals("probability-text.csv line 2: p_N 'high' is not a number", txt.getMessage());
    }

    @Test
    void badSampleAndDuplicateBeat() throws IOException {
        assertEquals("sample-not-integer.csv line 2: sample '3.5' is not an integer",
                bad("sample-not-integer.csv", HEADER + "\n100,3.5,N,1,0,0,0,0\n").getMessage());
        assertEquals("duplicate-beat.csv line 3: beat (record 100, sample 7) occurs twice",
                bad("duplicate-beat.csv", HEADER + "\n100,7,N,1,0,0,0,0\n100,7,V,0,0,1,0,0\n").getMessage());
    }
}

package io.beatflow.ingest.wfdb;

import static io.beatflow.ingest.wfdb.WfdbFixtures.bytes;
import static io.beatflow.ingest.wfdb.WfdbFixtures.data;
import static io.beatflow.ingest.wfdb.WfdbFixtures.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFormatException;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.WfdbWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WfdbReader#verify}: the checks of a whole read without keeping samples. It passes where a
 * whole read passes, giving the record's length, and fails where a whole read fails, with the same
 * message.
 */
class WfdbVerifyTest {
    @TempDir
    Path dir;

    @Test
    void aRecordOfSeveralChunksPassesWithItsLength() throws Exception {
        // two leads of 400,000 samples in format 16: 1.6 MB, more than one 1 MiB chunk
        Random r = new Random(7);
        int n = 400_000;
        int[][] adc = new int[2][n];
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < n; i++) {
                adc[l][i] = r.nextInt(4001) - 2000;
            }
        }
        Signal s = Signal.adoptDigital("long", 360, List.of(new Lead("MLII", "mV", 200, 0),
                new Lead("V1", "mV", 200, 0)), adc, Integer.MIN_VALUE, null);
        WfdbWriter.write(dir, s, 16);
        Path rec = dir.resolve("long");
        assertEquals(n, WfdbReader.verify(rec));
        assertEquals(n, WfdbReader.read(rec).length());
    }

    @Test
    void failsWhereAWholeReadFailsWithTheSameMessage() throws Exception {
        data(dir, "good.dat", bytes(1, 0, 2, 0, 3, 0, 4, 0));
        data(dir, "short.dat", bytes(1, 0, 2, 0, 3));
        data(dir, "two.dat", bytes(1, 0, 5, 0, 2, 0, 6, 0));
        List<Path> good = List.of(
                header(dir, "g", "g 1 100 4", "good.dat 16 200 16 0 1 10 0 a"),
                header(dir, "g2", "g2 2 100 2", "two.dat 16 200 16 0 1 3 0 a", "two.dat 16 200 16 0 5 11 0 b"),
                header(dir, "nul", "nul 2 100 4", "good.dat 16 200 16 0 1 10 0 a", "~ 0 200 16 0 0 0 0 none"));
        List<Path> bad = List.of(
                header(dir, "sum", "sum 1 100 4", "good.dat 16 200 16 0 1 11 0 a"),
                header(dir, "first", "first 1 100 4", "good.dat 16 200 16 0 2 10 0 a"),
                header(dir, "cut", "cut 1 100 3", "short.dat 16 200 16 0 1 6 0 a"),
                // the second signal of a shared file: its sum is wrong, the first one's right
                header(dir, "second", "second 2 100 2", "two.dat 16 200 16 0 1 3 0 a", "two.dat 16 200 16 0 5 12 0 b"),
                header(dir, "missing", "missing 1 100 4", "gone.dat 16 200 16 0 1 10 0 a"));
        for (Path rec : good) {
            assertEquals(WfdbReader.read(rec).length(), WfdbReader.verify(rec), rec.toString());
        }
        for (Path rec : bad) {
            String whole = message(rec, false);
            assertEquals(whole, message(rec, true), rec.toString());
        }
    }

    @Test
    void checksEverySegmentOfAMultiSegmentRecord() throws Exception {
        data(dir, "s1.dat", bytes(1, 0, 2, 0));
        data(dir, "s2.dat", bytes(3, 0, 4, 0));
        header(dir, "s1", "s1 1 100 2", "s1.dat 16 200 16 0 1 3 0 a");
        header(dir, "s2", "s2 1 100 2", "s2.dat 16 200 16 0 3 7 0 a");
        Path rec = header(dir, "m", "m/3 1 100 6", "s1 2", "~ 2", "s2 2");
        assertEquals(6, WfdbReader.verify(rec));
        header(dir, "s2", "s2 1 100 2", "s2.dat 16 200 16 0 3 8 0 a");
        assertEquals(message(rec, false), message(rec, true));
        header(dir, "s2", "s2 1 100 3", "s2.dat 16 200 16 0 3 7 0 a");
        assertEquals(message(rec, false), message(rec, true));
        header(dir, "s2", "s2 2 100 2", "s2.dat 16 200 16 0 3 7 0 a", "s2.dat 16 200 16 0 3 7 0 b");
        assertEquals(message(rec, false), message(rec, true));
        header(dir, "s2", "s2 1 100 2", "s2.dat 16 200 16 0 3 7 0 a");
        List<Path> bad = List.of(header(dir, "total", "total/3 1 100 7", "s1 2", "~ 2", "s2 2"),
                header(dir, "nulls", "nulls/2 1 100 4", "~ 2", "~ 2"),
                header(dir, "width", "width/2 2 100 4", "s1 2", "s2 2"));
        for (Path r : bad) {
            assertEquals(message(r, false), message(r, true), r.toString());
        }
    }

    /** The message of the error a whole read ({@code verify} false) or a verification gives. */
    private static String message(Path rec, boolean verify) {
        Exception e = assertThrows(Exception.class, () -> {
            if (verify) {
                WfdbReader.verify(rec);
            } else {
                WfdbReader.read(rec);
            }
        }, rec.toString());
        assertEquals(true, e instanceof SignalFormatException || e instanceof IOException, e.toString());
        return e.getMessage();
    }
}

package io.beatflow.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.testing.ReferenceData;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalFilesTest {

    private static Signal small() {
        int[][] d = {{995, 1000, 1010, 990, 1024, 1100, 950, 1024}, {1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018}};
        return Signal.ofDigital("rec", 4, List.of(new Lead("MLII", "mV", 200, 1024), new Lead("V5", "mV", 200, 1024)),
                d, Integer.MIN_VALUE, null);
    }

    @Test
    void choosesTheReaderByExtension(@TempDir Path dir) throws Exception {
        Signal s = small();
        WfdbWriter.write(dir, s, 16);
        EdfWriter.write(dir.resolve("rec.edf"), s);
        Files.writeString(dir.resolve("rec.csv"), "time,MLII,V5\n0,-0.145,-0.065\n0.25,-0.12,-0.06\n");
        Files.writeString(dir.resolve("rec.tsv"), "t\tMLII\n0\t1\n0.5\t2\n");

        for (String name : new String[] {"rec", "rec.hea", "rec.dat", "rec.edf"}) {
            assertEquals(SignalFiles.kindOf(dir.resolve(name)), name.endsWith(".edf") ? SignalFiles.Kind.EDF
                    : SignalFiles.Kind.WFDB);
            Signal back = SignalFiles.read(dir.resolve(name));
            assertEquals(4.0, back.sampleRateHz(), name);
            assertArrayEquals(s.digital(0), back.digital(0), name);
            assertArrayEquals(s.digital(1), back.digital(1), name);
        }
        Signal csv = SignalFiles.read(dir.resolve("rec.csv"));
        assertEquals(4.0, csv.sampleRateHz());
        assertEquals(-0.145f, csv.physical(0, 0));
        assertEquals(2.0, SignalFiles.read(dir.resolve("rec.tsv")).sampleRateHz());

        Signal v5 = SignalFiles.read(dir.resolve("rec.csv"), List.of("v5"), CsvReadOptions.defaults());
        assertEquals(1, v5.leadCount());
        assertEquals(-0.065f, v5.physical(0, 0));
        assertEquals("V5", SignalFiles.read(dir.resolve("rec.edf"), List.of("V5"), CsvReadOptions.defaults())
                .leads().get(0).name());
        assertEquals("V5", SignalFiles.read(dir.resolve("rec"), List.of("V5"), CsvReadOptions.defaults())
                .leads().get(0).name());
    }

    @Test
    void unknownExtensionIsAFormatError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ecg.xyz");
        Files.writeString(file, "x");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> SignalFiles.read(file));
        assertTrue(e.getMessage().contains("unknown file type '.xyz'"), e.getMessage());
    }

    @Test
    void csvWithoutTimeColumnAsksForARate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("leads.csv");
        Files.writeString(file, "MLII,V5\n1,2\n");
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> SignalFiles.read(file));
        assertTrue(e.getMessage().contains("no sample rate given"), e.getMessage());
        assertEquals(360.0, SignalFiles.read(file, List.of(), CsvReadOptions.defaults().withSampleRateHz(360))
                .sampleRateHz());
    }

    /**
     * MIT-BIH record 100 through EDF and CSV. Expected first values come from 100.hea: initial
     * values 995 (MLII) and 1011 (V5), gain 200 adu/mV, baseline 1024, so (995 - 1024) / 200 =
     * -0.145 mV and (1011 - 1024) / 200 = -0.065 mV. 650000 samples at 360 Hz fill 1806 one-second
     * EDF records minus 160 samples, which the writer pads (1806 x 360 = 650160).
     */
    @Test
    void record100SurvivesEdfAndCsvExport(@TempDir Path dir) throws Exception {
        ReferenceData.assumeMitdb();
        Signal s = SignalFiles.read(ReferenceData.mitdb().resolve("100"));
        assertEquals(650000, s.length());
        assertEquals(-0.145f, s.physical(0, 0));
        assertEquals(-0.065f, s.physical(1, 0));

        Path edf = dir.resolve("100.edf");
        EdfWriter.write(edf, s);
        Signal back = SignalFiles.read(edf);
        assertEquals(650160, back.length());
        assertEquals(360.0, back.sampleRateHz());
        for (int l = 0; l < 2; l++) {
            int[] a = s.digital(l);
            int[] b = back.digital(l);
            for (int i = 0; i < a.length; i++) {
                if (a[i] != b[i]) {
                    throw new AssertionError("lead " + l + " sample " + i + ": " + a[i] + " vs " + b[i]);
                }
            }
            assertEquals(200.0, back.leads().get(l).gain(), 1e-9);
            assertEquals(1024.0, back.leads().get(l).baseline(), 1e-6);
        }

        StringWriter csv = new StringWriter();
        CsvSignalWriter.write(csv, s, 0, 2, false);
        assertTrue(csv.toString().startsWith("time_s,MLII,V5\n0.000000,-0.145,-0.065\n0.002778,"), csv.toString());
    }

    @Test
    void aDirectoryIsNotARecord(@org.junit.jupiter.api.io.TempDir Path dir) {
        SignalFormatException e = org.junit.jupiter.api.Assertions.assertThrows(SignalFormatException.class,
                () -> SignalFiles.read(dir));
        assertTrue(e.getMessage().contains("a directory, not a record"), e.getMessage());
    }
}

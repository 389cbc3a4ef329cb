package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.BeatDetectors;
import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.WfdbWriter;
import io.beatflow.ingest.testing.ReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCommandsTest {
    @TempDir
    Path tmp;

    /**
     * The first exported row of record 100 must equal the initial values its header declares
     * (995 and 1011 adu, the header's own independent statement of sample 0), and in physical units
     * (995 - 1024) / 200 = -0.145 mV and (1011 - 1024) / 200 = -0.065 mV.
     */
    @Test
    void exportsRecord100LikeRdsamp() throws Exception {
        ReferenceData.assumeMitdb();
        Path record = ReferenceData.mitdb().resolve("100");
        Path digital = tmp.resolve("d.csv");
        Path physical = tmp.resolve("p.csv");
        assertEquals(0, CliRun.of("export", "--digital", "--to", "2", "--out", digital.toString(), record.toString()).exitCode());
        assertEquals(0, CliRun.of("export", "--to", "1", "--out", physical.toString(), record.toString()).exitCode());
        List<String> d = Files.readAllLines(digital);
        assertEquals("sample,MLII,V5", d.get(0));
        assertEquals("0,995,1011", d.get(1));
        assertEquals(3, d.size());
        assertEquals("time_s,MLII,V5", Files.readAllLines(physical).get(0));
        assertEquals("0.000000,-0.145,-0.065", Files.readAllLines(physical).get(1));
    }

    /** A physical export is a record again: its time column gives the rate back. */
    @Test
    void anExportedRecordReadsBackAsARecord() throws Exception {
        Path record = syntheticRecord();
        Path csv = tmp.resolve("syn-export.csv");
        assertEquals(0, CliRun.of("export", "--out", csv.toString(), record.toString()).exitCode());
        CliRun run = CliRun.of("inspect", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("0:00:10.000") && run.out().contains("360"), run.out());
        run = CliRun.of("export", "--out", tmp.resolve("x.edf").toString(), record.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("export writes CSV, not edf"), run.err());
    }

    @Test
    void inspectTakesTheSignalFilesPathAsTheRecord() throws Exception {
        syntheticRecord();
        CliRun run = CliRun.of("inspect", tmp.resolve("syn.dat").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("format     WFDB, storage format(s) [212]"), run.out());
    }

    /** An EDF+ file's annotations are counted by text. */
    @Test
    void inspectSummarisesEdfPlusAnnotations() throws Exception {
        Signal s = WfdbReader.read(syntheticRecord());
        Path edf = tmp.resolve("plus.edf");
        io.beatflow.ingest.EdfWriter.write(edf, s, List.of(new io.beatflow.ingest.EdfAnnotation(1, 0, "Artifact"),
                new io.beatflow.ingest.EdfAnnotation(4, 0, "Artifact"), new io.beatflow.ingest.EdfAnnotation(6, 0, "Lead off")));
        CliRun run = CliRun.of("inspect", edf.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("annotations 3 EDF+ annotations, 2 distinct texts"), run.out());
        assertTrue(run.out().contains("        2  Artifact"), run.out());
    }

    /** A multi-segment record is shown as such, without an empty list of storage formats. */
    @Test
    void inspectShowsAMultiSegmentRecord() throws Exception {
        syntheticRecord();
        Files.writeString(tmp.resolve("multi.hea"), "multi/2 1 360 7200\nsyn 3600\nsyn 3600\n");
        CliRun run = CliRun.of("inspect", tmp.resolve("multi").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("format     WFDB multi-segment (2 segments)\n"), run.out());
        assertTrue(run.out().contains("0:00:20.000"), run.out());
    }

    /**
     * A whole WFDB record longer than export holds at once is written a range at a time, byte for byte
     * what one whole read writes (physical with gaps, digital, leads picked and reordered); a sample
     * changed at the file's end, which only the record's checksum shows, stops it with nothing written.
     */
    @Test
    void aLongRecordIsExportedInRangesAsOneWholeRead() throws Exception {
        int n = 5000;
        int[][] adc = new int[3][n];
        java.util.Random r = new java.util.Random(3);
        for (int l = 0; l < 3; l++) {
            for (int i = 0; i < n; i++) {
                adc[l][i] = l == 1 && i % 777 == 5 ? Integer.MIN_VALUE : r.nextInt(2001) - 1000;
            }
        }
        Signal s = Signal.ofDigital("long3", 500, List.of(new Lead("I", "mV", 200, 0), new Lead("II", "mV", 200, 0),
                new Lead("V1", "mV", 400, 10)), adc, Integer.MIN_VALUE, null);
        WfdbWriter.write(tmp, s, 16);
        Path record = tmp.resolve("long3");
        List<List<String>> options = List.of(List.of(), List.of("--digital"), List.of("--lead", "V1,I"));
        for (List<String> o : options) {
            Path whole = tmp.resolve("whole.csv");
            Path ranges = tmp.resolve("ranges.csv");
            List<String> args = new java.util.ArrayList<>(List.of("export", "--chunk-samples", "100000", "--out",
                    whole.toString()));
            args.addAll(o);
            args.add(record.toString());
            CliRun one = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, one.exitCode(), one.err());
            args.set(2, "999");
            args.set(4, ranges.toString());
            CliRun inRanges = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, inRanges.exitCode(), inRanges.err());
            int width = o.contains("--lead") ? 2 : 3;
            assertTrue(inRanges.err().contains("in ranges of " + 999 / width + " samples")
                    && inRanges.err().contains("export: 50%"), inRanges.err());
            assertTrue(!one.err().contains("in ranges"), one.err());
            assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(ranges), o.toString());
            assertEquals(n + 1, Files.readAllLines(ranges).size());
        }
        // the last sample of V1 changed: every range reads, the checksum does not add up
        byte[] dat = Files.readAllBytes(tmp.resolve("long3.dat"));
        dat[dat.length - 2] ^= 0x01;
        Files.write(tmp.resolve("long3.dat"), dat);
        Path bad = tmp.resolve("bad.csv");
        CliRun refused = CliRun.of("export", "--chunk-samples", "999", "--out", bad.toString(), record.toString());
        assertTrue(refused.exitCode() != 0);
        assertTrue(refused.err().contains("long3.dat") && refused.err().contains("checksum mismatch"), refused.err());
        assertTrue(!Files.exists(bad) && !Files.exists(tmp.resolve("bad.csv.partial")));
    }

    @Test
    void exportRejectsRangeOutsideRecord() throws Exception {
        Path record = syntheticRecord();
        CliRun run = CliRun.of("export", "--from", "10", "--to", "999999", "--out", tmp.resolve("x.csv").toString(),
                record.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("outside the record"), run.err());
    }

    /** A record whose header lists no signals has nothing to export, whole or from a sample on. */
    @Test
    void exportRefusesARecordWithoutSignals() throws Exception {
        Path record = Files.writeString(tmp.resolve("none.hea"), "none 0 250 100\n");
        for (String[] range : new String[][] {{}, {"--from", "4"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("export"));
            args.addAll(java.util.List.of(range));
            args.addAll(java.util.List.of("--out", tmp.resolve("none.csv").toString(), tmp.resolve("none").toString()));
            CliRun run = CliRun.of(args.toArray(new String[0]));
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains("has no signals (its header lists none): there is nothing to export"),
                    run.err());
        }
        assertTrue(Files.exists(record));
    }

    /**
     * A range of a WFDB record is read alone: its rows are the whole export's rows for those
     * samples, numbered and timed from the record's start, physical and digital, for the record, for
     * its signal file's path, and across the two segments (3600 samples each) of a multi-segment record.
     */
    @Test
    void exportOfARangeIsTheWholeExportsRows() throws Exception {
        Path record = syntheticRecord();
        Files.writeString(tmp.resolve("multi.hea"), "multi/2 1 360 7200\nsyn 3600\nsyn 3600\n");
        Path whole = tmp.resolve("whole.csv");
        Path part = tmp.resolve("part.csv");
        String[][] cases = {{record.toString(), "1790", "1810"}, {tmp.resolve("syn.dat").toString(), "3590", "3600"},
            {tmp.resolve("multi").toString(), "3590", "3610"}};
        for (String[] c : cases) {
            for (String mode : List.of("--digital", "--lead=MLII")) {
                assertEquals(0, CliRun.of("export", mode, "--out", whole.toString(), c[0]).exitCode(), c[0]);
                CliRun run = CliRun.of("export", mode, "--from", c[1], "--to", c[2], "--out", part.toString(), c[0]);
                assertEquals(0, run.exitCode(), run.err());
                List<String> w = Files.readAllLines(whole);
                List<String> p = Files.readAllLines(part);
                int from = Integer.parseInt(c[1]);
                int to = Integer.parseInt(c[2]);
                assertEquals(w.get(0), p.get(0));
                assertEquals(w.subList(from + 1, to + 1), p.subList(1, p.size()), c[0] + " " + mode);
            }
        }
        // the range is read alone, so the checksum over the whole signal file is not checked: a header whose
        // checksum is wrong fails the whole export only
        List<String> hea = Files.readAllLines(tmp.resolve("syn.hea"));
        String[] f = hea.get(1).split(" ");
        f[6] = Integer.toString(Integer.parseInt(f[6]) + 1);
        hea.set(1, String.join(" ", f));
        hea.set(0, hea.get(0).replaceFirst("^syn", "bad"));
        Files.write(tmp.resolve("bad.hea"), hea);
        String bad = tmp.resolve("bad").toString();
        CliRun run = CliRun.of("export", "--out", whole.toString(), bad);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("checksum mismatch"), run.err());
        assertEquals(0, CliRun.of("export", "--from", "10", "--to", "20", "--out", part.toString(), bad).exitCode());
    }

    @Test
    void detectWritesReadableAnnotationsAndScoresAgainstReference() throws Exception {
        ReferenceData.assumeMitdb();
        Path record = ReferenceData.mitdb().resolve("100");
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("detect", "--out", out.toString(), record.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<Annotation> written = WfdbAnnotationReader.read(out.resolve("100.qrs"));
        long[] expected = BeatDetectors.detect(WfdbReader.read(record), 0);
        assertArrayEquals(expected, written.stream().mapToLong(Annotation::sample).toArray());
        assertTrue(run.out().contains("EC57"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("gross")), run.out());
    }

    @Test
    void detectWithoutReferencePrintsNoStatistics() throws Exception {
        Path record = syntheticRecord();
        CliRun run = CliRun.of("detect", "--annotator", "test", "--out", tmp.resolve("o").toString(), record.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(tmp.resolve("o/syn.test")));
        assertTrue(run.out().isEmpty(), run.out());
    }

    @Test
    void missingRecordIsAClearError() {
        CliRun run = CliRun.of("inspect", tmp.resolve("nothing").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("nothing.hea"), run.err());
    }

    @Test
    void inspectShowsLeadsAndDuration() throws Exception {
        Path record = syntheticRecord();
        CliRun run = CliRun.of("inspect", record.toString());
        assertEquals(0, run.exitCode(), run.err());
        // 3600 samples at 360 Hz = 10 s.
        assertTrue(run.out().contains("0:00:10.000"), run.out());
        assertTrue(run.out().contains("MLII"), run.out());
    }

    @Test
    void detectRefusesToWriteOverItsInputs() throws Exception {
        Path record = syntheticRecord();
        byte[] reference = Files.readAllBytes(referenceAnnotations());
        for (String annotator : List.of("atr", "hea")) {
            CliRun run = CliRun.of("detect", "--out", tmp.toString(), "-a", annotator, record.toString());
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains("syn." + annotator + " is a file of the input " + record), run.err());
        }
        assertArrayEquals(reference, Files.readAllBytes(tmp.resolve("syn.atr")));
        assertEquals(0, CliRun.of("inspect", record.toString()).exitCode());
    }

    @Test
    void detectRefusesARecordGivenTwiceBeforeWritingAnything() throws Exception {
        Path record = syntheticRecord();
        CliRun run = CliRun.of("detect", "--out", tmp.resolve("o").toString(), record.toString(), record.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("the record is given twice"), run.err());
        assertTrue(!Files.exists(tmp.resolve("o/syn.qrs")));
    }

    /** A record that cannot be read is named; the others are detected and scored, and the exit status says one failed. */
    @Test
    void detectGoesOnPastABadRecordAndSaysSo() throws Exception {
        Path record = syntheticRecord();
        referenceAnnotations();
        Path missing = tmp.resolve("nothing");
        CliRun run = CliRun.of("detect", "--skip", "0", "--out", tmp.resolve("o").toString(), missing.toString(),
                record.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(missing + ": "), run.err());
        assertTrue(run.err().contains("1 of 2 records failed"), run.err());
        assertTrue(Files.isRegularFile(tmp.resolve("o/syn.qrs")));
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("syn")), run.out());
    }

    /** The record's .dat (or .hea) path names the record: its annotations are found and scored. */
    @Test
    void detectTakesTheSignalFilesPathAsTheRecord() throws Exception {
        syntheticRecord();
        referenceAnnotations();
        CliRun run = CliRun.of("detect", "--skip", "0", "--out", tmp.resolve("o").toString(), tmp.resolve("syn.dat").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(tmp.resolve("o/syn.qrs")));
        assertTrue(run.out().contains("EC57"), run.out());
    }

    /** A reference file without its end-of-file word is scored, with a warning that it may be cut short. */
    @Test
    void detectWarnsOfAReferenceWithoutItsEndMarker() throws Exception {
        Path record = syntheticRecord();
        Path atr = referenceAnnotations();
        assertTrue(io.beatflow.ingest.WfdbAnnotationReader.hasEndMarker(atr));
        CliRun whole = CliRun.of("detect", "--skip", "0", "--out", tmp.resolve("o").toString(), record.toString());
        assertTrue(!whole.err().contains("end-of-file marker"), whole.err());
        byte[] bytes = Files.readAllBytes(atr);
        Files.write(atr, java.util.Arrays.copyOf(bytes, bytes.length - 2));
        assertTrue(!io.beatflow.ingest.WfdbAnnotationReader.hasEndMarker(atr));
        CliRun cut = CliRun.of("detect", "--skip", "0", "--out", tmp.resolve("o").toString(), record.toString());
        assertEquals(0, cut.exitCode(), cut.err());
        assertTrue(cut.err().contains("syn.atr has no end-of-file marker"), cut.err());
    }

    /**
     * A reference file of a longer record (here 10 beats within the 10 s record and 5 more after
     * its end): detect warns and scores only the 10 within it, so Se is 100% rather than 10/15; inspect
     * warns too.
     */
    @Test
    void referenceBeatsAfterTheRecordsEndAreNamedAndNotScored() throws Exception {
        Path record = syntheticRecord();
        List<Annotation> beats = new java.util.ArrayList<>();
        for (int i = 5; i < 3600 + 5 * 360; i += 360) {
            beats.add(Annotation.of(i, io.beatflow.ingest.AnnotationCode.NORMAL));
        }
        io.beatflow.ingest.WfdbAnnotationWriter.write(tmp.resolve("syn.atr"), beats);
        CliRun run = CliRun.of("detect", "--skip", "0", "--out", tmp.resolve("o").toString(), record.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("syn: warning: syn.atr has 5 beats after the record's end (the first at 10.0 s;"
                + " the record is 10.0 s long)"), run.err());
        String row = run.out().lines().filter(l -> l.startsWith("syn")).findFirst().orElseThrow();
        assertTrue(row.matches("syn\\s+10\\s+10\\s+10\\s+0\\s+0\\s+100\\.00\\s+100\\.00.*"), run.out());
        CliRun inspect = CliRun.of("inspect", record.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("warning    5 annotations (5 beats) lie after the record's end"), inspect.out());
    }

    @Test
    void detectSaysWhenTheUnscoredStartCoversTheRecord() throws Exception {
        Path record = syntheticRecord();
        referenceAnnotations();
        CliRun run = CliRun.of("detect", "--out", tmp.resolve("o").toString(), record.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("syn: 10.0 s long, all within the first 300.0 s"), run.err());
    }

    @Test
    void exportRefusesToWriteOverItsRecordAndAReversedRange() throws Exception {
        Path record = syntheticRecord();
        Path csv = tmp.resolve("syn.csv");
        assertEquals(0, CliRun.of("export", "--out", csv.toString(), record.toString()).exitCode());
        byte[] before = Files.readAllBytes(csv);
        CliRun run = CliRun.of("export", "--from", "5", "--out", csv.toString(), csv.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("would destroy the input"), run.err());
        assertArrayEquals(before, Files.readAllBytes(csv));
        run = CliRun.of("export", "--from", "10", "--to", "5", "--out", tmp.resolve("x.csv").toString(), record.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--from 10 is after --to 5"), run.err());
    }

    /**
     * An EDF channel of digital -100..100 for -5..5 mV holding 1800 and -1800: export writes them
     * unclipped ((1800 + 100) x 10 / 200 - 5 = 90 mV) and warns on standard error, naming the
     * count and the first one's byte (header 512 + sample 1 x 2 = 514).
     */
    @Test
    void exportWarnsOfSamplesOutsideTheDigitalRange() throws Exception {
        Path edf = EdfTestFiles.edfFile(tmp.resolve("overflow.edf"), "", 1,
                List.<String[]>of(new String[] {"ECG", "mV", "-5", "5", "-100", "100", "4"}),
                EdfTestFiles.samples16(0, 1800, -1800, 100));
        Path csv = tmp.resolve("overflow.csv");
        CliRun run = CliRun.of("export", "--out", csv.toString(), edf.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: " + edf + " byte 514: signal 1 'ECG' has 2 samples outside its digital"
                + " range -100..100"), run.err());
        assertEquals("0.250000,90", Files.readAllLines(csv).get(2));
    }

    /**
     * An EDF of 10 one-second records holding an ECG at 250 Hz and a respiration signal at 25 Hz:
     * inspect lists each channel with its own rate (2500 and 250 samples, 10 s); export writes the
     * leads --lead names (2500 rows of ECG), and without --lead, or with leads of both rates, says
     * to pick leads of one rate with --lead.
     */
    @Test
    void inspectAndExportHandleAnEdfOfMixedRates() throws Exception {
        float[] ecg = new float[2500];
        for (int i = 0; i < ecg.length; i++) {
            int phase = i % 250;
            ecg[i] = phase < 10 ? (10 - Math.abs(phase - 5)) / 5f : 0;
        }
        Path edf = EdfTestFiles.mixedRate(tmp.resolve("mixed.edf"), ecg, 250);
        CliRun inspect = CliRun.of("inspect", edf.toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("rate       25 Hz [Resp]; 250 Hz [ECG]\n"), inspect.out());
        assertTrue(inspect.out().contains("samples    250 per lead at 25 Hz, 2500 at 250 Hz (0:00:10.000)\n"),
                inspect.out());
        assertTrue(inspect.out().lines().anyMatch(l -> l.startsWith("  0  ECG") && l.contains(" 250 Hz")), inspect.out());
        assertTrue(inspect.out().lines().anyMatch(l -> l.startsWith("  1  Resp") && l.contains(" 25 Hz")), inspect.out());

        Path csv = tmp.resolve("mixed-ecg.csv");
        CliRun export = CliRun.of("export", "--lead", "ECG", "--out", csv.toString(), edf.toString());
        assertEquals(0, export.exitCode(), export.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("time_s,ECG", rows.get(0));
        assertEquals(2501, rows.size());
        assertEquals("0.020000,2", rows.get(6)); // sample 5: (10 - 0) / 5 = 2 mV, stored as 2000 adu at 1000 adu/mV
        CliRun whole = CliRun.of("export", "--out", tmp.resolve("all.csv").toString(), edf.toString());
        assertEquals(2, whole.exitCode());
        assertTrue(whole.err().contains("different sample rates") && whole.err().contains("--lead"), whole.err());
        CliRun both = CliRun.of("export", "--lead", "ECG,Resp", "--out", tmp.resolve("both.csv").toString(),
                edf.toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("different sample rates") && both.err().contains("--lead"), both.err());
        CliRun two = CliRun.of("export", "--lead", "Resp", "--lead", "resp", "--out", tmp.resolve("r.csv").toString(),
                edf.toString());
        assertEquals(0, two.exitCode(), two.err());
        assertEquals("time_s,Resp,Resp", Files.readAllLines(tmp.resolve("r.csv")).get(0));
    }

    /**
     * inspect names the variant the header declares, and the gaps of a discontinuous file. EDF+D:
     * 1 s records (2 Hz) at 0, 10 and 12 s leave gaps of 10 - 1 = 9 s and 12 - 11 = 1 s, 10 s in
     * all; the last record ends at 13 s, 26 samples. EDF+C whose records start at 0 and 2 s: one
     * gap of 1 s, read as EDF+D. BDF: BioSemi's version bytes 0xFF "BIOSEMI".
     */
    @Test
    void inspectNamesTheEdfVariantAndTheGapsOfADiscontinuousFile() throws Exception {
        List<String[]> ecgAndAnnotations = List.of(new String[] {"ECG", "mV", "-100", "100", "-100", "100", "2"},
                new String[] {"EDF Annotations", "", "-1", "1", "-32768", "32767", "8"});
        java.io.ByteArrayOutputStream d = new java.io.ByteArrayOutputStream();
        for (int onset : new int[] {0, 10, 12}) {
            d.writeBytes(EdfTestFiles.samples16(1, 2));
            d.writeBytes(java.util.Arrays.copyOf(("+" + onset + "\u0014\u0014\0").getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII), 16));
        }
        Path plusD = EdfTestFiles.edfFile(tmp.resolve("d.edf"), "EDF+D", 3, ecgAndAnnotations, d.toByteArray());
        CliRun run = CliRun.of("inspect", plusD.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("format     EDF+D\n"), run.out());
        assertTrue(run.out().contains("gaps       2 between data records, 0:00:10.000 in all\n"), run.out());
        assertTrue(run.out().contains("samples    26 per lead (0:00:13.000)\n"), run.out());

        java.io.ByteArrayOutputStream c = new java.io.ByteArrayOutputStream();
        for (int onset : new int[] {0, 2}) {
            c.writeBytes(EdfTestFiles.samples16(1, 2));
            c.writeBytes(java.util.Arrays.copyOf(("+" + onset + "\u0014\u0014\0").getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII), 16));
        }
        Path plusC = EdfTestFiles.edfFile(tmp.resolve("c.edf"), "EDF+C", 2, ecgAndAnnotations, c.toByteArray());
        run = CliRun.of("inspect", plusC.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("format     EDF+C (its records leave gaps: read as EDF+D)\n"), run.out());
        assertTrue(run.out().contains("gaps       1 between data records, 0:00:01.000 in all\n"), run.out());

        Path bdf = EdfTestFiles.edfFile(tmp.resolve("b.bdf"), "", 1,
                List.<String[]>of(new String[] {"ECG", "uV", "-8388608", "8388607", "-8388608", "8388607", "2"}),
                new byte[] {1, 0, 0, 2, 0, 0});
        byte[] bytes = Files.readAllBytes(bdf);
        bytes[0] = (byte) 0xff;
        System.arraycopy("BIOSEMI".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, 1, 7);
        Files.write(bdf, bytes);
        run = CliRun.of("inspect", bdf.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("format     BDF\n"), run.out());
        assertTrue(!run.out().contains("gaps"), run.out());
    }

    /**
     * An EDF file with an ECG at 360 Hz and a respiration signal at 1 Hz cannot be read whole as one
     * signal (export says so and names --lead); detect reads the one signal it works on alone,
     * named (--lead ECG) or by index (the default, 0), and finds its 10 pulses; --lead 1 takes the
     * respiration signal, whose 1 Hz the detector refuses.
     */
    @Test
    void detectReadsOneLeadOfAnEdfFileOfMixedRates() throws Exception {
        Path edf = mixedRateEdf(tmp.resolve("mixed.edf"));
        CliRun whole = CliRun.of("export", "--out", tmp.resolve("whole.csv").toString(), edf.toString());
        assertEquals(2, whole.exitCode());
        assertTrue(whole.err().contains("different sample rates") && whole.err().contains("--lead LABEL"), whole.err());
        for (List<String> lead : List.of(List.<String>of(), List.of("--lead", "ECG"), List.of("--lead", "0"))) {
            List<String> args = new java.util.ArrayList<>(List.of("detect", "--skip", "0"));
            args.addAll(lead);
            args.addAll(List.of("--out", tmp.resolve("o").toString(), edf.toString()));
            CliRun run = CliRun.of(args.toArray(new String[0]));
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.err().contains("mixed: 10 beats on lead ECG"), lead + ": " + run.err());
        }
        CliRun resp = CliRun.of("detect", "--skip", "0", "--lead", "1", "--out", tmp.resolve("o").toString(), edf.toString());
        assertEquals(2, resp.exitCode());
        assertTrue(resp.err().contains("mixed: sampled at 1.0 Hz"), resp.err());
    }

    /**
     * A 10-record EDF (1 s records): "ECG", 360 samples per record, a narrow pulse in each second
     * (as {@link #syntheticRecord}), digital = physical in uV; "Resp", 1 sample per record. Header
     * layout of the EDF specification (Kemp et al. 1992).
     */
    private static Path mixedRateEdf(Path file) throws Exception {
        String[][] signals = {{"ECG", "360"}, {"Resp", "1"}};
        StringBuilder h = new StringBuilder();
        h.append(field("0", 8)).append(field("X X X X", 80)).append(field("Startdate X X X X", 80))
                .append(field("01.01.20", 8)).append(field("00.00.00", 8)).append(field("" + 256 * 3, 8))
                .append(field("", 44)).append(field("10", 8)).append(field("1", 8)).append(field("2", 4));
        for (String[] sig : signals) {
            h.append(field(sig[0], 16));
        }
        for (int k = 0; k < 2; k++) {
            h.append(field("", 80));
        }
        for (int k = 0; k < 2; k++) {
            h.append(field("uV", 8));
        }
        for (String v : new String[] {"-32768", "-32768", "32767", "32767", "-32768", "-32768", "32767", "32767"}) {
            h.append(field(v, 8));
        }
        for (int k = 0; k < 2; k++) {
            h.append(field("", 80));
        }
        for (String[] sig : signals) {
            h.append(field(sig[1], 8));
        }
        for (int k = 0; k < 2; k++) {
            h.append(field("", 32));
        }
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(10 * 361 * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < 10; r++) {
            for (int i = 0; i < 360; i++) {
                data.putShort((short) (i < 10 ? 1000 * (10 - Math.abs(i - 5)) / 5 : 0));
            }
            data.putShort((short) 0);
        }
        byte[] head = h.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(head, head.length + data.capacity());
        System.arraycopy(data.array(), 0, all, head.length, data.capacity());
        return Files.write(file, all);
    }

    private static String field(String value, int width) {
        return String.format("%-" + width + "s", value);
    }

    /** syn.atr: a normal beat at each pulse of {@link #syntheticRecord} (samples 5, 365, ...). */
    private Path referenceAnnotations() throws Exception {
        List<Annotation> beats = new java.util.ArrayList<>();
        for (int i = 5; i < 3600; i += 360) {
            beats.add(Annotation.of(i, io.beatflow.ingest.AnnotationCode.NORMAL));
        }
        Path atr = tmp.resolve("syn.atr");
        io.beatflow.ingest.WfdbAnnotationWriter.write(atr, beats);
        return atr;
    }

    @Test
    void inspectOfADirectorySaysHowToNameARecord() throws Exception {
        CliRun r = CliRun.of("inspect", tmp.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(": a directory, not a record: give a record in it"), r.err());
    }

    /**
     * inspect decodes one lead of a WFDB record (the others only for their checksums), yet lists
     * every lead and still refuses a checksum the last lead's samples do not match.
     */
    @Test
    void inspectListsEveryLeadAndChecksEveryChecksum() throws Exception {
        Signal three = Signal.ofDigital("three", 360, List.of(new Lead("MLII", "mV", 200, 0),
                new Lead("V1", "mV", 100, 5), new Lead("V5", "uV", 400, 0)),
                new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, Integer.MIN_VALUE, null);
        WfdbWriter.write(tmp, three, 16);
        CliRun ok = CliRun.of("inspect", tmp.resolve("three").toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("leads      3") && ok.out().contains("  1  V1           mV   gain 100 adu/mV,"
                + " baseline 5") && ok.out().contains("  2  V5           uV   gain 400 adu/uV"), ok.out());
        Path hea = tmp.resolve("three.hea");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(hea));
        String[] f = lines.get(3).split(" ");
        f[6] = String.valueOf(Integer.parseInt(f[6]) + 1);
        lines.set(3, String.join(" ", f));
        Files.write(hea, lines);
        CliRun bad = CliRun.of("inspect", tmp.resolve("three").toString());
        assertEquals(2, bad.exitCode(), bad.out());
        assertTrue(bad.err().contains("signal 2 (V5): checksum mismatch"), bad.err());
    }

    /**
     * A command working on one lead reads that lead alone (a long many-lead record is not held
     * whole), whether the lead is named or given by index; an index whose name another lead shares
     * reads the record whole and still takes the lead at that index; a name the record lacks is
     * refused with its leads.
     */
    @Test
    void oneLeadIsReadAloneByNameOrIndex() throws Exception {
        Signal two = Signal.ofDigital("two", 360, List.of(new Lead("MLII", "mV", 200, 0), new Lead("V5", "mV", 200, 0)),
                new int[][] {{1, 2, 3}, {4, 5, 6}}, Integer.MIN_VALUE, null);
        WfdbWriter.write(tmp, two, 16);
        java.io.PrintWriter err = new java.io.PrintWriter(new java.io.StringWriter());
        io.beatflow.ingest.CsvReadOptions csv = io.beatflow.ingest.CsvReadOptions.defaults();
        for (String lead : List.of("V5", "v5", "1")) {
            RecordArgs.OneLead v5 = RecordArgs.readLead(tmp.resolve("two"), lead, csv, err);
            assertEquals(1, v5.signal().leadCount(), lead);
            assertEquals(0, v5.index(), lead);
            assertEquals("V5", v5.leadName(), lead);
            assertArrayEquals(new int[] {4, 5, 6}, v5.signal().digital(0), lead);
        }
        RecordArgs.NoSuchLead missing = assertThrows(RecordArgs.NoSuchLead.class,
                () -> RecordArgs.readLead(tmp.resolve("two"), "V1", csv, err));
        assertTrue(missing.getMessage().contains("MLII") && missing.getMessage().contains("V5"), missing.getMessage());
        assertThrows(RecordArgs.NoSuchLead.class, () -> RecordArgs.readLead(tmp.resolve("two"), "2", csv, err));

        Signal same = Signal.ofDigital("same", 360, List.of(new Lead("ECG", "mV", 200, 0), new Lead("ECG", "mV", 200, 0)),
                new int[][] {{1, 2, 3}, {7, 8, 9}}, Integer.MIN_VALUE, null);
        WfdbWriter.write(tmp, same, 16);
        RecordArgs.OneLead second = RecordArgs.readLead(tmp.resolve("same"), "1", csv, err);
        assertEquals(2, second.signal().leadCount());
        assertArrayEquals(new int[] {7, 8, 9}, second.signal().digital(second.index()));

        // an EDF file's signal by index: alone, even where the file's signals have different rates
        float[] ecg = new float[3 * 250];
        for (int i = 0; i < ecg.length; i++) {
            ecg[i] = (i % 250) / 1000f;
        }
        Path edf = EdfTestFiles.mixedRate(tmp.resolve("mixed.edf"), ecg, 250);
        RecordArgs.OneLead first = RecordArgs.readLead(edf, "0", csv, err);
        assertEquals(1, first.signal().leadCount());
        assertEquals("ECG", first.leadName());
        assertEquals(250.0, first.signal().sampleRateHz());
        assertEquals(0.249f, first.signal().physical(0)[249], 1e-6f);
    }

    /**
     * A record with a gap (a null segment of 3600 samples between two copies of the synthetic
     * record, 3 x 10 s) exported as CSV has blank cells; the export says so, detect names --csv-gaps
     * when they are refused, and with it the file reads back as the record, 30 s long.
     */
    @Test
    void anExportWithGapsReadsBackWithCsvGaps() throws Exception {
        syntheticRecord();
        Files.writeString(tmp.resolve("gapped.hea"), "gapped/3 1 360 10800\nsyn 3600\n~ 3600\nsyn 3600\n");
        Path csv = tmp.resolve("gapped.csv");
        CliRun run = CliRun.of("export", "--out", csv.toString(), tmp.resolve("gapped").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("note: 3600 cells are gaps, written blank: commands read the file back with"
                + " --csv-gaps"), run.err());
        assertEquals("10.000000,", Files.readAllLines(csv).get(1 + 3600));
        run = CliRun.of("detect", "--out", tmp.resolve("o").toString(), csv.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(csv + " line 3602, column 'MLII': empty cell;")
                && run.err().contains("--csv-gaps on the command line"), run.err());
        run = CliRun.of("detect", "--csv-gaps", "--out", tmp.resolve("o").toString(), csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(tmp.resolve("o/gapped.qrs")));
        run = CliRun.of("inspect", "--csv-gaps", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("rate       360 Hz") && run.out().contains("0:00:30.000"), run.out());
    }

    /**
     * A CSV record without a time column: the error names --csv-rate, which gives the rate
     * (3600 rows at 360 Hz: 10 s); --csv-time-column picks one of two time-like columns.
     */
    @Test
    void csvRateAndTimeColumnOptionsReadACsvRecord() throws Exception {
        StringBuilder sb = new StringBuilder("MLII\n");
        for (int i = 0; i < 3600; i++) {
            sb.append(i % 360 < 10 ? 1 : 0).append('\n');
        }
        Path plain = tmp.resolve("plain.csv");
        Files.writeString(plain, sb);
        CliRun run = CliRun.of("inspect", plain.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("give the rate with --csv-rate HZ"), run.err());
        run = CliRun.of("inspect", "--csv-rate", "360", plain.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("rate       360 Hz") && run.out().contains("0:00:10.000"), run.out());
        run = CliRun.of("inspect", "--csv-rate", "0", plain.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--csv-rate 0.0: give the sample rate in Hz"), run.err());

        Path two = tmp.resolve("two.csv");
        Files.writeString(two, "time,seconds,MLII\n0,0,1\n1,0.5,2\n2,1,3\n");
        run = CliRun.of("inspect", two.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--csv-time-column NAME"), run.err());
        run = CliRun.of("inspect", "--csv-time-column", "seconds", two.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("rate       2 Hz") && run.out().contains("leads      2"), run.out());
    }

    /** Every command that reads record files takes the CSV options. */
    @Test
    void everyRecordReadingCommandTakesTheCsvOptions() {
        var cl = BeatflowCommand.commandLine();
        for (String command : List.of("inspect", "detect", "export", "classify", "pretrain")) {
            for (String option : List.of("--csv-gaps", "--csv-rate", "--csv-time-column")) {
                assertTrue(cl.getSubcommands().get(command).getCommandSpec().findOption(option) != null,
                        command + " " + option);
            }
        }
    }

    /** A 10 s, 360 Hz single-lead record with a 1 Hz train of narrow pulses, written as WFDB 212. */
    private Path syntheticRecord() throws Exception {
        int n = 3600;
        int[][] adc = new int[1][n];
        for (int i = 0; i < n; i++) {
            int phase = i % 360;
            adc[0][i] = phase < 10 ? 200 * (10 - Math.abs(phase - 5)) / 5 : 0;
        }
        Signal s = Signal.ofDigital("syn", 360, List.of(new Lead("MLII", "mV", 200, 0)), adc, Integer.MIN_VALUE, null);
        WfdbWriter.write(tmp, s, 212);
        return tmp.resolve("syn");
    }
}

package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.testing.ReferenceData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beatflow classify}: beats of any record detected, windowed at the model's rate and classified. */
class ClassifyCommandTest {
    @TempDir
    Path tmp;

    /**
     * A synthetic record at 250 Hz (the model takes 360 Hz windows, so each is resampled) with 10%
     * premature ventricular beats, classified by the shipped model. Against the generator's ground
     * truth: nearly every classified beat lies within 150 ms of a true beat, and the ventricular and
     * normal beats mostly get their class. Each row's class is its highest probability, the
     * probabilities sum to 1, and its time is its sample over the record's rate.
     */
    @Test
    void classifiesASyntheticRecordAtAnotherRate() throws Exception {
        assertEquals(0, CliRun.of("synth", "--out", tmp.toString(), "--rate", "250", "--seconds", "120", "--pvc", "0.1",
                "--seed", "2").exitCode());
        Path out = tmp.resolve("c.csv");
        CliRun r = CliRun.of("classify", "--model", "mitdb-ds1", "--out", out.toString(), tmp.resolve("synth").toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<Long, AnnotationCode> truth = new HashMap<>();
        for (Annotation a : WfdbAnnotationReader.read(tmp.resolve("synth.atr"))) {
            if (a.isBeat()) {
                truth.put(a.sample(), a.code());
            }
        }
        List<String> lines = Files.readAllLines(out);
        assertEquals("record,sample,time_s,class,p_N,p_S,p_V,p_F,p_Q", lines.get(0));
        int rows = lines.size() - 1;
        int matched = 0;
        int v = 0;
        int vRight = 0;
        int n = 0;
        int nRight = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long sample = Long.parseLong(f[1]);
            assertEquals("synth", f[0]);
            assertEquals(sample / 250.0, Double.parseDouble(f[2]), 0.0005, line);
            double sum = 0;
            int best = 0;
            for (int c = 0; c < 5; c++) {
                double p = Double.parseDouble(f[4 + c]);
                sum += p;
                best = p > Double.parseDouble(f[4 + best]) ? c : best;
            }
            assertEquals(1.0, sum, 1e-4, line);
            assertEquals("NSVFQ".substring(best, best + 1), f[3], line);
            AnnotationCode code = null;
            for (long d = -37; d <= 37 && code == null; d++) { // 150 ms at 250 Hz
                code = truth.get(sample + d);
            }
            if (code != null) {
                matched++;
                if (code == AnnotationCode.PVC) {
                    v++;
                    vRight += f[3].equals("V") ? 1 : 0;
                } else if (code == AnnotationCode.NORMAL) {
                    n++;
                    nRight += f[3].equals("N") ? 1 : 0;
                }
            }
        }
        assertTrue(rows >= truth.size() - 3, rows + " rows for " + truth.size() + " beats\n" + r.err());
        assertTrue(matched >= 0.95 * rows, matched + " of " + rows + " rows at a true beat");
        assertTrue(v >= 5 && vRight >= 0.8 * v, vRight + " of " + v + " ventricular beats called V");
        assertTrue(nRight >= 0.9 * n, nRight + " of " + n + " normal beats called N");
        assertTrue(Files.isRegularFile(tmp.resolve("c.model-card.json")), "provenance beside the CSV");
    }

    /**
     * A record longer than one progress piece (here --batch 8: pieces of 128 beats, so a 120 s
     * synthetic record makes two or more) is classified in pieces with its context carried over and
     * a progress line per piece, and gives the very probabilities of one call over the record.
     */
    @Test
    void aLongRecordIsClassifiedInPiecesAsInOneCall() throws Exception {
        assertEquals(0, CliRun.of("synth", "--out", tmp.toString(), "--seconds", "120", "--pvc", "0.1", "--seed", "3")
                .exitCode());
        Path out = tmp.resolve("c.csv");
        CliRun r = CliRun.of("classify", "--model", "mitdb-ds1", "--batch", "8", "--out", out.toString(),
                tmp.resolve("synth").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("synth: 128 of "), r.err());
        List<String> rows = Files.readAllLines(out);
        assertTrue(rows.size() - 1 > 128, "rows " + rows.size());
        io.beatflow.ingest.Signal s = io.beatflow.ingest.WfdbReader.read(tmp.resolve("synth"));
        long[] beats = io.beatflow.ingest.BeatDetectors.detect(s, 0);
        try (io.beatflow.models.Predictor p = new io.beatflow.models.Predictor(io.beatflow.models.ModelBundle.load(
                io.beatflow.models.ModelBundle.resolve("mitdb-ds1")), 8)) {
            io.beatflow.ingest.BeatWindows w = new io.beatflow.ingest.BeatWindower(p.input().windowConfig())
                    .window("synth", s.leads().get(0).name(), s.physical(0), s.sampleRateHz(), beats);
            float[][] once = p.predict(w.windows());
            assertEquals(once.length, rows.size() - 1);
            for (int i = 0; i < once.length; i++) {
                String[] f = rows.get(i + 1).split(",");
                for (int k = 0; k < 5; k++) {
                    assertEquals(String.valueOf(once[i][k]), f[4 + k], "row " + (i + 1));
                }
            }
        }
    }

    /**
     * On MIT-BIH record 119, read as a plain WFDB path, the beats and probabilities are those of
     * {@code predict --beats detected} (the same detector, windows and model), to float rounding.
     */
    @Test
    void agreesWithPredictOnDetectedBeats() throws Exception {
        ReferenceData.assumeMitdb();
        Path c = tmp.resolve("c119.csv");
        Path p = tmp.resolve("p119.csv");
        CliRun rc = CliRun.of("classify", "--model", "mitdb-ds1", "--out", c.toString(),
                ReferenceData.root().resolve("mitdb/119").toString());
        assertEquals(0, rc.exitCode(), rc.err());
        CliRun rp = CliRun.of("predict", "--model", "mitdb-ds1", "--beats", "detected", "--out", p.toString(), "--data",
                ReferenceData.root().toString(), "119");
        assertEquals(0, rp.exitCode(), rp.err());
        List<String> cl = Files.readAllLines(c);
        List<String> pl = Files.readAllLines(p);
        assertEquals(pl.size(), cl.size());
        for (int i = 1; i < pl.size(); i++) {
            String[] a = cl.get(i).split(",");
            String[] b = pl.get(i).split(",");
            assertEquals(b[1], a[1], "sample of row " + i);
            for (int k = 0; k < 5; k++) {
                assertEquals(Double.parseDouble(b[3 + k]), Double.parseDouble(a[4 + k]), 1e-6, "row " + i);
            }
        }
    }

    @Test
    void unknownLeadIsNamedWithTheLeadsThatExist() {
        assertEquals(0, CliRun.of("synth", "--out", tmp.toString(), "--seconds", "20").exitCode());
        CliRun r = CliRun.of("classify", "--model", "mitdb-ds1", "--out", tmp.resolve("c.csv").toString(), "--lead",
                "V9", tmp.resolve("synth").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("V9") && r.err().contains("MLII"), r.err());
        assertTrue(!Files.exists(tmp.resolve("c.csv")) && !Files.exists(tmp.resolve("c.csv.partial")), "nothing left");
    }

    /** Without --lead, a record lacking the model's lead is refused with the leads it has and how to choose one. */
    @Test
    void recordWithoutTheModelsLeadSaysHowToChooseOne() throws Exception {
        Path csv = Files.writeString(tmp.resolve("ecg.csv"), "time,ECG1\n0,0.1\n0.004,0.2\n0.008,0.1\n");
        CliRun r = CliRun.of("classify", "--model", "mitdb-ds1", "--out", tmp.resolve("c.csv").toString(), csv.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("ECG1") && r.err().contains("--lead"), r.err());
    }
    /** The recording and the model are never written over, and two records of one name are refused, before any work. */
    @Test
    void classifyRefusesOutputsThatAreInputsAndRecordsOfOneName() throws Exception {
        Path csv = Files.writeString(tmp.resolve("ecg.csv"), "time,MLII\n0,0.1\n0.004,0.2\n0.008,0.1\n");
        byte[] before = Files.readAllBytes(csv);
        CliRun r = CliRun.of("classify", "--model", "mitdb-ds1", "--out", csv.toString(), csv.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("is an input of this command"), r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(csv)), "the recording is untouched");
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.copy(csv, other.resolve("ecg.csv"));
        r = CliRun.of("classify", "--model", "mitdb-ds1", "--out", tmp.resolve("c.csv").toString(), csv.toString(),
                other.resolve("ecg.csv").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("are both record 'ecg'"), r.err());
    }
}

package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code beatflow evaluate} end to end on generated predictions files. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    /** A predictions file: 6 records x 120 beats, classes in MIT-BIH-like shares, informative scores. */
    private Path predictions(String name, long seed, double noise) throws IOException {
        Random r = new Random(seed);
        Random labelsRng = new Random(1);
        StringBuilder s = new StringBuilder("record,sample,label,p_N,p_S,p_V,p_F,p_Q,model\n");
        String[] cls = {"N", "S", "V", "F", "Q"};
        for (int rec = 0; rec < 6; rec++) {
            for (int b = 0; b < 120; b++) {
                double u = labelsRng.nextDouble();
                int c = u < 0.7 ? 0 : u < 0.8 ? 1 : u < 0.9 ? 2 : u < 0.96 ? 3 : 4;
                double[] p = new double[5];
                double sum = 0;
                for (int j = 0; j < 5; j++) {
                    p[j] = Math.exp(noise * r.nextGaussian() + (j == c ? 1.5 : 0));
                    sum += p[j];
                }
                s.append(200 + rec).append(',').append(300 * b + 17).append(',').append(cls[c]);
                for (int j = 0; j < 5; j++) {
                    s.append(',').append(String.format(Locale.ROOT, "%.6f", p[j] / sum));
                }
                s.append(",").append(name).append('\n');
            }
        }
        return Files.writeString(dir.resolve(name + ".csv"), s.toString(), StandardCharsets.UTF_8);
    }

    private int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = BeatflowCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void writesReportJsonAndCsvForTwoModels() throws IOException {
        Path a = predictions("cnn", 1, 1.0);
        Path b = predictions("lstm", 2, 1.6);
        Path out = dir.resolve("report");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = execute(o, e, "evaluate", "--predictions", a.toString(), b.toString(), "--out", out.toString(),
                "--replicates", "200");
        assertEquals(0, status, e.toString());
        for (String f : new String[] {"report.html", "evaluation.json", "metrics.csv", "confusion.csv",
            "per_record.csv", "curves.csv", "comparisons.csv"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String json = Files.readString(out.resolve("evaluation.json"));
        assertTrue(json.contains("\"model\" : \"cnn\"") && json.contains("\"model\" : \"lstm\""), "both models");
        assertTrue(json.contains("\"auroc_ci\" : [") && json.contains("\"macro_f1\" :"), "documented keys");
        assertEquals(6, Files.readAllLines(out.resolve("comparisons.csv")).size(), "header + 5 classes");
        assertTrue(o.toString().contains("cnn: 720 beats, 6 records"), o.toString());
    }

    /** Records that trained the model, by its card, are named on standard error and in the report. */
    @Test
    void recordsTheModelWasTrainedOnAreNamed() throws IOException {
        Path a = predictions("cnn", 1, 1.0);
        Path card = Files.writeString(dir.resolve("card.json"),
                "{\"data\":{\"trainingRecords\":[\"201\",\"203\",\"101\"],\"validationRecords\":[\"204\"]}}");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = execute(o, e, "evaluate", "--predictions", a.toString(), "--model-card", card.toString(), "--out",
                dir.resolve("r").toString(), "--replicates", "100");
        assertEquals(0, status, e.toString());
        String said = "3 of the 6 records scored (201, 203, 204) trained or validated this model, or pretrained its encoder, by its card";
        assertTrue(e.toString().contains("warning: cnn: " + said), e.toString());
        assertTrue(Files.readString(dir.resolve("r/evaluation.json")).contains("Warning: " + said), "in the methods");
    }

    @Test
    void badFileExitsWithStatus2NamingFileAndLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("unknown-class.csv"),
                "record,sample,label,p_N,p_S,p_V,p_F,p_Q\n100,5,N,1,0,0,0,0\n100,9,Z,1,0,0,0,0\n");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = execute(o, e, "evaluate", "--predictions", bad.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, status);
        assertTrue(e.toString().contains("unknown-class.csv line 3: unknown class 'Z'"), e.toString());
    }
    /** Two files of one name would be two models of one name: refused before any work, and --name settles it. */
    /** Bad options are refused before any predictions file is read (here one that is not there). */
    @Test
    void optionsAreCheckedBeforeTheFilesAreRead() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = execute(o, e, "evaluate", "--predictions", dir.resolve("absent.csv").toString(), "--out",
                dir.resolve("r").toString(), "--replicates", "10");
        assertEquals(2, status);
        assertTrue(e.toString().contains("replicates must be >= 100, got 10"), e.toString());
    }

    @Test
    void filesOfOneNameNeedNames() throws IOException {
        Path a = predictions("cnn", 1, 1.0);
        Path other = Files.createDirectories(dir.resolve("other"));
        Path b = Files.copy(a, other.resolve("cnn.csv"));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = execute(o, e, "evaluate", "--predictions", a.toString(), b.toString(), "--out",
                dir.resolve("r").toString(), "--replicates", "100");
        assertEquals(2, status);
        assertTrue(e.toString().contains("would both be reported as model 'cnn': give each a name with --name"), e.toString());
        assertEquals(0, execute(o, e, "evaluate", "--predictions", a.toString(), b.toString(), "--name", "cnn", "cnn2",
                "--out", dir.resolve("r").toString(), "--replicates", "100"), e.toString());
    }

    /** A bad model card is refused before the bootstrap, and an earlier report in --out is left whole. */
    @Test
    void aBadModelCardLeavesAnEarlierReportWhole() throws IOException {
        Path a = predictions("cnn", 1, 1.0);
        Path out = dir.resolve("report");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertEquals(0, execute(o, e, "evaluate", "--predictions", a.toString(), "--out", out.toString(), "--replicates", "100"),
                e.toString());
        byte[] html = Files.readAllBytes(out.resolve("report.html"));
        byte[] json = Files.readAllBytes(out.resolve("evaluation.json"));
        for (String card : new String[] {"{\"a\":1", "[1,2]", "\u00ff\u00fe{}"}) {
            // the last one in Latin-1: bytes FF FE, not UTF-8
            Path c = Files.write(dir.resolve("card.json"), card.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            StringWriter err = new StringWriter();
            int status = execute(o, err, "evaluate", "--predictions", a.toString(), "--model-card", c.toString(),
                    "--out", out.toString(), "--replicates", "100");
            assertEquals(2, status);
            assertTrue(err.toString().contains("--model-card " + c + " (model cnn): "
                    + (card.startsWith("\u00ff") ? "not UTF-8 text" : "model card")), err.toString());
        }
        assertArrayEquals(html, Files.readAllBytes(out.resolve("report.html")));
        assertArrayEquals(json, Files.readAllBytes(out.resolve("evaluation.json")));
    }

    @Test
    void aDirectoryGivenAsPredictionsIsNamed() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertEquals(2, execute(o, e, "evaluate", "--predictions", dir.toString(), "--out", dir.resolve("r").toString()));
        assertTrue(e.toString().contains(dir + ": a directory, not a predictions CSV file"), e.toString());
    }
}

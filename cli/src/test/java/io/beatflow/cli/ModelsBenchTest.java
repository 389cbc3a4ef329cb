package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beatflow.models.CnnConfig;
import io.beatflow.models.InputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beatflow bench models} on the CNN with one tiny pass: its row, its card and its figures file. */
class ModelsBenchTest {
    @TempDir
    Path dir;

    /**
     * Trainable parameters of the residual CNN, counted layer by layer (weights plus biases):
     * convolution {@code in*out*k + out}, dense {@code in*out + out}; the embedding is the average
     * and the maximum of the last stage's channels.
     */
    static long cnnParameters(CnnConfig c, int channels, int rrInputs) {
        int k = c.kernelSize();
        long n = (long) channels * c.stemChannels() * k + c.stemChannels();
        int in = c.stemChannels();
        for (int out : c.stageChannels()) {
            n += (long) in * out * k + out + (long) out * out * k + out;
            if (out != in) {
                n += (long) in * out + out;
            }
            in = out;
        }
        int hidden = c.head().hiddenUnits();
        return n + (long) (2 * in + rrInputs) * hidden + hidden + (long) hidden * c.head().classes()
                + c.head().classes();
    }

    /**
     * The count for one input channel and six RR values, by hand (the stem's stride adds no
     * parameter): stem 1*16*5+16 = 96; stage 0: two 16-16 k5 convolutions, 2*1296; stage 1: 16-32 k5
     * 2592, 32-32 k5 5152, 1x1 projection 16*32+32 = 544; stage 2: 32-64 k5 10304, 64-64 k5 20544,
     * projection 32*64+64 = 2112; dense (2*64+6)*64+64 = 8640; output 64*5+5 = 325. Sum 52,901.
     * The stride-1, kernel-7 CNN of bundle formats 1 and 2: stem 128, stage 0 2*1808, stage 1
     * 3616 + 7200 + 544, stage 2 14400 + 28736 + 2112, head 8640 + 325; sum 69,317.
     */
    @Test
    void parameterFormulaAgreesWithTheHandCount() {
        assertEquals(52_901, cnnParameters(CnnConfig.defaults(InputSpec.mitBih256()), 1, 6));
        assertEquals(69_317, cnnParameters(new CnnConfig(InputSpec.mitBih256(), 16, 1, java.util.List.of(16, 32, 64), 7,
                io.beatflow.models.HeadConfig.aami()), 1, 6));
    }

    /** The row, the card and the figures file agree with the parameter formula for the input shape reported. */
    @Test
    void cnnRowCardAndFiguresFile() throws Exception {
        Path out = dir.resolve("configs");
        CliRun r = CliRun.of("bench", "models", "--arch", "cnn", "--batch", "8", "--repeats", "1", "--warmup", "0",
                "--threads", "1", "--config-out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> tsv = Files.readAllLines(out.resolve(ModelsBench.RESULTS_FILE));
        assertEquals(2, tsv.size(), tsv.toString());
        assertEquals("arch\tparams\tchannels\twindow_samples\trr_inputs\tbatch\tinfer_beats_per_s\ttrain_beats_per_s"
                + "\tworkers\tinfer_workers_beats_per_s", tsv.get(0));
        String[] f = tsv.get(1).split("\t");
        int channels = Integer.parseInt(f[2]);
        int rr = Integer.parseInt(f[4]);
        long params = cnnParameters(CnnConfig.defaults(InputSpec.mitBih256()), channels, rr);
        assertEquals(List.of("cnn", Long.toString(params), "256", "8", "1", f[6]),
                List.of(f[0], f[1], f[3], f[5], f[8], f[9]));

        Matcher row = Pattern.compile("(?m)^cnn\\s+" + channels + "x256\\+" + rr + "\\s+" + params
                + "\\s+([0-9.]+)\\s+([0-9]+)\\s+([0-9.]+)\\s+([0-9]+)\\s*$").matcher(r.out());
        assertTrue(row.find(), r.out());
        assertTrue(Double.parseDouble(row.group(2)) > 0 && Double.parseDouble(row.group(4)) > 0, r.out());
        assertTrue(r.out().contains("backend: cpu (nd4j-native"), r.out());
        assertTrue(r.out().contains("cnn Predictor.predict end to end (8 windows per call"), r.out());

        JsonNode card = new ObjectMapper().readTree(out.resolve("cnn.json").toFile());
        assertEquals("cnn", card.at("/model/architecture").asText());
        assertEquals(params, card.get("parameters").asLong());
        assertEquals(List.of(16, 32, 64), List.of(card.at("/model/stageChannels/0").asInt(),
                card.at("/model/stageChannels/1").asInt(), card.at("/model/stageChannels/2").asInt()));
    }

    /** With workers, each row has the side-by-side figure, and the Predictor is timed with one worker and with W. */
    @Test
    void workersAreTimedSideBySide() throws Exception {
        Path out = dir.resolve("configs");
        CliRun r = CliRun.of("bench", "models", "--arch", "cnn", "--batch", "8", "--repeats", "1", "--warmup", "0",
                "--threads", "2", "--workers", "2", "--config-out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Matcher row = Pattern.compile("(?m)^cnn\\s+\\S+\\s+[0-9]+\\s+[0-9.]+\\s+[0-9]+\\s+([0-9]+)\\s+[0-9.]+\\s+[0-9]+\\s*$")
                .matcher(r.out());
        assertTrue(row.find(), r.out());
        assertTrue(Double.parseDouble(row.group(1)) > 0, r.out());
        assertTrue(r.out().contains("infer 2x beats/s"), r.out());
        assertTrue(r.out().contains("cnn Predictor.predict end to end with 1 worker (64 windows per call"), r.out());
        assertTrue(r.out().contains("cnn Predictor.predict end to end with 2 workers (64 windows per call"), r.out());
        String[] f = Files.readAllLines(out.resolve(ModelsBench.RESULTS_FILE)).get(1).split("\t");
        assertEquals("2", f[8]);
        assertEquals(Double.parseDouble(row.group(1)), Double.parseDouble(f[9]), 1.0);

        CliRun bad = CliRun.of("bench", "models", "--arch", "cnn", "--workers", "0");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--workers must be >= 1, got 0"), bad.err());
    }

    @Test
    void unknownArchitectureIsRefused() {
        CliRun r = CliRun.of("bench", "models", "--arch", "mlp", "--repeats", "1");
        assertTrue(r.exitCode() != 0);
        assertTrue(r.err().contains("unknown architecture 'mlp'"), r.err());
    }
}

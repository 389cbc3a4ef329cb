package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.ingest.testing.ReferenceData;
import io.beatflow.models.BeatClassifierTrainer;
import io.beatflow.models.CnnConfig;
import io.beatflow.models.HeadConfig;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beatflow predict} on MIT-BIH record 100 with a small (barely trained) model. */
class PredictCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static BeatDataset smallData;
    static BeatDataset noData;
    static TrainingConfig smallTraining;
    static CnnConfig smallConfig;

    @BeforeAll
    static void smallModel() throws Exception {
        smallData = SmallModels.noiseBeats();
        noData = SmallModels.noBeats();
        smallTraining = SmallModels.oneEpoch();
        smallConfig = SmallModels.tinyCnn(InputSpec.mitBih256());
        model = dir.resolve("small.zip");
        new BeatClassifierTrainer(s -> { }, null).train(smallConfig, smallTraining, smallData, noData, "synthetic",
                "none", "256").bundle().save(model);
    }

    /**
     * experts joins a context model and a relative-input S expert into one bundle that loads and that
     * model-info describes, and refuses a malformed --expert and an expert of another input.
     */
    @Test
    void expertsJoinsABaseModelAndAnSExpert() throws Exception {
        CnnConfig context = SmallModels.tinyCnn(InputSpec.mitBih256Context());
        CnnConfig relative = SmallModels.tinyCnn(InputSpec.mitBih256ContextRelative());
        Path base = dir.resolve("ctx.zip");
        Path rel = dir.resolve("rel.zip");
        new BeatClassifierTrainer(s -> { }, null).train(context, smallTraining, smallData, noData, "synthetic", "none",
                "256").bundle().save(base);
        new BeatClassifierTrainer(s -> { }, null).train(relative, smallTraining, smallData, noData, "synthetic", "none",
                "256").bundle().save(rel);
        Path out = dir.resolve("experts.zip");
        CliRun r = CliRun.of("experts", "--base", base.toString(), "--expert", "S=" + rel, "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("experts [S (cnn)]"), r.out());
        assertTrue(ModelBundle.load(out).card().hasExperts());
        CliRun info = CliRun.of("model-info", "--model", out.toString());
        assertTrue(info.out().contains("class expert for S: cnn") && info.out().contains("no raw-window channel"),
                info.out());
        CliRun bad = CliRun.of("experts", "--base", base.toString(), "--expert", "S", "--out", out.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--expert 'S': expected CLASS=BUNDLE"), bad.err());
        CliRun other = CliRun.of("experts", "--base", base.toString(), "--expert", "S=" + model, "--out",
                dir.resolve("x.zip").toString());
        assertEquals(2, other.exitCode());
        assertTrue(other.err().contains("neither the base model's"), other.err());
    }

    /** ensemble combines models trained alike, with or without a rule, and refuses what cannot be combined. */
    @Test
    void ensembleCombinesModelsTrainedAlike() throws Exception {
        Path second = dir.resolve("small-seed-2.zip");
        new BeatClassifierTrainer(s -> { }, null).train(smallConfig, smallTraining.withSeed(2), smallData, noData,
                "synthetic", "none", "256").bundle().save(second);
        Path decision = Files.writeString(dir.resolve("ens-decision.json"), "{\"decision\": {\"logOffsets\": {\"S\":"
                + " 0.5}, \"chosenBy\": \"a test\", \"evidence\": {}}}");
        Path out = dir.resolve("ensemble.zip");
        CliRun r = CliRun.of("ensemble", "--out", out.toString(), "--decision", decision.toString(), model.toString(),
                second.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("2 cnn models (seeds [1, 2])"), r.out());
        ModelBundle e = ModelBundle.load(out);
        assertEquals(2, e.card().members().size());
        assertEquals(0.5, e.card().decision().logOffsets().get("S"));
        CliRun self = CliRun.of("ensemble", "--out", model.toString(), model.toString(), second.toString());
        assertEquals(2, self.exitCode(), self.err());
        assertTrue(self.err().contains("is one of the models"), self.err());
        CliRun nested = CliRun.of("ensemble", "--out", dir.resolve("nested.zip").toString(), out.toString(),
                model.toString());
        assertEquals(2, nested.exitCode(), nested.err());
        assertTrue(nested.err().contains("member 1 of 2 is itself an ensemble"), nested.err());
        CliRun one = CliRun.of("ensemble", "--out", dir.resolve("one.zip").toString(), model.toString());
        assertEquals(2, one.exitCode(), one.err());
    }

    /** cross-validate's ensemble options are checked before any data is read. */
    @Test
    void crossValidateSeedsAreChecked() {
        CliRun both = CliRun.of("cross-validate", "--out", dir.resolve("cv").toString(), "--seed", "1", "--seeds", "1,2");
        assertEquals(2, both.exitCode(), both.err());
        assertTrue(both.err().contains("--seed and --seeds together"), both.err());
        CliRun one = CliRun.of("cross-validate", "--out", dir.resolve("cv").toString(), "--seeds", "3");
        assertEquals(2, one.exitCode(), one.err());
        assertTrue(one.err().contains("--seeds needs two or more different seeds, got [3]"), one.err());
        CliRun same = CliRun.of("cross-validate", "--out", dir.resolve("cv").toString(), "--seeds", "3,3");
        assertEquals(2, same.exitCode(), same.err());
    }

    /** set-decision writes a copy whose card carries the rule; 'none' removes it; the input is never overwritten. */
    @Test
    void setDecisionCopiesTheBundleWithTheRule() throws Exception {
        Path decision = Files.writeString(dir.resolve("decision.json"), "{\"decision\": {\"logOffsets\": {\"S\": 0.5,"
                + " \"F\": 1.5}, \"chosenBy\": \"a test\", \"evidence\": {}}}");
        Path out = dir.resolve("decided.zip");
        CliRun r = CliRun.of("set-decision", "--model", model.toString(), "--decision", decision.toString(), "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        io.beatflow.models.ModelBundle b = io.beatflow.models.ModelBundle.load(out);
        assertEquals(java.util.Map.of("S", 0.5, "F", 1.5), b.card().decision().logOffsets());
        assertEquals(io.beatflow.models.ModelBundle.load(model).card().weightsSha256(), b.card().weightsSha256());
        Path cleared = dir.resolve("cleared.zip");
        assertEquals(0, CliRun.of("set-decision", "--model", out.toString(), "--decision", "none", "--out",
                cleared.toString()).exitCode());
        assertTrue(io.beatflow.models.ModelBundle.load(cleared).card().decision().shiftsNothing());
        CliRun same = CliRun.of("set-decision", "--model", model.toString(), "--decision", "none", "--out",
                model.toString());
        assertEquals(2, same.exitCode(), same.err());
        assertTrue(same.err().contains("is an input of this command"), same.err());
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"decision\": {\"logOffsets\": {\"X\": 1}}}");
        CliRun unknown = CliRun.of("set-decision", "--model", model.toString(), "--decision", bad.toString(), "--out",
                dir.resolve("x.zip").toString());
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertTrue(unknown.err().contains("class X"), unknown.err());
        // the decision file is an input too: --out may not overwrite it
        String text = Files.readString(decision);
        CliRun over = CliRun.of("set-decision", "--model", model.toString(), "--decision", decision.toString(), "--out",
                decision.toString());
        assertEquals(2, over.exitCode(), over.err());
        assertTrue(over.err().contains("is an input of this command"), over.err());
        assertEquals(text, Files.readString(decision));
        // an offset no fit gives, which would overflow to NaN probabilities, is refused
        Path huge = Files.writeString(dir.resolve("huge.json"), "{\"decision\": {\"logOffsets\": {\"S\": 1e308}}}");
        CliRun big = CliRun.of("set-decision", "--model", model.toString(), "--decision", huge.toString(), "--out",
                dir.resolve("y.zip").toString());
        assertEquals(2, big.exitCode(), big.err());
        assertTrue(big.err().contains("offset of class S is 1.0E308; beyond +-50"), big.err());
        // a rule that says it was fitted for other models is refused; one fitted for this kind is taken
        String input = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(smallConfig.input());
        Path other = Files.writeString(dir.resolve("other.json"), "{\"decision\": {\"logOffsets\": {\"S\": 0.5}},"
                + " \"fittedFor\": {\"architecture\": \"bilstm\", \"input\": " + input + ", \"ensemble\": true}}");
        CliRun refused = CliRun.of("set-decision", "--model", model.toString(), "--decision", other.toString(), "--out",
                dir.resolve("z.zip").toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("was fitted for other models than this one (architecture bilstm against cnn;"
                + " an ensemble (cross-validate --seeds) against one network; the rule's first)"), refused.err());
        Path fitting = Files.writeString(dir.resolve("same.json"), "{\"decision\": {\"logOffsets\": {\"S\": 0.5}},"
                + " \"fittedFor\": {\"architecture\": \"cnn\", \"input\": " + input + ", \"ensemble\": false}}");
        CliRun taken = CliRun.of("set-decision", "--model", model.toString(), "--decision", fitting.toString(), "--out",
                dir.resolve("w.zip").toString());
        assertEquals(0, taken.exitCode(), taken.err());
        assertFalse(taken.err().contains("warning"), taken.err());
        // a rule that records nothing of what it was fitted for is taken, with a warning that says so
        Path unrecorded = Files.writeString(dir.resolve("old.json"), "{\"decision\": {\"logOffsets\": {\"S\": 0.5},"
                + " \"chosenBy\": \"fold files of another run\"}}");
        CliRun warned = CliRun.of("set-decision", "--model", model.toString(), "--decision", unrecorded.toString(),
                "--out", dir.resolve("v.zip").toString());
        assertEquals(0, warned.exitCode(), warned.err());
        assertTrue(warned.err().contains("warning: --decision " + unrecorded + " does not record which models it was"
                + " fitted for"), warned.err());
        assertTrue(warned.err().contains("cannot be checked against this cnn network; it says it was chosen by: fold"
                + " files of another run"), warned.err());
    }

    /** set-baseline writes a copy whose input high-passes the lead; model-info names it; 0 removes it. */
    @Test
    void setBaselineCopiesTheBundleWithTheHighPass() throws Exception {
        Path out = dir.resolve("high-pass.zip");
        CliRun r = CliRun.of("set-baseline", "--model", model.toString(), "--high-pass", "0.5", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("causal high-pass at 0.5 Hz"), r.out());
        io.beatflow.models.ModelBundle b = io.beatflow.models.ModelBundle.load(out);
        assertEquals(0.5, b.card().input().baselineHighPassHz());
        assertEquals(io.beatflow.models.ModelBundle.load(model).card().weightsSha256(), b.card().weightsSha256());
        CliRun info = CliRun.of("model-info", "--model", out.toString());
        assertTrue(info.out().contains("the lead first passes a causal high-pass at 0.5 Hz (Butterworth, order 2)"),
                info.out());
        Path plain = dir.resolve("plain.zip");
        assertEquals(0, CliRun.of("set-baseline", "--model", out.toString(), "--high-pass", "0", "--out",
                plain.toString()).exitCode());
        assertEquals(io.beatflow.models.ModelBundle.load(model).card().input(),
                io.beatflow.models.ModelBundle.load(plain).card().input());
        CliRun bad = CliRun.of("set-baseline", "--model", model.toString(), "--high-pass", "40", "--out",
                dir.resolve("y.zip").toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--high-pass") && bad.err().contains("40"), bad.err());
        CliRun same = CliRun.of("set-baseline", "--model", model.toString(), "--high-pass", "0.5", "--out",
                model.toString());
        assertEquals(2, same.exitCode(), same.err());
        assertTrue(same.err().contains("is an input of this command"), same.err());
    }

    @Test
    void referenceBeatsOfRecord100() throws Exception {
        ReferenceData.assumeMitdb();
        Path out = dir.resolve("p100.csv");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--out", out.toString(), "--data",
                ReferenceData.root().toString(), "100");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("record,sample,label,p_N,p_S,p_V,p_F,p_Q", lines.get(0));
        // PhysioNet's table of record 100: 2273 beats, 2239 N, 33 A (AAMI S), 1 V. At most the first
        // and the last beat lie too close to the record's edges for a 90 + 166 sample window.
        int rows = lines.size() - 1;
        assertTrue(rows >= 2271 && rows <= 2273, rows + " rows");
        assertTrue(rows == 2273 || r.err().contains((2273 - rows) + " of the 2273 reference beats lie too near an end"
                + " of their record"), r.err());
        assertEquals(33, lines.stream().filter(s -> s.split(",")[2].equals("S")).count());
        assertEquals(1, lines.stream().filter(s -> s.split(",")[2].equals("V")).count());
        String[] f = lines.get(1).split(",");
        double sum = 0;
        for (int i = 3; i < 8; i++) {
            sum += Double.parseDouble(f[i]);
        }
        assertEquals(1.0, sum, 1e-4, lines.get(1));
        assertTrue(r.err().contains("macro F1"), r.err());
        // the provenance beside it: the bundle's own card, and how and on what backend it ran
        var card = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("p100.model-card.json").toFile());
        assertEquals(ModelBundle.load(model).card().weightsSha256(), card.path("weightsSha256").asText());
        var inference = card.path("inference");
        assertEquals(model.toString(), inference.path("model").asText());
        assertTrue(inference.path("backend").asText().startsWith("cpu"), inference.toString());
        assertEquals("reference", inference.path("beats").asText());
        assertEquals("100", inference.path("records").path(0).asText());
        assertEquals(256, inference.path("maxBatch").asInt());
        assertEquals(1, inference.path("workers").asInt());
    }

    @Test
    void detectedBeatsOfRecord100() throws Exception {
        ReferenceData.assumeMitdb();
        Path out = dir.resolve("d100.csv");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--beats", "detected", "--out", out.toString(),
                "--data", ReferenceData.root().toString(), "100");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("record,sample,label,p_N,p_S,p_V,p_F,p_Q", lines.get(0));
        assertTrue(r.err().contains("false detections"), r.err());
        // record 100 is clean: a working detector finds nearly every one of its 2273 beats
        assertTrue(lines.size() - 1 > 2200, (lines.size() - 1) + " rows");
    }

    @Test
    void builtInModelClassifiesRecord119() throws Exception {
        ReferenceData.assumeMitdb();
        Path out = dir.resolve("p119.csv");
        CliRun r = CliRun.of("predict", "--model", "mitdb-ds1", "--out", out.toString(), "--data",
                ReferenceData.root().toString(), "119");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("record,sample,label,p_N,p_S,p_V,p_F,p_Q", lines.get(0));
        // PhysioNet's table of record 119: 1987 beats, 1543 N and 444 V
        assertEquals(444, lines.stream().filter(s -> s.split(",")[2].equals("V")).count());
        assertTrue(r.err().contains("model mitdb-ds1: cnn"), r.err());
        // 119 is a DS1 record, which trained mitdb-ds1
        assertTrue(r.err().contains("warning: 1 of the 1 records scored (119) trained or validated this model"), r.err());
        // workers score batches side by side with the same probabilities, so the file is the same
        Path three = dir.resolve("p119-3.csv");
        CliRun w = CliRun.of("predict", "--model", "mitdb-ds1", "--workers", "3", "--out", three.toString(), "--data",
                ReferenceData.root().toString(), "119");
        assertEquals(0, w.exitCode(), w.err());
        assertTrue(w.err().contains("3 workers"), w.err());
        assertEquals(lines, Files.readAllLines(three));
        CliRun none = CliRun.of("predict", "--model", "mitdb-ds1", "--workers", "0", "--out", three.toString(), "119");
        assertEquals(2, none.exitCode(), none.err());
        assertTrue(none.err().contains("--workers must be >= 1, got 0"), none.err());
    }

    @Test
    void unknownRecordIsNamed() {
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--out", dir.resolve("x.csv").toString(), "999");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown MIT-BIH record '999'"), r.err());
    }

    @Test
    void damagedModelIsReportedWithoutATrace() throws Exception {
        Path bad = dir.resolve("bad.zip");
        Files.writeString(bad, "not a bundle");
        CliRun r = CliRun.of("predict", "--model", bad.toString(), "--out", dir.resolve("y.csv").toString(), "100");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("bad.zip: not a model bundle"), r.err());
    }

    @Test
    void trainRefusesAnUnknownArchitecture() {
        CliRun r = CliRun.of("train", "--arch", "gru", "--out", dir.resolve("z.zip").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown architecture 'gru'"), r.err());
    }

    /**
     * train --encoder refuses, before reading any data, a model that is not one network and a model
     * whose encoder differs from the one asked for, saying what differs.
     */
    @Test
    void trainRefusesAnEncoderItCannotCarryOn() {
        CliRun experts = CliRun.of("train", "--encoder", "mitdb-ds1", "--out", dir.resolve("z.zip").toString());
        assertEquals(2, experts.exitCode());
        assertTrue(experts.err().contains("must be one network") && experts.err().contains("an ensemble of 3"),
                experts.err());
        // the small model has the plain input and its own channels; train's default is the context input
        CliRun other = CliRun.of("train", "--encoder", model.toString(), "--out", dir.resolve("z.zip").toString(),
                "--data", dir.resolve("no-data").toString());
        assertEquals(2, other.exitCode());
        assertTrue(other.err().contains("does not have the encoder of the model it starts from"), other.err());
        CliRun frozen = CliRun.of("train", "--freeze-encoder", "--out", dir.resolve("z.zip").toString());
        assertEquals(2, frozen.exitCode());
        assertTrue(frozen.err().contains("--freeze-encoder: needs --encoder FILE"), frozen.err());
        CliRun staged = CliRun.of("train", "--freeze-encoder-epochs", "2", "--out", dir.resolve("z.zip").toString());
        assertEquals(2, staged.exitCode());
        assertTrue(staged.err().contains("--freeze-encoder-epochs 2: needs --encoder FILE"), staged.err());
        CliRun both = CliRun.of("train", "--encoder", model.toString(), "--freeze-encoder", "--freeze-encoder-epochs", "2",
                "--out", dir.resolve("z.zip").toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("give one of the two"), both.err());
        assertFalse(Files.exists(dir.resolve("z.zip")));
    }
    /** Refused before the model loads or any record is read: the output is an input, a record twice, a directory as the model. */
    @Test
    void predictRefusesOutputsThatAreInputsAndRecordsGivenTwice() throws Exception {
        byte[] bundle = Files.readAllBytes(model);
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--out", model.toString(), "100");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("is an input of this command"), r.err());
        assertTrue(java.util.Arrays.equals(bundle, Files.readAllBytes(model)), "the bundle is untouched");
        r = CliRun.of("predict", "--model", model.toString(), "--out", dir.resolve("twice.csv").toString(), "DS1", "101");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("record 101 is given twice (by 'DS1' and by '101')"), r.err());
        r = CliRun.of("predict", "--model", dir.toString(), "--out", dir.resolve("d.csv").toString(), "100");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("a directory, not a model bundle"), r.err());
        r = CliRun.of("predict", "--model", model.toString(), "--out", dir.resolve("p.csv").toString(), "my/100");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("use beatflow classify"), r.err());
    }

    /** MIT-BIH records 102 and 104 have no MLII (paced records, leads V5 and V2): the MLII model refuses them. */
    @Test
    void aRecordWithoutTheModelsLeadIsRefused() throws Exception {
        ReferenceData.assumeMitdb();
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--out", dir.resolve("p102.csv").toString(), "--data",
                ReferenceData.root().toString(), "102");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("record 102 has no lead MLII (its leads are [V5, V2])"), r.err());
    }

    /** A fold file cut short inside a record is refused, naming the record and its beats. */
    @Test
    void aFoldFileWithoutEveryBeatIsRefused() throws Exception {
        Path csv = Files.writeString(dir.resolve("fold-0.csv"), "record,sample,label,p_N,p_S,p_V,p_F,p_Q\n"
                + "101,100,N,0.9,0.05,0.05,0,0\n101,400,N,0.9,0.05,0.05,0,0\n106,100,V,0.1,0,0.9,0,0\n");
        io.beatflow.eval.Predictions p = io.beatflow.eval.PredictionsReader.read(csv);
        CrossValidateCommand.checkFoldBeats(csv, p, java.util.Map.of("101", 2, "106", 1));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CrossValidateCommand.checkFoldBeats(csv, p, java.util.Map.of("101", 2, "106", 3)));
        assertTrue(e.getMessage().contains("does not hold every reference beat of 106 (1 of 3)"), e.getMessage());
    }

    /** A fold model is reused by cross-validate only if this run would train it alike; otherwise the setting is named. */
    @Test
    void aFoldModelOfOtherOptionsIsRefused() throws Exception {
        CrossValidateCommand.checkFoldModel(model, smallConfig, smallTraining);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CrossValidateCommand.checkFoldModel(model, smallConfig, smallTraining.withSeed(99)));
        assertTrue(e.getMessage().contains("training seed " + smallTraining.seed() + " against 99"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CrossValidateCommand.checkFoldModel(model, smallConfig.withHead(
                        new HeadConfig(8, 0, HeadConfig.AAMI)), smallTraining));
        assertTrue(e.getMessage().contains("model head.hiddenUnits 4 against 8"), e.getMessage());
        // the data too: noise copies (named in the split text) and a pretrained encoder
        CrossValidateCommand.checkFoldModel(model, smallConfig, smallTraining, "none", false);
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CrossValidateCommand.checkFoldModel(model, smallConfig, smallTraining,
                        "none, with noise copies [ma:12]", false));
        assertTrue(e.getMessage().contains("(noise copies, --noise-copies)"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CrossValidateCommand.checkFoldModel(model, smallConfig, smallTraining, "none", true));
        assertTrue(e.getMessage().contains("where this run pretrains it (--pretrain)"), e.getMessage());
    }
}

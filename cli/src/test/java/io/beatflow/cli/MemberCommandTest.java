package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.ingest.testing.ReferenceData;
import io.beatflow.models.BeatClassifierTrainer;
import io.beatflow.models.CnnConfig;
import io.beatflow.models.DecisionRule;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelCard;
import io.beatflow.models.Predictor;
import io.beatflow.models.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beatflow member}: one network of an ensemble, or of a class expert's ensemble, as a bundle of its own. */
class MemberCommandTest {
    @TempDir
    static Path dir;
    static BeatDataset data;
    /** Two small CNNs trained alike, seeds 1 and 2, and their ensemble. */
    static Path first;
    static Path second;
    static Path ensemble;
    /** A one-network context model with a one-network S expert without the raw-window channel. */
    static Path experts;
    static CnnConfig plain;

    @BeforeAll
    static void smallModels() throws Exception {
        data = SmallModels.noiseBeats();
        BeatDataset none = SmallModels.noBeats();
        TrainingConfig t = SmallModels.oneEpoch();
        plain = SmallModels.tinyCnn(InputSpec.mitBih256());
        CnnConfig context = SmallModels.tinyCnn(InputSpec.mitBih256Context());
        CnnConfig relative = SmallModels.tinyCnn(InputSpec.mitBih256ContextRelative());
        first = dir.resolve("seed-1.zip");
        second = dir.resolve("seed-2.zip");
        BeatClassifierTrainer trainer = new BeatClassifierTrainer(s -> { }, null);
        trainer.train(plain, t, data, none, "synthetic", "none", "256").bundle().save(first);
        trainer.train(plain, t.withSeed(2), data, none, "synthetic", "none", "256").bundle().save(second);
        ensemble = dir.resolve("ensemble.zip");
        ModelBundle.ensemble(List.of(ModelBundle.load(first), ModelBundle.load(second)))
                .withDecision(new io.beatflow.models.DecisionRule(Map.of("S", 0.5), "a test", Map.of())).save(ensemble);
        experts = dir.resolve("experts.zip");
        trainer.train(context, t, data, none, "synthetic", "none", "256").bundle().withExperts(Map.of("S",
                trainer.train(relative, t, data, none, "synthetic", "none", "256").bundle())).save(experts);
    }

    /**
     * Member 1 of the ensemble is the second model it was made of: the same probabilities to the
     * bit, the same weights and card fields (its own seed, epochs and creation time); the
     * ensemble's rule is dropped, and the card says where it came from.
     */
    @Test
    void aMemberIsTheModelTheEnsembleWasMadeOf() throws Exception {
        Path out = dir.resolve("member-1.zip");
        CliRun r = CliRun.of("member", "--model", ensemble.toString(), "--index", "1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("wrote " + out + ": cnn member 1 of 2 (seed 2) of the ensemble of " + ensemble
                + ", " + String.format(java.util.Locale.ROOT, "%,d", ModelBundle.load(second).card().parameters())
                + " parameters; one network pass per beat (" + ensemble + " takes 2)"), r.out());
        assertTrue(r.out().contains("decision rule: none (the arg-max of this network's probabilities); the rule of "
                + ensemble + " (log-prior offsets {S=0.5}) was fitted to its combined probabilities"), r.out());
        assertFalse(r.out().contains("not kept by the ensemble's card"), "a format-19 card keeps them: " + r.out());

        ModelBundle member = ModelBundle.load(out);
        ModelCard own = ModelBundle.load(second).card();
        ModelCard c = member.card();
        assertArrayEquals(new Predictor(ModelBundle.load(second), 32).predict(data), new Predictor(member, 32).predict(data));
        assertEquals(own.weightsSha256(), c.weightsSha256());
        assertEquals(own.model(), c.model());
        assertEquals(own.training(), c.training());
        assertEquals(own.data(), c.data());
        assertEquals(own.created(), c.created());
        assertEquals(own.epochsTrained(), c.epochsTrained());
        assertEquals(own.validationMetrics(), c.validationMetrics());
        assertEquals(own.versions(), c.versions());
        assertEquals(own.backend(), c.backend());
        assertFalse(c.ensemble() || c.hasExperts());
        assertTrue(c.decision().shiftsNothing());
        assertTrue(c.takenFrom().startsWith("member 1 (seed 2) of an ensemble of 2 (weights SHA-256 "
                + ModelBundle.load(ensemble).card().weightsSha256() + ")"), c.takenFrom());

        CliRun info = CliRun.of("model-info", "--model", ensemble.toString());
        assertTrue(info.out().contains("member 0: seed 1,") && info.out().contains("member 1: seed 2,"), info.out());
        CliRun memberInfo = CliRun.of("model-info", "--model", out.toString());
        assertEquals(0, memberInfo.exitCode(), memberInfo.err());
        assertTrue(memberInfo.out().contains("architecture: cnn, ") && memberInfo.out().contains("training, seed 2:"),
                memberInfo.out());
        assertTrue(memberInfo.out().contains("taken from: member 1 (seed 2) of an ensemble of 2"), memberInfo.out());
        Path decided = dir.resolve("member-1-decided.zip");
        assertEquals(0, CliRun.of("set-decision", "--model", out.toString(), "--decision", Files.writeString(
                dir.resolve("d.json"), "{\"decision\": {\"logOffsets\": {\"V\": 1.0}}}").toString(), "--out",
                decided.toString()).exitCode());
        assertEquals(c.takenFrom(), ModelBundle.load(decided).card().takenFrom());
    }

    /**
     * A member that had a rule of its own when the ensemble was made gets it back by default, and
     * model-info lists it under the member; --decision none leaves the arg-max, --decision FILE
     * replaces it.
     */
    @Test
    void aMemberTakesBackItsOwnRule() throws Exception {
        Path ruled = dir.resolve("seed-2-ruled.zip");
        ModelBundle.load(second).withDecision(new DecisionRule(Map.of("V", 0.75), "fitted for seed 2", Map.of()))
                .save(ruled);
        Path made = dir.resolve("ensemble-ruled.zip");
        CliRun e = CliRun.of("ensemble", "--out", made.toString(), first.toString(), ruled.toString());
        assertEquals(0, e.exitCode(), e.err());
        CliRun info = CliRun.of("model-info", "--model", made.toString());
        assertTrue(info.out().contains("its own decision rule (not applied by the ensemble): log-prior offsets {V=0.75}"),
                info.out());

        Path out = dir.resolve("member-1-own.zip");
        CliRun r = CliRun.of("member", "--model", made.toString(), "--index", "1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("decision rule: log-prior offsets {V=0.75} (the member's own, kept by the ensemble's"
                + " card; --decision none for the arg-max)"), r.out());
        ModelCard own = ModelBundle.load(ruled).card();
        ModelCard back = ModelBundle.load(out).card();
        assertEquals(own.decision(), back.decision());
        assertEquals(own.versions(), back.versions());
        assertEquals(own.backend(), back.backend());
        assertArrayEquals(new Predictor(ModelBundle.load(ruled), 32).predict(data),
                new Predictor(ModelBundle.load(out), 32).predict(data));

        Path argmax = dir.resolve("member-1-argmax.zip");
        CliRun none = CliRun.of("member", "--model", made.toString(), "--index", "1", "--decision", "none", "--out",
                argmax.toString());
        assertEquals(0, none.exitCode(), none.err());
        assertTrue(none.out().contains("the member's own rule (log-prior offsets {V=0.75}), kept by the ensemble's card,"
                + " is left out as --decision none asks"), none.out());
        assertTrue(ModelBundle.load(argmax).card().decision().shiftsNothing());
        assertArrayEquals(new Predictor(ModelBundle.load(second), 32).predict(data),
                new Predictor(ModelBundle.load(argmax), 32).predict(data));

        Path zero = dir.resolve("member-0-own.zip");
        CliRun m0 = CliRun.of("member", "--model", made.toString(), "--index", "0", "--out", zero.toString());
        assertEquals(0, m0.exitCode(), m0.err());
        assertTrue(m0.out().contains("decision rule: none (the arg-max of this network's probabilities): give one"),
                m0.out());
    }

    /** --decision is checked as set-decision checks it: a rule fitted for an ensemble is refused, one for one network taken. */
    @Test
    void aDecisionMustBeFittedForOneNetwork() throws Exception {
        String input = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(plain.input());
        Path forEnsemble = Files.writeString(dir.resolve("ens.json"), "{\"decision\": {\"logOffsets\": {\"S\": 0.5}},"
                + " \"fittedFor\": {\"architecture\": \"cnn\", \"input\": " + input + ", \"ensemble\": true}}");
        Path out = dir.resolve("ruled.zip");
        CliRun refused = CliRun.of("member", "--model", ensemble.toString(), "--index", "0", "--decision",
                forEnsemble.toString(), "--out", out.toString());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("was fitted for other models than this one (an ensemble (cross-validate"
                + " --seeds) against one network"), refused.err());
        assertFalse(Files.exists(out));
        Path forOne = Files.writeString(dir.resolve("one.json"), "{\"decision\": {\"logOffsets\": {\"S\": 0.25}},"
                + " \"fittedFor\": {\"architecture\": \"cnn\", \"input\": " + input + ", \"ensemble\": false}}");
        CliRun taken = CliRun.of("member", "--model", ensemble.toString(), "--index", "0", "--decision",
                forOne.toString(), "--out", out.toString());
        assertEquals(0, taken.exitCode(), taken.err());
        assertTrue(taken.out().contains("decision rule: log-prior offsets {S=0.25} (from " + forOne + ")"), taken.out());
        assertEquals(Map.of("S", 0.25), ModelBundle.load(out).card().decision().logOffsets());
        CliRun over = CliRun.of("member", "--model", ensemble.toString(), "--index", "0", "--decision",
                forOne.toString(), "--out", forOne.toString());
        assertEquals(2, over.exitCode(), over.err());
        assertTrue(over.err().contains("is an input of this command"), over.err());
    }

    /**
     * The shipped model's base members, taken out and ensembled again, are its base ensemble (the
     * same combined weights checksum); a member of its S expert has the expert's input. Each keeps the
     * input's high-pass, given after training. A base member decides by the rule fitted for it and
     * kept with the model ({@code --decision none}: arg-max), a member of the expert by arg-max; a
     * member classifies a record.
     */
    @Test
    void membersOfTheShippedModel() throws Exception {
        ModelCard shipped = ModelBundle.load(ModelBundle.resolve(ModelBundle.BUILT_IN)).card();
        List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < shipped.members().size(); i++) {
            Path out = dir.resolve("shipped-" + i + ".zip");
            CliRun r = CliRun.of("member", "--model", ModelBundle.BUILT_IN, "--index", Integer.toString(i), "--out",
                    out.toString());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("of the base model of mitdb-ds1") && r.out().contains("(mitdb-ds1 takes 6)")
                    && r.out().contains("left out: the class experts for [S]"), r.out());
            ModelCard c = ModelBundle.load(out).card();
            assertEquals(shipped.members().get(i).seed(), c.training().seed());
            assertEquals(shipped.members().get(i).weightsSha256(), c.weightsSha256());
            assertEquals(shipped.input(), c.input());
            assertEquals(shipped.data(), c.data());
            assertTrue(!c.hasExperts() && !c.ensemble());
            // each base member decides by the rule fitted for it, kept with the model
            DecisionRule kept = ModelBundle.builtInMemberRule(i).orElseThrow();
            assertEquals(kept, c.decision());
            assertTrue(r.out().contains("decision rule: " + kept.describe() + " (fitted for this network and kept with"
                    + " mitdb-ds1; --decision none for the arg-max)"), r.out());
            parts.add(out.toString());
        }
        Path again = dir.resolve("shipped-base.zip");
        List<String> args = new java.util.ArrayList<>(List.of("ensemble", "--out", again.toString()));
        args.addAll(parts);
        assertEquals(0, CliRun.of(args.toArray(String[]::new)).exitCode());
        assertEquals(shipped.weightsSha256(), ModelBundle.load(again).card().weightsSha256());

        ModelCard expert = shipped.experts().get(0).card();
        Path s2 = dir.resolve("shipped-s2.zip");
        CliRun r = CliRun.of("member", "--model", ModelBundle.BUILT_IN, "--expert", "S", "--index", "2", "--out",
                s2.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("member 2 of 3 (seed 44) of the class expert for S of mitdb-ds1"), r.out());
        ModelCard c = ModelBundle.load(s2).card();
        assertEquals(expert.input(), c.input());
        assertEquals(expert.members().get(2).weightsSha256(), c.weightsSha256());
        assertTrue(c.takenFrom().contains("the class expert for S (bundle SHA-256 "
                + shipped.experts().get(0).bundleSha256() + ")"), c.takenFrom());
        assertTrue(c.decision().shiftsNothing() && c.decision().smoothing() == null, "no rule is kept for an expert's member");

        Path plain = dir.resolve("shipped-0-argmax.zip");
        CliRun argmax = CliRun.of("member", "--model", ModelBundle.BUILT_IN, "--index", "0", "--decision", "none",
                "--out", plain.toString());
        assertEquals(0, argmax.exitCode(), argmax.err());
        assertTrue(argmax.out().contains("decision rule: none (the arg-max of this network's probabilities)"),
                argmax.out());
        ModelCard p = ModelBundle.load(plain).card();
        assertTrue(p.decision().shiftsNothing() && p.decision().smoothing() == null);
        assertEquals(ModelBundle.load(Path.of(parts.get(0))).card().weightsSha256(), p.weightsSha256());

        // a member starts a training: the input, high-pass included, must be the member's
        CliRun train = CliRun.of("train", "--encoder", parts.get(0), "--out", dir.resolve("t.zip").toString());
        assertEquals(2, train.exitCode(), train.err());
        assertFalse(train.err().contains("must be one network"), train.err());
        assertTrue(train.err().contains("input.baselineHighPassHz 0.5 against 0.0"), train.err());

        assertEquals(0, CliRun.of("synth", "--out", dir.toString(), "--name", "rec", "--rate", "250", "--seconds", "30",
                "--pvc", "0.1", "--seed", "2").exitCode());
        Path csv = dir.resolve("rec.csv");
        CliRun classify = CliRun.of("classify", "--model", parts.get(0), "--out", csv.toString(),
                dir.resolve("rec").toString());
        assertEquals(0, classify.exitCode(), classify.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("record,sample,time_s,class,p_N,p_S,p_V,p_F,p_Q", lines.get(0));
        assertTrue(lines.size() > 20, lines.size() + " lines");
    }

    @Test
    void whatIsNoMemberIsRefused() throws Exception {
        Path out = dir.resolve("refused.zip");
        CliRun range = CliRun.of("member", "--model", ensemble.toString(), "--index", "2", "--out", out.toString());
        assertEquals(2, range.exitCode(), range.err());
        assertTrue(range.err().contains("--index 2: the ensemble of " + ensemble + " is an ensemble of 2, members 0 to 1"),
                range.err());
        CliRun negative = CliRun.of("member", "--model", ensemble.toString(), "--index", "-1", "--out", out.toString());
        assertEquals(2, negative.exitCode(), negative.err());
        assertTrue(negative.err().contains("members 0 to 1"), negative.err());
        CliRun shipped = CliRun.of("member", "--model", "mitdb-ds1", "--expert", "S", "--index", "3", "--out",
                out.toString());
        assertTrue(shipped.err().contains("--index 3: the class expert for S of mitdb-ds1 is an ensemble of 3, members"
                + " 0 to 2"), shipped.err());
        CliRun one = CliRun.of("member", "--model", first.toString(), "--index", "0", "--out", out.toString());
        assertEquals(2, one.exitCode(), one.err());
        assertTrue(one.err().contains("is one network, not an ensemble: it has no members to take out; the bundle"
                + " already is one network"), one.err());
        CliRun noExperts = CliRun.of("member", "--model", ensemble.toString(), "--expert", "S", "--index", "0", "--out",
                out.toString());
        assertEquals(2, noExperts.exitCode(), noExperts.err());
        assertTrue(noExperts.err().contains("--expert S: " + ensemble + " has no class experts"), noExperts.err());
        CliRun absent = CliRun.of("member", "--model", "mitdb-ds1", "--expert", "V", "--index", "0", "--out",
                out.toString());
        assertEquals(2, absent.exitCode(), absent.err());
        assertTrue(absent.err().contains("--expert V: mitdb-ds1 has no class expert for V; its class experts: [S]"),
                absent.err());
        CliRun oneBase = CliRun.of("member", "--model", experts.toString(), "--index", "0", "--out", out.toString());
        assertEquals(2, oneBase.exitCode(), oneBase.err());
        assertTrue(oneBase.err().contains("its base model is one network, not an ensemble"), oneBase.err());
        CliRun oneExpert = CliRun.of("member", "--model", experts.toString(), "--expert", "S", "--index", "0", "--out",
                out.toString());
        assertEquals(2, oneExpert.exitCode(), oneExpert.err());
        assertTrue(oneExpert.err().contains("the class expert for S of " + experts + " is one network"), oneExpert.err());
        byte[] before = Files.readAllBytes(ensemble);
        CliRun self = CliRun.of("member", "--model", ensemble.toString(), "--index", "0", "--out", ensemble.toString());
        assertEquals(2, self.exitCode(), self.err());
        assertTrue(self.err().contains("is an input of this command"), self.err());
        assertArrayEquals(before, Files.readAllBytes(ensemble), "the ensemble is untouched");
        Path bad = Files.writeString(dir.resolve("bad.zip"), "not a bundle");
        CliRun damaged = CliRun.of("member", "--model", bad.toString(), "--index", "0", "--out", out.toString());
        assertEquals(2, damaged.exitCode(), damaged.err());
        assertTrue(damaged.err().contains("bad.zip: not a model bundle"), damaged.err());
        CliRun missing = CliRun.of("member", "--model", ensemble.toString(), "--out", out.toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("--index"), missing.err());
        assertFalse(Files.exists(out));
    }

    /** predict scores MIT-BIH record 100 with a member of the shipped model. */
    @Test
    void predictScoresARecordWithAMember() throws Exception {
        ReferenceData.assumeMitdb();
        Path member = shippedMember0("predict-member.zip");
        Path out = dir.resolve("p100.csv");
        CliRun r = CliRun.of("predict", "--model", member.toString(), "--out", out.toString(), "--data",
                ReferenceData.root().toString(), "100");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("model " + member + ": cnn, classes"), r.err());
        assertTrue(r.err().contains("macro F1"), r.err());
        var card = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("p100.model-card.json").toFile());
        assertTrue(card.path("takenFrom").asText().startsWith("member 0 (seed 42) of an ensemble of 3"), card.toString());
    }

    /** train --encoder starts from a member of the shipped model (given its high-pass) and its card names the member. */
    @Test
    @Tag("integration")
    void trainStartsFromAMemberOfTheShippedModel() throws Exception {
        ReferenceData.assumeMitdb();
        Path member = shippedMember0("encoder-member.zip");
        Path out = dir.resolve("from-member.zip");
        CliRun r = CliRun.of("train", "--encoder", member.toString(), "--baseline-high-pass", "0.5", "--epochs", "1",
                "--beats-per-epoch", "128", "--no-validation", "--out", out.toString(), "--data",
                ReferenceData.root().toString());
        assertEquals(0, r.exitCode(), r.err());
        String from = ModelBundle.load(out).card().data().encoderFrom();
        assertTrue(from.contains(ModelBundle.load(member).card().weightsSha256())
                && from.contains("that model is member 0 (seed 42) of an ensemble of 3"), from);
    }

    /**
     * The rules kept with the shipped model for its base members are the ones the models README
     * quotes (fitted out of fold on DS1, Members), and the member's card and model-info carry them.
     */
    @Test
    void theShippedMembersTakeTheRulesKeptForThem() throws Exception {
        List<String> quoted = List.of(
                "V smoothed over the last 1000 look-alike beats (bandwidth 2.0), then log-prior offsets {F=3.05, N=0.0,"
                        + " S=0.65, V=0.85}, RR irregularity slopes {S=-9.0}",
                "V smoothed over the last 1000 look-alike beats (bandwidth 2.0), then log-prior offsets {F=2.7, N=0.0,"
                        + " S=0.4, V=0.5}, RR irregularity slopes {S=-11.5}",
                "V smoothed over the last 1000 look-alike beats (bandwidth 2.0), then log-prior offsets {F=2.65, N=0.0,"
                        + " S=0.55, V=1.1}, RR irregularity slopes {S=-12.0}");
        for (int i = 0; i < quoted.size(); i++) {
            DecisionRule kept = ModelBundle.builtInMemberRule(i).orElseThrow();
            assertEquals(quoted.get(i), kept.describe(), "member " + i);
            assertTrue(kept.chosenBy().contains("seed " + (42 + i)), kept.chosenBy());
        }
        assertTrue(ModelBundle.builtInMemberRule(3).isEmpty(), "the base ensemble has 3 members");
        Path member = dir.resolve("member0-rule.zip");
        CliRun r = CliRun.of("member", "--model", "mitdb-ds1", "--index", "0", "--out", member.toString());
        assertEquals(0, r.exitCode(), r.err());
        CliRun info = CliRun.of("model-info", "--model", member.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("S=0.65"), info.out());
    }

    /** Member 0 of the shipped model's base, written to {@code name} in the test folder. */
    private static Path shippedMember0(String name) {
        Path member = dir.resolve(name);
        CliRun r = CliRun.of("member", "--model", "mitdb-ds1", "--index", "0", "--out", member.toString());
        assertEquals(0, r.exitCode(), r.err());
        return member;
    }
}

package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.models.internal.BeatNetwork;
import io.beatflow.models.internal.DatasetContexts;
import io.beatflow.models.internal.EnsembleNetwork;
import io.beatflow.models.internal.ExpertsNetwork;
import io.beatflow.models.internal.WindowTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One network taken out of an ensemble ({@link ModelBundle#member}) or of a class expert's
 * ensemble ({@link ModelBundle#expert}): it gives, bit for bit, what that network gives inside the
 * ensemble, and its card is the member's own but for where it was taken from.
 */
class EnsembleMemberBundleTest {
    @TempDir
    static Path dir;
    static final InputSpec CONTEXT = SyntheticBeats.contextInput();
    static final InputSpec RELATIVE = SyntheticBeats.relativeInput();
    static BeatDataset data = SyntheticBeats.make(96, 64, 3, "r1");
    static BeatDataset validation = SyntheticBeats.make(30, 64, 4, "r2");
    static BeatDataset test = SyntheticBeats.make(12, 64, 9, "r9");
    static Path savedA;
    static Path savedB;
    static Path savedEnsemble;
    /** Base: an ensemble of two context CNNs; S expert: an ensemble of two CNNs without the raw channel. */
    static Path savedExperts;

    private static ModelBundle train(InputSpec in, long seed, BeatDataset val) throws IOException {
        return new BeatClassifierTrainer(l -> { }, null).train(SyntheticBeats.small(Architecture.CNN, in),
                SyntheticBeats.training(1).withSeed(seed), data, val, "synthetic", "test split", "64 samples").bundle();
    }

    @BeforeAll
    static void trainEnsembles() throws IOException {
        ModelBundle a = train(SyntheticBeats.input(), 7, validation);
        ModelBundle b = train(SyntheticBeats.input(), 8, validation);
        savedA = dir.resolve("a.zip");
        savedB = dir.resolve("b.zip");
        a.save(savedA);
        b.save(savedB);
        savedEnsemble = dir.resolve("ensemble.zip");
        ModelBundle.ensemble(List.of(ModelBundle.load(savedA), ModelBundle.load(savedB))).save(savedEnsemble);
        BeatDataset none = SyntheticBeats.empty(64);
        ModelBundle base = ModelBundle.ensemble(List.of(train(CONTEXT, 7, none), train(CONTEXT, 8, none)));
        ModelBundle relative = ModelBundle.ensemble(List.of(train(RELATIVE, 7, none), train(RELATIVE, 8, none)));
        savedExperts = dir.resolve("experts.zip");
        base.withExperts(Map.of("S", relative)).withBaselineHighPass(0.5)
                .withDecision(new DecisionRule(Map.of("S", 0.7), "a test", Map.of())).save(savedExperts);
    }

    /** The network's inputs for every beat of {@code d}, one batch, as the Predictor builds them for {@code spec}. */
    private static WindowTensors.Batch inputs(BeatDataset d, InputSpec spec) {
        int[] idx = new int[d.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return WindowTensors.of(d, DatasetContexts.of(d, spec), idx, 0, d.size(), spec, null);
    }

    private static BeatNetwork baseMember(ModelBundle b, int i) {
        BeatNetwork own = b.network() instanceof ExpertsNetwork x ? x.base() : b.network();
        return ((EnsembleNetwork) own).members().get(i);
    }

    @Test
    void aMemberGivesWhatItGivesInsideTheEnsemble() throws IOException {
        ModelBundle ensemble = ModelBundle.load(savedEnsemble);
        WindowTensors.Batch in = inputs(test, SyntheticBeats.input());
        float[][] first = null;
        for (int i = 0; i < 2; i++) {
            float[][] inside = baseMember(ensemble, i).output(in.signal(), in.rr(), in.n());
            ModelBundle member = ensemble.member(i);
            // one batch of every beat, as above, so that the same kernels run
            assertArrayEquals(inside, new Predictor(member, test.size()).predict(test), "member " + i);
            Path f = dir.resolve("member-" + i + ".zip");
            member.save(f);
            assertArrayEquals(inside, new Predictor(ModelBundle.load(f), test.size()).predict(test),
                    "member " + i + " written and read back");
            assertArrayEquals(new Predictor(ModelBundle.load(i == 0 ? savedA : savedB), test.size()).predict(test),
                    inside, "member " + i + " is the model the ensemble was made of");
            if (first == null) {
                first = inside;
            } else {
                assertFalse(java.util.Arrays.deepEquals(first, inside), "the two members differ, so the index matters");
            }
        }
    }

    /**
     * What the member's own bundle said of it comes back: the card read from the written member
     * equals the card of the bundle the ensemble was made of, once {@code takenFrom} is set aside
     * (the two were trained in this JVM, so their versions and backend are the same too); the
     * weights entry holds the same bytes.
     */
    @Test
    void theCardIsTheMembersOwnButForWhereItWasTakenFrom() throws IOException {
        ModelBundle ensemble = ModelBundle.load(savedEnsemble);
        for (int i = 0; i < 2; i++) {
            Path own = i == 0 ? savedA : savedB;
            Path f = dir.resolve("card-" + i + ".zip");
            ensemble.member(i).save(f);
            ModelCard c = ModelBundle.load(f).card();
            assertEquals(ModelBundle.load(own).card(), c.withTakenFrom(""), "member " + i);
            assertFalse(c.validationMetrics().isEmpty(), "the member's validation metrics are kept");
            assertEquals(ModelCard.FORMAT_VERSION, c.formatVersion());
            assertArrayEquals(BundleZips.contents(Files.readAllBytes(own)).get(ModelBundle.WEIGHTS_ENTRY),
                    BundleZips.contents(Files.readAllBytes(f)).get(ModelBundle.WEIGHTS_ENTRY));
            assertTrue(c.takenFrom().startsWith("member " + i + " (seed " + (7 + i) + ") of an ensemble of 2 (weights"
                    + " SHA-256 " + ensemble.card().weightsSha256() + ")"), c.takenFrom());
            assertFalse(c.takenFrom().contains("member 0's"), "the card kept member " + i + "'s versions: " + c.takenFrom());
            Path again = dir.resolve("card-" + i + "-again.zip");
            ensemble.member(i).save(again);
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again),
                    "taking it out twice gives the same bytes");
        }
        // the members taken out make the same ensemble again
        ModelBundle remade = ModelBundle.ensemble(List.of(ModelBundle.load(dir.resolve("card-0.zip")),
                ModelBundle.load(dir.resolve("card-1.zip"))));
        Path f = dir.resolve("remade.zip");
        remade.save(f);
        assertEquals(ensemble.card().weightsSha256(), ModelBundle.load(f).card().weightsSha256());
    }

    /**
     * A member of the base model of a model with class experts, and a member of its S expert's
     * ensemble: each keeps its input (the baseline high-pass given afterwards included), drops the
     * combination's rule and the experts, and gives what it gives inside: the base member on the
     * base input, the expert member on the base input's template channel, as {@code ExpertsNetwork}
     * hands it over.
     */
    @Test
    void membersOfTheBaseAndOfAClassExpert() throws IOException {
        ModelBundle x = ModelBundle.load(savedExperts);
        WindowTensors.Batch in = inputs(test, x.card().input());

        ModelBundle base1 = x.member(1);
        assertEquals(CONTEXT.withBaselineHighPass(0.5), base1.card().input());
        assertFalse(base1.card().hasExperts() || base1.card().ensemble());
        assertEquals(DecisionRule.none(), base1.card().decision());
        assertEquals(8, base1.card().training().seed());
        assertTrue(base1.card().takenFrom().contains("the base model of a model with class experts for [S]"),
                base1.card().takenFrom());
        assertArrayEquals(baseMember(x, 1).output(in.signal(), in.rr(), in.n()),
                new Predictor(base1, test.size()).predict(test));

        ModelBundle expert = x.expert("S");
        assertTrue(expert.card().ensemble());
        assertEquals(RELATIVE.withBaselineHighPass(0.5), expert.card().input());
        ModelBundle s0 = expert.member(0);
        assertEquals(RELATIVE.withBaselineHighPass(0.5), s0.card().input());
        assertEquals(7, s0.card().training().seed());
        assertTrue(s0.card().takenFrom().startsWith("member 0 (seed 7) of an ensemble of 2"), s0.card().takenFrom());
        assertTrue(s0.card().takenFrom().contains("the class expert for S (bundle SHA-256 "
                + x.card().experts().get(0).bundleSha256() + ")"), s0.card().takenFrom());
        int w = CONTEXT.windowSamples();
        float[] template = new float[in.n() * w];
        for (int i = 0; i < in.n(); i++) {
            System.arraycopy(in.signal(), (i * 2 + 1) * w, template, i * w, w);
        }
        ExpertsNetwork combined = (ExpertsNetwork) x.network();
        BeatNetwork inside = ((EnsembleNetwork) combined.experts().get(0).network()).members().get(0);
        assertArrayEquals(inside.output(template, in.rr(), in.n()), new Predictor(s0, test.size()).predict(test));
        Path f = dir.resolve("s0.zip");
        s0.save(f);
        assertEquals(s0.card().takenFrom(), ModelBundle.load(f).card().takenFrom());
    }

    /** A member starts a training as any one network does, and the new card names it. */
    @Test
    void aMemberIsAnEncoderToStartFrom() throws IOException {
        ModelBundle ensemble = ModelBundle.load(savedEnsemble);
        ModelConfig model = SyntheticBeats.small(Architecture.CNN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BeatClassifierTrainer.checkStartingPoint(ensemble, model));
        assertTrue(e.getMessage().contains("give one of its members"), e.getMessage());
        Path f = dir.resolve("start.zip");
        ensemble.member(1).save(f);
        ModelBundle member = ModelBundle.load(f);
        BeatClassifierTrainer.checkStartingPoint(member, model);
        String from = new BeatClassifierTrainer(l -> { }, null).startingFrom(member).train(model,
                SyntheticBeats.training(1).withSeed(11), data, SyntheticBeats.empty(64), "synthetic", "test split",
                "64 samples").bundle().card().data().encoderFrom();
        assertTrue(from.contains(member.card().weightsSha256()) && from.contains("that model is member 1 (seed 8)"),
                from);
    }

    @Test
    void whatIsNoMemberIsRefused() throws IOException {
        ModelBundle one = ModelBundle.load(savedA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one.member(0));
        assertEquals("the model is one network, not an ensemble: it has no members to take out; the bundle already is"
                + " one network", e.getMessage());
        ModelBundle ensemble = ModelBundle.load(savedEnsemble);
        for (int i : new int[] {2, -1}) {
            e = assertThrows(IllegalArgumentException.class, () -> ensemble.member(i));
            assertEquals("no member " + i + ": the model is an ensemble of 2, members 0 to 1", e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> ensemble.expert("S"));
        assertEquals("the model has no class experts", e.getMessage());
        ModelBundle x = ModelBundle.load(savedExperts);
        e = assertThrows(IllegalArgumentException.class, () -> x.expert("V"));
        assertEquals("the model has no class expert for V; its class experts: [S]", e.getMessage());
        ModelBundle oneBase = ModelBundle.load(savedA).withExperts(Map.of("S", ModelBundle.load(savedB)));
        e = assertThrows(IllegalArgumentException.class, () -> oneBase.member(0));
        assertEquals("the base model is one network, not an ensemble: it has no members to take out", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> oneBase.expert("S").member(0));
        assertTrue(e.getMessage().startsWith("the model is one network"), e.getMessage());
    }

    /**
     * A member built elsewhere (another backend and library version, as its card says) with a
     * decision rule fitted for it: the ensemble's card (format 19) keeps its rule, versions and
     * backend; the ensemble does not apply the rule (it gives, to the bit, what the ensemble of the
     * same networks without it gives), and {@link ModelBundle#member} gives all three back, so the
     * member taken out predicts what the member given to the ensemble predicted.
     */
    @Test
    void aMemberGetsBackItsOwnRuleVersionsAndBackend() throws IOException {
        DecisionRule own = new DecisionRule(Map.of("S", 0.4, "V", -0.3), "fitted for member b", Map.of());
        Path ruled = dir.resolve("b-ruled.zip");
        ModelBundle.load(savedB).withDecision(own).save(ruled);
        Map<String, byte[]> e = BundleZips.contents(Files.readAllBytes(ruled));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var card = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(e.get(ModelBundle.CARD_ENTRY));
        card.put("backend", "another backend");
        ((com.fasterxml.jackson.databind.node.ObjectNode) card.get("versions")).put("dl4j", "0.0-elsewhere");
        e.put(ModelBundle.CARD_ENTRY, json.writeValueAsBytes(card));
        Path elsewhere = BundleZips.write(dir, "b-elsewhere.zip", e);
        ModelBundle b = ModelBundle.load(elsewhere);
        assertEquals("another backend", b.card().backend());

        Path saved = dir.resolve("kept.zip");
        ModelBundle.ensemble(List.of(ModelBundle.load(savedA), b)).save(saved);
        ModelBundle ensemble = ModelBundle.load(saved);
        EnsembleMember kept = ensemble.card().members().get(1);
        assertEquals(own, kept.decision());
        assertEquals("another backend", kept.backend());
        assertEquals("0.0-elsewhere", kept.versions().get("dl4j"));
        assertEquals(DecisionRule.none(), ensemble.card().members().get(0).decision());
        assertEquals(ModelBundle.load(savedA).card().backend(), ensemble.card().backend(), "the ensemble's: member 0's");
        assertTrue(ensemble.card().decision().shiftsNothing(), "the ensemble starts without a rule of its own");
        assertArrayEquals(new Predictor(ModelBundle.load(savedEnsemble), 32).predict(test),
                new Predictor(ensemble, 32).predict(test), "the member's rule is not applied inside the ensemble");

        ModelCard m1 = ensemble.member(1).card();
        assertEquals(b.card(), m1.withTakenFrom(""));
        assertFalse(m1.takenFrom().contains("member 0's"), m1.takenFrom());
        assertArrayEquals(new Predictor(b, 32).predict(test), new Predictor(ensemble.member(1), 32).predict(test));
        assertEquals(ModelBundle.load(savedA).card(), ensemble.member(0).card().withTakenFrom(""));
    }

    /**
     * Format 18 kept neither the members' rules nor their versions and backend but for member 0's
     * (the card's own): its members load without them, and a later member taken out carries member
     * 0's versions and backend and no rule, and says so.
     */
    @Test
    void aCardOfFormatEighteenKeptNoMemberRulesOrVersions() throws IOException {
        Map<String, byte[]> e = BundleZips.contents(Files.readAllBytes(savedEnsemble));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var card = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(e.get(ModelBundle.CARD_ENTRY));
        card.put("formatVersion", 18);
        for (var m : card.get("members")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) m).remove(List.of("versions", "backend", "decision"));
        }
        e.put(ModelBundle.CARD_ENTRY, json.writeValueAsBytes(card));
        ModelBundle old = ModelBundle.load(BundleZips.write(dir, "format-18.zip", e));
        assertEquals(18, old.card().formatVersion());
        for (EnsembleMember m : old.card().members()) {
            assertFalse(m.keptVersions());
            assertEquals("", m.backend());
            assertEquals(DecisionRule.none(), m.decision());
        }
        ModelCard m1 = old.member(1).card();
        assertEquals(old.card().versions(), m1.versions());
        assertEquals(old.card().backend(), m1.backend());
        assertTrue(m1.takenFrom().contains("its versions and backend are member 0's (the ensemble's card, of format 18,"
                + " kept only the first member's)"), m1.takenFrom());
        assertFalse(old.member(0).card().takenFrom().contains("member 0's"));
    }

    /** Format 16 predates networks taken out of ensembles: its cards load with an empty takenFrom. */
    @Test
    void aCardOfFormatSixteenLoadsAsTakenFromNothing() throws IOException {
        Map<String, byte[]> e = BundleZips.contents(Files.readAllBytes(savedA));
        String card = new String(e.get(ModelBundle.CARD_ENTRY), java.nio.charset.StandardCharsets.UTF_8);
        String old = card.replace("\"formatVersion\" : " + ModelCard.FORMAT_VERSION + ",", "\"formatVersion\" : 16,")
                .replaceAll(",\\s*\"takenFrom\" : \"\"", "");
        assertFalse(old.contains("takenFrom") || old.contains("\"formatVersion\" : " + ModelCard.FORMAT_VERSION), old);
        e.put(ModelBundle.CARD_ENTRY, old.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ModelCard c = ModelBundle.load(BundleZips.write(dir, "format-16.zip", e)).card();
        assertEquals(16, c.formatVersion());
        assertEquals("", c.takenFrom());
    }
}

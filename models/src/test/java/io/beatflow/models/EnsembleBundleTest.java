package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ensemble bundles: the geometric mean of their members, a round trip, and clear refusals. */
class EnsembleBundleTest {
    @TempDir
    static Path dir;
    static BeatDataset data = SyntheticBeats.make(96, 64, 3, "r1");
    static BeatDataset validation = SyntheticBeats.make(30, 64, 4, "r2");
    static ModelBundle a;
    static ModelBundle b;
    static Path saved;

    private static ModelBundle train(ModelConfig model, TrainingConfig t, BeatDataset train) throws IOException {
        return new BeatClassifierTrainer(l -> { }, null).train(model, t, train, validation, "synthetic", "test split",
                "64 samples").bundle();
    }

    @BeforeAll
    static void trainMembers() throws IOException {
        a = train(SyntheticBeats.small(Architecture.CNN), SyntheticBeats.training(1), data);
        b = train(SyntheticBeats.small(Architecture.CNN), SyntheticBeats.training(1).withSeed(8), data);
        saved = dir.resolve("ensemble.zip");
        ModelBundle.ensemble(List.of(a, b)).save(saved);
    }

    @Test
    void probabilitiesAreTheNormalisedGeometricMeanOfTheMembers() throws IOException {
        float[][] pa = new Predictor(a, 32).predict(data);
        float[][] pb = new Predictor(b, 32).predict(data);
        float[][] pe = new Predictor(ModelBundle.load(saved), 32).predict(data);
        boolean membersDiffer = false;
        for (int i = 0; i < pe.length; i++) {
            double[] g = new double[pa[i].length];
            double z = 0;
            for (int c = 0; c < g.length; c++) {
                g[c] = Math.sqrt((double) pa[i][c] * pb[i][c]);
                z += g[c];
                membersDiffer |= Math.abs(pa[i][c] - pb[i][c]) > 1e-3;
            }
            for (int c = 0; c < g.length; c++) {
                assertEquals(g[c] / z, pe[i][c], 1e-5, "beat " + i + " class " + c);
            }
        }
        assertTrue(membersDiffer, "the two seeds gave different networks");
    }

    @Test
    void roundTripKeepsTheMembersAndTheirBytes() throws IOException {
        ModelBundle back = ModelBundle.load(saved);
        ModelCard c = back.card();
        assertEquals(ModelCard.FORMAT_VERSION, c.formatVersion());
        assertTrue(c.ensemble());
        assertEquals(List.of(7L, 8L), c.members().stream().map(EnsembleMember::seed).toList());
        assertEquals(a.card().parameters() + b.card().parameters(), c.parameters());
        assertEquals(a.card().model(), c.model());
        assertEquals(ModelBundle.load(bundleOf(a)).card().weightsSha256(), c.members().get(0).weightsSha256());
        assertTrue(c.decision().shiftsNothing(), "the members' rules do not carry over");
        byte[] zip = Files.readAllBytes(saved);
        assertEquals(List.of(ModelBundle.CARD_ENTRY, "member-0.bin", "member-1.bin"), entries(zip));
        // a loaded ensemble writes the bytes it was read from, whatever rule it is given
        DecisionRule rule = new DecisionRule(Map.of("S", 1.0), "a test", Map.of());
        Path again = dir.resolve("again.zip");
        back.withDecision(rule).save(again);
        ModelBundle twice = ModelBundle.load(again);
        assertEquals(c.weightsSha256(), twice.card().weightsSha256());
        assertEquals(rule, twice.card().decision());
        float[][] p1 = new Predictor(back, 7).predict(data); // the workers' batches of 7, so the same kernels run
        float[][] p2;
        try (Predictor workers = new Predictor(ModelBundle.load(saved), 7, 3)) {
            p2 = workers.predict(data);
        }
        for (int i = 0; i < p1.length; i++) {
            assertArrayEquals(p1[i], p2[i], "beat " + i + ": three workers give what one gives");
        }
    }

    @Test
    void damagedOrMissingMemberIsNamed() throws IOException {
        byte[] zip = Files.readAllBytes(saved);
        Map<String, byte[]> e = contents(zip);
        e.get("member-1.bin")[e.get("member-1.bin").length / 2] ^= 0x5A;
        Path flipped = write("flipped.zip", e);
        BundleFormatException x = assertThrows(BundleFormatException.class, () -> ModelBundle.load(flipped));
        assertTrue(x.getMessage().contains("member-1.bin SHA-256"), x.getMessage());
        Map<String, byte[]> less = contents(zip);
        less.remove("member-1.bin");
        Path missing = write("missing.zip", less);
        x = assertThrows(BundleFormatException.class, () -> ModelBundle.load(missing));
        assertTrue(x.getMessage().contains("no member-1.bin entry"), x.getMessage());
        Map<String, byte[]> card = contents(zip);
        String json = new String(card.get(ModelBundle.CARD_ENTRY), java.nio.charset.StandardCharsets.UTF_8);
        String sha0 = ModelBundle.load(saved).card().members().get(0).weightsSha256();
        String edited = json.replace(sha0, sha0.replace(sha0.charAt(0), sha0.charAt(0) == 'a' ? 'b' : 'a'));
        assertNotEquals(json, edited);
        card.put(ModelBundle.CARD_ENTRY, edited.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path badCard = write("bad-card.zip", card);
        x = assertThrows(BundleFormatException.class, () -> ModelBundle.load(badCard));
        assertTrue(x.getMessage().contains("does not match its members' checksums"), x.getMessage());
    }

    @Test
    void membersMustMatch() throws IOException {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> ModelBundle.ensemble(List.of(a)));
        assertTrue(x.getMessage().contains("at least two"), x.getMessage());
        ModelBundle ens = ModelBundle.load(saved);
        x = assertThrows(IllegalArgumentException.class, () -> ModelBundle.ensemble(List.of(a, ens)));
        assertTrue(x.getMessage().contains("member 2 of 2 is itself an ensemble"), x.getMessage());
        ModelBundle attention = train(SyntheticBeats.small(Architecture.ATTENTION), SyntheticBeats.training(1), data);
        x = assertThrows(IllegalArgumentException.class, () -> ModelBundle.ensemble(List.of(a, b, attention)));
        assertTrue(x.getMessage().contains("member 3 of 3 has another model configuration"), x.getMessage());
        ModelBundle otherData = train(SyntheticBeats.small(Architecture.CNN), SyntheticBeats.training(1),
                SyntheticBeats.make(96, 64, 5, "r3"));
        x = assertThrows(IllegalArgumentException.class, () -> ModelBundle.ensemble(List.of(a, otherData)));
        assertTrue(x.getMessage().contains("member 2 of 2 was trained on other data"), x.getMessage());
        ModelBundle otherSettings = train(SyntheticBeats.small(Architecture.CNN),
                SyntheticBeats.training(1).toBuilder().learningRate(0.01).build(), data);
        x = assertThrows(IllegalArgumentException.class, () -> ModelBundle.ensemble(List.of(a, otherSettings)));
        assertTrue(x.getMessage().contains("member 2 of 2 was trained with other settings"), x.getMessage());
        // the message names the setting that differs, not both settings whole
        assertTrue(x.getMessage().endsWith("learningRate 0.01 against " + a.card().training().learningRate()),
                x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> ModelBundle.ensemble(List.of(a, b, a)));
        assertTrue(x.getMessage().contains("member 3 of 3 was trained with seed 7 as member 1 was"), x.getMessage());
        assertFalse(a.card().ensemble());
    }

    private static Path bundleOf(ModelBundle m) throws IOException {
        Path p = Files.createTempFile(dir, "member", ".zip");
        m.save(p);
        return p;
    }

    private static List<String> entries(byte[] zip) throws IOException {
        return new ArrayList<>(BundleZips.contents(zip).keySet());
    }

    private static Map<String, byte[]> contents(byte[] zip) throws IOException {
        return BundleZips.contents(zip);
    }

    private static Path write(String name, Map<String, byte[]> entries) throws IOException {
        return BundleZips.write(dir, name, entries);
    }
}

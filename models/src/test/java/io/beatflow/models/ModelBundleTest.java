package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model bundles: round trip, card contents, and clear errors for damaged or foreign bundles. */
class ModelBundleTest {
    @TempDir
    static Path dir;
    static Path bundle;
    static ModelBundle trained;
    static BeatDataset data = SyntheticBeats.make(96, 64, 3, "r1");

    @BeforeAll
    static void train() throws IOException {
        trained = new BeatClassifierTrainer(l -> { }, null).train(SyntheticBeats.small(Architecture.CNN),
                SyntheticBeats.training(1), data, SyntheticBeats.make(30, 64, 4, "r2"), "synthetic", "test split",
                "64 samples").bundle();
        bundle = dir.resolve("model.zip");
        trained.save(bundle);
    }

    @Test
    void roundTripGivesIdenticalOutputsAndCard() throws IOException {
        ModelBundle back = ModelBundle.load(bundle);
        assertEquals(trained.card().model(), back.card().model());
        assertEquals(trained.card().training(), back.card().training());
        assertEquals(trained.card().data(), back.card().data());
        // the same batches on both sides: a batch of another size may run other CPU kernels and round differently
        float[][] a = new Predictor(trained, 32).predict(data);
        float[][] b = new Predictor(back, 32).predict(data);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "beat " + i);
        }
    }

    /** A decision rule is saved in the card, read back, and shifts the Predictor's probabilities by its offsets. */
    @Test
    void decisionRuleTravelsWithTheBundle() throws IOException {
        assertTrue(trained.card().decision().shiftsNothing());
        DecisionRule rule = new DecisionRule(java.util.Map.of("S", 1.5, "F", -0.5), "a test", java.util.Map.of("x", 1.0),
                java.util.Map.of("S", -8.0));
        Path f = dir.resolve("decided.zip");
        ModelBundle loaded = ModelBundle.load(bundle);
        loaded.withDecision(rule).save(f);
        ModelBundle back = ModelBundle.load(f);
        assertEquals(rule, back.card().decision());
        assertEquals(loaded.card().weightsSha256(), back.card().weightsSha256(), "the weights' bytes are kept");
        float[][] plain = new Predictor(trained, 32).predict(data);
        float[][] shifted = new Predictor(back, 32).predict(data);
        // the rule's RR irregularity, by hand: each record's beats in R-peak order through RrIrregularity
        double[] irr = new double[data.size()];
        java.util.Map<Integer, RrIrregularity> perRecord = new java.util.HashMap<>();
        Integer[] order = new Integer[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(data::sample));
        for (int i : order) {
            irr[i] = perRecord.computeIfAbsent(data.recordIndex(i), r -> new RrIrregularity(16))
                    .next(data.rrFeatures(i)[0]);
        }
        assertTrue(java.util.Arrays.stream(irr).anyMatch(v -> v > 0), "the synthetic rhythm has some irregularity");
        float[][] expected = rule.apply(plain, trained.card().classNames(), irr);
        for (int i = 0; i < plain.length; i++) {
            assertArrayEquals(expected[i], shifted[i], 1e-6f, "beat " + i);
        }
        assertThrows(IllegalArgumentException.class,
                () -> trained.withDecision(new DecisionRule(java.util.Map.of("X", 1.0), "", java.util.Map.of())));
    }

    @Test
    void cardRecordsProvenance() throws IOException {
        ModelCard c = ModelBundle.load(bundle).card();
        assertEquals(ModelCard.FORMAT_VERSION, c.formatVersion());
        assertEquals(Architecture.CNN, c.model().architecture());
        assertEquals(HeadConfig.AAMI, c.classNames());
        assertEquals(64, c.input().windowSamples());
        assertEquals("MLII", c.input().lead());
        assertEquals(7, c.training().seed());
        assertEquals(java.util.List.of("r1"), c.data().trainingRecords());
        assertEquals(java.util.List.of("r2"), c.data().validationRecords());
        assertEquals(64, c.data().trainingSha256().length());
        assertTrue(c.validationMetrics().containsKey("macroF1"), c.validationMetrics().toString());
        assertTrue(c.versions().containsKey("dl4j"), c.versions().toString());
        assertTrue(c.backend().startsWith("cpu") || c.backend().startsWith("cuda"), c.backend());
        String json = new String(entry(Files.readAllBytes(bundle), ModelBundle.CARD_ENTRY), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"architecture\" : \"cnn\""), json);
    }

    @Test
    void truncatedBundleIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(bundle);
        Path cut = dir.resolve("truncated.zip");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("null") && e.getMessage().contains("copied again"), e.getMessage());
    }

    /** A byte changed inside the zip's stored weights (not re-zipped) is refused naming the entry. */
    @Test
    void aDamagedEntryIsNamed() throws IOException {
        byte[] all = Files.readAllBytes(bundle);
        byte[] name = ModelBundle.WEIGHTS_ENTRY.getBytes(StandardCharsets.UTF_8);
        int at = -1;
        for (int i = 0; i + name.length <= all.length && at < 0; i++) {
            if (Arrays.equals(Arrays.copyOfRange(all, i, i + name.length), name)) {
                at = i; // the local header's file name; the entry's data follow it
            }
        }
        assertTrue(at > 0);
        all[at + name.length + 200] ^= 0x5A;
        Path bad = Files.write(dir.resolve("damaged-entry.zip"), all);
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(bad));
        assertTrue(e.getMessage().contains("entry " + ModelBundle.WEIGHTS_ENTRY + ": "), e.getMessage());
    }

    @Test
    void notAZipIsRefused() throws IOException {
        Path text = dir.resolve("not-a-zip.zip");
        Files.writeString(text, "hello");
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(text));
        assertTrue(e.getMessage().contains("not a model bundle"), e.getMessage());
    }

    @Test
    void flippedWeightByteFailsTheChecksum() throws IOException {
        byte[] w = entry(Files.readAllBytes(bundle), ModelBundle.WEIGHTS_ENTRY);
        w[w.length / 2] ^= 0x5A;
        Path bad = rewrite("corrupt-weights.zip", ModelBundle.WEIGHTS_ENTRY, w);
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(bad));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void missingWeightsEntryIsNamed() throws IOException {
        Path bad = rewrite("no-weights.zip", ModelBundle.WEIGHTS_ENTRY, null);
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(bad));
        assertTrue(e.getMessage().contains("no weights.bin entry"), e.getMessage());
    }

    @Test
    void futureFormatVersionIsRefused() throws IOException {
        Path bad = withCard("format-99.zip", card -> card.replace("\"formatVersion\" : " + ModelCard.FORMAT_VERSION + ",",
                "\"formatVersion\" : 99,"));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(bad));
        assertTrue(e.getMessage().contains("format version 99 is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("written by a newer beatflow"), e.getMessage());
    }

    @Test
    void versionOneCardWithoutContextFieldsLoadsAsAPlainInputModel() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(1, "templateBeats", "longTermRrBeats", "irregularityBeats",
                "stemStride", "rrToLogits", "augmentRr", "recordBalance", "morphologyDropout", "rawChannel"));
        assertEquals(1, b.card().formatVersion());
        assertEquals(1, b.card().input().channels());
        assertFalse(b.card().input().usesContext());
        assertEquals(1, ((CnnConfig) b.card().model()).stemStride());
    }

    /** Format 2 predates the strided stem: a CNN card without {@code stemStride} has a stride-1 stem. */
    @Test
    void versionTwoCnnCardLoadsWithAStrideOneStem() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(2, "stemStride", "rrToLogits", "augmentRr", "recordBalance",
                "morphologyDropout", "rawChannel"));
        assertEquals(2, b.card().formatVersion());
        assertFalse(b.card().model().head().rrToLogits());
        assertEquals(1, ((CnnConfig) b.card().model()).stemStride());
    }

    /**
     * Format 3 predates the wide head and the RR augmentation: a card without {@code rrToLogits}
     * and {@code augmentRr} has a head whose RR features reach only the hidden layer, trained
     * without RR scaling; the network loads and runs.
     */
    @Test
    void versionThreeCardLoadsWithANarrowHead() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(3, "rrToLogits", "augmentRr", "recordBalance", "morphologyDropout",
                "rawChannel"));
        assertEquals(3, b.card().formatVersion());
        assertFalse(b.card().model().head().rrToLogits());
        assertEquals(0.0, b.card().training().augmentRr());
    }

    /** Format 4 predates the RR irregularity input: a card without it loads with none. */
    @Test
    void versionFourCardLoadsWithoutIrregularity() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(4, "irregularityBeats", "recordBalance", "morphologyDropout",
                "rawChannel"));
        assertEquals(4, b.card().formatVersion());
        assertEquals(0, b.card().input().irregularityBeats());
    }

    /** Format 6 predates record balancing: a card without it loads as trained without it. */
    @Test
    void versionSixCardLoadsWithoutRecordBalance() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(6, "recordBalance", "morphologyDropout", "rawChannel"));
        assertEquals(6, b.card().formatVersion());
        assertEquals(0.0, b.card().training().recordBalance());
    }

    /** Format 7 predates morphology dropout: a card without it loads as trained without it. */
    @Test
    void versionSevenCardLoadsWithoutMorphologyDropout() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(7, "morphologyDropout", "rawChannel"));
        assertEquals(7, b.card().formatVersion());
        assertEquals(0.0, b.card().training().morphologyDropout());
    }

    /** Format 8 predates inputs without the raw channel: every model of it takes the raw window. */
    @Test
    void versionEightCardLoadsWithTheRawChannel() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(8, "rawChannel"));
        assertEquals(8, b.card().formatVersion());
        assertTrue(b.card().input().rawChannel());
    }

    /** Format 9 predates class experts: a card without the list loads with none. */
    @Test
    void versionNineCardLoadsWithoutExperts() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(9, "experts"));
        assertEquals(9, b.card().formatVersion());
        assertFalse(b.card().hasExperts());
    }

    /** Format 10 predates encoders carried over: a card without the field had a freshly initialised encoder. */
    @Test
    void versionTenCardLoadsWithAFreshEncoder() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(10, "encoderFrom", "freezeEncoder"));
        assertEquals(10, b.card().formatVersion());
        assertEquals("", b.card().data().encoderFrom());
    }

    /** Format 11 predates frozen encoders: a card without the field trained every weight. */
    @Test
    void versionElevenCardLoadsWithEveryWeightTrained() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(11, "freezeEncoder"));
        assertEquals(11, b.card().formatVersion());
        assertFalse(b.card().training().freezeEncoder());
    }

    /** Format 14 predates the baseline stage: a card without the field scored the lead as recorded. */
    @Test
    void versionFourteenCardLoadsWithTheLeadAsRecorded() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(14, "baselineHighPassHz"));
        assertEquals(14, b.card().formatVersion());
        assertEquals(0.0, b.card().input().baselineHighPassHz());
        assertEquals(trained.card().input(), b.card().input());
    }

    /**
     * Format 15 predates the encoder's records: a card without them loads with none (its encoder's
     * records, if any, are only in the encoderFrom text).
     */
    @Test
    void versionFifteenCardLoadsWithoutEncoderRecords() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(15, "encoderRecords"));
        assertEquals(15, b.card().formatVersion());
        assertEquals(java.util.List.of(), b.card().data().encoderRecords());
    }

    /** Format 17 predates the S runs augmentation: a card without the field was trained without runs. */
    @Test
    void versionSeventeenCardLoadsWithoutSRuns() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(17, "augmentSRuns"));
        assertEquals(17, b.card().formatVersion());
        assertEquals(0.0, b.card().training().augmentSRuns());
        assertEquals(trained.card().training(), b.card().training());
    }

    /** A baseline high-pass is written into the card and read back; the weights' bytes and the outputs stay. */
    @Test
    void aBaselineHighPassTravelsWithTheBundle() throws IOException {
        Path f = dir.resolve("high-pass.zip");
        ModelBundle loaded = ModelBundle.load(bundle);
        loaded.withBaselineHighPass(0.5).save(f);
        ModelBundle back = ModelBundle.load(f);
        assertEquals(0.5, back.card().input().baselineHighPassHz());
        assertEquals(0.5, back.card().input().windowConfig().baselineHighPassHz());
        assertEquals(loaded.card().weightsSha256(), back.card().weightsSha256(), "the weights' bytes are kept");
        assertEquals(ModelCard.FORMAT_VERSION, back.card().formatVersion());
        assertArrayEquals(new Predictor(loaded, 32).predict(data), new Predictor(back, 32).predict(data));
        assertEquals(trained.card().model(), back.withBaselineHighPass(0).card().model());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loaded.withBaselineHighPass(50));
        assertTrue(e.getMessage().contains("baselineHighPassHz"), e.getMessage());
    }

    /**
     * A current card must hold every field that older formats may leave out: a missing one is an
     * error naming it, not a silent default.
     */
    @Test
    void currentCardWithoutAFieldOlderFormatsLackIsRefused() throws IOException {
        for (String field : new String[] {"templateBeats", "longTermRrBeats", "irregularityBeats", "stemStride",
            "rrToLogits", "augmentRr", "recordBalance", "morphologyDropout", "rawChannel", "encoderFrom",
            "freezeEncoder", "baselineHighPassHz", "takenFrom", "augmentSRuns"}) {
            Path bad = withCard("no-" + field + ".zip", card -> without(card, field));
            BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(bad), field);
            assertTrue(e.getMessage().contains(field), e.getMessage());
        }
    }

    /** Format 17 predates the prematurity z-scores: a card without them loads with none. */
    @Test
    void versionSeventeenCardLoadsWithoutPrematurity() throws IOException {
        ModelBundle b = ModelBundle.load(olderCard(17, "prematurityBeats"));
        assertEquals(17, b.card().formatVersion());
        assertEquals(0, b.card().input().prematurityBeats());
        assertEquals(trained.card().input(), b.card().input());
    }

    /** The bundle's card as format {@code version} wrote it: that version number, the fields given left out. */
    private static Path olderCard(int version, String... fields) throws IOException {
        return withCard("format-" + version + ".zip", card -> {
            String old = card.replace("\"formatVersion\" : " + ModelCard.FORMAT_VERSION + ",",
                    "\"formatVersion\" : " + version + ",");
            for (String f : fields) {
                old = without(old, f);
            }
            return old;
        });
    }

    /** The card text without the field {@code name} (a number, boolean or list of strings that follows another field). */
    private static String without(String card, String name) {
        String out = card.replaceAll(",\\s*\"" + name + "\" : (\\[[^\\]]*\\]|[^,}\\s]+)", "");
        assertFalse(out.contains("\"" + name + "\""), name + " left in " + out);
        return out;
    }

    @Test
    void cardWithMoreClassesThanTheNetworkIsIncompatible() throws IOException {
        Path bad = withCard("six-classes.zip", card -> card.replaceFirst("\"Q\"", "\"Q\", \"X\""));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(bad));
        assertTrue(e.getMessage().contains("5 outputs but the card names 6 classes"), e.getMessage());
    }

    @Test
    void cardWhoseParameterCountIsNotTheNetworksIsRefused() throws IOException {
        long real = ModelBundle.load(bundle).card().parameters();
        Path bad = withCard("parameters.zip", card -> card.replace("\"parameters\" : " + real + ",", "\"parameters\" : 7,"));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(bad));
        assertTrue(e.getMessage().contains("the card says 7 parameters but its network has " + real), e.getMessage());
    }

    @Test
    void wrongNetworkFormatForTheArchitectureIsRefused() throws IOException {
        Path bad = withCard("samediff-format.zip", card -> card.replace("dl4j-computation-graph", "samediff-flatbuffers"));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(bad));
        assertTrue(e.getMessage().contains("does not suit architecture cnn"), e.getMessage());
    }

    @Test
    void invalidHyperParameterInTheCardIsNamed() throws IOException {
        Path bad = withCard("even-kernel.zip", card -> card.replace("\"kernelSize\" : 5", "\"kernelSize\" : 4"));
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(bad));
        assertTrue(e.getMessage().contains("kernelSize must be odd"), e.getMessage());
    }

    /** A copy of the bundle with its card edited; the edit must change it. */
    private static Path withCard(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        String card = new String(entry(Files.readAllBytes(bundle), ModelBundle.CARD_ENTRY), StandardCharsets.UTF_8);
        String edited = edit.apply(card);
        assertFalse(edited.equals(card), name + ": the edit left the card as it was");
        return rewrite(name, ModelBundle.CARD_ENTRY, edited.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the bundle with one entry replaced ({@code null}: left out). */
    private static Path rewrite(String name, String entryName, byte[] content) throws IOException {
        byte[] all = Files.readAllBytes(bundle);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String e : new String[] {ModelBundle.CARD_ENTRY, ModelBundle.WEIGHTS_ENTRY}) {
                byte[] data = e.equals(entryName) ? content : entry(all, e);
                if (data != null) {
                    zip.putNextEntry(new ZipEntry(e));
                    zip.write(data);
                    zip.closeEntry();
                }
            }
        }
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private static byte[] entry(byte[] zipBytes, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zipBytes))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException("no entry " + name);
    }
}

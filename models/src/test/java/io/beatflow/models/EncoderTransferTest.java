package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.models.internal.BeatNetwork;
import io.beatflow.models.internal.Networks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A trained encoder carries a new head ({@link BeatClassifierTrainer#startingFrom}). */
class EncoderTransferTest {
    private static final BeatDataset TRAIN = SyntheticBeats.make(192, 64, 1, "train");

    /** Three classes (those of the synthetic beats), more hidden units, the RR values straight to the logits. */
    private static final HeadConfig NEW_HEAD = new HeadConfig(24, 0.0, List.of("N", "S", "V"), true);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aNewHeadGetsTheTrainedEncoderWeightsExactly(Architecture a) throws Exception {
        ModelBundle source = train(new BeatClassifierTrainer(line -> { }, null), SyntheticBeats.small(a), 2).bundle();
        Map<String, float[]> trained = source.network().encoderWeights();
        assertFalse(trained.isEmpty(), a + ": no encoder weights");
        assertTrue(trained.keySet().stream().allMatch(n -> n.startsWith(BeatNetwork.ENCODER_PREFIX)), a + ": "
                + trained.keySet());

        BeatNetwork fresh = Networks.create(SyntheticBeats.small(a).withHead(NEW_HEAD), 9, 1e-3, 1, 1, 0, 0,
                new float[] {1, 1, 1});
        assertFalse(same(trained, fresh.encoderWeights()), a + ": a new network's encoder is already the trained one");
        fresh.setEncoderWeights(trained);
        Map<String, float[]> carried = fresh.encoderWeights();
        assertEquals(trained.keySet(), carried.keySet(), a.id());
        for (String name : trained.keySet()) {
            assertArrayEquals(trained.get(name), carried.get(name), a + ": " + name);
        }
        InputSpec in = SyntheticBeats.input();
        float[][] p = fresh.output(new float[in.channels() * in.windowSamples()], new float[in.rrInputs()], 1);
        assertEquals(3, p[0].length, a + ": the new head's classes");
    }

    /**
     * Trained on from a trained encoder, the new model's encoder starts at that encoder's weights (after
     * an epoch they are far nearer to them than the same training's from random weights), its loss
     * falls, and its card names the encoder's source by the SHA-256 of the weights it was saved with.
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void trainingOnFromATrainedEncoderStartsFromItsWeights(Architecture a) throws Exception {
        ModelBundle source = train(new BeatClassifierTrainer(line -> { }, null), SyntheticBeats.small(a), 3).bundle();
        Path saved = dir.resolve(a.id() + ".zip");
        source.save(saved);
        ModelBundle loaded = ModelBundle.load(saved);
        ModelConfig target = SyntheticBeats.small(a).withHead(NEW_HEAD);

        List<String> lines = new ArrayList<>();
        // another seed than the source's, so that random weights are not the source's own starting point
        TrainingConfig t = SyntheticBeats.training(2).withSeed(11);
        TrainingResult carried = train(new BeatClassifierTrainer(lines::add, null).startingFrom(loaded), target, t);
        TrainingResult scratch = train(new BeatClassifierTrainer(line -> { }, null), target, t);
        Map<String, float[]> start = loaded.network().encoderWeights();
        double fromCarried = distance(start, carried.bundle().network().encoderWeights());
        double fromScratch = distance(start, scratch.bundle().network().encoderWeights());
        assertTrue(fromCarried < 0.5 * fromScratch, a + ": distance to the trained encoder after training on from it "
                + fromCarried + ", after training from random weights " + fromScratch);
        List<TrainingResult.EpochSummary> h = carried.history();
        assertTrue(h.get(1).meanLoss() < h.get(0).meanLoss(), a + ": loss " + h + "\n" + String.join("\n", lines));

        String from = carried.bundle().card().data().encoderFrom();
        assertTrue(from.contains(loaded.card().weightsSha256()), from);
        assertTrue(from.contains("synthetic"), from);
        assertEquals("", scratch.bundle().card().data().encoderFrom());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("encoder carried over")), String.join("\n", lines));

        Path again = dir.resolve(a.id() + "-carried.zip");
        carried.bundle().save(again);
        ModelBundle reloaded = ModelBundle.load(again);
        assertEquals(from, reloaded.card().data().encoderFrom(), "the card keeps it");
        String chain = train(new BeatClassifierTrainer(line -> { }, null).startingFrom(reloaded), target, 1).bundle()
                .card().data().encoderFrom();
        assertTrue(chain.contains(reloaded.card().weightsSha256()) && chain.contains("its own encoder started from "
                + from), chain);
    }

    /**
     * With the encoder frozen, training leaves the carried encoder's weights exactly as they came
     * while the head learns (its loss falls), and the card says so.
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aFrozenEncoderKeepsItsWeightsWhileTheHeadLearns(Architecture a) throws Exception {
        ModelBundle source = train(new BeatClassifierTrainer(line -> { }, null), SyntheticBeats.small(a), 2).bundle();
        ModelConfig target = SyntheticBeats.small(a).withHead(NEW_HEAD);
        List<String> lines = new ArrayList<>();
        TrainingConfig t = SyntheticBeats.training(3).withSeed(11).withFreezeEncoder(true);
        TrainingResult probe = train(new BeatClassifierTrainer(lines::add, null).startingFrom(source), target, t);
        assertTrue(same(source.network().encoderWeights(), probe.bundle().network().encoderWeights()),
                a + ": the frozen encoder changed");
        List<TrainingResult.EpochSummary> h = probe.history();
        assertTrue(h.get(2).meanLoss() < h.get(0).meanLoss(), a + ": loss " + h + "\n" + String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("frozen: only the head trains")), String.join("\n", lines));

        Path saved = dir.resolve(a.id() + "-probe.zip");
        probe.bundle().save(saved);
        assertTrue(ModelBundle.load(saved).card().training().freezeEncoder(), "the card keeps it");
        // without freezing, the same training moves the encoder
        TrainingResult tuned = train(new BeatClassifierTrainer(line -> { }, null).startingFrom(source), target,
                t.withFreezeEncoder(false));
        assertFalse(same(source.network().encoderWeights(), tuned.bundle().network().encoderWeights()), a.id());
    }

    /**
     * Frozen for the first epoch, then every weight trains: one epoch of it gives, to the bit, the
     * model that one epoch with the encoder frozen throughout gives (the encoder as it came), two
     * epochs move the encoder, the progress says when it was unfrozen, and the card keeps the number.
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void anEncoderFrozenForItsFirstEpochThenTrains(Architecture a) throws Exception {
        ModelBundle source = train(new BeatClassifierTrainer(line -> { }, null), SyntheticBeats.small(a), 2).bundle();
        ModelConfig target = SyntheticBeats.small(a).withHead(NEW_HEAD);
        TrainingConfig one = SyntheticBeats.training(1).withSeed(11);
        ModelBundle staged = train(new BeatClassifierTrainer(line -> { }, null).startingFrom(source), target,
                one.withFreezeEncoderEpochs(1)).bundle();
        ModelBundle probe = train(new BeatClassifierTrainer(line -> { }, null).startingFrom(source), target,
                one.withFreezeEncoder(true)).bundle();
        assertTrue(same(source.network().encoderWeights(), staged.network().encoderWeights()), a + ": epoch 1 froze");
        assertArrayEquals(new Predictor(probe, 64).predict(TRAIN), new Predictor(staged, 64).predict(TRAIN), a.id());

        List<String> lines = new ArrayList<>();
        TrainingResult two = train(new BeatClassifierTrainer(lines::add, null).startingFrom(source), target,
                SyntheticBeats.training(2).withSeed(11).withFreezeEncoderEpochs(1));
        assertFalse(same(source.network().encoderWeights(), two.bundle().network().encoderWeights()),
                a + ": the encoder did not train after its frozen epoch");
        assertTrue(lines.stream().anyMatch(l -> l.contains("frozen for the first 1 epoch(s), the head training alone")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.equals("epoch 2: the encoder is no longer frozen; every weight"
                + " trains from here")), String.join("\n", lines));
        Path saved = dir.resolve(a.id() + "-staged.zip");
        two.bundle().save(saved);
        TrainingConfig back = ModelBundle.load(saved).card().training();
        assertEquals(1, back.freezeEncoderEpochs());
        assertFalse(back.freezeEncoder());
    }

    /** Validation beats whose labels the encoder's model was trained on would make early stopping score learnt beats. */
    @Test
    void validationRecordsTheEncodersModelTrainedOnAreRefused() throws Exception {
        ModelBundle source = train(new BeatClassifierTrainer(line -> { }, null), SyntheticBeats.small(Architecture.CNN),
                1).bundle();
        BeatDataset validation = SyntheticBeats.make(32, 64, 3, "train");
        BeatDataset other = SyntheticBeats.make(192, 64, 4, "other");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BeatClassifierTrainer(line -> { }, null).startingFrom(source).train(
                        SyntheticBeats.small(Architecture.CNN).withHead(NEW_HEAD), SyntheticBeats.training(1), other,
                        validation, "synthetic", "none", "64 samples"));
        assertTrue(e.getMessage().contains("trained on validation record(s) [train]"), e.getMessage());
    }

    @Test
    void freezingWithoutAnEncoderToStartFromIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(
                new BeatClassifierTrainer(line -> { }, null), SyntheticBeats.small(Architecture.CNN),
                SyntheticBeats.training(1).withFreezeEncoder(true)));
        assertTrue(e.getMessage().contains("no trained encoder to keep"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> train(new BeatClassifierTrainer(line -> { }, null),
                SyntheticBeats.small(Architecture.CNN), SyntheticBeats.training(2).withFreezeEncoderEpochs(1)));
        assertTrue(e.getMessage().startsWith("training freezes the encoder for its first 1 epoch(s), but there is no"
                + " trained encoder to keep"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticBeats.training(2).withFreezeEncoder(true).withFreezeEncoderEpochs(1));
        assertTrue(e.getMessage().contains("give one of the two"), e.getMessage());
    }

    @Test
    void anEncoderOfOtherSettingsIsRefusedNamingBoth() throws Exception {
        ModelBundle source = train(new BeatClassifierTrainer(line -> { }, null), SyntheticBeats.small(Architecture.CNN),
                1).bundle();
        ModelConfig otherKernel = new CnnConfig(SyntheticBeats.input(), 8, List.of(8, 16), 3, NEW_HEAD);
        BeatClassifierTrainer trainer = new BeatClassifierTrainer(line -> { }, null).startingFrom(source);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(trainer, otherKernel, 1));
        assertTrue(e.getMessage().contains("does not have the encoder") && e.getMessage().contains("they differ in"
                + " kernelSize 5 against 3 (the encoder's first)"), e.getMessage());

        ModelConfig otherArchitecture = SyntheticBeats.small(Architecture.BILSTM).withHead(NEW_HEAD);
        e = assertThrows(IllegalArgumentException.class, () -> train(trainer, otherArchitecture, 1));
        assertTrue(e.getMessage().contains("does not have the encoder") && e.getMessage().contains("they differ in"
                + " architecture cnn against bilstm"), e.getMessage());
    }

    @Test
    void anEnsembleOrAModelWithExpertsIsNotAnEncoderToStartFrom() throws Exception {
        ModelConfig m = SyntheticBeats.small(Architecture.CNN);
        BeatClassifierTrainer plain = new BeatClassifierTrainer(line -> { }, null);
        ModelBundle one = plain.train(m, SyntheticBeats.training(1), TRAIN, SyntheticBeats.empty(64), "synthetic",
                "none", "64 samples").bundle();
        ModelBundle two = plain.train(m, SyntheticBeats.training(1).withSeed(8), TRAIN, SyntheticBeats.empty(64),
                "synthetic", "none", "64 samples").bundle();
        ModelBundle ensemble = ModelBundle.ensemble(List.of(one, two));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.startingFrom(ensemble));
        assertTrue(e.getMessage().contains("an ensemble of 2"), e.getMessage());
        ModelBundle experts = one.withExperts(Map.of("S", two));
        e = assertThrows(IllegalArgumentException.class, () -> plain.startingFrom(experts));
        assertTrue(e.getMessage().contains("class experts"), e.getMessage());
    }

    /** Weights of the wrong size change nothing and name the parameter. */
    @Test
    void weightsOfAnotherSizeAreRefusedAndChangeNothing() {
        BeatNetwork net = Networks.create(SyntheticBeats.small(Architecture.CNN), 1, 1e-3, 1, 1, 0, 0, null);
        Map<String, float[]> before = net.encoderWeights();
        Map<String, float[]> bad = new TreeMap<>(before);
        String first = bad.keySet().iterator().next();
        float[] longer = Arrays.copyOf(bad.get(first), bad.get(first).length + 1);
        Arrays.fill(longer, 7f);
        bad.put(first, longer);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.setEncoderWeights(bad));
        assertTrue(e.getMessage().contains(first), e.getMessage());
        assertTrue(same(before, net.encoderWeights()), "nothing changed");

        Map<String, float[]> extra = new TreeMap<>(before);
        extra.put("enc_nothing_W", new float[] {1});
        e = assertThrows(IllegalArgumentException.class, () -> net.setEncoderWeights(extra));
        assertTrue(e.getMessage().contains("enc_nothing_W"), e.getMessage());
    }

    private static TrainingResult train(BeatClassifierTrainer trainer, ModelConfig model, int epochs) throws Exception {
        return train(trainer, model, SyntheticBeats.training(epochs));
    }

    private static TrainingResult train(BeatClassifierTrainer trainer, ModelConfig model, TrainingConfig t)
            throws Exception {
        return trainer.train(model, t, TRAIN, SyntheticBeats.empty(64), "synthetic", "none",
                "64 samples");
    }

    /** Euclidean distance between two sets of weights of the same names and sizes. */
    private static double distance(Map<String, float[]> a, Map<String, float[]> b) {
        double sum = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k);
            float[] y = b.get(k);
            for (int i = 0; i < x.length; i++) {
                sum += (x[i] - y[i]) * (double) (x[i] - y[i]);
            }
        }
        return Math.sqrt(sum);
    }

    private static boolean same(Map<String, float[]> a, Map<String, float[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }
}

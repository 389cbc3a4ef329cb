package io.beatflow.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.models.internal.MaskedSignalNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Masked-signal pretraining ({@link MaskedSignalPretrainer}) and pretrained encoder files. */
class MaskedSignalPretrainerTest {
    private static final BeatDataset DATA = SyntheticBeats.make(192, 64, 3, "unlabelled");
    /** Beats with a P wave, QRS and T wave of random amplitudes and a little noise: mostly predictable. */
    private static final BeatDataset WAVES = waves(256, 4);
    /** 25% of 64 samples in blocks of 8: 2 of 8 blocks masked per window. */
    private static final PretrainingConfig CONFIG = new PretrainingConfig(0.25, 8, 4, 0, 32, 3e-3, 1.0, 0, 1.0, 2, 16,
            5);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void theMaskedErrorFallsBelowWhatTheMaskedSamplesAloneGive(Architecture a) throws Exception {
        List<String> lines = new ArrayList<>();
        PretrainedEncoder e = new MaskedSignalPretrainer(lines::add).pretrain(SyntheticBeats.small(a, SyntheticBeats
                .contextInput()), CONFIG.withEpochs(6, 0), WAVES, "synthetic");
        List<Double> mse = e.card().epochMaskedMse();
        List<Double> zeros = e.card().epochMaskedVariance();
        assertEquals(6, mse.size(), a + ": " + lines);
        assertTrue(mse.get(5) < 0.7 * mse.get(0), a + ": masked MSE per epoch " + mse);
        assertTrue(mse.get(5) < 0.75 * zeros.get(5), a + ": masked MSE " + mse + ", a reconstruction of zeros " + zeros);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("epoch 6 done: masked MSE")), lines.toString());
        assertFalse(e.weights().isEmpty());
        assertTrue(e.weights().keySet().stream().allMatch(k -> k.startsWith("enc_")), e.weights().keySet().toString());
        assertEquals(256, e.card().beats());
        assertEquals(List.of("waves"), e.card().records());
    }

    private static BeatDataset waves(int n, long seed) {
        int l = 64;
        Random rnd = new Random(seed);
        float[] w = new float[n * l];
        float[] rr = new float[n * 3];
        long[] at = new long[n];
        for (int i = 0; i < n; i++) {
            double shift = 2 * rnd.nextGaussian();
            double p = 0.1 + 0.1 * rnd.nextDouble();
            double r = 0.8 + 0.4 * rnd.nextDouble();
            double t = 0.2 + 0.2 * rnd.nextDouble();
            for (int j = 0; j < l; j++) {
                double x = j - shift;
                w[i * l + j] = (float) (p * bump(x, 10, 3) + r * bump(x, 21, 1.5) - 0.2 * r * bump(x, 25, 1.5)
                        + t * bump(x, 42, 5) + 0.01 * rnd.nextGaussian());
            }
            rr[3 * i] = rr[3 * i + 1] = rr[3 * i + 2] = 0.8f;
            at[i] = 1000L + 300L * i;
        }
        return new BeatDataset(List.of("waves"), l, 360.0, w, new int[n], new byte[n], rr, new int[n], at);
    }

    private static double bump(double x, double centre, double width) {
        double z = (x - centre) / width;
        return Math.exp(-0.5 * z * z);
    }

    /** Only the masked samples are scored: a target that differs elsewhere gives the same loss. */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void onlyTheMaskedSamplesAreScored(Architecture a) {
        ModelConfig m = SyntheticBeats.small(a, SyntheticBeats.contextInput());
        int l = 64;
        int c = m.input().channels();
        Random rnd = new Random(1);
        int n = 4;
        float[] x = new float[n * c * l];
        float[] target = new float[n * l];
        float[] mask = new float[n * l];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < target.length; i++) {
            target[i] = (float) rnd.nextGaussian();
            mask[i] = (i % l) >= 16 && (i % l) < 32 ? 1f : 0f;
        }
        float[] elsewhere = target.clone();
        float[] inside = target.clone();
        for (int i = 0; i < target.length; i++) {
            if (mask[i] == 0) {
                elsewhere[i] += 5f;
            } else {
                inside[i] += 5f;
            }
        }
        double base = fresh(m).fit(x.clone(), target, mask, n);
        assertEquals(base, fresh(m).fit(x.clone(), elsewhere, mask, n), 1e-6 * base, a.id());
        assertNotEquals(base, fresh(m).fit(x.clone(), inside, mask, n), 1e-3 * base, a.id());
        // the loss is the masked squared error over the window's length, meaned over beats
        float[][] y = fresh(m).reconstruct(x.clone(), n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                double d = y[i][j] - target[i * l + j];
                sum += mask[i * l + j] * d * d;
            }
        }
        assertEquals(sum / l / n, base, 1e-4 * base, a.id());
        // weight decay changes the weights, not the loss reported
        assertEquals(base, fresh(m, 0.1).fit(x.clone(), target, mask, n), 1e-4 * base, a.id() + " with weight decay");
    }

    private static MaskedSignalNetwork fresh(ModelConfig m) {
        return fresh(m, 0);
    }

    private static MaskedSignalNetwork fresh(ModelConfig m, double weightDecay) {
        return MaskedSignalNetwork.create(m, 3, 1e-3, 1, 1, weightDecay, 0, 8);
    }

    @Test
    void settingsAreChecked() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> PretrainingConfig.defaults().withMask(0, 16));
        assertThrows(IllegalArgumentException.class, () -> PretrainingConfig.defaults().withMask(1, 16));
        assertThrows(IllegalArgumentException.class, () -> PretrainingConfig.defaults().withMask(0.3, 0));
        assertThrows(IllegalArgumentException.class, () -> PretrainingConfig.defaults().withEpochs(0, 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MaskedSignalPretrainer(
                l -> { }).pretrain(SyntheticBeats.small(Architecture.CNN), CONFIG.withMask(0.3, 65), DATA, "x"));
        assertTrue(e.getMessage().contains("longer than the window"), e.getMessage());
        assertEquals(5, PretrainingConfig.defaults().maskedBlocks(256), "30% of 16 blocks, rounded");
        assertEquals(1, PretrainingConfig.defaults().withMask(0.01, 16).maskedBlocks(256), "at least one block");
        assertEquals(15, PretrainingConfig.defaults().withMask(0.99, 16).maskedBlocks(256), "never every block");
    }

    /** With a checkpoint folder, the encoder as it stands after each epoch is there as last.zip. */
    @Test
    void checkpointsHoldTheEncoderAfterEachEpoch() throws Exception {
        List<String> lines = new ArrayList<>();
        Path cp = dir.resolve("checkpoints");
        PretrainedEncoder e = new MaskedSignalPretrainer(lines::add, cp).pretrain(SyntheticBeats.small(
                Architecture.CNN), CONFIG.withEpochs(2, 64), DATA, "synthetic");
        assertTrue(lines.contains("checkpoint after epoch 1: " + cp.resolve("last.zip")), lines.toString());
        PretrainedEncoder last = PretrainedEncoder.load(cp.resolve("last.zip"));
        assertEquals(e.card().weightsSha256(), last.card().weightsSha256(), "last.zip is the finished encoder");
        assertEquals(2, last.card().pretraining().epochs());
    }

    @Test
    void aSavedEncoderReadsBackAndDamageIsNamed() throws Exception {
        PretrainedEncoder e = new MaskedSignalPretrainer(l -> { }).pretrain(SyntheticBeats.small(Architecture.CNN),
                CONFIG.withEpochs(1, 64), DATA, "synthetic");
        Path f = dir.resolve("enc.zip");
        e.save(f);
        assertTrue(PretrainedEncoder.isEncoderFile(f));
        BundleFormatException notModel = assertThrows(BundleFormatException.class, () -> ModelBundle.load(f));
        assertTrue(notModel.getMessage().contains("this is a pretrained encoder"), notModel.getMessage());
        PretrainedEncoder back = PretrainedEncoder.load(f);
        assertEquals(e.card(), back.card());
        assertEquals(e.weights().keySet(), back.weights().keySet());
        for (Map.Entry<String, float[]> w : e.weights().entrySet()) {
            assertArrayEquals(w.getValue(), back.weights().get(w.getKey()), w.getKey());
        }
        Path again = dir.resolve("again.zip");
        back.save(again);
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again), "the same encoder gives the same bytes");

        Path truncated = dir.resolve("truncated.zip");
        byte[] bytes = Files.readAllBytes(f);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        BundleFormatException t = assertThrows(BundleFormatException.class, () -> PretrainedEncoder.load(truncated));
        assertTrue(t.getMessage().startsWith(truncated.toString()), t.getMessage());

        // format 1 predates the baseline stage: its input is the lead as recorded
        Map<String, byte[]> v1 = new java.util.LinkedHashMap<>(BundleZips.contents(bytes));
        String card = new String(v1.get(PretrainedEncoder.CARD_ENTRY), java.nio.charset.StandardCharsets.UTF_8);
        String oldCard = card.replace("\"formatVersion\" : " + PretrainedEncoder.FORMAT_VERSION, "\"formatVersion\" : 1")
                .replaceAll(",\\s*\"baselineHighPassHz\" : [^,}\\s]+", "");
        assertTrue(!oldCard.equals(card) && !oldCard.contains("baselineHighPassHz"), oldCard);
        v1.put(PretrainedEncoder.CARD_ENTRY, oldCard.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PretrainedEncoder first = PretrainedEncoder.load(BundleZips.write(dir, "format-1.zip", v1));
        assertEquals(e.card().model(), first.card().model());

        // a model bundle is not an encoder file
        ModelBundle bundle = new BeatClassifierTrainer(l -> { }, null).train(SyntheticBeats.small(Architecture.CNN),
                SyntheticBeats.training(1), DATA, SyntheticBeats.empty(64), "synthetic", "none", "64 samples").bundle();
        Path model = dir.resolve("model.zip");
        bundle.save(model);
        assertFalse(PretrainedEncoder.isEncoderFile(model));
        BundleFormatException m = assertThrows(BundleFormatException.class, () -> PretrainedEncoder.load(model));
        assertTrue(m.getMessage().contains("not a pretrained encoder"), m.getMessage());

        // weights that do not match the card's checksum
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>(BundleZips.contents(bytes));
        byte[] weights = entries.get(PretrainedEncoder.WEIGHTS_ENTRY).clone();
        weights[weights.length - 1] ^= 1;
        entries.put(PretrainedEncoder.WEIGHTS_ENTRY, weights);
        Path damaged = BundleZips.write(dir, "damaged.zip", entries);
        BundleFormatException d = assertThrows(BundleFormatException.class, () -> PretrainedEncoder.load(damaged));
        assertTrue(d.getMessage().contains("SHA-256") && d.getMessage().contains("damaged"), d.getMessage());
    }

    /**
     * A classifier starts from a pretrained encoder: with the encoder frozen it ends with exactly the
     * pretrained weights, its card names the encoder, and a model of other encoder settings is refused.
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aClassifierStartsFromAPretrainedEncoder(Architecture a) throws Exception {
        ModelConfig m = SyntheticBeats.small(a, SyntheticBeats.contextInput());
        PretrainedEncoder e = new MaskedSignalPretrainer(l -> { }).pretrain(m, CONFIG.withEpochs(1, 0), DATA,
                "synthetic");
        Path f = dir.resolve(a.id() + "-enc.zip");
        e.save(f);
        PretrainedEncoder loaded = PretrainedEncoder.load(f);
        List<String> lines = new ArrayList<>();
        BeatClassifierTrainer trainer = new BeatClassifierTrainer(lines::add, null).startingFrom(loaded);
        TrainingResult r = trainer.train(m, SyntheticBeats.training(2).withFreezeEncoder(true), DATA,
                SyntheticBeats.empty(64), "synthetic", "none", "64 samples");
        Map<String, float[]> after = r.bundle().network().encoderWeights();
        assertEquals(loaded.weights().keySet(), after.keySet());
        for (Map.Entry<String, float[]> w : loaded.weights().entrySet()) {
            assertArrayEquals(w.getValue(), after.get(w.getKey()), a + ": " + w.getKey());
        }
        String from = r.bundle().card().data().encoderFrom();
        assertTrue(from.contains("pretrained by masked-signal reconstruction") && from.contains(loaded.card()
                .weightsSha256()), from);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("encoder carried over")), lines.toString());

        ModelConfig otherInput = SyntheticBeats.small(a);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> BeatClassifierTrainer.checkStartingPoint(loaded, otherInput));
        assertTrue(x.getMessage().contains("does not have the encoder"), x.getMessage());
    }
}

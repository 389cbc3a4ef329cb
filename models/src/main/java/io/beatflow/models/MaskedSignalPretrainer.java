package io.beatflow.models;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.models.internal.Backend;
import io.beatflow.models.internal.DatasetContexts;
import io.beatflow.models.internal.MaskedSignalNetwork;
import io.beatflow.models.internal.WindowTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Masked-signal pretraining of an encoder on unlabelled beat windows ({@link PretrainingConfig}):
 * blocks of each window are blanked out in every signal channel, and the encoder, through a
 * reconstruction head, learns to give back the first channel's samples there. No label is read:
 * every beat of the dataset is used, whatever its label. The result is a {@link PretrainedEncoder}
 * that a classifier of the same architecture, input and encoder settings starts from
 * ({@link BeatClassifierTrainer#startingFrom(PretrainedEncoder)}).
 *
 * <p>Inputs are made as in training ({@code WindowTensors}, with the patient context of each
 * record computed from the unmasked beats before it), so the encoder sees what it will see as a
 * classifier, less the masked blocks. Every architecture: the DL4J graphs through a label mask,
 * the transformer's SameDiff graph through a masked loss of its own.
 */
public final class MaskedSignalPretrainer {
    private final Consumer<String> progress;
    private final Path checkpointDir;

    /** @param progress receives a line every 50 steps and one per epoch */
    public MaskedSignalPretrainer(Consumer<String> progress) {
        this(progress, null);
    }

    /**
     * @param progress receives a line every 50 steps and one per epoch
     * @param checkpointDir folder where the encoder as it stands is saved as {@code last.zip} after
     *     every epoch (so a long run that stops loses at most an epoch), or {@code null}
     */
    public MaskedSignalPretrainer(Consumer<String> progress, Path checkpointDir) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.checkpointDir = checkpointDir;
    }

    /**
     * Pretrains the encoder of {@code model} on the windows of {@code data}.
     *
     * @param corpus names the windows' corpus in the card, e.g. {@code mitdb 1.0.0}
     * @throws IllegalArgumentException if the dataset is empty or its windows do not suit the model's
     *     input
     * @throws IOException if a checkpoint cannot be written
     */
    public PretrainedEncoder pretrain(ModelConfig model, PretrainingConfig config, BeatDataset data, String corpus)
            throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        InputSpec in = model.input();
        int l = in.windowSamples();
        if (data.size() == 0) {
            throw new IllegalArgumentException("no beats to pretrain on");
        }
        if (data.windowSamples() != l) {
            throw new IllegalArgumentException("dataset windows have " + data.windowSamples() + " samples, the model"
                    + " takes " + l);
        }
        int blocks = (l + config.spanSamples() - 1) / config.spanSamples();
        int masked = config.maskedBlocks(l);
        int perEpoch = config.beatsPerEpoch() == 0 ? data.size() : Math.min(config.beatsPerEpoch(), data.size());
        int steps = (perEpoch + config.batchSize() - 1) / config.batchSize();
        MaskedSignalNetwork net = MaskedSignalNetwork.create(model, config.seed(), config.learningRate(),
                config.learningRateDecay(), steps, config.weightDecay(), config.gradientClip(), config.hiddenUnits());
        String backend = Backend.describe();
        progress.accept(model.architecture().id() + " encoder, masked-signal pretraining: " + net.parameterCount()
                + " parameters (with the reconstruction head), " + data.size() + " beats of " + data.records().size()
                + " records, " + masked + " of " + blocks + " blocks of " + config.spanSamples()
                + " samples masked per window, backend " + backend);

        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        String beatsSha256 = BeatClassifierTrainer.digest(data, all);
        if (checkpointDir != null) {
            BeatClassifierTrainer.prepare(checkpointDir);
        }
        DatasetContexts contexts = DatasetContexts.of(data, in);
        Random rnd = new Random(config.seed());
        WindowTensors.Augmentation shift = config.augmentShift() > 0
                ? new WindowTensors.Augmentation(config.augmentShift(), 0, rnd) : null;
        int[] order = all.clone();
        int[] blockOrder = new int[blocks];
        List<Double> mse = new ArrayList<>();
        List<Double> variance = new ArrayList<>();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            BeatClassifierTrainer.shuffle(order, rnd);
            long t0 = System.nanoTime();
            double errSum = 0;
            double varSum = 0;
            long maskedSum = 0;
            int done = 0;
            for (int s = 0; s < steps; s++) {
                int from = s * config.batchSize();
                int to = Math.min(perEpoch, from + config.batchSize());
                int n = to - from;
                WindowTensors.Batch b = WindowTensors.of(data, contexts, order, from, to, in, shift);
                float[] x = b.signal();
                float[] target = new float[n * l];
                float[] mask = new float[n * l];
                long count = 0;
                double var = 0;
                int c = in.channels();
                for (int i = 0; i < n; i++) {
                    System.arraycopy(x, i * c * l, target, i * l, l);
                    for (int k = 0; k < blocks; k++) {
                        blockOrder[k] = k;
                    }
                    for (int k = 0; k < masked; k++) { // the first `masked` of a partial Fisher-Yates shuffle
                        int j = k + rnd.nextInt(blocks - k);
                        int t = blockOrder[k];
                        blockOrder[k] = blockOrder[j];
                        blockOrder[j] = t;
                        int start = blockOrder[k] * config.spanSamples();
                        int end = Math.min(l, start + config.spanSamples());
                        for (int p = start; p < end; p++) {
                            mask[i * l + p] = 1f;
                            double v = target[i * l + p];
                            var += v * v;
                            for (int ch = 0; ch < c; ch++) {
                                x[(i * c + ch) * l + p] = 0f;
                            }
                        }
                        count += end - start;
                    }
                }
                // the network's loss: per beat the masked squared error over the window's length, meaned over beats
                double loss = net.fit(x, target, mask, n);
                errSum += loss * l * n;
                varSum += var;
                maskedSum += count;
                done += n;
                if ((s + 1) % 50 == 0 || s + 1 == steps) {
                    progress.accept(String.format(Locale.ROOT, "epoch %d step %d/%d masked MSE %.4f (a reconstruction"
                            + " of zeros: %.4f) %.0f beats/s", epoch, s + 1, steps, errSum / maskedSum,
                            varSum / maskedSum, done / ((System.nanoTime() - t0) / 1e9)));
                }
            }
            mse.add(errSum / maskedSum);
            variance.add(varSum / maskedSum);
            progress.accept(String.format(Locale.ROOT, "epoch %d done: masked MSE %.4f, %.1f%% of the masked samples'"
                    + " variance, %.0f beats/s", epoch, errSum / maskedSum, 100 * errSum / varSum,
                    done / ((System.nanoTime() - t0) / 1e9)));
            if (checkpointDir != null && epoch < config.epochs()) {
                Path last = checkpointDir.resolve("last.zip");
                encoder(model, config, data, corpus, beatsSha256, mse, variance, net, backend).save(last);
                progress.accept("checkpoint after epoch " + epoch + ": " + last);
            }
        }
        PretrainedEncoder e = encoder(model, config, data, corpus, beatsSha256, mse, variance, net, backend);
        if (checkpointDir != null) {
            e.save(checkpointDir.resolve("last.zip"));
        }
        return e;
    }

    /** The encoder as it stands, with a card of the epochs run so far. */
    private static PretrainedEncoder encoder(ModelConfig model, PretrainingConfig config, BeatDataset data,
            String corpus, String beatsSha256, List<Double> mse, List<Double> variance, MaskedSignalNetwork net,
            String backend) {
        PretrainingConfig ran = config.withEpochs(mse.size(), config.beatsPerEpoch());
        PretrainedEncoder.Card card = new PretrainedEncoder.Card(PretrainedEncoder.FORMAT_VERSION,
                PretrainedEncoder.KIND, model, ran, corpus, data.records(), data.size(), beatsSha256, mse, variance,
                net.parameterCount(), Versions.all(), backend, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                "");
        return new PretrainedEncoder(card, net.encoderWeights());
    }
}

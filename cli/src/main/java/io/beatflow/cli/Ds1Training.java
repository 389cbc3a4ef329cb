package io.beatflow.cli;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.BeatDatasetCache;
import io.beatflow.datasets.Corpus;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import io.beatflow.datasets.Split;
import io.beatflow.models.Architecture;
import io.beatflow.models.BeatClassifierTrainer;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.TrainingConfig;
import io.beatflow.models.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one training path of the command line: a beat classifier trained on the DS1 records of the
 * de Chazal 2004 MIT-BIH split, with the validation records of
 * {@link TrainingConfig#validationRecordsOf} held out of DS1 for epoch selection (or none, then the
 * last epoch is kept). DS2 is never read here. Used by {@code beatflow train}, {@code beatflow
 * model-table} and {@code beatflow cross-validate}.
 */
final class Ds1Training {
    private Ds1Training() {
    }

    /**
     * A finished training.
     *
     * @param result the trainer's result (bundle of the kept epoch and history)
     * @param trainingSeconds wall seconds of {@link BeatClassifierTrainer#train} (every epoch with
     *     its validation pass; reading the data and writing the bundle are not counted)
     */
    record Trained(TrainingResult result, double trainingSeconds) {
    }

    /** The DS1 records of the de Chazal 2004 split. */
    static List<String> ds1() {
        return Split.deChazal2004().part(Split.DS1);
    }

    /**
     * The training configuration: {@link TrainingConfig#defaults} for DS1, the options over it,
     * then the seed when given.
     */
    static TrainingConfig config(TrainingOptions options, Long seed) {
        TrainingConfig t = options.applyTo(TrainingConfig.defaults(ds1()));
        return seed == null ? t : t.withSeed(seed);
    }

    /**
     * Trains {@code model} (an architecture's configuration, e.g. from {@link TrainingOptions#model}).
     * Progress lines (class counts, one line per 50 steps and per epoch) go to {@code err}; on a
     * terminal the steps show as a progress bar redrawn in place ({@link TrainingProgressBar}).
     *
     * @param checkpoints folder for {@code best.zip} / {@code last.zip}, or null
     * @throws IOException if a DS1 record is missing or unreadable, or a checkpoint cannot be written
     */
    static Trained train(ModelConfig model, TrainingConfig t, DataDirectory dir, Path checkpoints, PrintWriter err,
            List<NoiseCopies.Copy> noise) throws IOException {
        return train(model, t, dir, checkpoints, err, noise, null);
    }

    /**
     * {@link #train(ModelConfig, TrainingConfig, DataDirectory, Path, PrintWriter, List)} from the
     * encoder of {@code encoder} (a trained model's or a pretrained one, {@link BeatClassifierTrainer#startingFrom}), or from
     * random weights when it is null.
     */
    static Trained train(ModelConfig model, TrainingConfig t, DataDirectory dir, Path checkpoints, PrintWriter err,
            List<NoiseCopies.Copy> noise, EncoderStart encoder) throws IOException {
        return train(model, t, dir, checkpoints, err, ds1(), Split.DS1, noise, encoder);
    }

    /**
     * Trains on {@code pool} (a part of DS1) less the configuration's validation records, which
     * must be in {@code pool}; {@code poolName} names the pool in the card's split text. With
     * {@code noise} copies, noise-stressed copies of the training records (never of the validation
     * records) join the training data ({@link NoiseCopies}); the card's training records then name
     * them too.
     */
    static Trained train(ModelConfig model, TrainingConfig t, DataDirectory dir, Path checkpoints, PrintWriter err,
            List<String> pool, String poolName, List<NoiseCopies.Copy> noise) throws IOException {
        return train(model, t, dir, checkpoints, err, pool, poolName, noise, null);
    }

    /**
     * {@link #train(ModelConfig, TrainingConfig, DataDirectory, Path, PrintWriter, List, String, List)}
     * from the trained encoder of {@code encoder}, or from random weights when it is null.
     */
    static Trained train(ModelConfig model, TrainingConfig t, DataDirectory dir, Path checkpoints, PrintWriter err,
            List<String> pool, String poolName, List<NoiseCopies.Copy> noise, EncoderStart encoder) throws IOException {
        if (!pool.containsAll(t.validationRecords())) {
            throw new IllegalArgumentException("validation records " + t.validationRecords() + " are not all in the"
                    + " training pool " + pool);
        }
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, pool, List.of("hea", "dat", "atr"));
        List<String> trainRecords = new ArrayList<>(pool);
        trainRecords.removeAll(t.validationRecords());
        InputSpec input = model.input();
        BeatDatasetBuilder builder = new BeatDatasetBuilder(input.windowConfig(), BeatDatasetBuilder.Mode.REFERENCE,
                BeatDatasetCache.standard());
        Path db = dir.database(MitBih.DATABASE);
        BeatDataset train = builder.build(Corpus.MITDB, db, trainRecords);
        if (!noise.isEmpty()) {
            train = BeatDataset.concat(List.of(train, NoiseCopies.build(noise, trainRecords, dir, builder, err)));
        }
        BeatDataset validation = builder.build(Corpus.MITDB, db, t.validationRecords());
        err.println("training records " + trainRecords + (noise.isEmpty() ? "" : " and their noise copies " + noise)
                + ": " + train.classCounts());
        err.println("validation records " + t.validationRecords() + ": " + validation.classCounts());
        err.flush();
        long t0 = System.nanoTime();
        TrainingProgressBar bar = TrainingProgressBar.terminal() ? new TrainingProgressBar(err) : null;
        BeatClassifierTrainer trainer = new BeatClassifierTrainer(line -> {
            if (bar != null) {
                bar.line(line);
            } else {
                err.println(line);
                err.flush();
            }
        }, checkpoints, bar);
        if (encoder != null) {
            trainer = encoder.apply(trainer);
        }
        TrainingResult r = trainer.train(model, t, train, validation, MitBih.DATABASE + " " + MitBih.VERSION,
                splitText(poolName, t, noise), input.windowConfig().toString());
        return new Trained(r, (System.nanoTime() - t0) / 1e9);
    }

    /** The split text a model's card gets: the pool, its validation records and any noise copies. */
    static String splitText(String poolName, TrainingConfig t, List<NoiseCopies.Copy> noise) {
        return Split.deChazal2004().name() + " " + poolName + (t.validationRecords().isEmpty()
                ? " (no validation records; last epoch kept)" : " minus validation records")
                + (noise.isEmpty() ? "" : ", with noise copies " + noise + " (NSTDB " + NoiseCopies.NSTDB_VERSION
                        + ", noise stress test protocol)");
    }
}

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
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.TrainingConfig;
import io.beatflow.models.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow train --arch cnn --out model.zip}: trains a beat classifier on the DS1 records
 * of the de Chazal 2004 MIT-BIH split, with validation records held out of DS1 by
 * {@link TrainingConfig#validationRecordsOf}; DS2 is never read.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a beat classifier on MIT-BIH DS1 (validation records held out of DS1) into a model bundle.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "cnn",
            description = "Architecture: cnn, bilstm, attention or transformer (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Model bundle (zip) to write.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs (default: 12).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, shuffling and sampling (default: 42).")
    Long seed;

    @Option(names = "--batch", paramLabel = "B", description = "Beats per step (default: 128).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Initial learning rate (default: 0.001).")
    Double learningRate;

    @Option(names = "--beats-per-epoch", paramLabel = "N",
            description = "Beats drawn per epoch, 0 for all (default: 0).")
    Integer beatsPerEpoch;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Folder for best.zip and last.zip after each epoch.")
    Path checkpoints;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data root holding mitdb/ (default: $BEATFLOW_DATA, else ../shared/data, else ./data).")
    Path data;

    @Override
    public Integer call() throws IOException {
        Architecture a = Architecture.of(arch);
        PrintWriter err = spec.commandLine().getErr();
        DataDirectory dir = data != null ? new DataDirectory(data) : DataDirectory.resolve();
        List<String> ds1 = Split.deChazal2004().part(Split.DS1);
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, ds1, List.of("hea", "dat", "atr"));
        TrainingConfig t = TrainingConfig.defaults(ds1);
        if (epochs != null) {
            t = t.withMaxEpochs(epochs);
        }
        if (seed != null) {
            t = t.withSeed(seed);
        }
        if (batch != null) {
            t = t.withBatchSize(batch);
        }
        if (learningRate != null) {
            t = t.withLearningRate(learningRate);
        }
        if (beatsPerEpoch != null) {
            t = t.withBeatsPerEpoch(beatsPerEpoch);
        }
        List<String> trainRecords = new ArrayList<>(ds1);
        trainRecords.removeAll(t.validationRecords());
        InputSpec input = InputSpec.mitBih256();
        ModelConfig model = ModelConfig.defaults(a, input);
        BeatDatasetBuilder builder = new BeatDatasetBuilder(input.windowConfig(), BeatDatasetBuilder.Mode.REFERENCE,
                BeatDatasetCache.standard());
        Path db = dir.database(MitBih.DATABASE);
        BeatDataset train = builder.build(Corpus.MITDB, db, trainRecords);
        BeatDataset validation = builder.build(Corpus.MITDB, db, t.validationRecords());
        err.println("training records " + trainRecords + ": " + train.classCounts());
        err.println("validation records " + t.validationRecords() + ": " + validation.classCounts());
        err.flush();
        TrainingResult r = new BeatClassifierTrainer(line -> {
            err.println(line);
            err.flush();
        }, checkpoints).train(model, t, train, validation, MitBih.DATABASE + " " + MitBih.VERSION,
                Split.deChazal2004().name() + " " + Split.DS1 + " minus validation records",
                input.windowConfig().toString());
        r.bundle().save(out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + out + " (" + a.id() + ", epoch " + r.bundle().card().bestEpoch() + " of "
                + r.bundle().card().epochsTrained() + ", validation " + r.bundle().card().validationMetrics() + ")");
        o.flush();
        return 0;
    }
}

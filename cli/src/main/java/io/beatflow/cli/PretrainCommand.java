package io.beatflow.cli;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.BeatDatasetCache;
import io.beatflow.datasets.Corpus;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import io.beatflow.datasets.Split;
import io.beatflow.models.Architecture;
import io.beatflow.models.MaskedSignalPretrainer;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.PretrainedEncoder;
import io.beatflow.models.PretrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow pretrain --out encoder.zip}: masked-signal pretraining of an architecture's
 * encoder on MIT-BIH records without their labels ({@link MaskedSignalPretrainer}); a classifier
 * then starts from it with {@code beatflow train --encoder encoder.zip}.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrain an encoder by masked-signal reconstruction on MIT-BIH records, labels unused;"
                + " beatflow train --encoder FILE then starts a classifier from it.")
final class PretrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Pretrained encoder (zip) to write.")
    Path out;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "cnn",
            description = "Architecture: cnn, bilstm, attention or transformer (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--input", paramLabel = "INPUT", defaultValue = "context",
            description = "Model input, as beatflow train takes it; the classifier must use the same"
                    + " (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--records", paramLabel = "LIST", defaultValue = "DS1",
            description = "MIT-BIH records to pretrain on: DS1, DS2, ALL (the 44 records of both) or a comma-separated"
                    + " list; windows are cut at the reference beat positions and their labels are not read"
                    + " (default: ${DEFAULT-VALUE}).")
    String records;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: 5).")
    Integer epochs;

    @Option(names = "--beats-per-epoch", paramLabel = "N", description = "Beats drawn per epoch, 0 for all"
            + " (default: 16000).")
    Integer beatsPerEpoch;

    @Option(names = "--mask", paramLabel = "FRACTION", description = "Share of each window masked, in whole blocks"
            + " (default: 0.3).")
    Double mask;

    @Option(names = "--span", paramLabel = "SAMPLES", description = "Samples per masked block (default: 16, 44 ms at"
            + " 360 Hz).")
    Integer span;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, order, shifts and masks (default: 42).")
    Long seed;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data root holding mitdb/ (default: $BEATFLOW_DATA, else ../shared/data, else ./data).")
    Path data;

    @Override
    public Integer call() throws IOException {
        Architecture a = Architecture.of(arch);
        ModelConfig model = ModelConfig.defaults(a, TrainingOptions.inputSpec(input));
        PretrainingConfig d = PretrainingConfig.defaults();
        PretrainingConfig c = d.withMask(mask == null ? d.maskFraction() : mask, span == null ? d.spanSamples() : span)
                .withEpochs(epochs == null ? d.epochs() : epochs, beatsPerEpoch == null ? d.beatsPerEpoch()
                        : beatsPerEpoch)
                .withSeed(seed == null ? d.seed() : seed);
        c.maskedBlocks(model.input().windowSamples()); // a span longer than the window fails here, before any data
        List<String> list = records(records);
        PrintWriter err = spec.commandLine().getErr();
        List<String> test = list.stream().filter(Split.deChazal2004().part(Split.DS2)::contains).toList();
        if (!test.isEmpty()) {
            err.println("note: records " + test + " are in DS2: a classifier started from this encoder has seen their"
                    + " signals (not their labels), so its DS2 figures are no longer those of patients it never saw");
        }
        DataDirectory dir = data != null ? new DataDirectory(data) : DataDirectory.resolve();
        long t0 = System.nanoTime();
        PretrainedEncoder e = pretrain(model, c, dir, list, err);
        e.save(out);
        PrintWriter o = spec.commandLine().getOut();
        List<Double> mse = e.card().epochMaskedMse();
        List<Double> var = e.card().epochMaskedVariance();
        int last = mse.size() - 1;
        o.println(String.format(Locale.ROOT, "wrote %s (%s encoder, %d weights; last epoch masked MSE %.4f, %.1f%% of"
                + " the masked samples' variance; %.0f s)", out, a.id(), e.weightCount(), mse.get(last),
                100 * mse.get(last) / var.get(last), (System.nanoTime() - t0) / 1e9));
        o.println("start a classifier from it: beatflow train --arch " + a.id() + " --input " + input + " --encoder "
                + out + " --out MODEL.zip");
        o.flush();
        return 0;
    }

    /**
     * Pretrains the encoder of {@code model} on windows at the reference beats of MIT-BIH
     * {@code records} (labels unused); progress goes to {@code err}.
     *
     * @throws IOException if a record is missing or unreadable
     */
    static PretrainedEncoder pretrain(ModelConfig model, PretrainingConfig c, DataDirectory dir, List<String> records,
            PrintWriter err) throws IOException {
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, records, List.of("hea", "dat", "atr"));
        BeatDatasetBuilder builder = new BeatDatasetBuilder(model.input().windowConfig(),
                BeatDatasetBuilder.Mode.REFERENCE, BeatDatasetCache.standard());
        BeatDataset beats = builder.build(Corpus.MITDB, dir.database(MitBih.DATABASE), records);
        err.println("pretraining records " + records + ": " + beats.size() + " beats");
        err.flush();
        return new MaskedSignalPretrainer(line -> {
            err.println(line);
            err.flush();
        }).pretrain(model, c, beats, MitBih.DATABASE + " " + MitBih.VERSION);
    }

    /**
     * The records of {@code --records}: DS1, DS2, ALL or a comma-separated list of MIT-BIH records.
     *
     * @throws IllegalArgumentException naming an empty or duplicated entry
     */
    static List<String> records(String arg) {
        Split s = Split.deChazal2004();
        switch (arg) {
            case "DS1":
                return s.part(Split.DS1);
            case "DS2":
                return s.part(Split.DS2);
            case "ALL": {
                List<String> all = new ArrayList<>(s.part(Split.DS1));
                all.addAll(s.part(Split.DS2));
                return all;
            }
            default: {
                List<String> out = new ArrayList<>();
                for (String r : arg.split(",", -1)) {
                    String t = r.strip();
                    if (t.isEmpty()) {
                        throw new IllegalArgumentException("--records: empty entry in '" + arg + "'");
                    }
                    if (out.contains(t)) {
                        throw new IllegalArgumentException("--records: record " + t + " given twice");
                    }
                    out.add(t);
                }
                return out;
            }
        }
    }
}

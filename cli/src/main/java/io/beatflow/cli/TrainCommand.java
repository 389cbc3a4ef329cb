package io.beatflow.cli;

import io.beatflow.models.Architecture;
import io.beatflow.models.DecisionRule;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.TrainingConfig;
import io.beatflow.models.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow train --arch cnn --out model.zip}: trains a beat classifier on the DS1 records
 * of the de Chazal 2004 MIT-BIH split, with validation records held out of DS1 by
 * {@link TrainingConfig#validationRecordsOf}; DS2 is never read. The training itself is
 * {@link Ds1Training}, shared with {@code beatflow model-table}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a beat classifier on MIT-BIH DS1 into a model bundle (by default as the shipped model's"
                + " networks were trained; --validation holds DS1 records out for early stopping).")
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "cnn",
            description = "Architecture: cnn, bilstm, attention or transformer (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Model bundle (zip) to write.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, shuffling and sampling (default: 42).")
    Long seed;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Folder for best.zip and last.zip after each epoch.")
    Path checkpoints;

    @Option(names = "--decision", paramLabel = "FILE", description = "decision.json of beatflow cross-validate: its"
            + " class-prior offsets go into the bundle's card (default: none, the network's probabilities).")
    Path decision;

    @Option(names = "--encoder", paramLabel = "FILE", description = "Start from the trained encoder of this model"
            + " (a bundle of one network, not an ensemble: beatflow member takes one out of an ensemble) or from an"
            + " encoder of beatflow pretrain, instead of random"
            + " weights; only the head is new. --arch, --input and the encoder settings must be those the encoder was"
            + " trained with (default: random weights).")
    String encoder;

    @Option(names = "--freeze-encoder", description = "With --encoder: keep the encoder's weights as they come and train"
            + " the head alone (a probe of what the encoder learnt) (default: every weight trains).")
    boolean freezeEncoder;

    @Option(names = "--freeze-encoder-epochs", paramLabel = "K", description = "With --encoder: keep the encoder frozen"
            + " for the first K epochs, the new head training alone, then train every weight (linear probing, then"
            + " fine-tuning); not with --freeze-encoder (default: 0, every weight trains from the start).")
    int freezeEncoderEpochs;

    @Mixin
    TrainingOptions options;

    @Override
    public Integer call() throws IOException {
        Architecture a = Architecture.of(arch);
        if (freezeEncoder && encoder == null) {
            throw new IllegalArgumentException("--freeze-encoder: needs --encoder FILE, the model or pretrained encoder"
                    + " whose encoder to keep");
        }
        if (freezeEncoderEpochs != 0 && encoder == null) {
            throw new IllegalArgumentException("--freeze-encoder-epochs " + freezeEncoderEpochs + ": needs --encoder"
                    + " FILE, the model or pretrained encoder whose encoder to keep frozen first");
        }
        if (freezeEncoderEpochs < 0) {
            throw new IllegalArgumentException("--freeze-encoder-epochs " + freezeEncoderEpochs + ": give 0 or more"
                    + " epochs");
        }
        if (freezeEncoder && freezeEncoderEpochs > 0) {
            throw new IllegalArgumentException("--freeze-encoder keeps the encoder frozen throughout and"
                    + " --freeze-encoder-epochs " + freezeEncoderEpochs + " for the first epochs only: give one of the"
                    + " two");
        }
        java.util.List<Path> inputs = new java.util.ArrayList<>();
        if (encoder != null) {
            inputs.add(ModelBundle.resolve(encoder));
        }
        if (decision != null) {
            inputs.add(decision);
        }
        OutputPaths.file("--out", out, inputs);
        if (checkpoints != null) {
            OutputPaths.directory("--checkpoints", checkpoints);
        }
        TrainingConfig t = Ds1Training.config(options, seed).toBuilder().freezeEncoder(freezeEncoder)
                .freezeEncoderEpochs(freezeEncoderEpochs).build();
        java.util.List<NoiseCopies.Copy> noise = options.noiseCopies();
        DecisionRule rule = decision == null ? null : CrossValidateCommand.readDecision(decision);
        ModelConfig model = options.model(a);
        if (rule != null) {
            // before hours of training, not after
            CrossValidateCommand.checkFittedFor(decision, model, false, spec.commandLine().getErr());
        }
        EncoderStart start = encoder == null ? null : EncoderStart.load(encoder);
        if (start != null) {
            start.check(model);
            java.util.List<String> seen = start.bundle() != null
                    ? io.beatflow.models.BeatClassifierTrainer.recordsSeenBy(start.bundle().card())
                    : start.pretrained().card().records();
            java.util.List<String> test = seen.stream()
                    .filter(io.beatflow.datasets.Split.deChazal2004().part(io.beatflow.datasets.Split.DS2)::contains)
                    .toList();
            if (!test.isEmpty()) {
                spec.commandLine().getErr().println("warning: the encoder of " + encoder + " has seen DS2 records " + test
                        + ": this model's DS2 figures will not be those of patients it never saw (its card records"
                        + " them, and predict and evaluate will say so)");
            }
        }
        TrainingResult r = Ds1Training.train(model, t, options.dataDirectory(), checkpoints,
                spec.commandLine().getErr(), noise, start)
                .result();
        ModelBundle b = rule == null ? r.bundle() : r.bundle().withDecision(rule);
        b.save(out);
        PrintWriter o = spec.commandLine().getOut();
        if (rule != null) {
            o.println("decision rule from " + decision + ": offsets " + new java.util.TreeMap<>(rule.logOffsets()));
        }
        java.util.Map<String, Double> metrics = new java.util.TreeMap<>(r.bundle().card().validationMetrics());
        String validation = metrics.isEmpty() ? "no validation records: the last epoch kept"
                : "validation " + metrics.entrySet().stream().map(e -> e.getKey() + " " + String.format(java.util.Locale.ROOT,
                        e.getValue() == Math.rint(e.getValue()) && e.getValue() > 1 ? "%.0f" : "%.3f", e.getValue())).collect(java.util.stream.Collectors.joining(", "));
        o.println("wrote " + out + " (" + a.id() + ", epoch " + r.bundle().card().bestEpoch() + " of "
                + r.bundle().card().epochsTrained() + "; " + validation + ")");
        o.flush();
        return 0;
    }
}

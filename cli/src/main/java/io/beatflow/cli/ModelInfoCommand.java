package io.beatflow.cli;

import io.beatflow.models.DecisionRule;
import io.beatflow.models.EnsembleMember;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelCard;
import io.beatflow.models.PretrainedEncoder;
import io.beatflow.models.PretrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow model-info --model BUNDLE}: loads a model bundle, with every check loading makes
 * (entries, card, weights checksums, the network against the card), and prints what its card says:
 * architecture and input, training data and settings, the epochs, validation figures, the decision
 * rule, the members of an ensemble, versions and checksums; {@code --json} prints the card itself.
 */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = "Check a model bundle and print its card: architecture, input, training data and settings,"
                + " decision rule, members, checksums (or a pretrained encoder's card).")
final class ModelInfoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE",
            description = "Model bundle (zip), or " + ModelBundle.BUILT_IN + " for the model shipped with beatflow, or a"
                    + " pretrained encoder of beatflow pretrain.")
    String model;

    @Option(names = "--json", description = "Print the model card as JSON instead of the summary.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        java.nio.file.Path file = java.nio.file.Path.of(model);
        if (PretrainedEncoder.isEncoderFile(file)) {
            return encoderInfo(PretrainedEncoder.load(file));
        }
        ModelBundle b = ModelBundle.load(ModelBundle.resolve(model));
        ModelCard c = b.card();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(ModelBundle.toJson(c));
            o.flush();
            return 0;
        }
        InputSpec in = c.input();
        o.printf(Locale.ROOT, "%s: bundle format %d, checks passed (weights SHA-256 %s)%n", model, c.formatVersion(),
                c.weightsSha256());
        o.printf(Locale.ROOT, "architecture%s: %s%s, %,d trainable parameters, weights as %s%n",
                c.hasExperts() ? " (base model)" : "",
                c.model().architecture().id(), c.ensemble() ? " (an ensemble of " + c.members().size() + ")" : "",
                c.parameters(), c.networkFormat());
        o.printf(Locale.ROOT, "input: lead %s, %d samples at %s Hz (R peak at sample %d), %d channel%s, %d RR value%s%s%s%n",
                in.lead(), in.windowSamples(), trim(in.sampleRateHz()), in.rPeakIndex(), in.channels(),
                in.channels() == 1 ? "" : "s", in.rrInputs(), in.rrInputs() == 1 ? "" : "s",
                (in.usesContext() ? ", patient context" : "") + (in.prematurityBeats() > 0
                        ? " (with prematurity z-scores over the last " + in.prematurityBeats() + " beats)" : ""),
                baseline(in));
        if (in.baselineHighPassHz() > 0 && !c.data().windowing().contains("baselineHighPassHz=")) {
            o.println("  (the high-pass was given after training, by beatflow set-baseline: the networks were trained on"
                    + " windows without it; training windows: " + c.data().windowing() + ")");
        }
        var h = c.model().head();
        o.printf(Locale.ROOT, "head: %d hidden units, dropout %s, RR values to the logits %s; classes %s%n",
                h.hiddenUnits(), trim(h.dropout()), h.rrToLogits() ? "too (wide head)" : "no", h.classNames());
        o.println("training data: " + c.data().corpus() + ", " + c.data().split() + "; training records "
                + c.data().trainingRecords() + ", validation records " + c.data().validationRecords());
        o.println("training data SHA-256: " + c.data().trainingSha256() + (c.data().validationRecords().isEmpty() ? ""
                : "; validation data SHA-256: " + c.data().validationSha256()));
        if (!c.data().encoderRecords().isEmpty()) {
            o.println("records the encoder had seen before: " + c.data().encoderRecords());
        }
        if (!c.data().encoderFrom().isEmpty()) {
            o.println("encoder started from " + c.data().encoderFrom()
                    + (c.training().freezeEncoder() ? "; kept frozen, only the head trained"
                            : c.training().freezeEncoderEpochs() > 0 ? "; kept frozen for the first "
                                    + c.training().freezeEncoderEpochs() + " epoch(s), only the head training, then"
                                    + " every weight trained" : ""));
        }
        var t = c.training();
        o.printf(Locale.ROOT, "training%s: %d of at most %d epochs run, epoch %d kept; %s per epoch, batch %d,"
                + " learning rate %s x %s per epoch, weight decay %s, clipping %s, class weights %s (at most %s),"
                + " stopping after %d epochs without a better validation macro F1%n",
                c.ensemble() ? " (each member; seeds below)" : ", seed " + t.seed(), c.epochsTrained(), t.maxEpochs(),
                c.bestEpoch(), t.beatsPerEpoch() == 0 ? "every beat" : t.beatsPerEpoch() + " beats", t.batchSize(),
                trim(t.learningRate()), trim(t.learningRateDecay()), trim(t.weightDecay()), trim(t.gradientClip()),
                t.classWeighting().name().toLowerCase(Locale.ROOT), trim(t.maxClassWeight()), t.patience());
        o.printf(Locale.ROOT, "augmentation: shifts up to %d samples, noise %s; RR scaling %s, record balance %s,"
                + " morphology dropout %s, S timing %s, S runs %s%n", t.augmentShift(), trim(t.augmentNoise()),
                trim(t.augmentRr()), trim(t.recordBalance()), trim(t.morphologyDropout()), trim(t.augmentSTiming()),
                trim(t.augmentSRuns()));
        if (!c.validationMetrics().isEmpty()) {
            o.println("validation: " + format(c.validationMetrics()));
        }
        members(o, "", c);
        for (var x : c.experts()) {
            var xi = x.card().input();
            o.printf(Locale.ROOT, "class expert for %s: %s%s, %,d parameters, input %d channel%s%s, bundle SHA-256 %s%n",
                    x.className(), x.card().model().architecture().id(),
                    x.card().ensemble() ? " (an ensemble of " + x.card().members().size() + ", seeds "
                            + x.card().members().stream().map(m -> Long.toString(m.seed())).toList() + ")" : "",
                    x.card().parameters(), xi.channels(), xi.channels() == 1 ? "" : "s",
                    xi.rawChannel() ? "" : " (no raw-window channel)", x.bundleSha256());
            members(o, "  ", x.card());
        }
        if (c.ensemble() || c.experts().stream().anyMatch(x -> x.card().ensemble())) {
            o.println("  (beatflow member --index I [--expert CLASS] takes member I out as a bundle of one network)");
        }
        if (!c.takenFrom().isEmpty()) {
            o.println("taken from: " + c.takenFrom());
        }
        var d = c.decision();
        o.println("decision rule: " + d.describe());
        if (!(d.shiftsNothing() && d.smoothing() == null)) {
            o.println("  chosen by: " + d.chosenBy());
            Map<String, Double> e = d.evidence();
            if (e.containsKey(DecisionRule.MACRO_F1_BEFORE) && e.containsKey(DecisionRule.MACRO_F1_AFTER)) {
                o.printf(Locale.ROOT, "  macro F1 (N, S, V, F) on those predictions: %.3f without the rule, %.3f with it%s%n",
                        e.get(DecisionRule.MACRO_F1_BEFORE), e.get(DecisionRule.MACRO_F1_AFTER),
                        e.containsKey(DecisionRule.MACRO_F1_HELD_OUT) ? String.format(Locale.ROOT, ", %.3f with the rule"
                                + " fitted to the other folds deciding each fold (the estimate for unseen patients)",
                                e.get(DecisionRule.MACRO_F1_HELD_OUT)) : "");
            }
        }
        o.println("created " + c.created() + " on " + c.backend() + "; versions " + new TreeMap<>(c.versions()));
        o.flush();
        return 0;
    }

    /** An ensemble's members, each with the index {@code beatflow member --index} takes; nothing for one network. */
    private static void members(PrintWriter o, String indent, ModelCard c) {
        for (int i = 0; i < c.members().size(); i++) {
            EnsembleMember m = c.members().get(i);
            o.printf(Locale.ROOT, "%smember %d: seed %d, %,d parameters, epoch %d of %d, weights SHA-256 %s%s%n", indent,
                    i, m.seed(), m.parameters(), m.bestEpoch(), m.epochsTrained(), m.weightsSha256(),
                    m.validationMetrics().isEmpty() ? "" : "; validation: " + format(m.validationMetrics()));
            if (!m.decision().shiftsNothing() || m.decision().smoothing() != null) {
                o.println(indent + "  its own decision rule (not applied by the ensemble): " + m.decision().describe());
            }
            if (m.keptVersions() && (!m.versions().equals(c.versions()) || !m.backend().equals(c.backend()))) {
                o.println(indent + "  trained on " + m.backend() + "; versions " + new TreeMap<>(m.versions()));
            }
        }
    }

    /** The input's baseline high-pass as the input line names it, or "" for the lead as recorded. */
    private static String baseline(InputSpec in) {
        return in.baselineHighPassHz() > 0 ? "; the lead first passes a causal high-pass at " + trim(in.baselineHighPassHz())
                + " Hz (Butterworth, order 2)" : "";
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String format(Map<String, Double> metrics) {
        StringBuilder s = new StringBuilder();
        for (var e : new TreeMap<>(metrics).entrySet()) {
            s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(e.getKey().equals("beats") ? trim(e.getValue())
                            : String.format(Locale.ROOT, "%.3f", e.getValue()));
        }
        return s.toString();
    }

    /** What a pretrained encoder's card says (loading checked the weights against it). */
    private int encoderInfo(PretrainedEncoder e) {
        PretrainedEncoder.Card c = e.card();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(PretrainedEncoder.toJson(c));
            o.flush();
            return 0;
        }
        InputSpec in = c.model().input();
        PretrainingConfig p = c.pretraining();
        o.printf(Locale.ROOT, "%s: pretrained encoder (%s), format %d, checks passed (weights SHA-256 %s); not a"
                + " classifier: beatflow train --encoder starts one from it%n", model, c.kind(), c.formatVersion(),
                c.weightsSha256());
        o.printf(Locale.ROOT, "architecture: %s encoder, %,d weights (%,d parameters with the reconstruction head)%n",
                c.model().architecture().id(), e.weightCount(), c.parameters());
        o.printf(Locale.ROOT, "input: lead %s, %d samples at %s Hz (R peak at sample %d), %d channel%s%s%s%n", in.lead(),
                in.windowSamples(), trim(in.sampleRateHz()), in.rPeakIndex(), in.channels(),
                in.channels() == 1 ? "" : "s", in.usesContext() ? ", patient context" : "", baseline(in));
        o.printf(Locale.ROOT, "pretraining: %.0f%% of each window masked in blocks of %d samples, %d epochs of %s"
                + " beats, batch %d, learning rate %s x %s per epoch, seed %d%n", 100 * p.maskFraction(),
                p.spanSamples(), p.epochs(), p.beatsPerEpoch() == 0 ? "all" : String.valueOf(p.beatsPerEpoch()),
                p.batchSize(), trim(p.learningRate()), trim(p.learningRateDecay()), p.seed());
        o.printf(Locale.ROOT, "data: %s; records %s; %,d beats (SHA-256 %s); no labels used%n", c.corpus(),
                String.join(" ", c.records()), c.beats(), c.beatsSha256());
        StringBuilder epochs = new StringBuilder();
        for (int i = 0; i < c.epochMaskedMse().size(); i++) {
            epochs.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f (%.1f%%)",
                    c.epochMaskedMse().get(i), 100 * c.epochMaskedMse().get(i) / c.epochMaskedVariance().get(i)));
        }
        o.println("masked MSE per epoch (share of the masked samples' variance): " + epochs);
        o.println("versions " + new TreeMap<>(c.versions()) + ", backend " + c.backend() + ", written " + c.created());
        o.flush();
        return 0;
    }
}

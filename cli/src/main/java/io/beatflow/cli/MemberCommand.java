package io.beatflow.cli;

import io.beatflow.models.ClassExpert;
import io.beatflow.models.DecisionRule;
import io.beatflow.models.EnsembleMember;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelCard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow member --model BUNDLE --index I [--expert CLASS] --out BUNDLE}: one network of an
 * ensemble (of the base model, or of a class expert's ensemble) as a bundle of its own
 * ({@link ModelBundle#member}), for speed (one network pass per beat) or to start a training from
 * ({@code train --encoder}). It copies a bundle with one change, as {@code set-decision} does, so it
 * takes the same {@code --model} and {@code --out}.
 */
@Command(name = "member", mixinStandardHelpOptions = true,
        description = {"Take one network out of an ensemble as a bundle of its own: the same weights, so the"
                + " probabilities that network gives inside the ensemble, at one network pass per beat.",
            "Its card is the member's: architecture, input, training data and settings with its own seed, epochs and"
                + " validation figures, versions and backend, and where it was taken from. The ensemble's decision"
                + " rule, fitted to the ensemble's probabilities, is dropped; the member decides by the rule --decision"
                + " gives, else by its own rule where the ensemble's card kept one (bundle format 19 and later), else,"
                + " for a base member of " + ModelBundle.BUILT_IN + ", by the rule fitted for that network and kept"
                + " with the model, else by arg-max. Class experts are left out. model-info lists the members with"
                + " their index."})
final class MemberCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BundleCopy bundle;

    @Option(names = "--index", required = true, paramLabel = "I",
            description = "The member to take, 0-based, as model-info lists them (member 0, member 1, ...).")
    int index;

    @Option(names = "--expert", paramLabel = "CLASS", description = "Take the member out of the ensemble of the class"
            + " expert for CLASS (e.g. S for " + ModelBundle.BUILT_IN + ") instead of the base model.")
    String expert;

    /** The {@code --decision} value that asks for the arg-max. */
    static final String NONE = "none";

    @Option(names = "--decision", paramLabel = "FILE|none", description = "decision.json of a rule fitted for this"
            + " one network, or 'none' for the arg-max of its probabilities (default: the member's own rule, where"
            + " the ensemble's card kept one; for a base member of " + ModelBundle.BUILT_IN + ", the rule fitted for it"
            + " and kept with the model; otherwise none).")
    String decision;

    @Override
    public Integer call() throws IOException {
        Path file = decision == null || decision.equals(NONE) ? null : Path.of(decision);
        Path in = file == null ? bundle.input() : bundle.input(file);
        ModelBundle loaded = ModelBundle.load(in);
        ModelCard c = loaded.card();
        String what = checkMember(c);
        ModelBundle part = expert == null ? loaded : loaded.expert(expert);
        ModelBundle member = part.member(index);
        EnsembleMember described = part.card().members().get(index);
        DecisionRule kept = described.decision();
        boolean keptOne = !kept.shiftsNothing() || kept.smoothing() != null;
        DecisionRule rule = null;
        String source = null;
        if (file != null) {
            rule = CrossValidateCommand.readDecision(file);
            CrossValidateCommand.checkFittedFor(file, member.card(), spec.commandLine().getErr());
            source = "from " + file + (keptOne ? ", in place of the member's own" : "");
        } else if (decision == null && keptOne) {
            rule = kept;
            source = "the member's own, kept by the ensemble's card; --decision none for the arg-max";
        } else if (decision == null && expert == null && ModelBundle.BUILT_IN.equals(bundle.model)) {
            rule = ModelBundle.builtInMemberRule(index).orElse(null);
            source = "fitted for this network and kept with " + ModelBundle.BUILT_IN + "; --decision none for the"
                    + " arg-max";
        }
        member = member.withDecision(rule == null ? DecisionRule.none() : rule);
        member.save(bundle.out);

        ModelCard m = member.card();
        ModelCard ensemble = part.card();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %s: %s member %d of %d (seed %d) of %s of %s, %,d parameters; one network pass"
                + " per beat (%s takes %d)%n", bundle.out, m.model().architecture().id(), index,
                ensemble.members().size(), ensemble.members().get(index).seed(), what, bundle.model, m.parameters(),
                bundle.model, passes(c));
        if (expert == null && c.hasExperts()) {
            o.println("left out: the class experts for " + classes(c.experts()));
        } else if (expert != null) {
            o.println("note: " + bundle.model + " takes only the " + expert + " probability from this expert; its other"
                    + " classes were not used there");
        }
        if (rule != null) {
            o.println("decision rule: " + rule.describe() + " (" + source + ")");
        } else {
            DecisionRule dropped = c.decision();
            o.println("decision rule: none (the arg-max of this network's probabilities)" + (dropped.shiftsNothing()
                    && dropped.smoothing() == null ? "" : "; the rule of " + bundle.model + " (" + dropped.describe()
                    + ") was fitted to its combined probabilities, not this network's, and is dropped")
                    + (keptOne ? "; the member's own rule (" + kept.describe() + "), kept by the ensemble's card, is"
                    + " left out as --decision none asks"
                    : ": give one fitted for this network with --decision or beatflow set-decision"));
        }
        if (!described.keptVersions()) {
            o.println("not kept by the ensemble's card (bundle format " + part.card().formatVersion() + "; cards of format"
                    + " 19 and later keep them), so not in this one: the member's own decision rule, if it had one"
                    + (index == 0 ? "" : "; its library versions and backend (the card carries member 0's, and its"
                    + " takenFrom says so)"));
        }
        o.flush();
        return 0;
    }

    /**
     * Checks that {@code --expert} and {@code --index} name a member of {@code c}, before anything is
     * written, and returns what the member is taken out of ("the base model", ...).
     *
     * @throws IllegalArgumentException naming the option, the value and what there is instead
     */
    private String checkMember(ModelCard c) {
        ModelCard target = c;
        String what;
        if (expert != null) {
            ClassExpert x = c.experts().stream().filter(e -> e.className().equals(expert)).findFirst().orElse(null);
            if (x == null) {
                throw new IllegalArgumentException("--expert " + expert + ": " + bundle.model + (c.hasExperts()
                        ? " has no class expert for " + expert + "; its class experts: " + classes(c.experts())
                        : " has no class experts"));
            }
            target = x.card();
            what = "the class expert for " + expert;
            if (!target.ensemble()) {
                throw new IllegalArgumentException("--expert " + expert + ": the class expert for " + expert + " of "
                        + bundle.model + " is one network, not an ensemble: it has no members to take out");
            }
        } else if (c.hasExperts()) {
            what = "the base model";
            if (!c.ensemble()) {
                throw new IllegalArgumentException("--model " + bundle.model + ": its base model is one network, not an"
                        + " ensemble: it has no members to take out (--expert CLASS takes a member of a class expert's"
                        + " ensemble; its class experts: " + classes(c.experts()) + ")");
            }
        } else {
            what = "the ensemble";
            if (!c.ensemble()) {
                throw new IllegalArgumentException("--model " + bundle.model + " is one network, not an ensemble:"
                        + " it has no members to take out; the bundle already is one network");
            }
        }
        int n = target.members().size();
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("--index " + index + ": " + what + " of " + bundle.model + " is an"
                    + " ensemble of " + n + ", members 0 to " + (n - 1) + " (model-info lists them)");
        }
        return what;
    }

    /** The network passes per beat of a model: one per network of its base and of each class expert. */
    static int passes(ModelCard c) {
        int n = Math.max(1, c.members().size());
        for (ClassExpert x : c.experts()) {
            n += Math.max(1, x.card().members().size());
        }
        return n;
    }

    private static List<String> classes(List<ClassExpert> experts) {
        return experts.stream().map(ClassExpert::className).toList();
    }
}

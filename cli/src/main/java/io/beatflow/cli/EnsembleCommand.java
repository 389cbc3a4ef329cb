package io.beatflow.cli;

import io.beatflow.models.DecisionRule;
import io.beatflow.models.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow ensemble --out BUNDLE MODEL...}: one bundle of several models trained alike (seeds
 * apart), whose probabilities are the normalised geometric mean of theirs
 * ({@link ModelBundle#ensemble}).
 */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = {"Combine models trained alike (same architecture, input, data and settings; other seeds) into"
                + " one bundle whose probabilities are the normalised geometric mean of theirs.",
            "The members' decision rules do not apply to the ensemble (the card keeps each with its member, and"
                + " beatflow member gives it back); give the ensemble one fitted to its own out-of-fold"
                + " probabilities (cross-validate --seeds) with --decision, or later with set-decision."})
final class EnsembleCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle to write (not an input).")
    Path out;

    @Option(names = "--decision", paramLabel = "FILE",
            description = "decision.json of beatflow cross-validate --seeds to give the ensemble (default: none).")
    Path decision;

    @Parameters(arity = "2..*", paramLabel = "MODEL", description = "Two or more model bundles without class"
            + " experts (so not the shipped " + ModelBundle.BUILT_IN + ", which has them).")
    List<String> models;

    @Override
    public Integer call() throws IOException {
        List<ModelBundle> members = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        for (String name : models) {
            Path m = ModelBundle.resolve(name);
            if (Files.exists(out) && Files.exists(m) && Files.isSameFile(m, out)) {
                throw new IllegalArgumentException("--out " + out + " is one of the models; write a new file");
            }
            inputs.add(m);
        }
        if (decision != null) {
            inputs.add(decision);
        }
        OutputPaths.file("--out", out, inputs);
        for (Path m : inputs.subList(0, models.size())) {
            members.add(ModelBundle.load(m));
        }
        ModelBundle ensemble = ModelBundle.ensemble(members);
        if (decision != null) {
            CrossValidateCommand.checkFittedFor(decision, ensemble.card(), spec.commandLine().getErr());
            ensemble = ensemble.withDecision(CrossValidateCommand.readDecision(decision));
        }
        ensemble.save(out);
        PrintWriter o = spec.commandLine().getOut();
        DecisionRule rule = ensemble.card().decision();
        o.printf(Locale.ROOT, "wrote %s: %d %s models (seeds %s), %,d parameters, %s%n", out, members.size(),
                ensemble.card().model().architecture().id(),
                ensemble.card().members().stream().map(m -> Long.toString(m.seed())).toList(),
                ensemble.card().parameters(), "decision rule: " + rule.describe());
        o.flush();
        return 0;
    }
}

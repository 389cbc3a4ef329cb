package io.beatflow.cli;

import io.beatflow.models.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow experts --base BUNDLE --expert S=BUNDLE --out BUNDLE}: one bundle of a base model
 * and class experts ({@link ModelBundle#withExperts}): each expert's probability of its class
 * replaces the base model's, each beat renormalised, then the bundle's own decision rule.
 */
@Command(name = "experts", mixinStandardHelpOptions = true,
        description = {"Give a model class experts: each expert's probability of its class replaces the base model's"
                + " (the row renormalised); one bundle holds them all.",
            "The models' own decision rules are dropped; give the combination one fitted to its out-of-fold"
                + " probabilities (combine-predictions, then cross-validate) with --decision, or later with"
                + " set-decision."})
final class ExpertsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "BUNDLE", description = "The base model, a bundle without class"
            + " experts (so not the shipped " + ModelBundle.BUILT_IN + ", which has them).")
    String base;

    @Option(names = "--expert", required = true, paramLabel = "CLASS=BUNDLE",
            description = "A class and the model that decides it; repeatable, e.g. S=relative.zip.")
    List<String> experts;

    @Option(names = "--decision", paramLabel = "FILE", description = "decision.json to give the combination"
            + " (default: none).")
    Path decision;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle to write (not an input).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Map<String, ModelBundle> byClass = new LinkedHashMap<>();
        for (var e : ClassArgs.byClass("--expert", experts, "BUNDLE", "S=relative.zip").entrySet()) {
            byClass.put(e.getKey(), load(e.getValue()));
        }
        ModelBundle b = load(base).withExperts(byClass);
        if (decision != null) {
            b = b.withDecision(CrossValidateCommand.readDecision(decision));
        }
        b.save(out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %s: base %s%s, experts %s, %,d parameters, %s%n", out,
                b.card().model().architecture().id(),
                b.card().ensemble() ? " (an ensemble of " + b.card().members().size() + ")" : "",
                b.card().experts().stream().map(x -> x.className() + " (" + x.card().model().architecture().id()
                        + (x.card().ensemble() ? ", an ensemble of " + x.card().members().size() : "") + ")").toList(),
                b.card().parameters() + b.card().experts().stream().mapToLong(x -> x.card().parameters()).sum(),
                "decision rule: " + b.card().decision().describe());
        o.flush();
        return 0;
    }

    private ModelBundle load(String name) throws IOException {
        Path m = ModelBundle.resolve(name);
        if (Files.exists(out) && Files.exists(m) && Files.isSameFile(m, out)) {
            throw new IllegalArgumentException("--out " + out + " is one of the models; write a new file");
        }
        return ModelBundle.load(m);
    }
}

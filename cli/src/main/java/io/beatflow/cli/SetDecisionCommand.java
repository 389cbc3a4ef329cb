package io.beatflow.cli;

import io.beatflow.models.DecisionRule;
import io.beatflow.models.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow set-decision --model IN --decision decision.json --out OUT}: a copy of a bundle
 * whose card carries the decision rule chosen by {@code beatflow cross-validate}; the weights are
 * the same bytes. {@code --decision none} removes a rule.
 */
@Command(name = "set-decision", mixinStandardHelpOptions = true,
        description = "Copy a model bundle with the decision rule (class-prior offsets) of a decision.json written by"
                + " beatflow cross-validate; the weights are unchanged.")
final class SetDecisionCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BundleCopy bundle;

    @Option(names = "--decision", required = true, paramLabel = "FILE",
            description = "decision.json of beatflow cross-validate, or 'none' to remove the rule.")
    String decision;

    @Override
    public Integer call() throws IOException {
        Path in = "none".equals(decision) ? bundle.input() : bundle.input(Path.of(decision));
        DecisionRule rule = "none".equals(decision) ? DecisionRule.none()
                : CrossValidateCommand.readDecision(Path.of(decision));
        ModelBundle loaded = ModelBundle.load(in);
        if (!"none".equals(decision)) {
            CrossValidateCommand.checkFittedFor(Path.of(decision), loaded.card(), spec.commandLine().getErr());
        }
        ModelBundle b = loaded.withDecision(rule);
        b.save(bundle.out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + bundle.out + " with decision rule: " + rule.describe());
        o.flush();
        return 0;
    }
}

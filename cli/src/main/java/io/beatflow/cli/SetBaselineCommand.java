package io.beatflow.cli;

import io.beatflow.models.ModelBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow set-baseline --model IN --high-pass HZ --out OUT}: a copy of a bundle whose input
 * (and its class experts' inputs) passes the lead through a causal high-pass before windows are cut;
 * the weights and the decision rule are the same. {@code --high-pass 0} removes it.
 */
@Command(name = "set-baseline", mixinStandardHelpOptions = true,
        description = "Copy a model bundle with a baseline high-pass on its input: the lead passes a causal"
                + " Butterworth high-pass (order 2) before windows are cut; the weights and decision rule are unchanged."
                + " Judge the change on held-out data: the networks may have been trained on unfiltered leads.")
final class SetBaselineCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    BundleCopy bundle;

    @Option(names = "--high-pass", required = true, paramLabel = "HZ",
            description = "Cut-off frequency in Hz (0.5 removes most baseline wander), or 0 for the lead as recorded.")
    double highPass;

    @Override
    public Integer call() throws IOException {
        Path in = bundle.input();
        ModelBundle b;
        try {
            b = ModelBundle.load(in).withBaselineHighPass(highPass);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--high-pass: " + e.getMessage(), e);
        }
        b.save(bundle.out);
        PrintWriter o = spec.commandLine().getOut();
        o.println(highPass > 0
                ? String.format(Locale.ROOT, "wrote %s: its input passes a causal high-pass at %s Hz before windowing",
                        bundle.out, highPass)
                : "wrote " + bundle.out + ": its input is the lead as recorded");
        o.flush();
        return 0;
    }
}

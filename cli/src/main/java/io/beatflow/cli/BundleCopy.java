package io.beatflow.cli;

import io.beatflow.models.ModelBundle;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of the commands that copy a model bundle with one change ({@code set-decision},
 * {@code set-baseline}, {@code member}): the bundle read and the bundle written, never the same file.
 */
final class BundleCopy {
    @Option(names = "--model", required = true, paramLabel = "BUNDLE",
            description = "Model bundle, or '" + ModelBundle.BUILT_IN + "' for the shipped model.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle to write (not the input).")
    Path out;

    /**
     * The bundle {@code --model} names, refused when {@code --out} is that same file or one of
     * {@code others} (the command's other inputs): the commands that copy a bundle with a change
     * never overwrite an input.
     */
    Path input(Path... others) throws IOException {
        Path in = ModelBundle.resolve(model);
        java.util.List<Path> inputs = new java.util.ArrayList<>(java.util.List.of(in));
        inputs.addAll(java.util.Arrays.asList(others));
        OutputPaths.file("--out", out, inputs);
        return in;
    }
}

package io.beatflow.cli;

import io.beatflow.eval.Predictions;
import io.beatflow.eval.PredictionsReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow combine-predictions --base FILE --class S=FILE --out FILE}: class experts. Each
 * beat's probabilities are those of the base predictions, except that the probability of each
 * class named by {@code --class} is taken from that class's file; the row is then renormalised to
 * sum to 1. The files must hold the same beats (record, sample, label) in the same order, with the
 * same classes, as the predictions of two models of the same records do. It lets one model decide
 * the class it ranks best (out of fold, on DS1: see the models README) and another the rest.
 */
@Command(name = "combine-predictions", mixinStandardHelpOptions = true,
        description = "Take some classes' probabilities from other predictions files (class experts), renormalised.")
final class CombinePredictionsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "FILE", description = "Predictions giving every other class.")
    Path base;

    @Option(names = "--class", required = true, paramLabel = "CLASS=FILE",
            description = "A class and the predictions file its probability comes from; repeatable, e.g. S=rel.csv.")
    List<String> experts;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Predictions file to write (its"
            + " directory is made if needed).")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<Path> inputs = new java.util.ArrayList<>(List.of(base));
        ClassArgs.byClass("--class", experts, "FILE", "S=rel.csv").values().forEach(f -> inputs.add(Path.of(f)));
        OutputPaths.file("--out", out, inputs);
        Predictions b = PredictionsReader.read(base);
        List<String> classes = b.classNames();
        Map<Integer, Predictions> byClass = new LinkedHashMap<>();
        for (var e : ClassArgs.byClass("--class", experts, "FILE", "S=rel.csv").entrySet()) {
            String name = e.getKey();
            int c = classes.indexOf(name);
            if (c < 0) {
                throw new IllegalArgumentException("--class " + name + ": no class " + name + " in " + base + " "
                        + classes);
            }
            Path file = Path.of(e.getValue());
            Predictions p = PredictionsReader.read(file);
            if (!p.classNames().equals(classes)) {
                throw new IllegalArgumentException("--class " + name + ": classes " + p.classNames() + " differ from "
                        + base + "'s " + classes);
            }
            if (!p.sameBeats(b)) {
                throw new IllegalArgumentException("--class " + name + ": " + file + " does not hold the same beats"
                        + " (record, sample, label, in order) as " + base);
            }
            byClass.put(c, p);
        }
        double[][] cols = new double[classes.size()][];
        for (int c = 0; c < classes.size(); c++) {
            Predictions src = byClass.getOrDefault(c, b);
            cols[c] = src.probabilities(c);
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder row = new StringBuilder("record,sample,label");
            for (String c : classes) {
                row.append(",p_").append(c);
            }
            w.write(row.append('\n').toString());
            for (int i = 0; i < b.size(); i++) {
                double sum = 0;
                for (double[] col : cols) {
                    sum += col[i];
                }
                if (!(sum > 0)) {
                    throw new IllegalArgumentException("beat " + b.records()[i] + " at sample " + b.samples()[i]
                            + ": the combined probabilities sum to " + sum);
                }
                row.setLength(0);
                row.append(b.records()[i]).append(',').append(b.samples()[i]).append(',')
                        .append(classes.get(b.labels()[i]));
                for (double[] col : cols) {
                    row.append(',').append((float) (col[i] / sum));
                }
                w.write(row.append('\n').toString());
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("wrote " + b.size() + " beats to " + out + ": " + byClass.keySet().stream().map(classes::get).toList()
                + " from their experts, the rest from " + base);
        err.flush();
        return 0;
    }
}

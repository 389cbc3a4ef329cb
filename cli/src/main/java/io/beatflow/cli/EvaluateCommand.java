package io.beatflow.cli;

import io.beatflow.eval.BootstrapConfig;
import io.beatflow.eval.ClassEvaluation;
import io.beatflow.eval.ClassifierEvaluator;
import io.beatflow.eval.Evaluation;
import io.beatflow.eval.EvaluationConfig;
import io.beatflow.eval.EvaluationReport;
import io.beatflow.eval.EvaluationReportWriter;
import io.beatflow.eval.MetricValue;
import io.beatflow.eval.Predictions;
import io.beatflow.eval.PredictionsReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code beatflow evaluate}: evaluates one or more models' per-beat predictions and writes
 * {@code report.html}, {@code evaluation.json} and CSV tables. Several prediction files are
 * several models, shown side by side with paired DeLong tests.
 */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {"Evaluate beat classifiers from predictions CSV files (header "
                + "record,sample,label,p_N,p_S,p_V,p_F,p_Q): ROC/PR with record-bootstrap and DeLong intervals, "
                + "calibration, EC57 tables.",
            "Writes DIR/report.html, DIR/evaluation.json and DIR/*.csv."})
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--predictions", required = true, arity = "1..*", paramLabel = "FILE",
            description = "Predictions CSV file(s), one per model.")
    List<Path> predictions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--name", arity = "1..*", paramLabel = "NAME",
            description = "Model names, one per predictions file (default: the file name without .csv).")
    List<String> names;

    @Option(names = "--model-card", arity = "1..*", paramLabel = "FILE",
            description = "JSON model cards, one per predictions file, for the provenance.")
    List<Path> modelCards;

    @Option(names = "--replicates", defaultValue = "2000", description = "Bootstrap replicates (default ${DEFAULT-VALUE}).")
    int replicates;

    @Option(names = "--seed", defaultValue = "1988", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ci", defaultValue = "BCA", description = "Bootstrap interval: ${COMPLETION-CANDIDATES} "
            + "(default ${DEFAULT-VALUE}).")
    BootstrapConfig.Method ciMethod;

    @Option(names = "--level", defaultValue = "0.95", description = "Confidence level (default ${DEFAULT-VALUE}).")
    double level;

    @Option(names = "--threads", defaultValue = "2", description = "Bootstrap threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--split", defaultValue = "unspecified", description = "Name of the data split, for provenance.")
    String split;

    @Option(names = "--macro-classes", split = ",", paramLabel = "CLASS",
            description = "Classes the macro averages (F1, Se, +P, AUROC) are taken over, comma-separated, e.g."
                    + " N,S,V,F as AAMI classification studies report (default: every class whose figure is"
                    + " defined).")
    List<String> macroClasses;

    @Override
    public Integer call() throws IOException {
        int n = predictions.size();
        if (names != null && names.size() != n) {
            throw new IllegalArgumentException("--name: " + names.size() + " names for " + n + " predictions files");
        }
        if (modelCards != null && modelCards.size() != n) {
            throw new IllegalArgumentException("--model-card: " + modelCards.size() + " cards for " + n
                    + " predictions files");
        }
        List<String> modelNames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String fn = predictions.get(i).getFileName().toString();
            String name = names != null ? names.get(i) : fn.endsWith(".csv") ? fn.substring(0, fn.length() - 4) : fn;
            int earlier = modelNames.indexOf(name);
            if (earlier >= 0) {
                throw new IllegalArgumentException(predictions.get(earlier) + " and " + predictions.get(i)
                        + " would both be reported as model '" + name + "': give each a name with --name");
            }
            modelNames.add(name);
        }
        // the options are checked before the files are read, which can take minutes for large ones
        BootstrapConfig boot = new BootstrapConfig(replicates, seed, level, ciMethod, threads);
        List<String> macro = macroClasses == null ? List.of() : macroClasses.stream().map(String::strip).toList();
        for (String c : macro) {
            if (!io.beatflow.eval.Predictions.AAMI_CLASSES.contains(c)) {
                throw new IllegalArgumentException("--macro-classes: '" + c + "' is not a class; the classes are "
                        + io.beatflow.eval.Predictions.AAMI_CLASSES);
            }
        }
        EvaluationConfig cfg = EvaluationConfig.defaults().withBootstrap(boot).withSplit(split).withMacroClasses(macro);
        Files.createDirectories(out);
        List<Predictions> preds = new ArrayList<>();
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            preds.add(PredictionsReader.read(predictions.get(i)));
            cards.add(modelCards == null ? null : readCard(modelCards.get(i), modelNames.get(i)));
        }
        for (int i = 0; i < n; i++) {
            String seen = io.beatflow.eval.ModelCards.seenWarning(cards.get(i), preds.get(i).recordNames());
            if (seen != null) {
                spec.commandLine().getErr().println("warning: " + modelNames.get(i) + ": " + seen
                        + "; the report's methods say so");
            }
        }
        spec.commandLine().getErr().flush();
        EvaluationReport report = new ClassifierEvaluator(cfg).evaluateAll(modelNames, preds, cards);
        List<Path> written = EvaluationReportWriter.write(report, out);
        PrintWriter o = spec.commandLine().getOut();
        for (Evaluation e : report.models()) {
            o.printf(Locale.ROOT, "%s: %d beats, %d records, accuracy %s, macro F1%s %s%n", e.modelName(), e.beats(),
                    e.records().size(), fmt(e.metric("accuracy")), macro.isEmpty() ? "" : " (" + String.join(", ", macro)
                            + ")", fmt(e.metric("macro_f1")));
            for (ClassEvaluation c : e.classes()) {
                o.printf(Locale.ROOT, "  %-2s support %7d  AUROC %s  AP %s  Se %s  +P %s%n", c.className(), c.support(),
                        fmt(c.metric("auroc")), fmt(c.metric("average_precision")), fmt(c.metric("sensitivity")),
                        fmt(c.metric("ppv")));
            }
        }
        o.println("wrote " + written.size() + " files to " + out + " (" + written.get(0).getFileName() + ", "
                + written.get(1).getFileName() + ", ...)");
        o.flush();
        return 0;
    }

    private static String fmt(MetricValue v) {
        if (!v.isDefined()) {
            return "n/a";
        }
        String s = String.format(Locale.ROOT, "%.4f", v.value());
        if (v.ci() != null) {
            s += String.format(Locale.ROOT, " [%.4f, %.4f]", v.ci().lower(), v.ci().upper());
        }
        return s;
    }

    /** A model card file's text, checked to be UTF-8 JSON; errors name the file and the model. */
    private static String readCard(Path file, String model) throws IOException {
        String where = "--model-card " + file + " (model " + model + "): ";
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(where + "not UTF-8 text; give the JSON card as beatflow model-info --json"
                    + " writes it", e);
        }
        try {
            io.beatflow.eval.JsonReportRenderer.checkModelCard(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
        return json;
    }
}

package io.beatflow.cli;

import io.beatflow.eval.ClassEvaluation;
import io.beatflow.eval.ConfidenceInterval;
import io.beatflow.eval.Evaluation;
import io.beatflow.eval.MetricValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders the results table of {@code beatflow model-table} as Markdown ({@code results.md}): one
 * row per architecture (the mean over seeds, with the range when there are several) for the
 * per-class Se, +P and F1 of N, S, V and F, their macro F1, AUROC with its confidence interval,
 * and training cost; then one row per run. Pure: the same runs give the same text.
 */
final class ModelTableRenderer {
    /** The classes of the table, and of its macro F1 (Q is left out: DS2 holds only a handful of Q beats). */
    static final List<String> TABLE_CLASSES = List.of("N", "S", "V", "F");

    private ModelTableRenderer() {
    }

    /**
     * Macro F1 over {@link #TABLE_CLASSES}: the unweighted mean of their one-vs-rest F1.
     *
     * @return undefined, naming the class, when one of the four F1 values is undefined or absent
     */
    static MetricValue macroF1(Evaluation e) {
        double sum = 0;
        for (String c : TABLE_CLASSES) {
            if (!e.classNames().contains(c)) {
                return MetricValue.undefined("no class " + c + " in the evaluation");
            }
            MetricValue f = e.forClass(c).metric("f1");
            if (!f.isDefined()) {
                return MetricValue.undefined("F1 of " + c + " is undefined: " + f.undefinedReason());
            }
            sum += f.value();
        }
        return MetricValue.of(sum / TABLE_CLASSES.size());
    }

    /**
     * The Markdown text.
     *
     * @param commandLine the command line that produced the runs, as typed
     * @param backend the compute backend of training and prediction
     * @param bootstrapReplicates bootstrap replicates of the confidence intervals
     * @param runs the runs, in the order they were made
     * @throws IllegalArgumentException if there is no run
     */
    static String render(String commandLine, String backend, int bootstrapReplicates, List<ModelRun> runs) {
        return render(commandLine, backend, bootstrapReplicates, runs, null);
    }

    /**
     * The table, with the decision rule that every model's probabilities carry (null: none).
     *
     * @throws IllegalArgumentException if there is no run
     */
    static String render(String commandLine, String backend, int bootstrapReplicates, List<ModelRun> runs,
            io.beatflow.models.DecisionRule decision) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a results table needs at least one run");
        }
        Map<String, List<ModelRun>> byArch = runs.stream().collect(Collectors.groupingBy(ModelRun::architecture,
                LinkedHashMap::new, Collectors.toList()));
        boolean severalSeeds = byArch.values().stream().anyMatch(l -> l.size() > 1);
        Evaluation first = runs.get(0).evaluation();
        StringBuilder s = new StringBuilder();
        s.append("# Beat classifiers on MIT-BIH DS2 (de Chazal 2004 split), reference beats\n\n");
        s.append("Command: `").append(commandLine).append("`\n\n");
        s.append("Backend: ").append(backend).append("\n\n");
        s.append(String.format(Locale.ROOT, "Runs: %d (architectures %s; seeds %s). DS2: %d reference beats of %d records.%n%n",
                runs.size(), String.join(", ", byArch.keySet()),
                runs.stream().map(r -> Long.toString(r.seed())).distinct().collect(Collectors.joining(", ")),
                first.beats(), first.records().size()));
        s.append("Every model was trained on MIT-BIH DS1 only");
        List<String> validation = runs.get(0).validationRecords();
        if (runs.stream().allMatch(r -> r.validationRecords().isEmpty())) {
            s.append(", on all of its records, no validation hold-out: every epoch ran and the last was kept");
        } else if (runs.stream().allMatch(r -> r.validationRecords().equals(validation))) {
            s.append(", with records ").append(String.join(", ", validation))
                    .append(" held out of DS1 for validation (epoch kept, early stopping)");
        }
        s.append(". DS2 is used only for evaluation after training: each model classified DS2 once and nothing "
                + "(architecture, hyper-parameter, epoch, threshold) was chosen on it. ");
        if (decision == null || decision.shiftsNothing()) {
            s.append("The predicted class is the arg-max of the network's probabilities.\n\n");
        } else {
            s.append(String.format(Locale.ROOT, "Every model's probabilities carry the same decision rule, class-prior"
                    + " log offsets %s, chosen on DS1 alone: %s; out-of-fold macro F1 (N, S, V, F) on DS1 %.3f without"
                    + " them, %.3f with them. The predicted class is the arg-max of those probabilities.%n%n",
                    new java.util.TreeMap<>(decision.logOffsets()), decision.chosenBy(),
                    decision.evidence().getOrDefault(io.beatflow.models.DecisionRule.MACRO_F1_BEFORE, Double.NaN),
                    decision.evidence().getOrDefault(io.beatflow.models.DecisionRule.MACRO_F1_AFTER, Double.NaN)));
        }

        s.append("## Se, +P and F1 per class on DS2\n\n");
        s.append(severalSeeds ? "Mean over seeds (min..max).\n\n" : "");
        s.append("| arch |");
        for (String c : TABLE_CLASSES) {
            s.append(' ').append(c).append(" Se | ").append(c).append(" +P | ").append(c).append(" F1 |");
        }
        s.append(" macro F1 (N, S, V, F) |\n|---|");
        s.append("---:|".repeat(3 * TABLE_CLASSES.size() + 1)).append('\n');
        for (Map.Entry<String, List<ModelRun>> a : byArch.entrySet()) {
            s.append("| ").append(a.getKey()).append(" |");
            for (String c : TABLE_CLASSES) {
                for (String m : List.of("sensitivity", "ppv", "f1")) {
                    s.append(' ').append(summary(a.getValue(), r -> classMetric(r, c, m))).append(" |");
                }
            }
            s.append(' ').append(summary(a.getValue(), r -> macroF1(r.evaluation()))).append(" |\n");
        }

        String level = levelPercent(runs);
        s.append("\n## AUROC on DS2 (one-vs-rest)\n\n");
        s.append(severalSeeds ? "Mean over seeds (min..max); the " + level
                + " confidence interval of each run is in the table per run.\n\n"
                : "With its " + level + " record-bootstrap confidence interval [lower, upper].\n\n");
        s.append("| arch |");
        for (String c : TABLE_CLASSES) {
            s.append(" AUROC ").append(c).append(" |");
        }
        s.append("\n|---|").append("---:|".repeat(TABLE_CLASSES.size())).append('\n');
        for (Map.Entry<String, List<ModelRun>> a : byArch.entrySet()) {
            s.append("| ").append(a.getKey()).append(" |");
            for (String c : TABLE_CLASSES) {
                List<ModelRun> rs = a.getValue();
                String cell = rs.size() == 1 ? withCi(classMetric(rs.get(0), c, "auroc"))
                        : summary(rs, r -> classMetric(r, c, "auroc"));
                s.append(' ').append(cell).append(" |");
            }
            s.append('\n');
        }

        s.append("\n## Training and prediction\n\n");
        s.append(severalSeeds ? "Mean over seeds (min..max).\n\n" : "");
        s.append("| arch | seeds | parameters | training time (s) | epoch kept / epochs run | DS1 validation macro F1 "
                + "| DS2 prediction (beats/s) |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<ModelRun>> a : byArch.entrySet()) {
            List<ModelRun> rs = a.getValue();
            s.append("| ").append(a.getKey()).append(" | ").append(rs.size()).append(" | ")
                    .append(rs.stream().map(r -> Long.toString(r.parameters())).distinct()
                            .collect(Collectors.joining(", "))).append(" | ")
                    .append(summary(rs, r -> MetricValue.of(r.trainingSeconds()), "%.0f")).append(" | ")
                    .append(rs.stream().map(r -> r.bestEpoch() + "/" + r.epochsTrained())
                            .collect(Collectors.joining(", "))).append(" | ")
                    .append(summary(rs, r -> validationMacroF1(r))).append(" | ")
                    .append(summary(rs, r -> MetricValue.of(r.ds2BeatsPerSecond()), "%.0f")).append(" |\n");
        }

        s.append("\n## Per run\n\n");
        s.append("| arch | seed | F1 N | F1 S | F1 V | F1 F | macro F1 (N, S, V, F) | AUROC N | AUROC S | AUROC V "
                + "| AUROC F | DS1 validation macro F1 | training time (s) | DS2 beats/s |\n|---|---:|");
        s.append("---:|".repeat(12)).append('\n');
        for (ModelRun r : runs) {
            s.append("| ").append(r.architecture()).append(" | ").append(r.seed()).append(" |");
            for (String c : TABLE_CLASSES) {
                s.append(' ').append(value(classMetric(r, c, "f1"), "%.3f")).append(" |");
            }
            s.append(' ').append(value(macroF1(r.evaluation()), "%.3f")).append(" |");
            for (String c : TABLE_CLASSES) {
                s.append(' ').append(withCi(classMetric(r, c, "auroc"))).append(" |");
            }
            s.append(' ').append(value(validationMacroF1(r), "%.3f")).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f | %.0f |%n", r.trainingSeconds(), r.ds2BeatsPerSecond()));
        }

        s.append("\n## How the figures were computed\n\n");
        s.append("- Se = TP/(TP+FN), +P = TP/(TP+FP), F1 = 2TP/(2TP+FP+FN), one-vs-rest over the arg-max "
                + "classes of all DS2 reference beats (gross: beats of all records pooled).\n");
        s.append("- Macro F1 is the unweighted mean of the F1 of N, S, V and F. Q is left out of the table");
        if (first.classNames().contains("Q")) {
            s.append(" (").append(first.forClass("Q").support()).append(" Q beats in DS2)");
        }
        s.append("; the JSON reports hold Q and `macro_f1` over every class with a defined F1.\n");
        s.append("- AUROC: area under the one-vs-rest ROC curve of the class probability (Mann-Whitney, ties 1/2). "
                + "Its interval resamples the DS2 records (patients), not beats: ").append(bootstrapReplicates)
                .append(" replicates, ").append(ciMethods(runs)).append(", level ").append(level).append(".\n");
        s.append("- Training time: wall seconds of the trainer (every epoch including its pass over the validation "
                + "records; loading data and writing the bundle not counted). Parameters: trainable parameters from "
                + "the model card. DS2 beats/s: DS2 beats over the wall seconds of the network calls alone.\n");
        s.append("- DS1 validation macro F1: at the epoch kept, over the classes present in the validation records.\n");
        s.append("- Files per run: `<arch>-s<seed>.zip` (model bundle), `<arch>-s<seed>-ds2.csv` (predictions), "
                + "`<arch>-s<seed>-ds2.json` (evaluation report, schema beatflow-evaluation/1).\n");
        s.append("- n/a: the figure is undefined for these data (the JSON report gives the reason). With several "
                + "seeds, \"*k of n runs\" marks a mean over the k runs where the figure is defined.\n");
        return s.toString();
    }

    private static MetricValue classMetric(ModelRun r, String className, String metric) {
        Evaluation e = r.evaluation();
        if (!e.classNames().contains(className)) {
            return MetricValue.undefined("no class " + className);
        }
        ClassEvaluation c = e.forClass(className);
        return c.metric(metric);
    }

    private static MetricValue validationMacroF1(ModelRun r) {
        return MetricValue.orUndefined(r.validationMacroF1(), null, "no validation beats");
    }

    private static String summary(List<ModelRun> runs, Function<ModelRun, MetricValue> f) {
        return summary(runs, f, "%.3f");
    }

    /** The value of one run, or the mean (min..max) of several; * marks a mean over some runs only. */
    private static String summary(List<ModelRun> runs, Function<ModelRun, MetricValue> f, String format) {
        List<Double> v = new ArrayList<>();
        for (ModelRun r : runs) {
            MetricValue m = f.apply(r);
            if (m.isDefined()) {
                v.add(m.value());
            }
        }
        if (v.isEmpty()) {
            return "n/a";
        }
        if (runs.size() == 1) {
            return String.format(Locale.ROOT, format, v.get(0));
        }
        double mean = v.stream().mapToDouble(Double::doubleValue).sum() / v.size();
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return String.format(Locale.ROOT, format + " (" + format + ".." + format + ")", mean, min, max)
                + (v.size() < runs.size() ? " *" + v.size() + " of " + runs.size() + " runs" : "");
    }

    private static String value(MetricValue m, String format) {
        return m.isDefined() ? String.format(Locale.ROOT, format, m.value()) : "n/a";
    }

    private static String withCi(MetricValue m) {
        if (!m.isDefined()) {
            return "n/a";
        }
        ConfidenceInterval ci = m.ci();
        return ci == null ? String.format(Locale.ROOT, "%.3f", m.value())
                : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", m.value(), ci.lower(), ci.upper());
    }

    private static String levelPercent(List<ModelRun> runs) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * runs.get(0).evaluation().confidenceLevel());
    }

    private static String ciMethods(List<ModelRun> runs) {
        String m = runs.stream().flatMap(r -> TABLE_CLASSES.stream()
                        .filter(c -> r.evaluation().classNames().contains(c))
                        .map(c -> r.evaluation().forClass(c).metric("auroc").ci()))
                .filter(java.util.Objects::nonNull).map(ConfidenceInterval::method).distinct()
                .collect(Collectors.joining(", "));
        return m.isEmpty() ? "no interval (fewer than two records)" : "method " + m;
    }
}

package io.beatflow.cli;

import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import io.beatflow.datasets.Split;
import io.beatflow.eval.BootstrapConfig;
import io.beatflow.eval.ClassifierEvaluator;
import io.beatflow.eval.Evaluation;
import io.beatflow.eval.EvaluationConfig;
import io.beatflow.eval.EvaluationReport;
import io.beatflow.eval.JsonReportRenderer;
import io.beatflow.eval.MetricValue;
import io.beatflow.eval.PredictionsReader;
import io.beatflow.models.Architecture;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelCard;
import io.beatflow.models.Predictor;
import io.beatflow.models.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow model-table --out DIR}: the results table of the models README in one go. For
 * each architecture and seed it trains on MIT-BIH DS1 as {@code beatflow train} does
 * ({@link Ds1Training}), saves {@code DIR/<arch>-s<seed>.zip}, classifies the DS2 reference beats
 * as {@code beatflow predict --beats reference DS2} does ({@link BeatPredictionRun}) into
 * {@code DIR/<arch>-s<seed>-ds2.csv}, evaluates that file with {@link ClassifierEvaluator}
 * (record-bootstrap intervals) into {@code DIR/<arch>-s<seed>-ds2.json}, and writes
 * {@code DIR/results.md} ({@link ModelTableRenderer}) after every run. DS2 is only evaluated;
 * nothing is chosen on it.
 */
@Command(name = "model-table", mixinStandardHelpOptions = true,
        description = {"Train each architecture (and seed) on MIT-BIH DS1, classify and evaluate the DS2 reference "
                + "beats, and write the results table DIR/results.md.",
            "Per run: DIR/<arch>-s<seed>.zip, DIR/<arch>-s<seed>-ds2.csv, DIR/<arch>-s<seed>-ds2.json."})
final class ModelTableCommand implements Callable<Integer> {
    /** Beats per network call when classifying DS2 (the default of {@code beatflow predict}). */
    static final int PREDICT_BATCH = 256;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--arch", split = ",", paramLabel = "ARCH", defaultValue = "cnn,bilstm,attention,transformer",
            description = "Architectures, comma separated (default: ${DEFAULT-VALUE}).")
    List<String> archs;

    @Option(names = "--seeds", split = ",", paramLabel = "S", defaultValue = "42",
            description = "Training seeds, comma separated (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "" + BootstrapConfig.DEFAULT_REPLICATES,
            description = "Record-bootstrap replicates of the confidence intervals, at least 100 (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--decision", paramLabel = "FILE", description = "decision.json of beatflow cross-validate: its"
            + " class-prior offsets go into every bundle's card before DS2 is classified (default: none).")
    Path decision;

    @Mixin
    TrainingOptions options;

    @Override
    public Integer call() throws IOException {
        // Every option is checked before the first training, which may take hours.
        List<Architecture> architectures = architectures(archs);
        Set<Long> seedSet = new LinkedHashSet<>(seeds);
        if (seedSet.size() != seeds.size()) {
            throw new IllegalArgumentException("--seeds: a seed is given twice in " + seeds);
        }
        List<TrainingConfig> configs = new ArrayList<>();
        for (long seed : seeds) {
            configs.add(Ds1Training.config(options, seed));
        }
        List<NoiseCopies.Copy> noise = options.noiseCopies();
        for (Architecture a : architectures) {
            options.model(a); // every architecture's configuration (input included) is checked before the first run
        }
        BootstrapConfig boot;
        try {
            boot = BootstrapConfig.defaults().withReplicates(bootstrap);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--bootstrap: " + e.getMessage(), e);
        }
        io.beatflow.models.DecisionRule rule = decision == null ? null : CrossValidateCommand.readDecision(decision);
        DataDirectory dir = options.dataDirectory();
        List<String> ds2 = Split.deChazal2004().part(Split.DS2);
        List<String> all = new ArrayList<>(Ds1Training.ds1());
        all.addAll(ds2);
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, all, List.of("hea", "dat", "atr"));
        OutputPaths.directory("--out", out);

        String commandLine = commandLine();
        ClassifierEvaluator evaluator = new ClassifierEvaluator(EvaluationConfig.defaults().withBootstrap(boot)
                .withSplit(Split.deChazal2004().name() + " " + Split.DS2 + ", reference beats"));
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        List<ModelRun> runs = new ArrayList<>();
        String backend = null;
        int total = architectures.size() * seeds.size();
        for (Architecture a : architectures) {
            for (int i = 0; i < seeds.size(); i++) {
                long seed = seeds.get(i);
                String stem = ModelRun.stem(a.id(), seed);
                err.printf(Locale.ROOT, "== run %d of %d: %s, seed %d: training on %s ==%n", runs.size() + 1, total,
                        a.id(), seed, Split.DS1);
                err.flush();
                Ds1Training.Trained trained = Ds1Training.train(options.model(a), configs.get(i), dir, null, err,
                        noise);
                Path bundleFile = out.resolve(stem + ".zip");
                (rule == null ? trained.result().bundle() : trained.result().bundle().withDecision(rule)).save(bundleFile);
                // Classify from the saved file, as `beatflow predict --model FILE` would.
                Predictor predictor = new Predictor(ModelBundle.load(bundleFile), PREDICT_BATCH);
                backend = predictor.backend();
                ModelCard card = predictor.card();
                err.printf(Locale.ROOT, "== run %d of %d: %s, seed %d: trained in %.0f s, wrote %s; classifying %s "
                        + "reference beats ==%n", runs.size() + 1, total, a.id(), seed, trained.trainingSeconds(),
                        bundleFile, Split.DS2);
                Path csv = out.resolve(stem + "-ds2.csv");
                BeatPredictionRun.Outcome p = BeatPredictionRun.predictToCsv(predictor, dir, ds2,
                        BeatDatasetBuilder.Mode.REFERENCE, csv, err);
                err.printf(Locale.ROOT, "evaluating %s (%d bootstrap replicates)%n", csv, boot.replicates());
                err.flush();
                Evaluation e = evaluator.evaluate(stem, PredictionsReader.read(csv), BeatPredictionRun.provenanceJson(
                        predictor, bundleFile.toString(), BeatDatasetBuilder.Mode.REFERENCE, ds2));
                Path json = out.resolve(stem + "-ds2.json");
                Files.writeString(json, JsonReportRenderer.render(new EvaluationReport(List.of(e), List.of(), null)),
                        StandardCharsets.UTF_8);
                Double validation = card.validationMetrics().get("macroF1");
                ModelRun run = new ModelRun(a.id(), seed, card.parameters(), trained.trainingSeconds(),
                        card.bestEpoch(), card.epochsTrained(), validation == null ? Double.NaN : validation,
                        card.data().validationRecords(), p.beatsPerSecond(), e);
                runs.add(run);
                Files.writeString(out.resolve("results.md"),
                        ModelTableRenderer.render(commandLine, backend, boot.replicates(), runs, rule), StandardCharsets.UTF_8);
                o.printf(Locale.ROOT, "%s: DS2 F1 N %s S %s V %s F %s, macro F1 (N,S,V,F) %s; DS1 validation macro F1 "
                        + "%.3f; %d parameters, trained in %.0f s; wrote %s, %s, %s%n", stem, f1(e, "N"), f1(e, "S"),
                        f1(e, "V"), f1(e, "F"), fmt(ModelTableRenderer.macroF1(e)), run.validationMacroF1(),
                        run.parameters(), run.trainingSeconds(), bundleFile.getFileName(), csv.getFileName(),
                        json.getFileName());
                o.flush();
            }
        }
        o.println("wrote " + out.resolve("results.md"));
        o.flush();
        return 0;
    }

    /**
     * The architectures of {@code --arch}, in order.
     *
     * @throws IllegalArgumentException naming an unknown or repeated name
     */
    static List<Architecture> architectures(List<String> names) {
        List<Architecture> list = new ArrayList<>();
        for (String n : names) {
            Architecture a;
            try {
                a = Architecture.of(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--arch: " + e.getMessage(), e);
            }
            if (list.contains(a)) {
                throw new IllegalArgumentException("--arch: architecture '" + a.id() + "' is given twice");
            }
            list.add(a);
        }
        return list;
    }

    /** {@code beatflow} and the arguments as given (arguments with blanks quoted). */
    private String commandLine() {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        return "beatflow " + args.stream().map(s -> s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)
                ? "'" + s + "'" : s).collect(Collectors.joining(" "));
    }

    private static String f1(Evaluation e, String c) {
        return e.classNames().contains(c) ? fmt(e.forClass(c).metric("f1")) : "n/a";
    }

    private static String fmt(MetricValue v) {
        return v.isDefined() ? String.format(Locale.ROOT, "%.3f", v.value()) : "n/a";
    }
}

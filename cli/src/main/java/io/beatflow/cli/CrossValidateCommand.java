package io.beatflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.Split;
import io.beatflow.eval.Predictions;
import io.beatflow.eval.PredictionsReader;
import io.beatflow.models.Architecture;
import io.beatflow.models.BeatClassifierTrainer;
import io.beatflow.models.DecisionRule;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.MorphologySmoothing;
import io.beatflow.models.Predictor;
import io.beatflow.models.PretrainedEncoder;
import io.beatflow.models.PretrainingConfig;
import io.beatflow.models.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow cross-validate --out DIR}: a patient-wise K-fold cross-validation of MIT-BIH DS1
 * that chooses a model's {@link DecisionRule} on DS1 alone. Fold k holds the DS1 records at
 * positions k, k+K, k+2K, ... of the numerically sorted list, so no patient is in two folds. For
 * each fold a model is trained as {@code beatflow train} trains one, on the other folds (with
 * {@code --validation}, validation records drawn from them by
 * {@link TrainingConfig#validationRecordsOf}), and classifies
 * the fold's reference beats into {@code DIR/fold-<k>.csv}. Once every fold has its file, the
 * out-of-fold predictions choose the class-prior offsets that maximise the macro F1 over N, S, V
 * and F ({@link DecisionRule#fit}), written to {@code DIR/decision.json} for
 * {@code beatflow train --decision}, {@code model-table --decision} and {@code set-decision}.
 *
 * <p>A fold whose file exists is not run again, so an interrupted run resumes where it stopped, and
 * {@code --fold k} runs one fold (folds may run side by side in separate processes).
 *
 * <p>With {@code --seeds}, each fold trains one model per seed ({@code DIR/fold-<k>-s<seed>.zip}, kept
 * and not trained again when present) and classifies its held-out records with their ensemble
 * ({@link ModelBundle#ensemble}), so the rule is fitted to the ensemble's probabilities.
 */
@Command(name = "cross-validate", mixinStandardHelpOptions = true,
        description = {"Patient-wise K-fold cross-validation on MIT-BIH DS1: train on K-1 folds, classify the held-out "
                + "fold; from the out-of-fold predictions choose the decision rule (class-prior offsets) and write "
                + "DIR/decision.json. DS2 is never read.",
            "Per fold: DIR/fold-<k>.zip (model), DIR/fold-<k>.csv (out-of-fold predictions). Folds with a file are"
                + " skipped, so a run resumes."})
final class CrossValidateCommand implements Callable<Integer> {
    /** Classes whose mean F1 the decision rule maximises (Q is too rare in MIT-BIH to score). */
    static final List<String> SCORED = List.of("N", "S", "V", "F");
    static final String DECISION_FILE = "decision.json";
    /** The decision file's record of the models its rule was fitted for. */
    static final String FITTED_FOR = "fittedFor";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "cnn",
            description = "Architecture: cnn, bilstm, attention or transformer (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "4",
            description = "Folds, 2 to 11 (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--fold", paramLabel = "K", description = "Run only this fold (0-based); the decision is written"
            + " when every fold has its file.")
    Integer only;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, shuffling and sampling (default: 42).")
    Long seed;

    @Option(names = "--seeds", paramLabel = "S,S,...", split = ",", description = "Train one model per seed in each"
            + " fold (DIR/fold-<k>-s<seed>.zip) and classify the fold with their ensemble (beatflow ensemble), so the"
            + " rule suits an ensemble of models trained with these seeds. Not with --seed.")
    List<Long> seeds;

    @Option(names = "--irregularity-slope", description = "Also fit how the S offset changes with the rhythm's RR"
            + " irregularity (DecisionRule irregularity slopes), out of fold like the offsets.")
    boolean irregularitySlope;

    @Option(names = "--smooth", paramLabel = "CLASS", description = "Before fitting the rule, smooth this class's"
            + " out-of-fold probability over each record's look-alike earlier beats (MorphologySmoothing: the last"
            + " --smooth-past-beats beats, bandwidth --smooth-bandwidth) and keep the smoothing in the rule, so a"
            + " model given this rule smooths the same way.")
    String smoothClass;

    @Option(names = "--smooth-past-beats", paramLabel = "N", defaultValue = "" + MorphologySmoothing.DEFAULT_PAST_BEATS,
            description = "Earlier beats a beat is compared with by --smooth (default: ${DEFAULT-VALUE}).")
    int smoothPastBeats;

    @Option(names = "--smooth-bandwidth", paramLabel = "X", defaultValue = "" + MorphologySmoothing.DEFAULT_BANDWIDTH,
            description = "Bandwidth of --smooth, in multiples of the patient's median nearest-beat distance (default:"
                    + " ${DEFAULT-VALUE}).")
    double smoothBandwidth;

    @Option(names = "--fixed-offset", paramLabel = "CLASS", split = ",", description = "Keep these classes' offsets"
            + " at 0 (their F1 still counts): for a class whose out-of-fold beats come from too few patients for an"
            + " offset to carry to others (see the held-out figures the command prints).")
    List<String> fixedOffsets = new ArrayList<>();

    @Option(names = "--fold-files", paramLabel = "TEXT",
            description = "What the fold files in --out are when this command did not make them (e.g. 'class experts"
                    + " from combine-predictions: S from runs/cv-rel-ens3, the rest from runs/cv-ens3'); it goes into"
                    + " the rule's description in place of the training options.")
    String foldFiles;

    @Option(names = "--pretrain", description = "Before training each fold's model, pretrain its encoder by"
            + " masked-signal reconstruction (beatflow pretrain's defaults; the run's seed, with --seeds the first) on"
            + " that fold's training records, labels unused, into DIR/fold-<k>-encoder.zip, and start the model from"
            + " it; the held-out records are never seen.")
    boolean pretrain;

    @Mixin
    TrainingOptions options;

    @Override
    public Integer call() throws IOException {
        Architecture a = ModelTableCommand.architectures(List.of(arch)).get(0);
        ModelConfig model = options.model(a);
        List<String> ds1 = Ds1Training.ds1();
        if (folds < 2 || folds > ds1.size() / 2) {
            throw new IllegalArgumentException("--folds must be 2 to " + ds1.size() / 2 + " (" + ds1.size()
                    + " DS1 records, at least 2 per fold), got " + folds);
        }
        if (only != null && (only < 0 || only >= folds)) {
            throw new IllegalArgumentException("--fold must be 0 to " + (folds - 1) + ", got " + only);
        }
        if (seeds != null && seed != null) {
            throw new IllegalArgumentException("--seed and --seeds together: give the seeds of an ensemble with --seeds"
                    + " alone, or one seed with --seed");
        }
        if (seeds != null && (seeds.size() < 2 || seeds.stream().distinct().count() != seeds.size())) {
            throw new IllegalArgumentException("--seeds needs two or more different seeds, got " + seeds);
        }
        checkFixedOffsets(fixedOffsets);
        if (smoothClass != null) {
            // checked before any fold trains: the settings' own checks, and a class the networks output
            new MorphologySmoothing.Settings(smoothClass, smoothPastBeats, smoothBandwidth);
            if (!io.beatflow.eval.Predictions.AAMI_CLASSES.contains(smoothClass)) {
                throw new IllegalArgumentException("--smooth " + smoothClass + ": give one of the classes "
                        + io.beatflow.eval.Predictions.AAMI_CLASSES);
            }
        }
        OutputPaths.directory("--out", out);
        if (foldFiles != null) {
            for (int k = 0; k < folds; k++) {
                if (!Files.exists(foldFile(k))) {
                    throw new IllegalArgumentException("--fold-files: the fold files were to be made elsewhere, but "
                            + foldFile(k) + " is not there; nothing is trained with --fold-files");
                }
            }
        }
        InputSpec input = options.inputSpec();
        List<NoiseCopies.Copy> noise = options.noiseCopies();
        List<List<String>> parts = folds(ds1, folds);
        // every fold's configuration is checked before the first training
        List<TrainingConfig> configs = new ArrayList<>();
        for (List<String> part : parts) {
            TrainingConfig t = options.applyTo(TrainingConfig.defaults(pool(ds1, part)));
            configs.add(seed == null ? t : t.withSeed(seed));
        }
        DataDirectory dir = options.dataDirectory();
        dir.requireRecords(io.beatflow.datasets.MitBih.DATABASE, io.beatflow.datasets.MitBih.VERSION, ds1,
                List.of("hea", "dat", "atr"));
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        for (int k = 0; k < folds; k++) {
            if (only != null && only != k) {
                continue;
            }
            Path csv = foldFile(k);
            if (Files.exists(csv)) {
                if (foldFiles == null && !checkFoldModels(k, model, configs.get(k), parts.get(k))) {
                    err.printf(Locale.ROOT, "warning: fold %d of %d: %s has none of its models beside it (%s), so"
                            + " whether it was made with this run's options cannot be checked; the rule will say so"
                            + " (--fold-files TEXT says what the files are instead)%n", k + 1, folds,
                            csv.getFileName(), foldModelNames(k));
                }
                err.printf(Locale.ROOT, "fold %d of %d: %s exists, not run again%n", k + 1, folds, csv);
                err.flush();
                continue;
            }
            List<String> pool = pool(ds1, parts.get(k));
            err.printf(Locale.ROOT, "== fold %d of %d: training on %s (validation %s), held out %s ==%n", k + 1, folds,
                    pool, configs.get(k).validationRecords(), parts.get(k));
            err.flush();
            String data = foldData(k, parts.get(k));
            EncoderStart start = pretrain ? new EncoderStart(null, foldEncoder(k, model, pool, dir, err)) : null;
            double seconds = 0;
            boolean trainedAny = true;
            String models;
            ModelBundle foldModel;
            if (seeds == null) {
                Ds1Training.Trained trained = Ds1Training.train(model, configs.get(k), dir, null, err, pool, data,
                        noise, start);
                seconds = trained.trainingSeconds();
                Path bundle = out.resolve("fold-" + k + ".zip");
                trained.result().bundle().save(bundle);
                foldModel = ModelBundle.load(bundle);
                models = bundle.getFileName().toString();
            } else {
                trainedAny = false;
                List<ModelBundle> members = new ArrayList<>();
                List<String> memberFiles = new ArrayList<>();
                for (long s : seeds) {
                    Path m = out.resolve("fold-" + k + "-s" + s + ".zip");
                    if (Files.exists(m)) {
                        checkFoldModel(m, model, configs.get(k).withSeed(s),
                                Ds1Training.splitText(data, configs.get(k).withSeed(s), noise), pretrain);
                        err.printf(Locale.ROOT, "fold %d of %d, seed %d: %s exists, not trained again%n", k + 1, folds,
                                s, m);
                    } else {
                        err.printf(Locale.ROOT, "fold %d of %d, seed %d:%n", k + 1, folds, s);
                        err.flush();
                        Ds1Training.Trained trained = Ds1Training.train(model, configs.get(k).withSeed(s), dir, null,
                                err, pool, data, noise, start);
                        seconds += trained.trainingSeconds();
                        trainedAny = true;
                        trained.result().bundle().save(m);
                    }
                    members.add(ModelBundle.load(m));
                    memberFiles.add(m.getFileName().toString());
                }
                foldModel = ModelBundle.ensemble(members);
                models = String.join(", ", memberFiles);
            }
            Predictor predictor = new Predictor(foldModel, ModelTableCommand.PREDICT_BATCH);
            Path partial = PartialFiles.begin(csv);
            try {
                BeatPredictionRun.predictToCsv(predictor, dir, parts.get(k), BeatDatasetBuilder.Mode.REFERENCE, partial,
                        err);
            } catch (IOException | RuntimeException | Error e) {
                PartialFiles.abandon(partial);
                throw e;
            }
            PartialFiles.finish(partial, csv);
            o.printf(Locale.ROOT, "fold %d of %d: %s; wrote %s, %s%n", k + 1, folds,
                    trainedAny ? String.format(Locale.ROOT, "trained in %.0f s", seconds) : "models already there",
                    models, csv.getFileName());
            o.flush();
        }
        List<Path> files = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        List<Integer> unchecked = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            Path csv = foldFile(k);
            if (Files.exists(csv)) {
                io.beatflow.eval.Predictions held = PredictionsReader.read(csv); // read once for both checks
                checkFoldRecords(csv, held, k, parts.get(k));
                files.add(csv);
                if (foldFiles == null && foldModelFiles(k).stream().noneMatch(Files::exists)) {
                    unchecked.add(k);
                } else if (foldFiles == null) {
                    // made by this run's models, so with this run's windows: every reference beat is there
                    checkFoldBeats(csv, held, referenceBeats(model, dir, parts.get(k)));
                }
            } else {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            o.println("folds " + missing + " have no predictions yet; " + DECISION_FILE + " is written once every fold"
                    + " has run");
            o.flush();
            return 0;
        }
        String how = foldFiles != null
                ? String.format(Locale.ROOT, "out-of-fold predictions of a %d-fold patient-wise cross-validation of"
                        + " MIT-BIH %s (folds %s): %s", folds, Split.DS1, parts, foldFiles)
                : String.format(Locale.ROOT, "out-of-fold predictions of a %d-fold patient-wise cross-validation of"
                + " MIT-BIH %s (folds %s; %s, %s, input %s, RR to logits %s, RR augmentation %s, %s%s%s%s%s%s%s)", folds,
                Split.DS1, parts, a.id(), seeds == null ? "seed " + configs.get(0).seed()
                        : "the ensemble of seeds " + seeds + " in each fold", options.input,
                model.head().rrToLogits() ? "on" : "off", configs.get(0).augmentRr(),
                configs.get(0).validationRecords().isEmpty() ? "no validation records, " + configs.get(0).maxEpochs()
                        + " epochs" : "validation records from the training folds",
                noise.isEmpty() ? "" : ", noise copies " + noise,
                configs.get(0).recordBalance() > 0 ? ", record balance " + configs.get(0).recordBalance() : "",
                configs.get(0).morphologyDropout() > 0 ? ", morphology dropout " + configs.get(0).morphologyDropout()
                        : "", configs.get(0).augmentSTiming() > 0 ? ", S timing " + configs.get(0).augmentSTiming() : "",
                configs.get(0).augmentSRuns() > 0 ? ", S runs " + configs.get(0).augmentSRuns() : "",
                pretrain ? ", each fold's encoder pretrained by masked-signal reconstruction on its"
                        + " training records (DIR/fold-<k>-encoder.zip)" : "");
        if (!unchecked.isEmpty()) {
            how += String.format(Locale.ROOT, "; the predictions of folds %s were found without their models and"
                    + " were not checked against these options", unchecked);
        }
        MorphologySmoothing.Settings smoothing = smoothClass == null ? null
                : new MorphologySmoothing.Settings(smoothClass, smoothPastBeats, smoothBandwidth);
        if (smoothing != null) {
            how += String.format(Locale.ROOT, ", the %s probability smoothed over each record's look-alike earlier"
                    + " beats (the last %d, bandwidth %s)", smoothing.className(), smoothing.pastBeats(),
                    smoothing.bandwidth());
        }
        Map<String, Double> byBeat = null;
        io.beatflow.datasets.BeatDataset d = null;
        if (irregularitySlope || smoothing != null) {
            // each beat's irregularity and window as a Predictor sees them: the records' beats in R-peak order
            BeatDatasetBuilder builder = new BeatDatasetBuilder(input.windowConfig(), BeatDatasetBuilder.Mode.REFERENCE,
                    io.beatflow.datasets.BeatDatasetCache.standard());
            d = builder.build(io.beatflow.datasets.Corpus.MITDB, dir.database(io.beatflow.datasets.MitBih.DATABASE),
                    ds1);
        }
        if (irregularitySlope) {
            double[] irr = io.beatflow.models.internal.DatasetContexts.rrIrregularity(d, input);
            byBeat = new java.util.HashMap<>();
            for (int i = 0; i < d.size(); i++) {
                byBeat.put(d.record(i) + "/" + d.sample(i), irr[i]);
            }
        }
        OutOfFold beats = read(files, byBeat).fixing(fixedOffsets);
        if (smoothing != null) {
            OutOfFold plain = beats;
            beats = beats.smoothed(d, smoothing);
            o.println(smoothingSummary(plain, beats, smoothing.className()));
        }
        DecisionRule.HeldOut held = heldOut(beats, how);
        DecisionRule rule = choose(beats, how).rule().withHeldOut(held).withSmoothing(smoothing);
        // With a slope, the offsets-alone rule beside it: a slope moves beats within the S ranking, so
        // it can raise the macro F1 on these patients while lowering the S AUROC (which it did once:
        // see the models README, "The RR irregularity rule"); both are shown so that neither is missed.
        DecisionRule.HeldOut heldAlone = irregularitySlope ? heldOut(beats.withoutIrregularity(), how) : null;
        DecisionRule offsetsAlone = irregularitySlope
                ? choose(beats.withoutIrregularity(), how).rule().withHeldOut(heldAlone).withSmoothing(smoothing) : null;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("decision", rule);
        if (foldFiles == null) {
            // what the rule was fitted for, so that it is not given to a model of another kind
            Map<String, Object> fittedFor = new LinkedHashMap<>();
            fittedFor.put("architecture", model.architecture().id());
            fittedFor.put("input", model.input());
            fittedFor.put("ensemble", seeds != null);
            doc.put(FITTED_FOR, fittedFor);
        }
        Map<String, Object> withoutFold = new LinkedHashMap<>();
        withoutFold.put("decision", rulesWithoutFold(held));
        if (offsetsAlone != null) {
            doc.put("offsetsAlone", offsetsAlone);
            withoutFold.put("offsetsAlone", rulesWithoutFold(heldAlone));
        }
        doc.put("rulesWithoutFold", withoutFold);
        doc.put("folds", parts);
        doc.put("predictions", files.stream().map(p -> p.getFileName().toString()).toList());
        Path decision = out.resolve(DECISION_FILE);
        Files.writeString(decision, JSON.writeValueAsString(doc) + "\n");
        o.println(summary(rule));
        if (offsetsAlone != null) {
            o.println("for comparison, " + summary(offsetsAlone).replaceFirst("^decision rule: ", "the rule of offsets alone: "));
        }
        o.println("each fold decided by the rule fitted to the other folds (the figures above judge a rule on the beats"
                + " it was chosen on):");
        o.println(heldOutSummary(irregularitySlope ? "offsets and slope" : "offsets", held));
        if (heldAlone != null) {
            o.println(heldOutSummary("offsets alone", heldAlone));
        }
        o.println("wrote " + decision);
        o.flush();
        return 0;
    }

    /** The out-of-fold predictions file of fold k. */
    private Path foldFile(int k) {
        return out.resolve("fold-" + k + ".csv");
    }

    /** A decision rule and the beats it was chosen on. */
    record Choice(DecisionRule rule, int beats) { }

    /** Chooses the decision rule for the beats; with their irregularity, also the S slope. */
    static Choice choose(OutOfFold d, String how) {
        DecisionRule fitted = DecisionRule.fit(d.labels(), d.probs(), d.irregularity(), d.classes(), SCORED,
                d.slopeClasses(), d.fixedOffsets(), how);
        return new Choice(withAuroc(fitted, d.labels(), d.probs(), d.irregularity(), d.classes()), d.labels().length);
    }

    /** Each fold's beats decided by the rule of the same kind fitted to the other folds' beats. */
    static DecisionRule.HeldOut heldOut(OutOfFold d, String how) {
        return DecisionRule.fitHeldOut(d.labels(), d.probs(), d.irregularity(), d.fold(), d.classes(), SCORED,
                d.slopeClasses(), d.fixedOffsets(), how);
    }

    /**
     * The rule fitted without each fold, as {@code decision.json} keeps them (the held-out figures
     * themselves are in the chosen rule's evidence): offsets, and slopes where the rule has them.
     */
    static List<Map<String, Object>> rulesWithoutFold(DecisionRule.HeldOut h) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (DecisionRule r : h.rules()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("logOffsets", r.logOffsets());
            if (r.usesIrregularity()) {
                one.put("irregularitySlopes", r.irregularitySlopes());
            }
            rules.add(one);
        }
        return rules;
    }

    /** One line per rule kind: the held-out macro F1 and F1 per class, then each fold's rule. */
    static String heldOutSummary(String kind, DecisionRule.HeldOut h) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %s: macro F1 (N, S, V, F) %.3f (F1", kind,
                h.macroF1()));
        for (String c : SCORED) {
            b.append(String.format(Locale.ROOT, " %s %.3f", c, h.f1().getOrDefault(c, Double.NaN)));
        }
        b.append("); rules without fold");
        for (int k = 0; k < h.rules().size(); k++) {
            DecisionRule r = h.rules().get(k);
            b.append(k == 0 ? " " : " | ").append(k).append(':');
            for (String c : SCORED) {
                double v = r.logOffsets().getOrDefault(c, 0.0);
                if (v != 0) {
                    b.append(String.format(Locale.ROOT, " %s %+.2f", c, v));
                }
            }
            for (Map.Entry<String, Double> e : new java.util.TreeMap<>(r.irregularitySlopes()).entrySet()) {
                b.append(String.format(Locale.ROOT, " slope %s %+.1f", e.getKey(), e.getValue()));
            }
        }
        return b.toString();
    }

    /**
     * The pooled out-of-fold beats of the fold files: classes, labels, probabilities, each beat's RR
     * irregularity (null when the rule has no slope) and its fold (the position of its file), with
     * the classes whose offsets the rule keeps at 0.
     */
    record OutOfFold(List<String> classes, int[] labels, float[][] probs, double[] irregularity, int[] fold,
            List<String> fixedOffsets, String[] beats) {
        /** The same beats without irregularity, for a rule of offsets alone. */
        OutOfFold withoutIrregularity() {
            return new OutOfFold(classes, labels, probs, null, fold, fixedOffsets, beats);
        }

        /** The same beats for a rule that keeps these classes' offsets at 0 ({@link #checkFixedOffsets}). */
        OutOfFold fixing(List<String> classNames) {
            return new OutOfFold(classes, labels, probs, irregularity, fold, checkFixedOffsets(classNames), beats);
        }

        /**
         * The same beats with their probabilities smoothed as a model with {@code settings} smooths
         * them: each record of {@code d} (the reference beats of the fold files' records, with the
         * model's windows) in R-peak order.
         *
         * @throws IllegalArgumentException naming a beat of {@code d} the files do not have, or the reverse
         */
        OutOfFold smoothed(io.beatflow.datasets.BeatDataset d, MorphologySmoothing.Settings settings) {
            Map<String, Integer> row = new java.util.HashMap<>();
            for (int i = 0; i < beats.length; i++) {
                row.put(beats[i], i);
            }
            if (d.size() != beats.length) {
                throw new IllegalArgumentException("--smooth: the fold files have " + beats.length + " beats, the"
                        + " records' reference beats are " + d.size() + "; the predictions do not belong to them");
            }
            float[][] copy = new float[probs.length][];
            float[][] inDataset = new float[d.size()][];
            for (int i = 0; i < d.size(); i++) {
                Integer r = row.get(d.record(i) + "/" + d.sample(i));
                if (r == null) {
                    throw new IllegalArgumentException("--smooth: reference beat " + d.record(i) + " at sample "
                            + d.sample(i) + " has no row in the fold files");
                }
                copy[r] = probs[r].clone();
                inDataset[i] = copy[r];
            }
            io.beatflow.models.internal.DatasetContexts.smooth(d, inDataset, settings, classes);
            return new OutOfFold(classes, labels, copy, irregularity, fold, fixedOffsets, beats);
        }

        /** S when the beats have their irregularity, else none. */
        List<String> slopeClasses() {
            return irregularity == null ? List.of() : List.of("S");
        }
    }

    /**
     * The classes of {@code --fixed-offset}, checked: each a scored class other than N.
     *
     * @throws IllegalArgumentException naming a class whose offset cannot be fixed
     */
    static List<String> checkFixedOffsets(List<String> classNames) {
        for (String c : classNames) {
            if (!SCORED.contains(c) || c.equals(SCORED.get(0))) {
                throw new IllegalArgumentException("--fixed-offset: " + c + " is not one of "
                        + SCORED.subList(1, SCORED.size()) + " (" + SCORED.get(0) + "'s offset is 0 by definition)");
            }
        }
        return List.copyOf(classNames);
    }

    /**
     * Reads the fold files; with {@code irregularity} (by {@code record/sample}), each beat's.
     *
     * @throws IllegalArgumentException naming a beat of the files without an irregularity value, or
     *     a file whose classes differ from the first's
     */
    /**
     * Checks the models behind fold {@code k}'s predictions file, where they are in {@code --out}
     * ({@code fold-k.zip}, or {@code fold-k-s<seed>.zip} of an ensemble), against what this run
     * would train; a file made with other options would otherwise be reused as this run's.
     *
     * @return whether any of the fold's models was there to check
     */
    /** The training pool's name in the cards of fold {@code k}, which holds out {@code heldOut}. */
    private String foldData(int k, List<String> heldOut) {
        return Split.DS1 + " less fold " + k + " of " + folds + " " + heldOut;
    }

    private boolean checkFoldModels(int k, ModelConfig model, TrainingConfig t, List<String> heldOut)
            throws IOException {
        boolean any = false;
        List<Path> files = foldModelFiles(k);
        for (int i = 0; i < files.size(); i++) {
            if (Files.exists(files.get(i))) {
                TrainingConfig ti = seeds == null ? t : t.withSeed(seeds.get(i));
                checkFoldModel(files.get(i), model, ti, Ds1Training.splitText(foldData(k, heldOut), ti, options.noiseCopies()),
                        pretrain);
                any = true;
            }
        }
        return any;
    }

    /** Fold {@code k}'s model files in {@code --out} as this run writes them: one, or one per seed. */
    private List<Path> foldModelFiles(int k) {
        return seeds == null ? List.of(out.resolve("fold-" + k + ".zip"))
                : seeds.stream().map(s -> out.resolve("fold-" + k + "-s" + s + ".zip")).toList();
    }

    /** The names of {@link #foldModelFiles}, for messages. */
    private String foldModelNames(int k) {
        return String.join(", ", foldModelFiles(k).stream().map(p -> p.getFileName().toString()).toList());
    }

    /**
     * Refuses a fold model trained otherwise than this run would train it, naming what differs.
     *
     * @throws IllegalArgumentException naming the file, what differs, and the way out
     */
    static void checkFoldModel(Path file, ModelConfig model, TrainingConfig t) throws IOException {
        checkFoldModel(file, model, t, null, null);
    }

    /**
     * As above, and also the data: {@code split} (null: not checked) is the split text this run's
     * model would carry, which names its noise copies; {@code encoder} (null: not checked) whether
     * its encoder was pretrained ({@code --pretrain}).
     */
    static void checkFoldModel(Path file, ModelConfig model, TrainingConfig t, String split, Boolean encoder)
            throws IOException {
        io.beatflow.models.ModelCard card = ModelBundle.load(file).card();
        String differs = !card.model().equals(model) ? "model " + ModelBundle.differences(card.model(), model)
                : !java.util.Objects.equals(card.training(), t) ? "training " + ModelBundle.differences(card.training(), t)
                : split != null && !split.equals(card.data().split()) ? "data: '" + card.data().split() + "' against '"
                        + split + "' (noise copies, --noise-copies)"
                : encoder != null && encoder == card.data().encoderFrom().isEmpty() ? "encoder: "
                        + (encoder ? "trained from random weights, where this run pretrains it (--pretrain)"
                                : "started from " + card.data().encoderFrom() + ", where this run starts from random"
                                        + " weights (no --pretrain)")
                : null;
        if (differs != null) {
            throw new IllegalArgumentException(file + " was made with other options than this run's (" + differs
                    + "; the file's first): give another --out, or move the fold's files away to have it run again");
        }
    }

    /** The beats per record a fold file of {@code records} holds: the reference beats a window fits around. */
    private static java.util.Map<String, Integer> referenceBeats(ModelConfig model, DataDirectory dir,
            List<String> records) throws IOException {
        io.beatflow.datasets.BeatDataset d = new BeatDatasetBuilder(model.input().windowConfig(),
                BeatDatasetBuilder.Mode.REFERENCE, io.beatflow.datasets.BeatDatasetCache.standard())
                .build(io.beatflow.datasets.Corpus.MITDB, dir.database(io.beatflow.datasets.MitBih.DATABASE), records);
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < d.size(); i++) {
            counts.merge(d.record(i), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Checks that a fold's predictions file holds every reference beat of its records (a file cut
     * short inside its last record holds all the records but not all their beats).
     *
     * @throws IllegalArgumentException naming the records whose beats differ in number
     */
    static void checkFoldBeats(Path csv, io.beatflow.eval.Predictions p, java.util.Map<String, Integer> expected) {
        java.util.Map<String, Integer> held = new java.util.TreeMap<>();
        for (int r : p.recordIndex()) {
            held.merge(p.recordNames().get(r), 1, Integer::sum);
        }
        List<String> wrong = new ArrayList<>();
        for (var e : expected.entrySet()) {
            int n = held.getOrDefault(e.getKey(), 0);
            if (n != e.getValue()) {
                wrong.add(e.getKey() + " (" + n + " of " + e.getValue() + ")");
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(csv + " does not hold every reference beat of " + String.join(", ", wrong)
                    + ": it was cut short or made from other beats; move it away and the fold runs again");
        }
    }

    /**
     * Checks that a fold's predictions file holds exactly the fold's held-out records: a file of
     * another split, another fold or cut short would otherwise choose the rule from the wrong beats.
     *
     * @throws IllegalArgumentException naming the records missing and those not expected
     */
    static void checkFoldRecords(Path csv, io.beatflow.eval.Predictions p, int k, List<String> heldOut) {
        java.util.Set<String> held = new java.util.TreeSet<>(p.recordNames());
        java.util.Set<String> expected = new java.util.TreeSet<>(heldOut);
        if (!held.equals(expected)) {
            java.util.Set<String> missing = new java.util.TreeSet<>(expected);
            missing.removeAll(held);
            java.util.Set<String> extra = new java.util.TreeSet<>(held);
            extra.removeAll(expected);
            throw new IllegalArgumentException(csv + " holds records " + held + ", but fold " + k + " holds out "
                    + expected + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; not of this fold " + extra) + ": it was made for another split or"
                    + " fold, or cut short; move it away and the fold runs again");
        }
    }

    static OutOfFold read(List<Path> files, Map<String, Double> irregularity) throws IOException {
        List<double[]> irr = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        List<float[][]> probs = new ArrayList<>();
        List<String> classes = null;
        List<String> keys = new ArrayList<>();
        int n = 0;
        for (Path f : files) {
            Predictions p = PredictionsReader.read(f);
            for (int i = 0; i < p.size(); i++) {
                keys.add(p.records()[i] + "/" + p.samples()[i]);
            }
            if (classes == null) {
                classes = p.classNames();
            } else if (!classes.equals(p.classNames())) {
                throw new IllegalArgumentException(f + ": classes " + p.classNames() + " differ from " + classes);
            }
            float[][] rows = new float[p.size()][classes.size()];
            for (int c = 0; c < classes.size(); c++) {
                double[] col = p.probabilities(c);
                for (int i = 0; i < col.length; i++) {
                    rows[i][c] = (float) col[i];
                }
            }
            labels.add(p.labels());
            probs.add(rows);
            n += p.size();
            if (irregularity != null) {
                double[] v = new double[p.size()];
                for (int i = 0; i < v.length; i++) {
                    Double x = irregularity.get(p.records()[i] + "/" + p.samples()[i]);
                    if (x == null) {
                        throw new IllegalArgumentException(f + ": beat " + p.records()[i] + " at sample " + p.samples()[i]
                                + " is not a reference beat of the records; the predictions do not belong to them");
                    }
                    v[i] = x;
                }
                irr.add(v);
            }
        }
        int[] y = new int[n];
        int[] fold = new int[n];
        float[][] x = new float[n][];
        double[] z = irregularity == null ? null : new double[n];
        int at = 0;
        for (int f = 0; f < labels.size(); f++) {
            System.arraycopy(labels.get(f), 0, y, at, labels.get(f).length);
            System.arraycopy(probs.get(f), 0, x, at, probs.get(f).length);
            java.util.Arrays.fill(fold, at, at + labels.get(f).length, f);
            if (z != null) {
                System.arraycopy(irr.get(f), 0, z, at, irr.get(f).length);
            }
            at += labels.get(f).length;
        }
        return new OutOfFold(classes, y, x, z, fold, List.of(), keys.toArray(String[]::new));
    }

    /** One line: the smoothed class's out-of-fold arg-max F1 and AUROC before and after the smoothing. */
    static String smoothingSummary(OutOfFold plain, OutOfFold smoothed, String className) {
        int c = plain.classes().indexOf(className);
        int n = plain.labels().length;
        boolean[] positive = new boolean[n];
        double[] before = new double[n];
        double[] after = new double[n];
        for (int i = 0; i < n; i++) {
            positive[i] = plain.labels()[i] == c;
            before[i] = plain.probs()[i][c];
            after[i] = smoothed.probs()[i][c];
        }
        long[][] m0 = io.beatflow.models.internal.ClassScores.confusion(plain.labels(),
                io.beatflow.models.internal.ClassScores.argmax(plain.probs()), plain.classes().size());
        long[][] m1 = io.beatflow.models.internal.ClassScores.confusion(plain.labels(),
                io.beatflow.models.internal.ClassScores.argmax(smoothed.probs()), plain.classes().size());
        return String.format(Locale.ROOT, "smoothing %s: out-of-fold F1 %s (arg-max, no offsets) %.3f -> %.3f, AUROC"
                + " %.4f -> %.4f", className, className, io.beatflow.models.internal.ClassScores.f1(m0, c),
                io.beatflow.models.internal.ClassScores.f1(m1, c), io.beatflow.eval.RankingMetrics.auroc(before, positive),
                io.beatflow.eval.RankingMetrics.auroc(after, positive));
    }

    /** {@link DecisionRule#evidence} key of a class's out-of-fold AUROC without the rule. */
    static String aurocBefore(String className) {
        return "AUROC_" + className + "_before";
    }

    /** {@link DecisionRule#evidence} key of a class's out-of-fold AUROC with the rule. */
    static String aurocAfter(String className) {
        return "AUROC_" + className + "_after";
    }

    /**
     * The rule with the out-of-fold AUROC of each scored class (one against the rest, by its
     * probability) before and after the rule added to its evidence: offsets alone leave the ranking
     * within a class nearly as it is, a per-beat irregularity slope does not, and a rule that trades
     * ranking for an arg-max gain should show it.
     */
    private static DecisionRule withAuroc(DecisionRule r, int[] y, float[][] x, double[] irregularity,
            List<String> classes) {
        float[][] after = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            after[i] = x[i].clone();
        }
        r.apply(after, classes, irregularity);
        Map<String, Double> evidence = new LinkedHashMap<>(r.evidence());
        for (String name : SCORED) {
            int c = classes.indexOf(name);
            boolean[] positive = new boolean[y.length];
            double[] before = new double[y.length];
            double[] shifted = new double[y.length];
            int count = 0;
            for (int i = 0; i < y.length; i++) {
                positive[i] = y[i] == c;
                count += positive[i] ? 1 : 0;
                before[i] = x[i][c];
                shifted[i] = after[i][c];
            }
            if (count > 0 && count < y.length) {
                evidence.put(aurocBefore(name), io.beatflow.eval.RankingMetrics.auroc(before, positive));
                evidence.put(aurocAfter(name), io.beatflow.eval.RankingMetrics.auroc(shifted, positive));
            }
        }
        return new DecisionRule(r.logOffsets(), r.chosenBy(), evidence, r.irregularitySlopes(), r.smoothing());
    }

    /** Fold k: the records at positions k, k + K, ... of the numerically sorted list. */
    static List<List<String>> folds(List<String> records, int k) {
        List<String> sorted = new ArrayList<>(records);
        sorted.sort(TrainingConfig.RECORD_ORDER);
        List<List<String>> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < sorted.size(); i++) {
            out.get(i % k).add(sorted.get(i));
        }
        return out.stream().map(List::copyOf).toList();
    }

    private static List<String> pool(List<String> all, List<String> heldOut) {
        List<String> pool = new ArrayList<>(all);
        pool.removeAll(heldOut);
        return pool;
    }

    /** The offsets and the out-of-fold F1 per class before and after them. */
    static String summary(DecisionRule r) {
        StringBuilder b = new StringBuilder("decision rule: log-prior offsets ").append(new java.util.TreeMap<>(r.logOffsets()));
        if (r.usesIrregularity()) {
            b.append(", RR irregularity slopes ").append(new java.util.TreeMap<>(r.irregularitySlopes()));
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "out-of-fold macro F1 (N, S, V, F): %.3f without offsets, %.3f with them%n",
                r.evidence().getOrDefault(DecisionRule.MACRO_F1_BEFORE, Double.NaN),
                r.evidence().getOrDefault(DecisionRule.MACRO_F1_AFTER, Double.NaN)));
        for (String c : SCORED) {
            b.append(String.format(Locale.ROOT, "  F1 %s: %.3f -> %.3f", c,
                    r.evidence().getOrDefault(DecisionRule.f1Before(c), Double.NaN),
                    r.evidence().getOrDefault(DecisionRule.f1After(c), Double.NaN)));
            if (r.evidence().containsKey(aurocBefore(c))) {
                b.append(String.format(Locale.ROOT, ", AUROC %.3f -> %.3f", r.evidence().get(aurocBefore(c)),
                        r.evidence().get(aurocAfter(c))));
            }
            b.append(String.format("%n"));
        }
        return b.toString().stripTrailing();
    }

    /**
     * Refuses to give {@code card}'s model the rule of {@code decisionFile} when the file says it
     * was fitted for another architecture, input, or kind of model (an ensemble or one network): its
     * offsets were chosen on other probabilities. A file without the record (written before it was
     * kept, or from --fold-files) cannot be checked: {@code err} gets a warning that says so.
     *
     * @throws IllegalArgumentException naming what differs
     */
    static void checkFittedFor(Path decisionFile, io.beatflow.models.ModelCard card, PrintWriter err)
            throws IOException {
        checkFittedFor(decisionFile, card.model(), card.ensemble(), err);
    }

    /**
     * As above, for a model of {@code model}'s configuration, an ensemble or one network. A file that
     * records no {@code fittedFor} (written before files recorded it, or from {@code --fold-files}) cannot be
     * checked: a warning saying so, naming the file's own account of its fit, goes to {@code err}.
     */
    static void checkFittedFor(Path decisionFile, ModelConfig model, boolean ensemble, PrintWriter err)
            throws IOException {
        var tree = JSON.readTree(decisionFile.toFile());
        var fitted = tree.get(FITTED_FOR);
        if (fitted == null || !fitted.isObject()) {
            String chosenBy = tree.path("decision").path("chosenBy").asText("");
            err.println("warning: --decision " + decisionFile + " does not record which models it was fitted for"
                    + " (files of cross-validate --fold-files, and those written before, do not), so it cannot be"
                    + " checked against this " + model.architecture().id() + (ensemble ? " ensemble" : " network")
                    + (chosenBy.isEmpty() ? "" : "; it says it was chosen by: " + chosenBy));
            err.flush();
            return;
        }
        List<String> differs = new ArrayList<>();
        String arch = fitted.path("architecture").asText();
        if (!arch.equals(model.architecture().id())) {
            differs.add("architecture " + arch + " against " + model.architecture().id());
        }
        var input = fitted.get("input");
        if (input != null && !input.equals(JSON.valueToTree(model.input()))) {
            differs.add("input " + ModelBundle.differences(JSON.treeToValue(input, io.beatflow.models.InputSpec.class),
                    model.input()));
        }
        if (fitted.has("ensemble") && fitted.get("ensemble").asBoolean() != ensemble) {
            differs.add(fitted.get("ensemble").asBoolean() ? "an ensemble (cross-validate --seeds) against one network"
                    : "one network against an ensemble");
        }
        if (!differs.isEmpty()) {
            throw new IllegalArgumentException("--decision: " + decisionFile + " was fitted for other models than this"
                    + " one (" + String.join("; ", differs) + "; the rule's first): its offsets were chosen on other"
                    + " probabilities; fit one for this model with beatflow cross-validate");
        }
    }

    /**
     * Reads the decision rule of a {@code decision.json} written by this command.
     *
     * @throws IllegalArgumentException naming the file when it has no valid rule
     */
    static DecisionRule readDecision(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--decision: " + file + " is not a file (beatflow cross-validate writes"
                    + " DIR/" + DECISION_FILE + ")");
        }
        try {
            var tree = JSON.readTree(file.toFile());
            var node = tree == null ? null : tree.get("decision");
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("--decision: " + file + " has no \"decision\" object (is it a "
                        + DECISION_FILE + " of beatflow cross-validate?)");
            }
            return JSON.treeToValue(node, DecisionRule.class);
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
                throw new IllegalArgumentException("--decision: " + file + " cannot be read: " + e.getOriginalMessage(), e);
            }
            // not JSON at all (a bundle given by mistake, say): its bytes say nothing useful
            throw new IllegalArgumentException("--decision: " + file + " is not JSON (line "
                    + e.getLocation().getLineNr() + "); give the " + DECISION_FILE + " that beatflow cross-validate wrote", e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("--decision: " + file + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Fold {@code k}'s pretrained encoder ({@code --pretrain}): read from {@code DIR/fold-<k>-encoder.zip}
     * when there, else pretrained on the fold's training records and written there.
     */
    private PretrainedEncoder foldEncoder(int k, ModelConfig model, List<String> pool, DataDirectory dir,
            PrintWriter err) throws IOException {
        Path file = out.resolve("fold-" + k + "-encoder.zip");
        PretrainingConfig c = PretrainingConfig.defaults();
        PretrainingConfig settings = seed != null ? c.withSeed(seed) : seeds != null ? c.withSeed(seeds.get(0)) : c;
        if (Files.exists(file)) {
            PretrainedEncoder e = PretrainedEncoder.load(file);
            BeatClassifierTrainer.checkStartingPoint(e, model);
            // an encoder pretrained on other records (another fold layout) or with other settings is not this fold's
            if (!new java.util.TreeSet<>(e.card().records()).equals(new java.util.TreeSet<>(pool))
                    || !e.card().pretraining().equals(settings)) {
                throw new IllegalArgumentException(file + " was pretrained on " + e.card().records() + " with "
                        + e.card().pretraining() + ", but fold " + k + " trains on " + pool + " with " + settings
                        + ": move it away and the fold pretrains again");
            }
            err.printf(Locale.ROOT, "fold %d (file fold-%d): pretrained encoder %s exists, not pretrained again%n", k + 1,
                    k, file);
            return e;
        }
        PretrainedEncoder e = PretrainCommand.pretrain(model, settings, dir, pool, null, err);
        e.save(file);
        return e;
    }
}

package io.beatflow.eval;

import io.beatflow.eval.internal.ConfusionStatistic;
import io.beatflow.eval.internal.RankingStatistic;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Evaluates beat classifiers from their per-beat predictions: stateless apart from its options
 * and clock, so one instance may evaluate any number of models, from any thread.
 */
public final class ClassifierEvaluator {
    private final EvaluationConfig config;
    private final Clock clock;

    /** An evaluator with these options and the system UTC clock. */
    public ClassifierEvaluator(EvaluationConfig config) {
        this(config, Clock.systemUTC());
    }

    /** An evaluator with these options and clock (the clock only dates the provenance). */
    public ClassifierEvaluator(EvaluationConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The options. */
    public EvaluationConfig config() {
        return config;
    }

    /**
     * Evaluates one model.
     *
     * @param modelName name in reports
     * @param predictions per-beat predictions
     * @param modelCardJson the model's JSON card, or null
     * @return the evaluation
     * @throws IllegalArgumentException if the card is not a JSON object (checked before the
     *     bootstrap runs) or a class is not an AAMI class
     */
    public Evaluation evaluate(String modelName, Predictions predictions, String modelCardJson) {
        Objects.requireNonNull(modelName, "modelName");
        Predictions p = Objects.requireNonNull(predictions, "predictions");
        if (modelCardJson != null) {
            try {
                JsonReportRenderer.checkModelCard(modelCardJson);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(modelName + ": " + e.getMessage(), e);
            }
        }
        List<String> classes = p.classNames();
        int k = classes.size();
        // the EC57 tables count by AAMI class (N, S, V, F, Q), whatever order the classes come in
        int[] aami = new int[k];
        for (int c = 0; c < k; c++) {
            aami[c] = Predictions.AAMI_CLASSES.indexOf(classes.get(c));
            if (aami[c] < 0) {
                throw new IllegalArgumentException(p.source() + ": class '" + classes.get(c) + "' is not an AAMI class "
                        + Predictions.AAMI_CLASSES + ", which the EC57 statistics of the evaluation count by");
            }
        }
        int n = p.size();
        int[] labels = p.labels();
        int[] predicted = p.predictedClasses();
        int[] recordIndex = p.recordIndex();
        List<String> recordNames = p.recordNames();
        int recordCount = recordNames.size();
        ConfusionMatrix cm = ConfusionMatrix.of(classes, labels, predicted);
        int grid = config.bandGridPoints();
        boolean bootstrap = recordCount >= 2;

        // One bootstrap run for all statistics, so replicates are shared.
        List<RecordStatistic> stats = new ArrayList<>();
        int[] statOfClass = new int[k];
        double[][] scores = new double[k][];
        boolean[][] positive = new boolean[k][];
        for (int c = 0; c < k; c++) {
            scores[c] = p.probabilities(c);
            positive[c] = RankingMetrics.oneVsRest(labels, c);
            long support = cm.support(c);
            statOfClass[c] = -1;
            if (bootstrap && support > 0 && support < n) {
                statOfClass[c] = stats.size();
                stats.add(new RankingStatistic(scores[c], positive[c], recordIndex, recordCount, grid));
            }
        }
        boolean[] averaged = averagedClasses(classes, p.source());
        int confusionStat = stats.size();
        if (bootstrap) {
            stats.add(new ConfusionStatistic(labels, predicted, recordIndex, recordCount, k, averaged));
        }
        List<BootstrapResult> boot = bootstrap
                ? RecordBootstrap.run(recordCount, stats, config.bootstrap()) : List.of();
        BootstrapResult cs = bootstrap ? boot.get(confusionStat) : null;
        double level = config.bootstrap().confidenceLevel();

        // the records that hold each class's reference beats and its predictions: a record bootstrap
        // cannot measure the spread of a figure whose beats come from one record
        int[] labelRecords = new int[k];
        int[] predictedRecords = new int[k];
        int[] eitherRecords = new int[k];
        {
            boolean[][] hasLabel = new boolean[k][recordCount];
            boolean[][] hasPrediction = new boolean[k][recordCount];
            for (int i = 0; i < n; i++) {
                hasLabel[labels[i]][recordIndex[i]] = true;
                hasPrediction[predicted[i]][recordIndex[i]] = true;
            }
            for (int c = 0; c < k; c++) {
                for (int r = 0; r < recordCount; r++) {
                    labelRecords[c] += hasLabel[c][r] ? 1 : 0;
                    predictedRecords[c] += hasPrediction[c][r] ? 1 : 0;
                    eitherRecords[c] += hasLabel[c][r] || hasPrediction[c][r] ? 1 : 0;
                }
            }
        }
        List<String> withoutInterval = new ArrayList<>();

        List<ClassEvaluation> classEvals = new ArrayList<>();
        double aurocSum = 0;
        int aurocN = 0;
        for (int c = 0; c < k; c++) {
            String name = classes.get(c);
            long support = cm.support(c);
            String absent = support == 0 ? "class " + name + " has no beat in the reference labels"
                    : support == n ? "every beat is of class " + name + " (no negative beat)" : null;
            Map<String, MetricValue> m = new LinkedHashMap<>();
            RocCurve roc = null;
            PrCurve pr = null;
            CurveBand rocBand = null;
            CurveBand prBand = null;
            DeLong.Estimate dl = null;
            OperatingPoint youden = null;
            OperatingPoint seAtPpv = null;
            OperatingPoint ppvAtSe = null;
            if (absent != null) {
                m.put("auroc", MetricValue.undefined(absent + ": AUROC is undefined"));
                if (support == 0) {
                    m.put("average_precision", MetricValue.undefined(absent + ": average precision is undefined"));
                    m.put("auprc_interpolated", MetricValue.undefined(absent + ": the PR curve is undefined"));
                } else {
                    pr = PrCurve.of(scores[c], positive[c]);
                    m.put("average_precision", MetricValue.of(pr.averagePrecision()));
                    m.put("auprc_interpolated", MetricValue.of(pr.interpolatedArea()));
                }
            } else {
                roc = RocCurve.of(scores[c], positive[c]);
                pr = PrCurve.of(scores[c], positive[c]);
                double auc = roc.area();
                if (averaged[c]) {
                    aurocSum += auc;
                    aurocN++;
                }
                long pos = support;
                long neg = n - support;
                if (pos >= 2 && neg >= 2) {
                    dl = DeLong.estimate(scores[c], positive[c]);
                }
                ConfidenceInterval aucCi = null;
                ConfidenceInterval apCi = null;
                if (statOfClass[c] >= 0) {
                    BootstrapResult br = boot.get(statOfClass[c]);
                    aucCi = usable(br.interval(0), labelRecords[c], withoutInterval, name + " AUROC");
                    apCi = usable(br.interval(1), labelRecords[c], withoutInterval, name + " average precision");
                    rocBand = labelRecords[c] >= 2 ? band(br, 2, grid, level) : null;
                    prBand = labelRecords[c] >= 2 ? band(br, 2 + grid, grid, level) : null;
                }
                if (aucCi == null && dl != null) {
                    double[] ci = dl.confidenceInterval(level);
                    aucCi = new ConfidenceInterval(ci[0], ci[1], level, "delong");
                }
                m.put("auroc", MetricValue.of(auc, aucCi));
                m.put("average_precision", MetricValue.of(pr.averagePrecision(), apCi));
                m.put("auprc_interpolated", MetricValue.of(pr.interpolatedArea()));
                youden = OperatingPoints.youden(scores[c], positive[c]);
                seAtPpv = OperatingPoints.sensitivityAtPositivePredictivity(scores[c], positive[c],
                        config.targetPositivePredictivity()).orElse(null);
                ppvAtSe = OperatingPoints.positivePredictivityAtSensitivity(scores[c], positive[c],
                        config.targetSensitivity()).orElse(null);
            }
            m.put("sensitivity", MetricValue.orUndefined(cm.sensitivity(c),
                    usable(ci(cs, 4 * c), labelRecords[c], withoutInterval, name + " sensitivity"),
                    "class " + name + " has no beat in the reference labels: sensitivity is undefined"));
            m.put("ppv", MetricValue.orUndefined(cm.positivePredictivity(c),
                    usable(ci(cs, 4 * c + 1), predictedRecords[c], withoutInterval, name + " +P"),
                    "no beat was predicted as " + name + ": positive predictivity is undefined"));
            ConfidenceInterval specCi = usable(ci(cs, 4 * c + 2), recordCount, withoutInterval, name + " specificity");
            m.put("specificity", MetricValue.orUndefined(cm.specificity(c), specCi,
                    "every beat is of class " + name + ": specificity is undefined"));
            ConfidenceInterval fprCi = specCi == null ? null
                    : new ConfidenceInterval(1 - specCi.upper(), 1 - specCi.lower(), specCi.level(), specCi.method());
            m.put("fpr", MetricValue.orUndefined(cm.falsePositiveRate(c), fprCi,
                    "every beat is of class " + name + ": the false-positive rate is undefined"));
            m.put("f1", MetricValue.orUndefined(cm.f1(c),
                    usable(ci(cs, 4 * c + 3), eitherRecords[c], withoutInterval, name + " F1"),
                    "class " + name + " neither occurs nor is predicted: F1 is undefined"));
            m.put("brier", MetricValue.of(Calibration.brier(scores[c], positive[c])));
            m.put("ece", MetricValue.of(Calibration.expectedCalibrationError(scores[c], positive[c],
                    config.calibrationBins())));
            try {
                Calibration.Fit fit = Calibration.logisticFit(scores[c], positive[c]);
                m.put("calibration_slope", MetricValue.of(fit.slope()));
                m.put("calibration_intercept", MetricValue.of(fit.intercept()));
            } catch (IllegalArgumentException e) {
                m.put("calibration_slope", MetricValue.undefined("class " + name + ": " + e.getMessage()));
                m.put("calibration_intercept", MetricValue.undefined("class " + name + ": " + e.getMessage()));
            }
            List<Calibration.Bin> rel = List.of(Calibration.reliability(scores[c], positive[c],
                    config.calibrationBins()));
            classEvals.add(new ClassEvaluation(name, support, cm.predictedCount(c), m, roc, rocBand, pr, prBand,
                    rel, dl, youden, seAtPpv, ppvAtSe));
        }

        Map<String, MetricValue> overall = new LinkedHashMap<>();
        overall.put("accuracy", MetricValue.orUndefined(cm.accuracy(),
                usable(ci(cs, 4 * k), recordCount, withoutInterval, "accuracy"), "no beats"));
        overall.put("macro_f1", MetricValue.orUndefined(cm.macroF1(averaged),
                usable(ci(cs, 4 * k + 1), recordCount, withoutInterval, "macro F1"),
                "no class has a defined F1"));
        overall.put("micro_f1", MetricValue.orUndefined(cm.microF1(), null, "no beats"));
        overall.put("macro_sensitivity", MetricValue.orUndefined(cm.macroSensitivity(averaged), null,
                "no class occurs"));
        overall.put("macro_ppv", MetricValue.orUndefined(cm.macroPositivePredictivity(averaged), null,
                "no class is predicted"));
        overall.put("macro_auroc", aurocN == 0 ? MetricValue.undefined("no class has a defined AUROC")
                : MetricValue.of(aurocSum / aurocN));

        Ec57ClassSummary ec57 = ec57(p, labels, predicted, recordIndex, recordNames, aami);
        Provenance prov = new Provenance(modelCardJson, p.source() + " (" + n + " beats, " + recordCount
                + " records)", config.split(), config.bootstrap().seed(), versions(),
                Instant.now(clock).toString());
        String seen = ModelCards.seenWarning(modelCardJson, recordNames);
        return new Evaluation(modelName, prov, classes, n, recordNames, cm, overall, classEvals, ec57,
                (seen == null ? "" : "Warning: " + seen + ". ") + methods(n, recordCount, bootstrap, withoutInterval),
                level);
    }

    /**
     * Evaluates several models and tests every pair with the paired DeLong test per class (only
     * when all models scored the same beats with the same labels).
     *
     * @param names model names, one per predictions
     * @param predictions predictions, one per model
     * @param modelCards JSON model cards (entries may be null), one per model
     */
    public EvaluationReport evaluateAll(List<String> names, List<Predictions> predictions, List<String> modelCards) {
        if (names.size() != predictions.size() || modelCards.size() != predictions.size()) {
            throw new IllegalArgumentException("names, predictions and model cards differ in number: "
                    + names.size() + ", " + predictions.size() + ", " + modelCards.size());
        }
        // checked before the bootstrap runs: a report's models must be told apart, and their cards embed
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!distinct.add(names.get(i))) {
                throw new IllegalArgumentException("two models are named '" + names.get(i)
                        + "': a report's models need different names");
            }
            if (modelCards.get(i) != null) {
                try {
                    JsonReportRenderer.checkModelCard(modelCards.get(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(names.get(i) + ": " + e.getMessage(), e);
                }
            }
        }
        List<Evaluation> evals = new ArrayList<>();
        for (int i = 0; i < predictions.size(); i++) {
            evals.add(evaluate(names.get(i), predictions.get(i), modelCards.get(i)));
        }
        List<ModelComparison> cmps = new ArrayList<>();
        String note = null;
        if (predictions.size() > 1) {
            for (int i = 1; i < predictions.size(); i++) {
                if (!predictions.get(0).sameBeats(predictions.get(i))) {
                    note = "no paired tests: " + predictions.get(i).source() + " does not hold the same beats "
                            + "(record, sample, label, in the same order) as " + predictions.get(0).source();
                }
            }
            if (note == null) {
                for (int a = 0; a < predictions.size(); a++) {
                    for (int b = a + 1; b < predictions.size(); b++) {
                        cmps.addAll(compare(names.get(a), predictions.get(a), names.get(b), predictions.get(b)));
                    }
                }
            }
        }
        return new EvaluationReport(evals, cmps, note);
    }

    private static List<ModelComparison> compare(String nameA, Predictions a, String nameB, Predictions b) {
        List<ModelComparison> out = new ArrayList<>();
        int[] labels = a.labels();
        for (int c = 0; c < a.classNames().size(); c++) {
            String cls = a.classNames().get(c);
            try {
                DeLong.Comparison t = DeLong.compare(a.probabilities(c), b.probabilities(c),
                        RankingMetrics.oneVsRest(labels, c));
                out.add(new ModelComparison(nameA, nameB, cls, t, null));
            } catch (IllegalArgumentException e) {
                out.add(new ModelComparison(nameA, nameB, cls, null, "class " + cls + ": " + e.getMessage()));
            }
        }
        return out;
    }

    private static ConfidenceInterval ci(BootstrapResult r, int d) {
        return r == null ? null : r.interval(d);
    }

    /**
     * A record-bootstrap interval, or null (its figure named in {@code dropped}) when it cannot
     * measure the figure's uncertainty: the figure's beats come from fewer than two records (every
     * replicate that holds them reproduces the estimate), or every replicate gave one value (a
     * zero-width interval, as for a sensitivity of 0 or 1 in every replicate).
     */
    private static ConfidenceInterval usable(ConfidenceInterval ci, int records, List<String> dropped, String figure) {
        if (ci == null || !ci.method().startsWith("bootstrap")) {
            return ci;
        }
        if (records < 2 || !(ci.upper() > ci.lower())) {
            dropped.add(figure);
            return null;
        }
        return ci;
    }

    private static CurveBand band(BootstrapResult r, int from, int grid, double level) {
        double[] g = new double[grid];
        double[] lo = new double[grid];
        double[] hi = new double[grid];
        double alpha = 1 - level;
        for (int i = 0; i < grid; i++) {
            g[i] = (double) i / (grid - 1);
            double[] v = RecordBootstrap.defined(r.replicates(from + i));
            if (v.length < 2) {
                return null;
            }
            Arrays.sort(v);
            lo[i] = RecordBootstrap.quantile(v, alpha / 2);
            hi[i] = RecordBootstrap.quantile(v, 1 - alpha / 2);
        }
        return new CurveBand(g, lo, hi, level);
    }

    private static Ec57ClassSummary ec57(Predictions p, int[] labels, int[] predicted, int[] recordIndex,
            List<String> recordNames, int[] aami) {
        long[] samples = p.samples();
        List<Ec57ClassComparison> per = new ArrayList<>();
        List<List<Integer>> beatsOf = new ArrayList<>();
        for (int r = 0; r < recordNames.size(); r++) {
            beatsOf.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            beatsOf.get(recordIndex[i]).add(i);
        }
        BeatMatchConfig cfg = BeatMatchConfig.ec57().withSkipSeconds(0);
        for (int r = 0; r < recordNames.size(); r++) {
            List<Integer> idx = beatsOf.get(r);
            idx.sort((x, y) -> Long.compare(samples[x], samples[y]));
            long[] s = new long[idx.size()];
            int[] ref = new int[idx.size()];
            int[] test = new int[idx.size()];
            for (int j = 0; j < s.length; j++) {
                s[j] = samples[idx.get(j)];
                ref[j] = aami[labels[idx.get(j)]];
                test[j] = aami[predicted[idx.get(j)]];
            }
            // Each row of a predictions file is a reference beat scored by the model, so test
            // positions are the reference positions; the nominal rate only sizes the window.
            per.add(ClassifierComparator.compare(recordNames.get(r), s, ref, s, test, 360.0, cfg));
        }
        return new Ec57ClassSummary(per);
    }

    private static Map<String, String> versions() {
        Map<String, String> v = new TreeMap<>();
        String own = ClassifierEvaluator.class.getPackage().getImplementationVersion();
        v.put("beatflow-eval", own == null ? "development build" : own);
        v.put("java", System.getProperty("java.version", "unknown"));
        return v;
    }

    /**
     * For each class, whether the macro averages take it: every class, or those of the
     * configuration's macro classes.
     *
     * @throws IllegalArgumentException if a macro class is not a class of the predictions
     */
    private boolean[] averagedClasses(List<String> classes, String source) {
        boolean[] averaged = new boolean[classes.size()];
        if (config.macroClasses().isEmpty()) {
            java.util.Arrays.fill(averaged, true);
            return averaged;
        }
        for (String c : config.macroClasses()) {
            int i = classes.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException("macro classes: " + c + " is not a class of " + source + " "
                        + classes);
            }
            averaged[i] = true;
        }
        return averaged;
    }

    private String methods(int n, int records, boolean bootstrap, List<String> withoutInterval) {
        BootstrapConfig b = config.bootstrap();
        String lvl = String.format(Locale.ROOT, "%.0f %%", 100 * b.confidenceLevel());
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d beats from %d records were evaluated. ", n, records));
        s.append("The predicted class of a beat is the class of highest probability (first on ties); the "
                + "confusion matrix, sensitivity, positive predictivity (+P), specificity, false-positive rate "
                + "and F1 are computed from it one-vs-rest; macro averages (macro AUROC too) are means over the "
                + (config.macroClasses().isEmpty() ? "classes" : "classes " + String.join(", ", config.macroClasses()))
                + " whose figure is defined; micro F1 pools TP, FP and FN. ");
        s.append("For each class, the ROC curve, the AUROC (Mann-Whitney, ties counted 1/2), the PR curve, "
                + "the average precision (sum of (R_n - R_{n-1}) P_n, no interpolation) and the area under "
                + "the interpolated PR curve use the class probability as score, one-vs-rest. ");
        if (bootstrap) {
            s.append(String.format(Locale.ROOT, "Confidence intervals (%s) come from a bootstrap that "
                    + "resamples records (patients), not beats: %d replicates, seed %d, %s intervals "
                    + "(BCa acceleration from the leave-one-record-out jackknife); ROC and PR bands are "
                    + "pointwise percentile bands on a %d-point grid (vertical averaging of TPR over FPR; "
                    + "interpolated precision over recall). Replicates in which a class has no beat or "
                    + "no other beat leave that class's AUROC and AP undefined and are left out of their "
                    + "intervals. ", lvl, b.replicates(), b.seed(),
                    b.method() == BootstrapConfig.Method.BCA ? "bias-corrected and accelerated (BCa)"
                            : "percentile", config.bandGridPoints()));
            if (!withoutInterval.isEmpty()) {
                s.append("No interval is given for ").append(String.join(", ", withoutInterval)).append(": a record "
                        + "bootstrap cannot measure the uncertainty of a figure whose beats (the class's reference "
                        + "beats for sensitivity, AUROC and AP; its predictions for +P; either for F1) come from "
                        + "fewer than 2 records, nor of one that every replicate reproduces (a zero-width interval); "
                        + "where such an AUROC has DeLong's interval, that is given instead. ");
            }
        } else {
            s.append(String.format(Locale.ROOT, "With a single record no record bootstrap is possible: the "
                    + "AUROC interval (%s) is DeLong's, which treats beats as independent, and other figures "
                    + "have no interval. ", lvl));
        }
        s.append(String.format(Locale.ROOT, "DeLong's variance (DeLong et al. 1988, fast form of Sun and Xu "
                + "2014) gives a second AUROC interval (%s) that treats beats as independent, and the paired "
                + "DeLong test compares models scored on the same beats, also treating beats as independent: "
                + "beats of one patient are not, so its p-values are smaller than a test over patients would "
                + "give, most where a class comes from few patients. Calibration: Brier score, a "
                + "reliability curve and the expected calibration error over %d equal-width bins, and the "
                + "calibration slope and intercept of a logistic fit of the outcome on the logit of the "
                + "predicted probability. Operating points: Youden's J, the best sensitivity with +P >= %.2f "
                + "and the best +P with sensitivity >= %.2f. The EC57 table pairs each reference beat with "
                + "its own prediction (every row of a predictions file is a reference beat), so no beat is "
                + "missed or extra and the first 5 minutes are not excluded; figures undefined for the data "
                + "(e.g. a class that never occurs) are reported as undefined with the reason.", lvl,
                config.calibrationBins(), config.targetPositivePredictivity(), config.targetSensitivity()));
        return s.toString();
    }
}

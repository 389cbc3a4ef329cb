package io.beatflow.models;

import io.beatflow.models.internal.ClassScores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a model's class probabilities are turned into the probabilities it reports: per class, a
 * log-odds offset added to the network's log-probability before they are normalised again,
 * {@code p'_c = p_c exp(b_c) / sum_k p_k exp(b_k)}. This is a change of class prior: training with
 * class weights or on a population with other class frequencies shifts every class's scores by a
 * constant in log space, and the offsets move the arg-max decision back to where it scores best on
 * data the model was not trained on. The ranking of beats within one class barely changes.
 *
 * <p>A rule may also lower (or raise) a class's offset with the rhythm's recent RR irregularity
 * ({@link RrIrregularity} over {@value #IRREGULARITY_PAIRS} pairs of intervals):
 * {@code b_c + s_c * irregularity}. A premature beat in a regular rhythm is likely supraventricular;
 * in atrial fibrillation most beats come irregularly and are normal (AAMI N), so the S offset is
 * meant to fall as the irregularity rises. A network trained on the few AF patients of DS1 does not
 * learn this well by itself; one slope fitted out of fold does.
 *
 * <p>A rule may also first smooth one class's probability over the patient's look-alike beats
 * ({@link MorphologySmoothing}); its offsets are then chosen on, and apply to, the smoothed
 * probabilities. {@link Predictor} does the smoothing, which needs each stream's earlier beats;
 * {@link #apply} does not.
 *
 * <p>The offsets are chosen by {@link #fit} on out-of-fold predictions of a patient-wise
 * cross-validation of the training records (never on test records); {@code chosenBy} says how,
 * and {@code evidence} holds the figures of that choice.
 *
 * @param logOffsets offset per class name (absent classes have 0); finite
 * @param chosenBy how the offsets were chosen (text)
 * @param evidence figures behind the choice, such as the out-of-fold macro F1 before and after
 * @param irregularitySlopes per class name, the change of its offset per unit of RR irregularity
 *     (absent classes have 0); finite
 * @param smoothing the class probability smoothed before the offsets, or null for none
 */
public record DecisionRule(Map<String, Double> logOffsets, String chosenBy, Map<String, Double> evidence,
        Map<String, Double> irregularitySlopes, MorphologySmoothing.Settings smoothing) {
    /** Pairs of successive intervals in the irregularity a rule's slopes apply to. */
    public static final int IRREGULARITY_PAIRS = 16;
    /** Slopes searched by {@link #fit} with slope classes: {@value #MIN_SLOPE} to 0. */
    public static final double MIN_SLOPE = -30;
    /** Grid step of the slope search. */
    public static final double SLOPE_STEP = 0.5;

    /** Offsets searched by {@link #fit}: {@value #MIN_OFFSET} to {@value #MAX_OFFSET}. */
    public static final double MIN_OFFSET = -3;
    /** Upper end of the offsets searched by {@link #fit}. */
    public static final double MAX_OFFSET = 5;
    /** Grid step of the search. */
    public static final double STEP = 0.05;

    /** {@link #evidence} key of the macro F1 without the offsets. */
    public static final String MACRO_F1_BEFORE = "macroF1Before";
    /** {@link #evidence} key of the macro F1 with the offsets. */
    public static final String MACRO_F1_AFTER = "macroF1After";

    /**
     * {@link #evidence} key of the macro F1 where each fold is decided by the rule of the same kind
     * fitted to the other folds ({@link #fitHeldOut}): the estimate for patients the rule has not seen.
     */
    public static final String MACRO_F1_HELD_OUT = "macroF1HeldOut";

    /** {@link #evidence} key of a class's F1 where each fold is decided by the rule fitted to the others. */
    public static String f1HeldOut(String className) {
        return "F1_" + className + "_heldOut";
    }

    /** {@link #evidence} key of a class's F1 without the offsets. */
    public static String f1Before(String className) {
        return "F1_" + className + "_before";
    }

    /** {@link #evidence} key of a class's F1 with the offsets. */
    public static String f1After(String className) {
        return "F1_" + className + "_after";
    }

    /** Checks the offsets and slopes and copies the maps (a rule without slopes has none). */
    public DecisionRule {
        logOffsets = finite(logOffsets, "offset");
        chosenBy = chosenBy == null ? "" : chosenBy;
        evidence = Map.copyOf(evidence == null ? Map.of() : evidence);
        irregularitySlopes = finite(irregularitySlopes, "irregularity slope");
    }

    /** A rule of offsets and slopes without smoothing. */
    public DecisionRule(Map<String, Double> logOffsets, String chosenBy, Map<String, Double> evidence,
            Map<String, Double> irregularitySlopes) {
        this(logOffsets, chosenBy, evidence, irregularitySlopes, null);
    }

    /** A rule of offsets alone. */
    public DecisionRule(Map<String, Double> logOffsets, String chosenBy, Map<String, Double> evidence) {
        this(logOffsets, chosenBy, evidence, Map.of());
    }

    /** This rule with {@code settings} (null: none) smoothing the probabilities before its offsets. */
    public DecisionRule withSmoothing(MorphologySmoothing.Settings settings) {
        return new DecisionRule(logOffsets, chosenBy, evidence, irregularitySlopes, settings);
    }

    /**
     * The largest offset or slope a rule may hold: e^50 makes a class outweigh any other whatever the
     * network says, so a larger value can only be a mistake (fitted offsets lie in
     * {@link #MIN_OFFSET}..{@link #MAX_OFFSET}).
     */
    static final double MAX_MAGNITUDE = 50;

    private static Map<String, Double> finite(Map<String, Double> values, String what) {
        Map<String, Double> copy = Map.copyOf(values == null ? Map.of() : values);
        for (var e : copy.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("decision rule: " + what + " of class " + e.getKey() + " is "
                        + e.getValue() + "; it must be finite");
            }
            if (Math.abs(e.getValue()) > MAX_MAGNITUDE) {
                throw new IllegalArgumentException("decision rule: " + what + " of class " + e.getKey() + " is "
                        + e.getValue() + "; beyond +-" + (int) MAX_MAGNITUDE + " it would give that class every beat or"
                        + " none whatever the network says (fitted rules lie within " + MIN_OFFSET + " to " + MAX_OFFSET
                        + ")");
            }
        }
        return copy;
    }

    /** Whether some class's offset depends on the RR irregularity. */
    public boolean usesIrregularity() {
        return irregularitySlopes.values().stream().anyMatch(v -> v != 0);
    }

    /** No offsets: the network's probabilities as they are (arg-max of the network). */
    public static DecisionRule none() {
        return new DecisionRule(Map.of(), "none (the network's probabilities)", Map.of());
    }

    /** Whether every offset and slope is 0 (a rule may still smooth: see {@link #smoothing()}). */
    public boolean shiftsNothing() {
        return logOffsets.values().stream().allMatch(v -> v == 0) && !usesIrregularity();
    }

    /**
     * The rule in one line: {@code none (the network's probabilities)}, or its smoothing, offsets
     * and slopes, e.g. {@code V smoothed over the last 1000 look-alike beats (bandwidth 2.0), then
     * log-prior offsets {F=2.7, S=0.9, V=0.65}, RR irregularity slopes {S=-13.5}}.
     */
    public String describe() {
        if (shiftsNothing() && smoothing() == null) {
            return "none (the network's probabilities)";
        }
        return (smoothing() == null ? "" : String.format(Locale.ROOT,
                "%s smoothed over the last %d look-alike beats (bandwidth %s), then ", smoothing().className(),
                smoothing().pastBeats(), smoothing().bandwidth()))
                + "log-prior offsets " + new java.util.TreeMap<>(logOffsets())
                + (usesIrregularity() ? ", RR irregularity slopes " + new java.util.TreeMap<>(irregularitySlopes()) : "");
    }

    /** The offsets of {@code classNames}, in that order (0 for a class without one). */
    public double[] offsets(List<String> classNames) {
        double[] b = new double[classNames.size()];
        for (int c = 0; c < b.length; c++) {
            b[c] = logOffsets.getOrDefault(classNames.get(c), 0.0);
        }
        return b;
    }

    /** The irregularity slopes of {@code classNames}, in that order (0 for a class without one). */
    public double[] slopes(List<String> classNames) {
        double[] s = new double[classNames.size()];
        for (int c = 0; c < s.length; c++) {
            s[c] = irregularitySlopes.getOrDefault(classNames.get(c), 0.0);
        }
        return s;
    }

    /**
     * Checks that every class named by the offsets is one of the model's classes.
     *
     * @throws IllegalArgumentException naming an unknown class
     */
    public void checkClasses(List<String> classNames) {
        java.util.Set<String> named = new java.util.HashSet<>(logOffsets.keySet());
        named.addAll(irregularitySlopes.keySet());
        if (smoothing != null) {
            named.add(smoothing.className());
        }
        for (String c : named) {
            if (!classNames.contains(c)) {
                throw new IllegalArgumentException("decision rule: class " + c + " is not one of the model's classes "
                        + classNames);
            }
        }
    }

    /**
     * Applies the offsets to rows of probabilities, in place, as for a regular rhythm (irregularity
     * 0); returns {@code probs}.
     */
    public float[][] apply(float[][] probs, List<String> classNames) {
        return apply(probs, classNames, null);
    }

    /**
     * Applies the rule to rows of probabilities, in place; returns {@code probs}.
     *
     * @param irregularity each row's RR irregularity ({@link RrIrregularity}, NaN where unknown,
     *     read as 0), or null for 0 everywhere; used only when {@link #usesIrregularity()}
     */
    public float[][] apply(float[][] probs, List<String> classNames, double[] irregularity) {
        if (shiftsNothing()) {
            return probs;
        }
        if (irregularity != null && irregularity.length != probs.length) {
            throw new IllegalArgumentException("decision rule: " + irregularity.length + " irregularity values for "
                    + probs.length + " rows");
        }
        double[] b = offsets(classNames);
        double[] s = slopes(classNames);
        double[] w = new double[b.length];
        for (int i = 0; i < probs.length; i++) {
            float[] row = probs[i];
            if (row.length != classNames.size()) {
                throw new IllegalArgumentException("decision rule: row " + i + " holds " + row.length
                        + " probabilities for " + classNames.size() + " classes " + classNames);
            }
            double irr = irregularity == null || !Double.isFinite(irregularity[i]) ? 0 : irregularity[i];
            double top = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < w.length; c++) {
                w[c] = b[c] + s[c] * irr;
                top = Math.max(top, w[c]);
            }
            for (int c = 0; c < w.length; c++) {
                w[c] = Math.exp(w[c] - top); // only ratios matter: no overflow
            }
            double sum = 0;
            for (int c = 0; c < row.length; c++) {
                sum += row[c] * w[c];
            }
            if (!(sum > 0)) {
                continue; // an all-zero row stays as it is
            }
            for (int c = 0; c < row.length; c++) {
                row[c] = (float) (row[c] * w[c] / sum);
            }
        }
        return probs;
    }

    /**
     * Chooses offsets that maximise the macro F1 over {@code scored} classes of the arg-max of
     * the shifted probabilities: coordinate ascent over the grid {@link #MIN_OFFSET} to
     * {@link #MAX_OFFSET} in steps of {@link #STEP}, one class at a time, the first class of
     * {@code classNames} fixed at 0 (only differences matter), until a full pass changes nothing
     * (at most 10 passes). Ties keep the offset closest to 0.
     *
     * @param labels true class index per beat (indices into {@code classNames}); beats of classes
     *     outside {@code scored} count as errors when predicted as a scored class
     * @param probs class probabilities per beat (out-of-fold)
     * @param scored classes whose F1 is averaged (e.g. N, S, V, F) and whose offsets are searched
     * @param chosenBy how the predictions were made, for the rule's text
     * @throws IllegalArgumentException if the sizes disagree or a scored class is unknown
     */
    public static DecisionRule fit(int[] labels, float[][] probs, List<String> classNames, List<String> scored,
            String chosenBy) {
        return fit(labels, probs, null, classNames, scored, List.of(), chosenBy);
    }

    /**
     * {@link #fit(int[], float[][], List, List, String)} with irregularity slopes: after each pass
     * over the offsets, the slope of each class of {@code slopeClasses} is searched over
     * {@link #MIN_SLOPE} to 0 in steps of {@link #SLOPE_STEP} the same way (ties keep the slope
     * closest to 0, so a slope that does not help stays 0).
     *
     * @param irregularity each beat's RR irregularity (NaN read as 0); may be null when
     *     {@code slopeClasses} is empty
     * @param slopeClasses classes whose slope is searched (e.g. S)
     */
    public static DecisionRule fit(int[] labels, float[][] probs, double[] irregularity, List<String> classNames,
            List<String> scored, List<String> slopeClasses, String chosenBy) {
        return fit(labels, probs, irregularity, classNames, scored, slopeClasses, List.of(), chosenBy);
    }

    /**
     * {@link #fit(int[], float[][], double[], List, List, List, String)} with the offsets of
     * {@code fixedOffsets} (scored classes) kept at 0: their F1 still counts, their prior is not
     * searched (for a class whose out-of-fold beats come from too few patients for an offset to
     * carry to others).
     *
     * @throws IllegalArgumentException if a fixed class is not scored
     */
    public static DecisionRule fit(int[] labels, float[][] probs, double[] irregularity, List<String> classNames,
            List<String> scored, List<String> slopeClasses, List<String> fixedOffsets, String chosenBy) {
        Objects.requireNonNull(chosenBy, "chosenBy");
        for (String c : fixedOffsets) {
            if (!scored.contains(c)) {
                throw new IllegalArgumentException("decision rule: fixed offset of class " + c
                        + " is not one of the scored classes " + scored);
            }
        }
        if (!slopeClasses.isEmpty() && (irregularity == null || irregularity.length != labels.length)) {
            throw new IllegalArgumentException("decision rule: slopes need one irregularity value per beat, got "
                    + (irregularity == null ? "none" : irregularity.length) + " for " + labels.length + " beats");
        }
        if (labels.length != probs.length || labels.length == 0) {
            throw new IllegalArgumentException("decision rule: " + labels.length + " labels for " + probs.length
                    + " probability rows; need the same number, at least 1");
        }
        int k = classNames.size();
        int[] scoredIdx = new int[scored.size()];
        for (int i = 0; i < scoredIdx.length; i++) {
            scoredIdx[i] = classNames.indexOf(scored.get(i));
            if (scoredIdx[i] < 0) {
                throw new IllegalArgumentException("decision rule: scored class " + scored.get(i) + " is not one of "
                        + classNames);
            }
        }
        double[][] logp = new double[probs.length][k];
        for (int i = 0; i < probs.length; i++) {
            if (probs[i].length != k) {
                throw new IllegalArgumentException("decision rule: row " + i + " has " + probs[i].length
                        + " probabilities for " + k + " classes");
            }
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("decision rule: label " + labels[i] + " of row " + i
                        + " is not a class index 0.." + (k - 1));
            }
            for (int c = 0; c < k; c++) {
                logp[i][c] = Math.log(Math.max(probs[i][c], 1e-30));
            }
        }
        int[] slopeIdx = new int[slopeClasses.size()];
        for (int i = 0; i < slopeIdx.length; i++) {
            slopeIdx[i] = classNames.indexOf(slopeClasses.get(i));
            if (slopeIdx[i] < 0) {
                throw new IllegalArgumentException("decision rule: slope class " + slopeClasses.get(i)
                        + " is not one of " + classNames);
            }
        }
        double[] irr = new double[labels.length];
        for (int i = 0; i < irr.length && irregularity != null; i++) {
            irr[i] = Double.isFinite(irregularity[i]) ? irregularity[i] : 0;
        }
        double[] b = new double[k];
        double[] sl = new double[k];
        double before = macroF1(labels, logp, b, sl, irr, scoredIdx);
        double[] best = {before};
        for (int pass = 0; pass < 10; pass++) {
            boolean changed = false;
            for (int c : scoredIdx) {
                if (c != 0 && !fixedOffsets.contains(classNames.get(c))) {
                    changed |= search(b, c, MIN_OFFSET, MAX_OFFSET, STEP, best, labels, logp, b, sl, irr, scoredIdx);
                }
            }
            for (int c : slopeIdx) {
                changed |= search(sl, c, MIN_SLOPE, 0, SLOPE_STEP, best, labels, logp, b, sl, irr, scoredIdx);
            }
            if (!changed) {
                break;
            }
        }
        Map<String, Double> offsets = new LinkedHashMap<>();
        for (int c : scoredIdx) {
            offsets.put(classNames.get(c), b[c]);
        }
        Map<String, Double> slopes = new LinkedHashMap<>();
        for (int c : slopeIdx) {
            slopes.put(classNames.get(c), sl[c]);
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("beats", (double) labels.length);
        evidence.put(MACRO_F1_BEFORE, before);
        evidence.put(MACRO_F1_AFTER, best[0]);
        long[][] plain = confusion(labels, logp, new double[k], new double[k], irr);
        long[][] shifted = confusion(labels, logp, b, sl, irr);
        for (int c : scoredIdx) {
            evidence.put(f1Before(classNames.get(c)), ClassScores.f1(plain, c));
            evidence.put(f1After(classNames.get(c)), ClassScores.f1(shifted, c));
        }
        String text = String.format(Locale.ROOT, "log-prior offsets maximising the macro F1 over %s of %s (%d beats):"
                + " coordinate ascent over %.2f..%.2f in steps of %.2f", scored, chosenBy, labels.length, MIN_OFFSET,
                MAX_OFFSET, STEP);
        if (slopeIdx.length > 0) {
            text += String.format(Locale.ROOT, ", with RR irregularity slopes of %s over %.2f..0 in steps of %.2f",
                    slopeClasses, MIN_SLOPE, SLOPE_STEP);
        }
        if (!fixedOffsets.isEmpty()) {
            text += ", the offsets of " + fixedOffsets + " fixed at 0";
        }
        return new DecisionRule(offsets, text, evidence, slopes);
    }

    /**
     * The decisions of a rule judged on beats it was not fitted to: for each group (a fold of a
     * patient-wise cross-validation), a rule is fitted by {@link #fit} to the beats of the other
     * groups and decides that group's beats; the figures pool every group's decisions. The rule's
     * own evidence ({@link #MACRO_F1_AFTER}) scores it on the beats it was chosen on, which flatters
     * it; this tells how far it carries to patients it has not seen.
     *
     * @param group each beat's group, 0 to {@code groups - 1}; at least two groups, each with beats
     * @param irregularity as in {@link #fit(int[], float[][], double[], List, List, List, List, String)}
     * @param slopeClasses as there, for every group's rule
     * @param fixedOffsets as there, for every group's rule
     * @return the pooled figures and the rule fitted without each group, in group order
     * @throws IllegalArgumentException if the sizes disagree or a group is empty or out of range
     */
    public static HeldOut fitHeldOut(int[] labels, float[][] probs, double[] irregularity, int[] group,
            List<String> classNames, List<String> scored, List<String> slopeClasses, List<String> fixedOffsets,
            String chosenBy) {
        if (group.length != labels.length || probs.length != labels.length
                || (irregularity != null && irregularity.length != labels.length)) {
            throw new IllegalArgumentException("decision rule: " + group.length + " groups, " + probs.length
                    + " probability rows and " + (irregularity == null ? "no" : irregularity.length)
                    + " irregularity values for " + labels.length + " labels; need one of each per beat");
        }
        int groups = 0;
        for (int g : group) {
            if (g < 0) {
                throw new IllegalArgumentException("decision rule: group " + g + " is negative");
            }
            groups = Math.max(groups, g + 1);
        }
        if (groups < 2) {
            throw new IllegalArgumentException("decision rule: held-out fitting needs at least two groups, got "
                    + groups);
        }
        int[] predicted = new int[labels.length];
        List<DecisionRule> rules = new java.util.ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int inside = 0;
            for (int v : group) {
                inside += v == g ? 1 : 0;
            }
            if (inside == 0 || inside == labels.length) {
                throw new IllegalArgumentException("decision rule: group " + g + " has " + inside + " of "
                        + labels.length + " beats; every group needs beats and so do the others");
            }
            int[] fitAt = new int[labels.length - inside];
            int[] judgeAt = new int[inside];
            for (int i = 0, a = 0, b = 0; i < labels.length; i++) {
                if (group[i] == g) {
                    judgeAt[b++] = i;
                } else {
                    fitAt[a++] = i;
                }
            }
            DecisionRule r = fit(pick(labels, fitAt), pickRows(probs, fitAt, false),
                    irregularity == null ? null : pick(irregularity, fitAt), classNames, scored, slopeClasses,
                    fixedOffsets, chosenBy + ", without group " + g);
            float[][] judged = r.apply(pickRows(probs, judgeAt, true), classNames,
                    irregularity == null ? null : pick(irregularity, judgeAt));
            int[] decided = ClassScores.argmax(judged);
            for (int j = 0; j < judgeAt.length; j++) {
                predicted[judgeAt[j]] = decided[j];
            }
            rules.add(r);
        }
        long[][] m = ClassScores.confusion(labels, predicted, classNames.size());
        Map<String, Double> f1 = new LinkedHashMap<>();
        int[] scoredIdx = new int[scored.size()];
        for (int i = 0; i < scoredIdx.length; i++) {
            scoredIdx[i] = classNames.indexOf(scored.get(i));
            f1.put(scored.get(i), ClassScores.f1(m, scoredIdx[i]));
        }
        return new HeldOut(macroF1(m, scoredIdx), f1, rules, predicted);
    }

    /**
     * This rule with the figures of {@code heldOut} (a {@link #fitHeldOut} of the same kind on the
     * same beats) added to its evidence: {@link #MACRO_F1_HELD_OUT} and {@link #f1HeldOut} per class.
     */
    public DecisionRule withHeldOut(HeldOut heldOut) {
        Map<String, Double> more = new LinkedHashMap<>(evidence);
        more.put(MACRO_F1_HELD_OUT, heldOut.macroF1());
        heldOut.f1().forEach((c, v) -> more.put(f1HeldOut(c), v));
        return new DecisionRule(logOffsets, chosenBy, more, irregularitySlopes, smoothing);
    }

    /**
     * Figures of {@link #fitHeldOut}.
     *
     * @param macroF1 mean F1 over the scored classes where it is defined, over every group's beats
     *     decided by the rule fitted without that group
     * @param f1 F1 per scored class (NaN where a class is neither in the reference nor decided)
     * @param rules the rule fitted without each group, in group order
     * @param predicted each beat's decided class index
     */
    public record HeldOut(double macroF1, Map<String, Double> f1, List<DecisionRule> rules, int[] predicted) {
        /** Copies the lists and map. */
        public HeldOut {
            f1 = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(f1));
            rules = List.copyOf(rules);
        }
    }

    private static int[] pick(int[] values, int[] at) {
        int[] out = new int[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }

    private static double[] pick(double[] values, int[] at) {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }

    /** The rows at {@code at}; copies of them when {@code copy} (for {@link #apply}, which rewrites rows). */
    private static float[][] pickRows(float[][] rows, int[] at, boolean copy) {
        float[][] out = new float[at.length][];
        for (int i = 0; i < at.length; i++) {
            out[i] = copy ? rows[at[i]].clone() : rows[at[i]];
        }
        return out;
    }

    /**
     * One coordinate of the ascent: sets {@code values[c]} to the grid value {@code lo..hi} that
     * scores best (ties: closest to 0); updates {@code best[0]}; returns whether the value changed.
     */
    private static boolean search(double[] values, int c, double lo, double hi, double step, double[] best,
            int[] labels, double[][] logp, double[] b, double[] sl, double[] irr, int[] scored) {
        double keep = values[c];
        double bestValue = keep;
        int steps = (int) Math.round((hi - lo) / step);
        for (int s = 0; s <= steps; s++) {
            double v = Math.round((lo + s * step) * 1000) / 1000.0;
            values[c] = v;
            double f = macroF1(labels, logp, b, sl, irr, scored);
            if (f > best[0] + 1e-12 || (Math.abs(f - best[0]) <= 1e-12 && Math.abs(v) < Math.abs(bestValue))) {
                best[0] = f;
                bestValue = v;
            }
        }
        values[c] = bestValue;
        return bestValue != keep;
    }

    private static int[] argmax(double[][] logp, double[] b, double[] sl, double[] irr) {
        int[] out = new int[logp.length];
        for (int i = 0; i < logp.length; i++) {
            int best = 0;
            double bv = logp[i][0] + b[0] + sl[0] * irr[i];
            for (int c = 1; c < b.length; c++) {
                double v = logp[i][c] + b[c] + sl[c] * irr[i];
                if (v > bv) {
                    bv = v;
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** The confusion matrix of the arg-max of {@code logp + b + sl * irr} against the labels. */
    private static long[][] confusion(int[] labels, double[][] logp, double[] b, double[] sl, double[] irr) {
        return ClassScores.confusion(labels, argmax(logp, b, sl, irr), b.length);
    }

    /** Mean F1 over the scored classes where it is defined (0 when none is). */
    private static double macroF1(int[] labels, double[][] logp, double[] b, double[] sl, double[] irr, int[] scored) {
        return macroF1(confusion(labels, logp, b, sl, irr), scored);
    }

    /** Mean F1 of confusion matrix {@code m} over the scored classes where it is defined (0 when none is). */
    private static double macroF1(long[][] m, int[] scored) {
        double sum = 0;
        int n = 0;
        for (int c : scored) {
            double v = ClassScores.f1(m, c);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}

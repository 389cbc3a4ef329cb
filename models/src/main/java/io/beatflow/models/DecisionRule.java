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
 * <p>The offsets are chosen by {@link #fit} on out-of-fold predictions of a patient-wise
 * cross-validation of the training records (never on test records); {@code chosenBy} says how,
 * and {@code evidence} holds the figures of that choice.
 *
 * @param logOffsets offset per class name (absent classes have 0); finite
 * @param chosenBy how the offsets were chosen (text)
 * @param evidence figures behind the choice, such as the out-of-fold macro F1 before and after
 */
public record DecisionRule(Map<String, Double> logOffsets, String chosenBy, Map<String, Double> evidence) {
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

    /** {@link #evidence} key of a class's F1 without the offsets. */
    public static String f1Before(String className) {
        return "F1_" + className + "_before";
    }

    /** {@link #evidence} key of a class's F1 with the offsets. */
    public static String f1After(String className) {
        return "F1_" + className + "_after";
    }

    /** Checks the offsets and copies the maps. */
    public DecisionRule {
        logOffsets = Map.copyOf(logOffsets == null ? Map.of() : logOffsets);
        for (var e : logOffsets.entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("decision rule: offset of class " + e.getKey() + " is "
                        + e.getValue() + "; offsets must be finite");
            }
        }
        chosenBy = chosenBy == null ? "" : chosenBy;
        evidence = Map.copyOf(evidence == null ? Map.of() : evidence);
    }

    /** No offsets: the network's probabilities as they are (arg-max of the network). */
    public static DecisionRule none() {
        return new DecisionRule(Map.of(), "none (the network's probabilities)", Map.of());
    }

    /** Whether every offset is 0. */
    public boolean shiftsNothing() {
        return logOffsets.values().stream().allMatch(v -> v == 0);
    }

    /** The offsets of {@code classNames}, in that order (0 for a class without one). */
    public double[] offsets(List<String> classNames) {
        double[] b = new double[classNames.size()];
        for (int c = 0; c < b.length; c++) {
            b[c] = logOffsets.getOrDefault(classNames.get(c), 0.0);
        }
        return b;
    }

    /**
     * Checks that every class named by the offsets is one of the model's classes.
     *
     * @throws IllegalArgumentException naming an unknown class
     */
    public void checkClasses(List<String> classNames) {
        for (String c : logOffsets.keySet()) {
            if (!classNames.contains(c)) {
                throw new IllegalArgumentException("decision rule: class " + c + " is not one of the model's classes "
                        + classNames);
            }
        }
    }

    /** Applies the offsets to rows of probabilities, in place; returns {@code probs}. */
    public float[][] apply(float[][] probs, List<String> classNames) {
        if (shiftsNothing()) {
            return probs;
        }
        double[] w = offsets(classNames);
        for (int c = 0; c < w.length; c++) {
            w[c] = Math.exp(w[c]);
        }
        for (float[] row : probs) {
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
        Objects.requireNonNull(chosenBy, "chosenBy");
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
        double[] b = new double[k];
        double before = macroF1(labels, logp, b, scoredIdx);
        double best = before;
        int steps = (int) Math.round((MAX_OFFSET - MIN_OFFSET) / STEP);
        for (int pass = 0; pass < 10; pass++) {
            boolean changed = false;
            for (int c : scoredIdx) {
                if (c == 0) {
                    continue;
                }
                double keep = b[c];
                double bestValue = keep;
                for (int s = 0; s <= steps; s++) {
                    double v = Math.round((MIN_OFFSET + s * STEP) * 1000) / 1000.0;
                    b[c] = v;
                    double f = macroF1(labels, logp, b, scoredIdx);
                    if (f > best + 1e-12 || (Math.abs(f - best) <= 1e-12 && Math.abs(v) < Math.abs(bestValue))) {
                        best = f;
                        bestValue = v;
                    }
                }
                b[c] = bestValue;
                changed |= bestValue != keep;
            }
            if (!changed) {
                break;
            }
        }
        Map<String, Double> offsets = new LinkedHashMap<>();
        for (int c : scoredIdx) {
            offsets.put(classNames.get(c), b[c]);
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("beats", (double) labels.length);
        evidence.put(MACRO_F1_BEFORE, before);
        evidence.put(MACRO_F1_AFTER, best);
        long[][] plain = confusion(labels, logp, new double[k]);
        long[][] shifted = confusion(labels, logp, b);
        for (int c : scoredIdx) {
            evidence.put(f1Before(classNames.get(c)), ClassScores.f1(plain, c));
            evidence.put(f1After(classNames.get(c)), ClassScores.f1(shifted, c));
        }
        String text = String.format(Locale.ROOT, "log-prior offsets maximising the macro F1 over %s of %s (%d beats):"
                + " coordinate ascent over %.2f..%.2f in steps of %.2f", scored, chosenBy, labels.length, MIN_OFFSET,
                MAX_OFFSET, STEP);
        return new DecisionRule(offsets, text, evidence);
    }

    private static int[] argmax(double[][] logp, double[] b) {
        int[] out = new int[logp.length];
        for (int i = 0; i < logp.length; i++) {
            int best = 0;
            double bv = logp[i][0] + b[0];
            for (int c = 1; c < b.length; c++) {
                double v = logp[i][c] + b[c];
                if (v > bv) {
                    bv = v;
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** The confusion matrix of the arg-max of {@code logp + b} against the labels. */
    private static long[][] confusion(int[] labels, double[][] logp, double[] b) {
        return ClassScores.confusion(labels, argmax(logp, b), b.length);
    }

    /** Mean F1 over the scored classes where it is defined (0 when none is). */
    private static double macroF1(int[] labels, double[][] logp, double[] b, int[] scored) {
        long[][] m = confusion(labels, logp, b);
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

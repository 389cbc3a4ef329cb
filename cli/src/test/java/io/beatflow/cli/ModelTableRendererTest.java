package io.beatflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.eval.ClassEvaluation;
import io.beatflow.eval.ConfidenceInterval;
import io.beatflow.eval.ConfusionMatrix;
import io.beatflow.eval.Ec57ClassSummary;
import io.beatflow.eval.Evaluation;
import io.beatflow.eval.MetricValue;
import io.beatflow.eval.Provenance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The results table from hand-made evaluations. The inputs are chosen as multiples of 1/128 or
 * 1/1024, so every mean is exact in binary and no printed figure sits on a rounding tie; each
 * expected figure is worked out in the comment beside it.
 */
class ModelTableRendererTest {
    private static final List<String> CLASSES = List.of("N", "S", "V", "F", "Q");
    private static final List<String> VALIDATION = List.of("112", "119", "205", "220");
    private static final String COMMAND = "beatflow model-table --out table --arch cnn,bilstm,attention --seeds 42,43";

    /** A value with a 95% bootstrap interval, or without one when lo is NaN; undefined when v is NaN. */
    private static MetricValue mv(double v, double lo, double hi) {
        if (Double.isNaN(v)) {
            return MetricValue.undefined("hand-made undefined value");
        }
        return MetricValue.of(v, Double.isNaN(lo) ? null : new ConfidenceInterval(lo, hi, 0.95, "bootstrap-bca"));
    }

    /**
     * An evaluation whose N, S, V, F classes have these Se, +P, F1 and AUROC (with intervals
     * {@code ci[c] = {lo, hi}}, or null); Q has 7 beats and no figures of interest.
     */
    private static Evaluation evaluation(String name, double[] se, double[] ppv, double[] f1, double[] auroc,
            double[][] ci) {
        List<ClassEvaluation> classes = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            Map<String, MetricValue> m = new LinkedHashMap<>();
            boolean q = c == 4;
            m.put("sensitivity", q ? mv(0, Double.NaN, 0) : mv(se[c], Double.NaN, 0));
            m.put("ppv", q ? MetricValue.undefined("never predicted") : mv(ppv[c], Double.NaN, 0));
            m.put("f1", q ? mv(0, Double.NaN, 0) : mv(f1[c], Double.NaN, 0));
            m.put("auroc", q ? mv(0.5, Double.NaN, 0)
                    : ci[c] == null ? mv(auroc[c], Double.NaN, 0) : mv(auroc[c], ci[c][0], ci[c][1]));
            classes.add(new ClassEvaluation(CLASSES.get(c), q ? 7 : 100, 100, m, null, null, null, null, List.of(),
                    null, null, null, null));
        }
        Provenance p = new Provenance(null, "hand-made", "DS2", 1988, Map.of(), "2026-11-21T00:00:00Z");
        return new Evaluation(name, p, CLASSES, 407, List.of("100", "103"), new ConfusionMatrix(CLASSES,
                new long[5][5]), Map.of("macro_f1", MetricValue.of(0.5)), classes, new Ec57ClassSummary(List.of()),
                "hand-made", 0.95);
    }

    private static final double[] SOME = {0.5, 0.5, 0.5, 0.5};
    private static final double[][] NO_CI = new double[4][];

    /** cnn seed 42: F1 N 0.96875, S 0.25, V 0.875, F 0.0703125; AUROC S 0.90625 [0.8046875, 0.96875]. */
    private static ModelRun cnn42() {
        return new ModelRun("cnn", 42, 69317, 100.4, 3, 4, 0.6712, VALIDATION, 1000,
                evaluation("cnn-s42", new double[] {0.9, 0.25, 0.8, 0.1}, SOME,
                        new double[] {0.96875, 0.25, 0.875, 0.0703125}, new double[] {0.5, 0.90625, 0.5, 0.5},
                        new double[][] {null, {0.8046875, 0.96875}, null, null}));
    }

    /** cnn seed 43: F1 N 0.9453125, S 0.4453125, V 0.8203125, F 0; AUROC S 0.84375 without interval; no validation. */
    private static ModelRun cnn43() {
        return new ModelRun("cnn", 43, 69317, 199.6, 6, 6, Double.NaN, VALIDATION, 2000,
                evaluation("cnn-s43", new double[] {0.9, 0.3125, 0.8, 0.0}, SOME,
                        new double[] {0.9453125, 0.4453125, 0.8203125, 0.0}, new double[] {0.5, 0.84375, 0.5, 0.5},
                        NO_CI));
    }

    private static ModelRun bilstm7() {
        return new ModelRun("bilstm", 7, 31013, 1234.4, 5, 9, 0.6015625, VALIDATION, 1632.4,
                evaluation("bilstm-s7", new double[] {0.90625, 0.53125, 0.78125, 0.15625},
                        new double[] {0.96875, 0.46875, 0.71875, 0.28125},
                        new double[] {0.875, 0.5, 0.75, 0.1953125},
                        new double[] {0.9609375, 0.8203125, 0.9765625, 0.6015625},
                        new double[][] {{0.9453125, 0.9765625}, {0.7421875, 0.8828125}, {0.96875, 0.984375},
                            {0.5, 0.703125}}));
    }

    /** attention: the F1 and AUROC of F are undefined. */
    private static ModelRun attention42() {
        return new ModelRun("attention", 42, 24613, 50, 1, 1, 0.25, VALIDATION, 900,
                evaluation("attention-s42", SOME, SOME, new double[] {0.5, 0.5, 0.5, Double.NaN},
                        new double[] {0.5, 0.5, 0.5, Double.NaN}, NO_CI));
    }

    private static String render() {
        return ModelTableRenderer.render(COMMAND, "cpu (nd4j-native, oneDNN)", 2000,
                List.of(cnn42(), cnn43(), bilstm7(), attention42()));
    }

    @Test
    void macroF1IsTheMeanOfTheFourClassesAndUndefinedWhenOneIsMissing() {
        // (0.875 + 0.5 + 0.75 + 0.1953125) / 4 = 2.3203125 / 4 = 0.580078125
        assertEquals(0.580078125, ModelTableRenderer.macroF1(bilstm7().evaluation()).value(), 1e-15);
        MetricValue undefined = ModelTableRenderer.macroF1(attention42().evaluation());
        assertFalse(undefined.isDefined());
        assertTrue(undefined.undefinedReason().contains("F1 of F"), undefined.undefinedReason());
    }

    @Test
    void headerNamesCommandBackendAndThatDs2IsOnlyEvaluated() {
        String md = render();
        assertTrue(md.contains("Command: `" + COMMAND + "`"), md);
        assertTrue(md.contains("Backend: cpu (nd4j-native, oneDNN)"), md);
        assertTrue(md.contains("records 112, 119, 205, 220 held out of DS1 for validation"), md);
        assertTrue(md.contains("DS2 is used only for evaluation after training"), md);
        assertTrue(md.contains("DS2: 407 reference beats of 2 records"), md);
        assertTrue(md.contains("(7 Q beats in DS2)"), md);
        assertTrue(md.contains("2000 replicates, method bootstrap-bca, level 95%"), md);
    }

    @Test
    void runsWithoutValidationRecordsSaySo() {
        ModelRun r = cnn42();
        ModelRun all = new ModelRun(r.architecture(), r.seed(), r.parameters(), r.trainingSeconds(), 7, 7, Double.NaN, List.of(),
                r.ds2BeatsPerSecond(), r.evaluation());
        String md = ModelTableRenderer.render(COMMAND, "cpu (nd4j-native, oneDNN)", 2000, List.of(all));
        assertTrue(md.contains("on all of its records, no validation hold-out: every epoch ran and the last was kept"),
                md);
        assertFalse(md.contains("held out of DS1 for validation"), md);
    }

    @Test
    void singleSeedRowsShowValuesAndIntervals() {
        String md = render();
        // Se, +P, F1 of N S V F at 3 decimals, then macro F1 0.580078125 -> 0.580
        assertTrue(md.contains("| bilstm | 0.906 | 0.969 | 0.875 | 0.531 | 0.469 | 0.500 | 0.781 | 0.719 | 0.750 "
                + "| 0.156 | 0.281 | 0.195 | 0.580 |\n"), md);
        assertTrue(md.contains("| bilstm | 0.961 [0.945, 0.977] | 0.820 [0.742, 0.883] | 0.977 [0.969, 0.984] "
                + "| 0.602 [0.500, 0.703] |\n"), md);
        // seeds 1, parameters, 1234.4 s -> 1234, kept 5 of 9, validation 0.6015625 -> 0.602, 1632.4 -> 1632 beats/s
        assertTrue(md.contains("| bilstm | 1 | 31013 | 1234 | 5/9 | 0.602 | 1632 |\n"), md);
        assertTrue(md.contains("| bilstm | 7 | 0.875 | 0.500 | 0.750 | 0.195 | 0.580 | 0.961 [0.945, 0.977] "
                + "| 0.820 [0.742, 0.883] | 0.977 [0.969, 0.984] | 0.602 [0.500, 0.703] | 0.602 | 1234 | 1632 |\n"), md);
    }

    @Test
    void severalSeedsShowMeanAndRange() {
        String md = render();
        assertTrue(md.contains("Mean over seeds (min..max)."), md);
        // F1 N: (0.96875 + 0.9453125) / 2 = 0.95703125 -> 0.957, range 0.945..0.969
        assertTrue(md.contains("| 0.957 (0.945..0.969) |"), md);
        // F1 S: (0.25 + 0.4453125) / 2 = 0.34765625 -> 0.348
        assertTrue(md.contains("| 0.348 (0.250..0.445) |"), md);
        // F1 V: (0.875 + 0.8203125) / 2 = 0.84765625 -> 0.848
        assertTrue(md.contains("| 0.848 (0.820..0.875) |"), md);
        // F1 F: (0.0703125 + 0) / 2 = 0.03515625 -> 0.035, then macro F1:
        // seed 42: (0.96875 + 0.25 + 0.875 + 0.0703125) / 4 = 0.541015625
        // seed 43: (0.9453125 + 0.4453125 + 0.8203125 + 0) / 4 = 0.552734375; mean 0.546875 -> 0.547
        assertTrue(md.contains("| 0.035 (0.000..0.070) | 0.547 (0.541..0.553) |\n"), md);
        // AUROC S: (0.90625 + 0.84375) / 2 = 0.875; the row holds N, S, V, F (N, V, F all 0.5)
        assertTrue(md.contains("| cnn | 0.500 (0.500..0.500) | 0.875 (0.844..0.906) | 0.500 (0.500..0.500) "
                + "| 0.500 (0.500..0.500) |\n"), md);
        // time (100.4 + 199.6) / 2 = 150; validation only from seed 42; beats/s (1000 + 2000) / 2
        assertTrue(md.contains("| cnn | 2 | 69317 | 150 (100..200) | 3/4, 6/6 "
                + "| 0.671 (0.671..0.671) *1 of 2 runs | 1500 (1000..2000) |\n"), md);
        // per-run rows keep each seed's own interval (or none)
        assertTrue(md.contains("| cnn | 42 | 0.969 | 0.250 | 0.875 | 0.070 | 0.541 | 0.500 | 0.906 [0.805, 0.969] "),
                md);
        assertTrue(md.contains("| cnn | 43 | 0.945 | 0.445 | 0.820 | 0.000 | 0.553 | 0.500 | 0.844 | 0.500 | 0.500 "
                + "| n/a | 200 | 2000 |\n"), md);
    }

    @Test
    void undefinedFiguresAreNotApplicable() {
        String md = render();
        // F F1 undefined -> n/a, so is the macro F1 over N, S, V, F
        assertTrue(md.contains("| 0.500 | 0.500 | n/a | n/a |\n"), md);
        assertTrue(md.contains("| attention | 0.500 | 0.500 | 0.500 | n/a |\n"), md);
    }

    @Test
    void noRunIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ModelTableRenderer.render(COMMAND, "cpu", 2000, List.of()));
    }
}

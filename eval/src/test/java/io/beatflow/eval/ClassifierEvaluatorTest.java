package io.beatflow.eval;

import static io.beatflow.eval.JsonTree.list;
import static io.beatflow.eval.JsonTree.num;
import static io.beatflow.eval.JsonTree.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end evaluation of small synthetic predictions, checked against the metric functions. */
class ClassifierEvaluatorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private final ClassifierEvaluator evaluator = new ClassifierEvaluator(EvaluationConfig.defaults()
            .withBootstrap(BootstrapConfig.defaults().withReplicates(200)), CLOCK);

    @Test
    void evaluationAgreesWithThePureFunctionsAndCarriesIntervals() {
        Predictions p = BootstrapBenchmark.synthetic(4000, 12, 3);
        Evaluation e = evaluator.evaluate("m", p, "{\"name\":\"cnn\"}");
        int[] labels = p.labels();
        for (int c = 0; c < 5; c++) {
            ClassEvaluation ce = e.classes().get(c);
            boolean[] pos = RankingMetrics.oneVsRest(labels, c);
            assertEquals(RankingMetrics.auroc(p.probabilities(c), pos), ce.metric("auroc").value(), 1e-12);
            assertEquals(RankingMetrics.averagePrecision(p.probabilities(c), pos),
                    ce.metric("average_precision").value(), 1e-12);
            ConfidenceInterval ci = ce.metric("auroc").ci();
            assertNotNull(ci, "class " + ce.className());
            assertEquals("bootstrap-bca", ci.method());
            assertTrue(ci.lower() <= ce.metric("auroc").value() && ce.metric("auroc").value() <= ci.upper(),
                    ce.className() + " " + ci);
        }
        ConfusionMatrix cm = ConfusionMatrix.of(Predictions.AAMI_CLASSES, labels, p.predictedClasses());
        assertEquals(cm.accuracy(), e.metric("accuracy").value(), 1e-15);
        assertEquals(cm.macroF1(), e.metric("macro_f1").value(), 1e-15);
        assertEquals(12, e.ec57().records().size());
        assertEquals(4000, e.ec57().gross().truePositives(0) + e.ec57().gross().falseNegatives(0)
                + Arrays.stream(new int[] {1, 2, 3, 4}).mapToLong(x -> e.ec57().gross().referenceBeats(x)).sum());
        assertEquals("2026-11-21T12:00:00Z", e.provenance().date());
    }

    /**
     * Macro averages over chosen classes (N, S, V, F, as AAMI studies report) are the means of
     * those classes' own figures, and the methods name them; the bootstrap interval still holds
     * the estimate. Unknown classes are refused by name.
     */
    @Test
    void macroAveragesOverChosenClasses() {
        Predictions p = BootstrapBenchmark.synthetic(3000, 8, 11);
        ClassifierEvaluator four = new ClassifierEvaluator(EvaluationConfig.defaults()
                .withBootstrap(BootstrapConfig.defaults().withReplicates(200)).withMacroClasses(List.of("N", "S", "V", "F")),
                CLOCK);
        Evaluation e = four.evaluate("m", p, null);
        double f1 = 0;
        double auroc = 0;
        for (int c = 0; c < 4; c++) {
            f1 += e.classes().get(c).metric("f1").value() / 4;
            auroc += e.classes().get(c).metric("auroc").value() / 4;
        }
        assertEquals(f1, e.metric("macro_f1").value(), 1e-12);
        assertEquals(auroc, e.metric("macro_auroc").value(), 1e-12);
        ConfidenceInterval ci = e.metric("macro_f1").ci();
        assertTrue(ci.lower() <= f1 && f1 <= ci.upper(), ci.toString());
        assertTrue(e.methods().contains("means over the classes N, S, V, F whose figure is defined"), e.methods());
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ClassifierEvaluator(EvaluationConfig.defaults().withMacroClasses(List.of("N", "X")), CLOCK)
                        .evaluate("m", p, null));
        assertTrue(bad.getMessage().contains("X is not a class"), bad.getMessage());
    }

    /**
     * S beats only in one record of eight: its sensitivity, AUROC and AP get no bootstrap interval
     * (every replicate holding that record reproduces them; F1 keeps one, as S is also predicted in
     * the other records); the AUROC takes DeLong's
     * instead; the methods name what has none. Classes spread over the records keep theirs.
     */
    @Test
    void figuresOfOneRecordsBeatsGetNoBootstrapInterval() {
        Predictions base = BootstrapBenchmark.synthetic(3000, 8, 7);
        int[] labels = base.labels().clone();
        String[] rec = new String[labels.length];
        double[][] p = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            rec[i] = base.recordNames().get(base.recordIndex()[i]);
            if (labels[i] == 1 && base.recordIndex()[i] != 0) {
                labels[i] = 0; // S only in the first record
            }
            p[i] = new double[5];
            for (int c = 0; c < 5; c++) {
                p[i][c] = base.probabilities(c)[i];
            }
        }
        Predictions one = new Predictions("one-record-S", Predictions.AAMI_CLASSES, rec, base.samples(), labels, p);
        Evaluation e = evaluator.evaluate("m", one, null);
        ClassEvaluation sClass = e.classes().get(1);
        assertTrue(sClass.support() > 0);
        assertNull(sClass.metric("sensitivity").ci());
        assertNull(sClass.metric("average_precision").ci());
        assertEquals("delong", sClass.metric("auroc").ci().method());
        assertNotNull(e.classes().get(0).metric("sensitivity").ci(), "N is in every record");
        assertNotNull(e.classes().get(2).metric("sensitivity").ci(), "V is in every record");
        assertTrue(e.methods().contains("No interval is given for S AUROC, S average precision, S sensitivity"),
                e.methods());
    }

    @Test
    void aClassThatNeverOccursIsUndefinedWithAReasonAndJsonNull() throws Exception {
        Predictions full = BootstrapBenchmark.synthetic(2000, 6, 5);
        int[] labels = full.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 4) {
                labels[i] = 0; // no Q beat left
            }
        }
        double[][] probs = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            probs[i] = new double[5];
            for (int c = 0; c < 5; c++) {
                probs[i][c] = full.probabilities(c)[i];
            }
        }
        Predictions p = new Predictions("noq", Predictions.AAMI_CLASSES, full.records(), full.samples(), labels, probs);
        Evaluation e = evaluator.evaluate("noq", p, null);
        MetricValue auc = e.forClass("Q").metric("auroc");
        assertFalse(auc.isDefined());
        assertTrue(auc.undefinedReason().contains("no beat"), auc.undefinedReason());
        String json = JsonReportRenderer.render(new EvaluationReport(List.of(e), List.of(), null));
        Map<String, Object> q = obj(obj(obj(list(obj(JsonTree.parse(json)).get("models")).get(0)).get("per_class"))
                .get("Q"));
        assertTrue(q.containsKey("auroc"));
        assertNull(q.get("auroc"));
        assertNull(q.get("auroc_ci"));
        assertTrue(q.containsKey("auroc_variance_delong") && q.get("auroc_variance_delong") == null, q.toString());
        assertTrue(((String) obj(q.get("undefined")).get("auroc")).contains("AUROC is undefined"));
        assertEquals(0.0, num(q.get("support")));
    }

    /** A card that is not JSON is refused by evaluate itself, before the bootstrap, naming the model. */
    @Test
    void aModelCardThatIsNotJsonIsRefusedBeforeTheBootstrap() {
        Predictions a = BootstrapBenchmark.synthetic(200, 4, 11);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> evaluator.evaluate("m", a, "{not json"));
        assertTrue(e.getMessage().startsWith("m: model card is not valid JSON"), e.getMessage());
    }

    @Test
    void jsonHasTheDocumentedKeysAndFilesAreWritten(@TempDir Path dir) throws Exception {
        Predictions a = BootstrapBenchmark.synthetic(1500, 8, 11);
        EvaluationReport r = evaluator.evaluateAll(List.of("a", "b"), List.of(a, a), Arrays.asList(null, null));
        List<Path> files = EvaluationReportWriter.write(r, dir);
        assertEquals(7, files.size());
        Map<String, Object> root = obj(JsonTree.parse(Files.readString(dir.resolve("evaluation.json"))));
        assertEquals(JsonReportRenderer.SCHEMA, root.get("schema"));
        Map<String, Object> m = obj(list(root.get("models")).get(0));
        for (String k : List.of("macro_f1", "accuracy", "provenance", "confusion_matrix", "ec57", "methods")) {
            assertTrue(m.containsKey(k), k);
        }
        Map<String, Object> v = obj(obj(m.get("per_class")).get("V"));
        for (String k : List.of("auroc", "auroc_ci", "average_precision", "sensitivity", "ppv", "f1", "support")) {
            assertTrue(v.containsKey(k), k);
        }
        assertEquals(2, list(v.get("auroc_ci")).size());
        // Identical models: every paired test has difference 0 and p = 1.
        List<Object> cmps = list(root.get("comparisons"));
        assertEquals(5, cmps.size());
        for (Object o : cmps) {
            assertEquals(0.0, num(obj(o).get("difference")), 0.0);
            assertEquals(1.0, num(obj(o).get("p_value")), 0.0);
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("id=\"report-end\""));
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "no network references");
        assertFalse(html.contains("https://"));
        assertFalse(html.contains("<script"));
    }

    /** Built in code as read from a file: a negative sample and a beat given twice are refused. */
    @Test
    void predictionsRefuseNegativeSamplesAndBeatsGivenTwice() {
        double[][] p = {{1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}};
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Predictions("x", Predictions.AAMI_CLASSES, new String[] {"r", "r"}, new long[] {5, -7},
                        new int[] {0, 0}, p));
        assertTrue(e.getMessage().contains("sample -7 is negative"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Predictions("x", Predictions.AAMI_CLASSES, new String[] {"r", "r"}, new long[] {5, 5},
                        new int[] {0, 0}, p));
        assertTrue(e.getMessage().contains("record r sample 5 is there twice"), e.getMessage());
    }

    /**
     * The EC57 tables count by AAMI class whatever the class order: with classes [N, V], two V beats
     * (one called V, one N) are V in the EC57 block (Se 1/2), not S; a non-AAMI class is refused.
     */
    @Test
    void ec57CountsByAamiClassNotByPosition() {
        double[][] p = {{0.9, 0.1}, {0.2, 0.8}, {0.7, 0.3}};
        Predictions nv = new Predictions("nv", List.of("N", "V"), new String[] {"r", "r", "r"}, new long[] {100, 500, 900},
                new int[] {0, 1, 1}, p);
        Evaluation e = new ClassifierEvaluator(EvaluationConfig.defaults()).evaluate("nv", nv, null);
        assertEquals(0.5, e.ec57().gross().sensitivity(2), 1e-12);
        assertTrue(Double.isNaN(e.ec57().gross().sensitivity(1)), "no S beat");
        Predictions other = new Predictions("x", List.of("N", "X"), new String[] {"r"}, new long[] {1}, new int[] {0},
                new double[][] {{1, 0}});
        IllegalArgumentException x = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ClassifierEvaluator(EvaluationConfig.defaults()).evaluate("x", other, null));
        assertTrue(x.getMessage().contains("class 'X' is not an AAMI class"), x.getMessage());
    }
}

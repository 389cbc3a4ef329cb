package io.beatflow.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Renders an {@link EvaluationReport} as {@code evaluation.json}; the schema is documented in the
 * module README ("evaluation.json schema", id {@code beatflow-evaluation/1}).
 *
 * <p>An undefined figure is written as {@code null} and its reason appears under the
 * {@code undefined} object beside it, keyed by the figure's name. Curves are not repeated here
 * (they are in {@code curves.csv}); the bootstrap bands are.
 */
public final class JsonReportRenderer {
    /** The schema id written to {@code schema}. */
    public static final String SCHEMA = "beatflow-evaluation/1";

    private JsonReportRenderer() {
    }

    /** The JSON text, pretty-printed, UTF-8 safe. */
    public static String render(EvaluationReport report) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeArrayFieldStart("models");
            for (Evaluation e : report.models()) {
                model(g, e);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("comparisons");
            for (ModelComparison c : report.comparisons()) {
                g.writeStartObject();
                g.writeStringField("model_a", c.modelA());
                g.writeStringField("model_b", c.modelB());
                g.writeStringField("class", c.className());
                if (c.test() != null) {
                    num(g, "auroc_a", c.test().aurocA());
                    num(g, "auroc_b", c.test().aurocB());
                    num(g, "difference", c.test().difference());
                    num(g, "standard_error", c.test().standardError());
                    num(g, "z", c.test().z());
                    num(g, "p_value", c.test().pValue());
                } else {
                    g.writeStringField("undefined", c.undefinedReason());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (report.comparisonNote() == null) {
                g.writeNullField("comparison_note");
            } else {
                g.writeStringField("comparison_note", report.comparisonNote());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString() + "\n";
    }

    private static void model(JsonGenerator g, Evaluation e) throws IOException {
        g.writeStartObject();
        g.writeStringField("model", e.modelName());
        provenance(g, e.provenance());
        g.writeNumberField("beats", e.beats());
        g.writeNumberField("confidence_level", e.confidenceLevel());
        g.writeArrayFieldStart("records");
        for (String r : e.records()) {
            g.writeString(r);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("classes");
        for (String c : e.classNames()) {
            g.writeString(c);
        }
        g.writeEndArray();
        metrics(g, e.metrics());
        g.writeObjectFieldStart("confusion_matrix");
        strings(g, "labels", e.classNames());
        matrix(g, "counts", e.confusion().counts());
        g.writeEndObject();
        g.writeObjectFieldStart("per_class");
        for (ClassEvaluation c : e.classes()) {
            g.writeObjectFieldStart(c.className());
            g.writeNumberField("support", c.support());
            g.writeNumberField("predicted", c.predicted());
            metrics(g, c.metrics());
            if (c.deLong() != null) {
                double[] ci = c.deLong().confidenceInterval(e.confidenceLevel());
                g.writeArrayFieldStart("auroc_ci_delong");
                g.writeNumber(ci[0]);
                g.writeNumber(ci[1]);
                g.writeEndArray();
                num(g, "auroc_variance_delong", c.deLong().variance());
            } else {
                // no AUROC to vary: its reason is under "undefined"."auroc"
                g.writeNullField("auroc_ci_delong");
                g.writeNullField("auroc_variance_delong");
            }
            g.writeObjectFieldStart("operating_points");
            point(g, "youden", c.youden());
            point(g, "sensitivity_at_ppv", c.sensitivityAtPpv());
            point(g, "ppv_at_sensitivity", c.ppvAtSensitivity());
            g.writeEndObject();
            g.writeArrayFieldStart("reliability");
            for (Calibration.Bin b : c.reliability()) {
                g.writeStartObject();
                num(g, "lower", b.lower());
                num(g, "upper", b.upper());
                num(g, "mean_predicted", b.meanPredicted());
                num(g, "observed", b.observedFrequency());
                g.writeNumberField("count", b.count());
                g.writeEndObject();
            }
            g.writeEndArray();
            band(g, "roc_band", c.rocBand());
            band(g, "pr_band", c.prBand());
            g.writeEndObject();
        }
        g.writeEndObject();
        ec57(g, e);
        g.writeStringField("methods", e.methods());
        g.writeEndObject();
    }

    private static void provenance(JsonGenerator g, Provenance p) throws IOException {
        g.writeObjectFieldStart("provenance");
        g.writeFieldName("model_card");
        if (p.modelCardJson() == null) {
            g.writeNull();
        } else {
            copyJson(g, p.modelCardJson());
        }
        g.writeStringField("data", p.data());
        g.writeStringField("split", p.split());
        g.writeNumberField("seed", p.seed());
        g.writeObjectFieldStart("versions");
        for (Map.Entry<String, String> v : p.versions().entrySet()) {
            g.writeStringField(v.getKey(), v.getValue());
        }
        g.writeEndObject();
        g.writeStringField("date", p.date());
        g.writeEndObject();
    }

    /**
     * Checks a model card before any work: one JSON object (or empty text, read as no card).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static void checkModelCard(String json) {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            com.fasterxml.jackson.core.JsonToken first = p.nextToken();
            if (first == null) {
                return;
            }
            if (first != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("model card must be a JSON object, not " + first.asString()
                        + "...");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("model card: trailing content after the JSON value");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("model card is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Embeds a JSON document (the model card) token by token, so it stays structured. */
    private static void copyJson(JsonGenerator g, String json) throws IOException {
        checkModelCard(json);
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() == null) {
                g.writeNull();
                return;
            }
            g.copyCurrentStructure(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("model card: trailing content after the JSON value");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("model card is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void metrics(JsonGenerator g, Map<String, MetricValue> metrics) throws IOException {
        for (Map.Entry<String, MetricValue> m : metrics.entrySet()) {
            MetricValue v = m.getValue();
            if (v.isDefined()) {
                num(g, m.getKey(), v.value());
            } else {
                g.writeNullField(m.getKey());
            }
            if (v.ci() != null) {
                g.writeArrayFieldStart(m.getKey() + "_ci");
                g.writeNumber(v.ci().lower());
                g.writeNumber(v.ci().upper());
                g.writeEndArray();
                g.writeStringField(m.getKey() + "_ci_method", v.ci().method());
            } else if (isCiMetric(m.getKey())) {
                g.writeNullField(m.getKey() + "_ci");
            }
        }
        boolean any = metrics.values().stream().anyMatch(v -> !v.isDefined());
        g.writeObjectFieldStart("undefined");
        if (any) {
            for (Map.Entry<String, MetricValue> m : metrics.entrySet()) {
                if (!m.getValue().isDefined()) {
                    g.writeStringField(m.getKey(), m.getValue().undefinedReason());
                }
            }
        }
        g.writeEndObject();
    }

    private static boolean isCiMetric(String id) {
        return switch (id) {
            case "auroc", "average_precision", "sensitivity", "ppv", "specificity", "fpr", "f1", "accuracy",
                    "macro_f1" -> true;
            default -> false;
        };
    }

    private static void point(JsonGenerator g, String name, OperatingPoint p) throws IOException {
        if (p == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        num(g, "threshold", p.threshold());
        num(g, "sensitivity", p.sensitivity());
        num(g, "specificity", p.specificity());
        num(g, "ppv", p.positivePredictivity());
        g.writeEndObject();
    }

    private static void band(JsonGenerator g, String name, CurveBand b) throws IOException {
        if (b == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        num(g, "level", b.level());
        doubles(g, "grid", b.grid());
        doubles(g, "lower", b.lower());
        doubles(g, "upper", b.upper());
        g.writeEndObject();
    }

    private static void ec57(JsonGenerator g, Evaluation e) throws IOException {
        Ec57ClassSummary s = e.ec57();
        Ec57ClassComparison gross = s.gross();
        g.writeObjectFieldStart("ec57");
        strings(g, "labels", Ec57ClassComparison.LABELS);
        matrix(g, "gross", gross.counts());
        g.writeObjectFieldStart("per_class");
        for (int x = 0; x < 5; x++) {
            g.writeObjectFieldStart(Ec57ClassComparison.LABELS.get(x));
            num(g, "gross_sensitivity", gross.sensitivity(x));
            num(g, "gross_ppv", gross.positivePredictivity(x));
            num(g, "gross_fpr", gross.falsePositiveRate(x));
            num(g, "average_sensitivity", s.averageSensitivity(x));
            num(g, "average_ppv", s.averagePositivePredictivity(x));
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeArrayFieldStart("records");
        for (Ec57ClassComparison r : s.records()) {
            g.writeStartObject();
            g.writeStringField("record", r.record());
            matrix(g, "counts", r.counts());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Writes a number, or null when it is NaN or infinite (JSON has no NaN). */
    private static void num(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }

    private static void doubles(JsonGenerator g, String name, double[] v) throws IOException {
        g.writeArrayFieldStart(name);
        for (double d : v) {
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> v) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : v) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void matrix(JsonGenerator g, String name, long[][] m) throws IOException {
        g.writeArrayFieldStart(name);
        for (long[] row : m) {
            g.writeStartArray();
            for (long v : row) {
                g.writeNumber(v);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}

package io.beatflow.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an {@link EvaluationReport} as CSV tables (RFC 4180, header line first, '\n' line ends;
 * undefined numbers are empty fields):
 * <ul>
 * <li>{@code metrics.csv}: model, class ("" for overall), metric, value, ci_lower, ci_upper,
 *     ci_method, undefined_reason;
 * <li>{@code confusion.csv}: model, actual, predicted, count;
 * <li>{@code per_record.csv}: model, record, beats, then per AAMI class X the reference count
 *     {@code n_X}, {@code se_X} and {@code ppv_X} from the EC57 matrix of the record;
 * <li>{@code curves.csv}: model, class, curve (roc or pr), threshold, x (FPR or recall),
 *     y (TPR or precision); thinned to keep the file small: a point is written when it moves at
 *     least 0.001 in x or y from the last point written, and the first and last points always
 *     (the full curves follow from the predictions file);
 * <li>{@code comparisons.csv}: model_a, model_b, class, auroc_a, auroc_b, difference,
 *     standard_error, z, p_value, undefined_reason.
 * </ul>
 */
public final class CsvReportRenderer {
    private CsvReportRenderer() {
    }

    /** File name to content, in a fixed order. */
    public static Map<String, String> render(EvaluationReport report) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("metrics.csv", metrics(report));
        files.put("confusion.csv", confusion(report));
        files.put("per_record.csv", perRecord(report));
        files.put("curves.csv", curves(report));
        files.put("comparisons.csv", comparisons(report));
        return files;
    }

    private static String metrics(EvaluationReport report) {
        StringBuilder s = new StringBuilder("model,class,metric,value,ci_lower,ci_upper,ci_method,undefined_reason\n");
        for (Evaluation e : report.models()) {
            for (Map.Entry<String, MetricValue> m : e.metrics().entrySet()) {
                metricRow(s, e.modelName(), "", m.getKey(), m.getValue());
            }
            for (ClassEvaluation c : e.classes()) {
                row(s, e.modelName(), c.className(), "support", Long.toString(c.support()), "", "", "", "");
                for (Map.Entry<String, MetricValue> m : c.metrics().entrySet()) {
                    metricRow(s, e.modelName(), c.className(), m.getKey(), m.getValue());
                }
            }
        }
        return s.toString();
    }

    private static void metricRow(StringBuilder s, String model, String cls, String id, MetricValue v) {
        ConfidenceInterval ci = v.ci();
        row(s, model, cls, id, num(v.value()), ci == null ? "" : num(ci.lower()), ci == null ? "" : num(ci.upper()),
                ci == null ? "" : ci.method(), v.undefinedReason() == null ? "" : v.undefinedReason());
    }

    private static String confusion(EvaluationReport report) {
        StringBuilder s = new StringBuilder("model,actual,predicted,count\n");
        for (Evaluation e : report.models()) {
            List<String> names = e.classNames();
            for (int i = 0; i < names.size(); i++) {
                for (int j = 0; j < names.size(); j++) {
                    row(s, e.modelName(), names.get(i), names.get(j), Long.toString(e.confusion().count(i, j)));
                }
            }
        }
        return s.toString();
    }

    private static String perRecord(EvaluationReport report) {
        StringBuilder s = new StringBuilder("model,record,beats");
        for (int x = 0; x < 5; x++) {
            String c = Ec57ClassComparison.LABELS.get(x);
            s.append(",n_").append(c).append(",se_").append(c).append(",ppv_").append(c);
        }
        s.append('\n');
        for (Evaluation e : report.models()) {
            for (Ec57ClassComparison r : e.ec57().records()) {
                long beats = 0;
                for (int x = 0; x < 5; x++) {
                    beats += r.referenceBeats(x);
                }
                s.append(Csv.field(e.modelName())).append(',').append(Csv.field(r.record())).append(',').append(beats);
                for (int x = 0; x < 5; x++) {
                    s.append(',').append(r.referenceBeats(x)).append(',').append(num(r.sensitivity(x)))
                            .append(',').append(num(r.positivePredictivity(x)));
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    private static String curves(EvaluationReport report) {
        StringBuilder s = new StringBuilder("model,class,curve,threshold,x,y\n");
        for (Evaluation e : report.models()) {
            for (ClassEvaluation c : e.classes()) {
                if (c.roc() != null) {
                    double[] t = c.roc().thresholds();
                    double[] x = c.roc().falsePositiveRates();
                    double[] y = c.roc().truePositiveRates();
                    curve(s, e.modelName(), c.className(), "roc", t, x, y);
                }
                if (c.pr() != null) {
                    double[] t = c.pr().thresholds();
                    double[] x = c.pr().recalls();
                    double[] y = c.pr().precisions();
                    curve(s, e.modelName(), c.className(), "pr", t, x, y);
                }
            }
        }
        return s.toString();
    }

    private static void curve(StringBuilder s, String model, String cls, String kind, double[] t, double[] x,
            double[] y) {
        double lx = Double.NaN;
        double ly = Double.NaN;
        for (int i = 0; i < t.length; i++) {
            if (i == 0 || i == t.length - 1 || Math.abs(x[i] - lx) >= 0.001 || Math.abs(y[i] - ly) >= 0.001) {
                row(s, model, cls, kind, threshold(t[i]), num(x[i]), num(y[i]));
                lx = x[i];
                ly = y[i];
            }
        }
    }

    private static String comparisons(EvaluationReport report) {
        StringBuilder s = new StringBuilder(
                "model_a,model_b,class,auroc_a,auroc_b,difference,standard_error,z,p_value,undefined_reason\n");
        for (ModelComparison c : report.comparisons()) {
            DeLong.Comparison t = c.test();
            if (t == null) {
                row(s, c.modelA(), c.modelB(), c.className(), "", "", "", "", "", "", c.undefinedReason());
            } else {
                row(s, c.modelA(), c.modelB(), c.className(), num(t.aurocA()), num(t.aurocB()), num(t.difference()),
                        num(t.standardError()), num(t.z()), num(t.pValue()), "");
            }
        }
        return s.toString();
    }

    private static String threshold(double t) {
        return t == Double.POSITIVE_INFINITY ? "inf" : num(t);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        // The shortest text that reads back as the same double (Java's Double.toString).
        return Double.toString(v);
    }

    private static void row(StringBuilder s, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(Csv.field(fields[i]));
        }
        s.append('\n');
    }
}

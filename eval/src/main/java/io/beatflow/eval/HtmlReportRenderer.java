package io.beatflow.eval;

import static io.beatflow.eval.internal.Html.escape;

import io.beatflow.eval.internal.Svg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link EvaluationReport} as one self-contained HTML page: inline CSS, plots as
 * inline SVG, no script and no network access. Sections: summary, per-class table, paired DeLong
 * tests, ROC and PR curves per class with bootstrap bands (all models overlaid), confusion
 * matrices, calibration plots, EC57 tables with the per-record table, methods and provenance.
 * The last element is {@code <footer id="report-end">}, so a renderer can tell a complete page.
 */
public final class HtmlReportRenderer {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:24px;
            color:#222;max-width:1240px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ccc}
            h3{font-size:15px;margin:16px 0 6px}
            table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
            th,td{border:1px solid #ccc;padding:3px 7px;text-align:right}th{background:#f2f2f2}
            td.l,th.l{text-align:left}.undef{color:#a33}.muted{color:#666;font-size:12px}
            .plots{display:flex;flex-wrap:wrap;gap:10px}
            svg{background:#fff;border:1px solid #ddd}svg .t{font-size:13px;text-anchor:middle;font-weight:600}
            svg .tick{font-size:10px;text-anchor:middle;fill:#444}svg .axis{font-size:11px;text-anchor:middle}
            svg .legend{font-size:11px}svg .frame{fill:none;stroke:#888}svg .grid{stroke:#eee}
            svg .diag{stroke:#aaa;stroke-dasharray:4 3}
            pre{background:#f7f7f7;padding:8px;font-size:12px;white-space:pre-wrap}
            footer{margin-top:32px;font-size:12px;color:#666;border-top:1px solid #ccc;padding-top:6px}
            """;

    private HtmlReportRenderer() {
    }

    /** The HTML page. */
    public static String render(EvaluationReport report) {
        List<Evaluation> models = report.models();
        Evaluation first = models.get(0);
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>beatflow evaluation report</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>beatflow evaluation report</h1><p class=\"muted\">")
                .append(escape(first.provenance().date())).append(" &middot; ").append(models.size())
                .append(models.size() == 1 ? " model" : " models").append(" &middot; ")
                .append(first.beats()).append(" beats from ").append(first.records().size()).append(" records</p>\n");

        summary(h, models);
        perClass(h, models);
        comparisons(h, report);
        curves(h, models);
        for (int m = 0; m < models.size(); m++) {
            modelDetails(h, models.get(m), m);
        }
        h.append("<h2 id=\"methods\">Methods</h2>");
        for (Evaluation e : models) {
            h.append("<h3>").append(escape(e.modelName())).append("</h3><p>").append(escape(e.methods())).append("</p>");
        }
        h.append("<footer id=\"report-end\">End of report &middot; beatflow eval &middot; schema ")
                .append(JsonReportRenderer.SCHEMA).append("</footer>\n</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, List<Evaluation> models) {
        h.append("<h2 id=\"summary\">Summary</h2><table><tr><th class=\"l\">metric</th>");
        for (Evaluation e : models) {
            h.append("<th>").append(escape(e.modelName())).append("</th>");
        }
        h.append("</tr>");
        for (String id : first(models).metrics().keySet()) {
            h.append("<tr><td class=\"l\">").append(escape(id.replace('_', ' '))).append("</td>");
            for (Evaluation e : models) {
                h.append("<td>").append(cell(e.metrics().get(id))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static Evaluation first(List<Evaluation> models) {
        return models.get(0);
    }

    private static void perClass(StringBuilder h, List<Evaluation> models) {
        String[] ids = {"auroc", "average_precision", "auprc_interpolated", "sensitivity", "ppv", "specificity",
            "fpr", "f1", "brier", "ece", "calibration_slope", "calibration_intercept"};
        h.append("<h2 id=\"per-class\">Per class (one-vs-rest)</h2>");
        for (Evaluation e : models) {
            h.append("<h3>").append(escape(e.modelName())).append("</h3><table><tr><th class=\"l\">class</th>")
                    .append("<th>support</th><th>predicted</th>");
            for (String id : ids) {
                h.append("<th>").append(escape(id.replace('_', ' '))).append("</th>");
            }
            h.append("<th>AUROC DeLong CI</th></tr>");
            List<String> reasons = new ArrayList<>();
            for (ClassEvaluation c : e.classes()) {
                h.append("<tr><td class=\"l\">").append(escape(c.className())).append("</td><td>").append(c.support())
                        .append("</td><td>").append(c.predicted()).append("</td>");
                for (String id : ids) {
                    MetricValue v = c.metrics().get(id);
                    h.append("<td>").append(cell(v)).append("</td>");
                    if (v != null && !v.isDefined() && !reasons.contains(v.undefinedReason())) {
                        reasons.add(v.undefinedReason());
                    }
                }
                h.append("<td>");
                if (c.deLong() != null) {
                    double[] ci = c.deLong().confidenceInterval(e.confidenceLevel());
                    h.append(String.format(Locale.ROOT, "%.4f&ndash;%.4f", ci[0], ci[1]));
                } else {
                    h.append("<span class=\"undef\">n/a</span>");
                }
                h.append("</td></tr>");
            }
            h.append("</table>");
            if (!reasons.isEmpty()) {
                h.append("<p class=\"muted\">Undefined (&ldquo;n/a&rdquo;): ");
                h.append(escape(String.join("; ", reasons))).append(".</p>");
            }
            h.append("<p class=\"muted\">Operating points: ");
            for (ClassEvaluation c : e.classes()) {
                if (c.youden() != null) {
                    h.append(escape(c.className())).append(String.format(Locale.ROOT,
                            " Youden threshold %.4g (Se %.3f, Sp %.3f)", c.youden().threshold(),
                            c.youden().sensitivity(), c.youden().specificity()));
                    if (c.sensitivityAtPpv() != null) {
                        h.append(String.format(Locale.ROOT, ", Se %.3f at +P %.3f", c.sensitivityAtPpv().sensitivity(),
                                c.sensitivityAtPpv().positivePredictivity()));
                    }
                    if (c.ppvAtSensitivity() != null) {
                        h.append(String.format(Locale.ROOT, ", +P %.3f at Se %.3f",
                                c.ppvAtSensitivity().positivePredictivity(), c.ppvAtSensitivity().sensitivity()));
                    }
                    h.append("; ");
                }
            }
            h.append("</p>\n");
        }
    }

    private static void comparisons(StringBuilder h, EvaluationReport report) {
        if (report.models().size() < 2) {
            return;
        }
        h.append("<h2 id=\"comparisons\">Paired DeLong tests</h2>");
        if (report.comparisonNote() != null) {
            h.append("<p class=\"undef\">").append(escape(report.comparisonNote())).append("</p>");
            return;
        }
        h.append("<table><tr><th class=\"l\">model A</th><th class=\"l\">model B</th><th class=\"l\">class</th>"
                + "<th>AUROC A</th><th>AUROC B</th><th>difference</th><th>SE</th><th>z</th><th>p</th></tr>");
        for (ModelComparison c : report.comparisons()) {
            h.append("<tr><td class=\"l\">").append(escape(c.modelA())).append("</td><td class=\"l\">")
                    .append(escape(c.modelB())).append("</td><td class=\"l\">").append(escape(c.className()))
                    .append("</td>");
            DeLong.Comparison t = c.test();
            if (t == null) {
                h.append("<td colspan=\"6\" class=\"undef l\">").append(escape(c.undefinedReason())).append("</td>");
            } else {
                h.append(String.format(Locale.ROOT, "<td>%.4f</td><td>%.4f</td><td>%+.4f</td><td>%.4f</td>"
                        + "<td>%.2f</td><td>%.3g</td>", t.aurocA(), t.aurocB(), t.difference(), t.standardError(),
                        t.z(), t.pValue()));
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static void curves(StringBuilder h, List<Evaluation> models) {
        h.append("<h2 id=\"curves\">ROC and precision-recall curves</h2><p class=\"muted\">Shaded: pointwise ")
                .append("record-bootstrap band. Dashed: chance.</p>");
        for (int c = 0; c < first(models).classNames().size(); c++) {
            String cls = first(models).classNames().get(c);
            List<Svg.Series> roc = new ArrayList<>();
            List<Svg.Series> pr = new ArrayList<>();
            for (int m = 0; m < models.size(); m++) {
                ClassEvaluation ce = models.get(m).classes().get(c);
                String color = COLORS[m % COLORS.length];
                String name = models.get(m).modelName();
                if (ce.roc() != null) {
                    CurveBand b = ce.rocBand();
                    roc.add(new Svg.Series(name + " AUC " + num(ce.metric("auroc").value()), color,
                            ce.roc().falsePositiveRates(), ce.roc().truePositiveRates(),
                            b == null ? null : b.grid(), b == null ? null : b.lower(), b == null ? null : b.upper(), false));
                }
                if (ce.pr() != null) {
                    CurveBand b = ce.prBand();
                    pr.add(new Svg.Series(name + " AP " + num(ce.metric("average_precision").value()), color,
                            ce.pr().recalls(), ce.pr().precisions(),
                            b == null ? null : b.grid(), b == null ? null : b.lower(), b == null ? null : b.upper(), false));
                }
            }
            h.append("<h3>class ").append(escape(cls)).append("</h3><div class=\"plots\">");
            if (roc.isEmpty()) {
                h.append("<p class=\"undef\">No ROC curve: ")
                        .append(escape(first(models).classes().get(c).metric("auroc").undefinedReason())).append("</p>");
            } else {
                h.append(Svg.plot("ROC, class " + cls, "false-positive rate", "sensitivity", roc, true, Svg.Legend.LOWER_RIGHT));
            }
            if (!pr.isEmpty()) {
                h.append(Svg.plot("Precision-recall, class " + cls, "recall (sensitivity)", "precision (+P)", pr, false, Svg.Legend.LOWER_LEFT));
            }
            h.append("</div>\n");
        }
    }

    private static void modelDetails(StringBuilder h, Evaluation e, int m) {
        h.append("<h2 id=\"model-").append(m).append("\">Model ").append(escape(e.modelName())).append("</h2>");
        // Confusion matrix with shading by row share.
        List<String> names = e.classNames();
        h.append("<h3>Confusion matrix (rows: reference, columns: predicted)</h3><table><tr><th></th>");
        for (String n : names) {
            h.append("<th>").append(escape(n)).append("</th>");
        }
        h.append("<th>total</th></tr>");
        for (int i = 0; i < names.size(); i++) {
            long row = e.confusion().support(i);
            h.append("<tr><th>").append(escape(names.get(i))).append("</th>");
            for (int j = 0; j < names.size(); j++) {
                long v = e.confusion().count(i, j);
                double share = row == 0 ? 0 : (double) v / row;
                h.append(String.format(Locale.ROOT, "<td style=\"background:rgba(31,119,180,%.2f)\">%d</td>",
                        0.75 * share, v));
            }
            h.append("<td>").append(row).append("</td></tr>");
        }
        h.append("</table>");
        // Calibration plot: all classes in one plot.
        List<Svg.Series> cal = new ArrayList<>();
        for (int c = 0; c < e.classes().size(); c++) {
            ClassEvaluation ce = e.classes().get(c);
            int k = ce.reliability().size();
            if (k == 0) {
                continue;
            }
            double[] x = new double[k];
            double[] y = new double[k];
            for (int b = 0; b < k; b++) {
                x[b] = ce.reliability().get(b).meanPredicted();
                y[b] = ce.reliability().get(b).observedFrequency();
            }
            cal.add(new Svg.Series(ce.className() + " ECE " + num(ce.metric("ece").value()), COLORS[c % COLORS.length],
                    x, y, null, null, null, true));
        }
        h.append("<h3>Calibration</h3><div class=\"plots\">")
                .append(Svg.plot("Reliability, " + e.modelName(), "mean predicted probability", "observed frequency",
                        cal, true, Svg.Legend.UPPER_LEFT))
                .append("</div>");
        // EC57.
        Ec57ClassComparison g = e.ec57().gross();
        h.append("<h3>EC57 beat-by-beat classification (gross)</h3><table><tr><th></th>");
        for (String l : Ec57ClassComparison.LABELS) {
            h.append("<th>").append(l).append("</th>");
        }
        h.append("</tr>");
        for (int i = 0; i < 6; i++) {
            h.append("<tr><th>").append(Ec57ClassComparison.LABELS.get(i)).append("</th>");
            for (int j = 0; j < 6; j++) {
                h.append("<td>").append(g.count(i, j)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table><table><tr><th class=\"l\">class</th><th>gross Se</th><th>gross +P</th><th>gross FPR</th>"
                + "<th>average Se</th><th>average +P</th></tr>");
        for (int x = 0; x < 5; x++) {
            h.append("<tr><td class=\"l\">").append(Ec57ClassComparison.LABELS.get(x)).append("</td><td>")
                    .append(pct(g.sensitivity(x))).append("</td><td>").append(pct(g.positivePredictivity(x)))
                    .append("</td><td>").append(pct(g.falsePositiveRate(x))).append("</td><td>")
                    .append(pct(e.ec57().averageSensitivity(x))).append("</td><td>")
                    .append(pct(e.ec57().averagePositivePredictivity(x))).append("</td></tr>");
        }
        h.append("</table>");
        h.append("<h3>Per record</h3><table><tr><th class=\"l\">record</th><th>beats</th>");
        for (int x = 0; x < 5; x++) {
            String l = Ec57ClassComparison.LABELS.get(x);
            h.append("<th>").append(l).append("</th><th>").append(l).append(" Se</th><th>").append(l).append(" +P</th>");
        }
        h.append("</tr>");
        for (Ec57ClassComparison r : e.ec57().records()) {
            long beats = 0;
            for (int x = 0; x < 5; x++) {
                beats += r.referenceBeats(x);
            }
            h.append("<tr><td class=\"l\">").append(escape(r.record())).append("</td><td>").append(beats).append("</td>");
            for (int x = 0; x < 5; x++) {
                h.append("<td>").append(r.referenceBeats(x)).append("</td><td>").append(pct(r.sensitivity(x)))
                        .append("</td><td>").append(pct(r.positivePredictivity(x))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
        Provenance p = e.provenance();
        h.append("<h3>Provenance</h3><table>");
        row(h, "data", p.data());
        row(h, "split", p.split());
        row(h, "bootstrap seed", Long.toString(p.seed()));
        for (Map.Entry<String, String> v : p.versions().entrySet()) {
            row(h, v.getKey(), v.getValue());
        }
        row(h, "date", p.date());
        h.append("</table>");
        h.append("<p class=\"muted\">Model card:</p><pre>")
                .append(p.modelCardJson() == null ? "(none given)" : escape(p.modelCardJson())).append("</pre>\n");
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th class=\"l\">").append(escape(k)).append("</th><td class=\"l\">").append(escape(v))
                .append("</td></tr>");
    }

    private static String cell(MetricValue v) {
        if (v == null) {
            return "";
        }
        if (!v.isDefined()) {
            return "<span class=\"undef\" title=\"" + escape(v.undefinedReason()) + "\">n/a</span>";
        }
        String s = num(v.value());
        if (v.ci() != null) {
            s += String.format(Locale.ROOT, " <span class=\"muted\">[%s, %s]</span>", num(v.ci().lower()),
                    num(v.ci().upper()));
        }
        return s;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "<span class=\"undef\">n/a</span>" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }
}

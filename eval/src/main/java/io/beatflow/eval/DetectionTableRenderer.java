package io.beatflow.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link DetectionSummary} as a per-record table: aligned plain text or CSV.
 *
 * <p>Columns: record, reference beats, detected beats, TP, FN, FP, Se (%), +P (%), mean absolute
 * timing error (ms); then a "gross" and an "average" row. Undefined figures print as {@code n/a}
 * in text and as an empty field in CSV.
 */
public final class DetectionTableRenderer {
    private static final String[] HEADER = {
        "record", "ref_beats", "test_beats", "tp", "fn", "fp", "se_pct", "ppv_pct", "mae_ms"};

    private DetectionTableRenderer() {
    }

    /** Plain text with right-aligned columns separated by two spaces, one line per row. */
    public static String text(DetectionSummary summary) {
        List<String[]> rows = rows(summary, "n/a");
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    out.append("  ");
                }
                String cell = row[c];
                if (c == 0) {
                    out.append(cell).append(" ".repeat(width[c] - cell.length()));
                } else {
                    out.append(" ".repeat(width[c] - cell.length())).append(cell);
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** CSV (RFC 4180, comma separated, header line first, '\n' line ends). */
    public static String csv(DetectionSummary summary) {
        StringBuilder out = new StringBuilder();
        for (String[] row : rows(summary, "")) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    out.append(',');
                }
                out.append(Csv.field(row[c]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static List<String[]> rows(DetectionSummary s, String undefined) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER.clone());
        for (RecordComparison r : s.records()) {
            rows.add(new String[] {r.record(), Long.toString(r.referenceBeats()),
                Long.toString(r.testBeats()), Long.toString(r.truePositives()),
                Long.toString(r.falseNegatives()), Long.toString(r.falsePositives()),
                pct(r.sensitivity(), undefined), pct(r.positivePredictivity(), undefined),
                ms(r.meanAbsoluteErrorSeconds(), undefined)});
        }
        long tp = s.truePositives();
        long fn = s.falseNegatives();
        long fp = s.falsePositives();
        rows.add(new String[] {"gross", Long.toString(tp + fn), Long.toString(tp + fp),
            Long.toString(tp), Long.toString(fn), Long.toString(fp),
            pct(s.grossSensitivity(), undefined), pct(s.grossPositivePredictivity(), undefined),
            ""});
        rows.add(new String[] {"average", "", "", "", "", "",
            pct(s.averageSensitivity(), undefined), pct(s.averagePositivePredictivity(), undefined),
            ""});
        return rows;
    }

    private static String pct(double v, String undefined) {
        return Double.isNaN(v) ? undefined : String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    private static String ms(double v, String undefined) {
        return Double.isNaN(v) ? undefined : String.format(Locale.ROOT, "%.1f", 1000 * v);
    }
}

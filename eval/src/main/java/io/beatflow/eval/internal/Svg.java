package io.beatflow.eval.internal;

import java.util.List;
import java.util.Locale;

/**
 * Small inline-SVG line plots on the unit square, for the self-contained HTML report: axes with
 * ticks every 0.2, optional diagonal, shaded bands and polylines, and a legend. No scripts, no
 * external resources.
 */
public final class Svg {
    private static final int W = 360;
    private static final int H = 340;
    private static final int LEFT = 46;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 42;

    private Svg() {
    }

    /**
     * A line series with an optional band.
     *
     * @param name legend text
     * @param color CSS colour
     * @param x x values in [0, 1]
     * @param y y values in [0, 1]
     * @param bandX band grid or null
     * @param bandLow band lower values or null
     * @param bandHigh band upper values or null
     * @param markers whether to draw a dot at each point
     */
    public record Series(String name, String color, double[] x, double[] y, double[] bandX, double[] bandLow,
            double[] bandHigh, boolean markers) {
    }

    /** Where the legend goes: a corner the curves usually leave free. */
    public enum Legend {
        /** Lower right (ROC curves). */
        LOWER_RIGHT,
        /** Lower left (PR curves). */
        LOWER_LEFT,
        /** Upper left (calibration). */
        UPPER_LEFT
    }

    /** A square plot over [0, 1] x [0, 1]. */
    public static String plot(String title, String xLabel, String yLabel, List<Series> series, boolean diagonal,
            Legend legend) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", W, H, W, H, Html.escape(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" class=\"t\">%s</text>", W / 2, Html.escape(title)));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>",
                LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
        for (int i = 0; i <= 5; i++) {
            double v = i / 5.0;
            double px = px(v);
            double py = py(v);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>",
                    px, TOP, px, H - BOTTOM));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>",
                    LEFT, py, W - RIGHT, py));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\">%.1f</text>", px,
                    H - BOTTOM + 14, v));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%.1f</text>",
                    LEFT - 4, py + 4, v));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\">%s</text>",
                LEFT + (W - LEFT - RIGHT) / 2, H - 8, Html.escape(xLabel)));
        s.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" class=\"axis\" transform=\"rotate(-90 12 %d)\">%s</text>",
                TOP + (H - TOP - BOTTOM) / 2, TOP + (H - TOP - BOTTOM) / 2, Html.escape(yLabel)));
        if (diagonal) {
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"diag\"/>",
                    px(0), py(0), px(1), py(1)));
        }
        for (Series se : series) {
            if (se.bandX() != null) {
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i < se.bandX().length; i++) {
                    point(pts, se.bandX()[i], se.bandHigh()[i]);
                }
                for (int i = se.bandX().length - 1; i >= 0; i--) {
                    point(pts, se.bandX()[i], se.bandLow()[i]);
                }
                s.append("<polygon points=\"").append(pts).append("\" fill=\"").append(se.color())
                        .append("\" fill-opacity=\"0.18\" stroke=\"none\"/>");
            }
        }
        for (Series se : series) {
            StringBuilder pts = new StringBuilder();
            double[][] thin = thin(se.x(), se.y());
            for (int i = 0; i < thin[0].length; i++) {
                point(pts, thin[0][i], thin[1][i]);
            }
            s.append("<polyline points=\"").append(pts).append("\" fill=\"none\" stroke=\"").append(se.color())
                    .append("\" stroke-width=\"1.8\"/>");
            if (se.markers()) {
                for (int i = 0; i < se.x().length; i++) {
                    s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"%s\"/>",
                            px(se.x()[i]), py(se.y()[i]), se.color()));
                }
            }
        }
        int lx = legend == Legend.LOWER_RIGHT ? W - RIGHT - 160 : LEFT + 8;
        int ly = legend == Legend.UPPER_LEFT ? TOP + 14 : H - BOTTOM - 8 - 14 * (series.size() - 1);
        if (!series.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"156\" height=\"%d\" "
                    + "fill=\"#fff\" fill-opacity=\"0.85\" stroke=\"#ddd\"/>", lx - 4, ly - 12, 14 * series.size() + 4));
        }
        for (Series se : series) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>",
                    lx, ly - 5, se.color()));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>", lx + 16,
                    ly, Html.escape(se.name())));
            ly += 14;
        }
        s.append("</svg>");
        return s.toString();
    }

    /** Keeps points that move at least 0.002 from the last kept one, and the last point. */
    static double[][] thin(double[] x, double[] y) {
        int n = x.length;
        double[] tx = new double[n];
        double[] ty = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (k == 0 || i == n - 1 || Math.abs(x[i] - tx[k - 1]) >= 0.002 || Math.abs(y[i] - ty[k - 1]) >= 0.002) {
                tx[k] = x[i];
                ty[k] = y[i];
                k++;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(tx, k), java.util.Arrays.copyOf(ty, k)};
    }

    private static void point(StringBuilder pts, double x, double y) {
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(x), py(y)));
    }

    private static double px(double v) {
        return LEFT + v * (W - LEFT - RIGHT);
    }

    private static double py(double v) {
        return H - BOTTOM - v * (H - TOP - BOTTOM);
    }
}

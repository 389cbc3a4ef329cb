package io.beatflow.datasets;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A tiny Java2D renderer of one lead with its beat annotations, on ECG paper (1 mm = 40 ms and
 * 0.1 mV, major lines every 5 mm), for looking at generated signals.
 */
final class EcgPlot {
    static final Color NORMAL = new Color(0, 110, 0);
    static final Color VENTRICULAR = new Color(200, 0, 0);
    static final Color ATRIAL = new Color(0, 0, 210);

    private EcgPlot() {
    }

    static BufferedImage render(float[] x, double fs, List<Annotation> beats, int from, int to, String title) {
        double pxPerMm = 4;
        double seconds = (to - from) / fs;
        int width = (int) Math.round(seconds / 0.04 * pxPerMm) + 60;
        int height = (int) Math.round(40 * pxPerMm) + 60; // 4 mV tall
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x0 = 30;
        int y0 = 40;
        int plotW = width - 60;
        int plotH = height - 60;
        for (int mm = 0; mm * pxPerMm <= plotW; mm++) {
            g.setColor(mm % 5 == 0 ? new Color(240, 150, 150) : new Color(252, 220, 220));
            g.drawLine(x0 + (int) (mm * pxPerMm), y0, x0 + (int) (mm * pxPerMm), y0 + plotH);
        }
        for (int mm = 0; mm * pxPerMm <= plotH; mm++) {
            g.setColor(mm % 5 == 0 ? new Color(240, 150, 150) : new Color(252, 220, 220));
            g.drawLine(x0, y0 + (int) (mm * pxPerMm), x0 + plotW, y0 + (int) (mm * pxPerMm));
        }
        double zeroY = y0 + plotH * 0.6;
        double pxPerMv = 10 * pxPerMm;
        double pxPerSample = pxPerMm / 0.04 / fs;
        Path2D path = new Path2D.Double();
        for (int s = from; s < to; s++) {
            double px = x0 + (s - from) * pxPerSample;
            double py = zeroY - x[s] * pxPerMv;
            if (s == from) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(path);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        for (Annotation a : beats) {
            if (a.sample() < from || a.sample() >= to) {
                continue;
            }
            Color c = a.code() == AnnotationCode.PVC ? VENTRICULAR : a.code() == AnnotationCode.APC ? ATRIAL : NORMAL;
            double px = x0 + (a.sample() - from) * pxPerSample;
            double py = zeroY - x[(int) a.sample()] * pxPerMv;
            g.setColor(c);
            g.fillOval((int) px - 4, (int) py - 4, 8, 8);
            g.drawString(a.code().symbol(), (int) px - 4, y0 - 6);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(title, x0, 16);
        g.dispose();
        return img;
    }

    static void write(BufferedImage img, Path file) throws IOException {
        ImageIO.write(img, "png", file.toFile());
    }
}

package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Renders 10 s of synthetic ECG with ectopic beats to target/synthetic-ecg.png for inspection. */
class SyntheticEcgPlotTest {
    private static boolean shows(SyntheticRecord r, int to, AnnotationCode code) {
        return r.annotations().stream().anyMatch(a -> a.sample() < to && a.code() == code);
    }

    @Test
    void rendersTenSecondsWithEctopicBeatsMarked() throws IOException {
        int from = 0;
        int to = 3600;
        // the first seed whose first 10 s show both kinds of ectopic beat
        SyntheticRecord r = null;
        long seed = 0;
        while (r == null || !shows(r, to, AnnotationCode.PVC) || !shows(r, to, AnnotationCode.APC)) {
            seed++;
            assertTrue(seed < 100, "no seed below 100 shows both PVC and PAC in 10 s");
            r = SyntheticEcg.generate(SyntheticEcgConfig.defaults().withHeartRate(70, 2).withEctopy(0.12, 0.12)
                    .withNoise(0.02, 0.1).withSampling(360, 12).withSeed(seed));
        }
        BufferedImage img = EcgPlot.render(r.signal().physical(0), 360, r.annotations(), from, to,
                "synthetic ECG, 70 bpm, PVC (V, red) and PAC (A, blue) rates 12 %, seed " + seed);
        Path out = Path.of("target", "synthetic-ecg.png");
        Files.createDirectories(out.getParent());
        EcgPlot.write(img, out);
        BufferedImage back = ImageIO.read(out.toFile());
        assertEquals(img.getWidth(), back.getWidth());
        // every ectopic beat drawn in the plot left a marker of its colour at its R peak
        for (Annotation a : r.annotations()) {
            if (a.sample() < to && a.code() == AnnotationCode.PVC) {
                int px = 30 + (int) Math.round(a.sample() * (4 / 0.04 / 360));
                boolean found = false;
                for (int y = 0; y < back.getHeight() && !found; y++) {
                    found = back.getRGB(px, y) == EcgPlot.VENTRICULAR.getRGB();
                }
                assertTrue(found, "no red marker at x=" + px);
            }
        }
    }
}

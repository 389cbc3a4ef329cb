package io.beatflow.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in a real browser (headless Chromium, Debian package {@code chromium}) and
 * checks that the page rendered completely: the screenshot decodes, has the requested size and
 * is not blank down to its last rows, and the DOM after rendering holds every plot and the end
 * marker. Skipped, with the reason, where no Chromium is installed. The screenshot is kept as
 * {@code eval/target/report-screenshot.png} for a look by eye.
 */
@Tag("integration")
class HtmlReportBrowserTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 4000;

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    private static String run(List<String> cmd, Path workDir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium did not finish in 180 s: " + cmd);
        assertEquals(0, p.exitValue(), "chromium exit status for " + cmd);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void reportRendersCompletelyInHeadlessChromium(@TempDir Path dir) throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "no chromium on PATH (Debian: apt-get install -y chromium); browser check skipped");
        Predictions a = BootstrapBenchmark.synthetic(6000, 16, 21);
        double[][] noisy = new double[a.size()][5];
        Random r = new Random(3);
        for (int c = 0; c < 5; c++) {
            double[] col = a.probabilities(c);
            for (int i = 0; i < col.length; i++) {
                noisy[i][c] = Math.min(1, Math.max(0, col[i] + 0.15 * r.nextGaussian()));
            }
        }
        Predictions b = new Predictions("noisy.csv", a.classNames(), a.records(), a.samples(), a.labels(), noisy);
        EvaluationReport report = new ClassifierEvaluator(EvaluationConfig.defaults()
                .withBootstrap(BootstrapConfig.defaults().withReplicates(500)))
                .evaluateAll(List.of("cnn", "cnn-noisy"), List.of(a, b), Arrays.asList("{\"architecture\":\"cnn\"}", null));
        Path html = EvaluationReportWriter.write(report, dir).get(0);
        String url = html.toUri().toString();

        Path png = dir.resolve("report.png");
        List<String> shot = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, url));
        run(shot, dir);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(WIDTH, img.getWidth());
        assertEquals(HEIGHT, img.getHeight());
        // Not blank: many colours overall, and ink in every 500-pixel band down to the bottom
        // (the report is longer than the window, so a page that stopped rendering early shows).
        Set<Integer> colours = new HashSet<>();
        for (int band = 0; band < HEIGHT / 500; band++) {
            int ink = 0;
            for (int y = band * 500; y < (band + 1) * 500; y += 2) {
                for (int x = 0; x < WIDTH; x += 2) {
                    int rgb = img.getRGB(x, y) & 0xFFFFFF;
                    colours.add(rgb);
                    if (rgb != 0xFFFFFF) {
                        ink++;
                    }
                }
            }
            assertTrue(ink > 2000, "band " + band + " of the screenshot is nearly blank (" + ink + " inked pixels)");
        }
        assertTrue(colours.size() > 100, "only " + colours.size() + " colours: not a rendered report");
        Files.createDirectories(Path.of("target"));
        Files.copy(png, Path.of("target", "report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);

        String dom = run(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url), dir);
        assertTrue(dom.contains("id=\"report-end\""), "the end marker is missing from the rendered DOM");
        // 5 classes x (ROC + PR) + one calibration plot per model.
        int svgs = dom.split("<svg", -1).length - 1;
        assertEquals(12, svgs, "plots in the rendered DOM");
    }
}

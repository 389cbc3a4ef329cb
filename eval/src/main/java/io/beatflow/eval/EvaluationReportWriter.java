package io.beatflow.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a report's files into a directory: {@code report.html}, {@code evaluation.json} and the
 * CSV tables of {@link CsvReportRenderer}. Only turns rendered text into files.
 */
public final class EvaluationReportWriter {
    private EvaluationReportWriter() {
    }

    /**
     * Writes the files, creating the directory if needed and replacing files of the same names.
     *
     * @return the paths written, report.html first
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(EvaluationReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        written.add(Files.writeString(dir.resolve("report.html"), HtmlReportRenderer.render(report),
                StandardCharsets.UTF_8));
        written.add(Files.writeString(dir.resolve("evaluation.json"), JsonReportRenderer.render(report),
                StandardCharsets.UTF_8));
        for (Map.Entry<String, String> f : CsvReportRenderer.render(report).entrySet()) {
            written.add(Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8));
        }
        return written;
    }
}

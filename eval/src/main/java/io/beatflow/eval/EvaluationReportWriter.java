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
        // every file is rendered before any is written, so a report that cannot be rendered
        // leaves an earlier report in the directory whole
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("report.html", HtmlReportRenderer.render(report));
        files.put("evaluation.json", JsonReportRenderer.render(report));
        files.putAll(CsvReportRenderer.render(report));
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            written.add(Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8));
        }
        return written;
    }
}

package io.beatflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers for the RECORD arguments that several commands take. */
final class RecordArgs {
    private RecordArgs() {
    }

    /**
     * The record name of a RECORD argument: the file name without directory and extension
     * ({@code ../shared/data/mitdb/100} gives {@code 100}; {@code x/rec.edf} gives {@code rec}).
     */
    static String recordName(Path record) {
        String file = record.getFileName().toString();
        int dot = file.lastIndexOf('.');
        if (dot > 0 && isKnownExtension(file.substring(dot + 1))) {
            return file.substring(0, dot);
        }
        return file;
    }

    /** The WFDB record path (no extension) of a RECORD argument, or null when it is an EDF/CSV file. */
    static Path wfdbRecord(Path record) {
        String file = record.getFileName().toString();
        String lower = file.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".hea")) {
            return record.resolveSibling(file.substring(0, file.length() - 4));
        }
        if (lower.endsWith(".edf") || lower.endsWith(".bdf") || lower.endsWith(".csv") || lower.endsWith(".tsv")) {
            return null;
        }
        return record;
    }

    /** The annotation file {@code RECORD.annotator} beside a WFDB record, if it exists. */
    static Path annotationFile(Path record, String annotator) {
        Path wfdb = wfdbRecord(record);
        if (wfdb == null) {
            return null;
        }
        Path p = wfdb.resolveSibling(wfdb.getFileName() + "." + annotator);
        return Files.isRegularFile(p) ? p : null;
    }

    private static boolean isKnownExtension(String ext) {
        return switch (ext.toLowerCase(java.util.Locale.ROOT)) {
            case "hea", "edf", "bdf", "csv", "tsv" -> true;
            default -> false;
        };
    }
}

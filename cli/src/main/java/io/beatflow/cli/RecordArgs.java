package io.beatflow.cli;

import io.beatflow.ingest.SignalFiles;
import io.beatflow.ingest.SignalFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Helpers for the RECORD arguments that several commands take. */
final class RecordArgs {
    private RecordArgs() {
    }

    /**
     * The record name of a RECORD argument: the file name without directory and known extension
     * ({@code ../shared/data/mitdb/100} gives {@code 100}; {@code x/rec.edf} gives {@code rec}).
     */
    static String recordName(Path record) {
        String file = record.getFileName().toString();
        int dot = file.lastIndexOf('.');
        if (dot > 0) {
            String ext = file.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (ext.equals("hea") || ext.equals("edf") || ext.equals("bdf") || ext.equals("csv") || ext.equals("tsv")) {
                return file.substring(0, dot);
            }
        }
        return file;
    }

    /**
     * The annotation file {@code RECORD.annotator} beside a WFDB record, if the record is WFDB and
     * the file exists.
     */
    static Optional<Path> annotationFile(Path record, String annotator) throws SignalFormatException {
        if (SignalFiles.kindOf(record) != SignalFiles.Kind.WFDB) {
            return Optional.empty();
        }
        Path p = record.resolveSibling(recordName(record) + "." + annotator);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * The index of a lead chosen by name or by 0-based index.
     *
     * @throws IllegalArgumentException naming the leads that exist, if none matches
     */
    static int leadIndex(io.beatflow.ingest.Signal signal, String lead) {
        if (lead.chars().allMatch(Character::isDigit) && !lead.isEmpty()) {
            int i = Integer.parseInt(lead);
            if (i >= signal.leadCount()) {
                throw new IllegalArgumentException(signal.name() + ": lead index " + i + " out of range; the record has "
                        + signal.leadCount() + " leads " + signal.leads().stream().map(io.beatflow.ingest.Lead::name).toList());
            }
            return i;
        }
        return signal.leadIndex(lead);
    }
}

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
     * ({@code ../shared/data/mitdb/100}, {@code .../100.hea} and {@code .../100.dat} give {@code 100};
     * {@code x/rec.edf} gives {@code rec}).
     */
    static String recordName(Path record) {
        String file = record.getFileName().toString();
        int dot = file.lastIndexOf('.');
        if (dot > 0) {
            String ext = file.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (ext.equals("hea") || ext.equals("dat") || ext.equals("edf") || ext.equals("bdf") || ext.equals("csv") || ext.equals("tsv")) {
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
     * The files a RECORD argument reads: a WFDB record's header and the signal files it names (of a
     * multi-segment record, the header alone), or the EDF/CSV file itself; absolute and normalised.
     */
    static java.util.Set<Path> inputFiles(Path record) throws java.io.IOException {
        java.util.Set<Path> files = new java.util.HashSet<>();
        if (SignalFiles.kindOf(record) != SignalFiles.Kind.WFDB) {
            files.add(record.toAbsolutePath().normalize());
            return files;
        }
        Path header = record.resolveSibling(recordName(record) + ".hea");
        files.add(header.toAbsolutePath().normalize());
        if (Files.isRegularFile(header)) {
            for (io.beatflow.ingest.WfdbHeader.SignalLine line : io.beatflow.ingest.WfdbHeader.read(header).signals()) {
                files.add(header.resolveSibling(line.fileName()).toAbsolutePath().normalize());
            }
        }
        return files;
    }

    /**
     * Refuses an output file that is one of the inputs' files, before anything is written.
     *
     * @param protectedFiles input files (absolute, normalised), each mapped to the RECORD argument it belongs to
     * @throws IllegalArgumentException naming the output, the record it belongs to, and the way out
     */
    static void refuseOverwrite(Path output, java.util.Map<Path, Path> protectedFiles, String option) {
        Path o = output.toAbsolutePath().normalize();
        Path owner = protectedFiles.get(o);
        if (owner != null) {
            throw new IllegalArgumentException(output + " is a file of the input " + owner
                    + "; writing it would destroy the input: give " + option + " another path");
        }
    }

    /**
     * Reads a record for work on one lead, a CSV record by {@code csv}. An EDF file whose signals
     * have different rates cannot be read whole as one signal; when {@code lead} is a name, only that
     * signal is then read.
     */
    static io.beatflow.ingest.Signal readForLead(Path record, String lead, io.beatflow.ingest.CsvReadOptions csv)
            throws java.io.IOException {
        try {
            return SignalFiles.read(record, java.util.List.of(), csv);
        } catch (IllegalArgumentException e) {
            boolean name = lead != null && !(lead.chars().allMatch(Character::isDigit) && !lead.isEmpty());
            if (SignalFiles.kindOf(record) != SignalFiles.Kind.EDF) {
                throw e;
            }
            if (!name) {
                throw new IllegalArgumentException(e.getMessage() + " (on the command line: name the lead with --lead"
                        + " LABEL)", e);
            }
            return SignalFiles.read(record, java.util.List.of(lead), io.beatflow.ingest.CsvReadOptions.defaults());
        }
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

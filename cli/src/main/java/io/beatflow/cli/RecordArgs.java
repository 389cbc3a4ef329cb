package io.beatflow.cli;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.SignalFiles;
import io.beatflow.ingest.SignalFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** Whether a RECORD argument is an EDF, EDF+ or BDF file. */
    static boolean isEdf(Path record) throws SignalFormatException {
        return !Files.isDirectory(record) && SignalFiles.kindOf(record) == SignalFiles.Kind.EDF;
    }

    /**
     * Reads an EDF, EDF+ or BDF file, printing each of its warnings (what the reader accepted but
     * the user should know, see {@link io.beatflow.ingest.EdfRecording#warnings()}) to {@code err}.
     */
    static io.beatflow.ingest.EdfRecording readEdf(Path file, java.io.PrintWriter err) throws java.io.IOException {
        return warned(io.beatflow.ingest.EdfReader.read(file), err);
    }

    /** An EDF file read keeping the samples of the signals labelled {@code labels} alone; its warnings go to {@code err}. */
    static io.beatflow.ingest.EdfRecording readEdf(Path file, List<String> labels, java.io.PrintWriter err)
            throws java.io.IOException {
        return warned(io.beatflow.ingest.EdfReader.read(file, labels), err);
    }

    private static io.beatflow.ingest.EdfRecording warned(io.beatflow.ingest.EdfRecording rec, java.io.PrintWriter err) {
        rec.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
        return rec;
    }

    /**
     * Reads the named leads of a record, in the order given (every lead when {@code leads} is
     * empty), a CSV record by {@code csv}; an EDF file's warnings go to {@code err}. Of an EDF file
     * only the named signals are read into the Signal, so leads of one rate can be taken from a
     * file of several rates.
     *
     * @throws IllegalArgumentException if a lead is not in the record, or the EDF signals read
     *     have different rates (the message names --lead)
     */
    static io.beatflow.ingest.Signal read(Path record, java.util.List<String> leads,
            io.beatflow.ingest.CsvReadOptions csv, java.io.PrintWriter err) throws java.io.IOException {
        if (!isEdf(record)) {
            return SignalFiles.read(record, leads, csv);
        }
        return leads.isEmpty() ? readEdf(record, err).toSignal() : readEdf(record, leads, err).toSignal(leads);
    }

    /**
     * Reads samples {@code [from, to)} ({@code to} null: to the end) of the named leads (every lead
     * when {@code leads} is empty) of a WFDB record alone, without the rest of its signal files; null
     * if the record is not a WFDB record, or has no such range or lead (a whole read then names what
     * it has). Checksums cover whole signal files, so they are checked only where the range covers one.
     */
    static io.beatflow.ingest.Signal readWfdbRange(Path record, java.util.List<String> leads, int from, Integer to)
            throws java.io.IOException {
        Path base = wfdbBase(record);
        if (base == null) {
            return null;
        }
        try {
            io.beatflow.ingest.WfdbReadOptions options = io.beatflow.ingest.WfdbReadOptions.defaults()
                    .withLeads(leads.toArray(new String[0]))
                    .withRange(from, to == null ? io.beatflow.ingest.WfdbReadOptions.END : to);
            return io.beatflow.ingest.WfdbReader.read(base, options);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The record path (without extension) of a WFDB record given as its path, header or signal
     * file; null if {@code record} is not a WFDB record.
     */
    static Path wfdbBase(Path record) throws java.io.IOException {
        if (Files.isDirectory(record) || SignalFiles.kindOf(record) != SignalFiles.Kind.WFDB) {
            return null;
        }
        String name = record.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".dat")
                ? record.resolveSibling(name.substring(0, name.length() - 4)) : record;
    }

    /** A record read for work on one lead: the signal read and the index of that lead in it. */
    record OneLead(io.beatflow.ingest.Signal signal, int index) {
        String leadName() {
            return signal.leads().get(index).name();
        }
    }

    /** The lead asked for is not in the record; the message names the leads it has. */
    static final class NoSuchLead extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NoSuchLead(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Reads a record for work on one lead, chosen by name or by 0-based index; a CSV record by
     * {@code csv}; an EDF file's warnings go to {@code err}. Of a WFDB or EDF record that lead is
     * read alone wherever its name tells it from the others (a lead given by index is looked up in
     * the header first), so a long many-lead record is not held whole; an EDF file whose signals
     * have different rates can only be read one lead at a time. A CSV record is parsed whole.
     *
     * @throws NoSuchLead if the record has no such lead (the message names the leads it has)
     */
    static OneLead readLead(Path record, String lead, io.beatflow.ingest.CsvReadOptions csv, java.io.PrintWriter err)
            throws java.io.IOException {
        boolean byIndex = isIndex(lead);
        io.beatflow.ingest.Signal signal;
        String alone = byIndex ? null : lead;
        if (!isEdf(record)) {
            if (byIndex && SignalFiles.kindOf(record) == SignalFiles.Kind.WFDB && !Files.isDirectory(record)) {
                alone = wfdbLeadName(record, Integer.parseInt(lead));
            }
            signal = alone != null ? readAlone(record, alone, csv) : null;
            if (signal == null) {
                signal = SignalFiles.read(record, List.of(), csv);
            }
        } else {
            if (byIndex) {
                // the header names the lead: a read that keeps no samples
                alone = edfLeadName(io.beatflow.ingest.EdfReader.read(record, List.of()), Integer.parseInt(lead));
            }
            io.beatflow.ingest.EdfRecording rec = null;
            signal = null;
            if (alone != null) {
                // only that signal's samples take memory
                rec = io.beatflow.ingest.EdfReader.read(record, List.of(alone));
                try {
                    signal = rec.toSignal(List.of(alone));
                } catch (IllegalArgumentException e) {
                    // not one signal of the file: the whole file's Signal lets the message name the leads it has
                }
            }
            if (signal == null) {
                rec = io.beatflow.ingest.EdfReader.read(record);
                signal = rec.toSignal();
            }
            warned(rec, err);
        }
        if (alone != null && signal.leadCount() == 1 && signal.leads().get(0).name().trim().equalsIgnoreCase(alone.trim())) {
            return new OneLead(signal, 0);
        }
        try {
            return new OneLead(signal, leadIndex(signal, lead));
        } catch (IllegalArgumentException e) {
            throw new NoSuchLead(e.getMessage(), e);
        }
    }

    private static boolean isIndex(String lead) {
        return !lead.isEmpty() && lead.chars().allMatch(Character::isDigit);
    }

    /** A WFDB or CSV record's lead read alone, or null if the name is not one of its leads. */
    private static io.beatflow.ingest.Signal readAlone(Path record, String name, io.beatflow.ingest.CsvReadOptions csv)
            throws java.io.IOException {
        try {
            return SignalFiles.read(record, List.of(name), csv);
        } catch (IllegalArgumentException e) {
            // not a lead of the record (or a CSV error, which the whole read gives again): the whole read names them
            return null;
        }
    }

    /**
     * The name of lead {@code index} of a single-segment WFDB record, from its header, when no other
     * lead has that name (leads are chosen by name, the first match winning); otherwise null.
     */
    private static String wfdbLeadName(Path record, int index) throws java.io.IOException {
        Path header = record.resolveSibling(recordName(record) + ".hea");
        if (!Files.isRegularFile(header)) {
            return null; // the whole read names what is missing
        }
        io.beatflow.ingest.WfdbHeader h = io.beatflow.ingest.WfdbHeader.read(header);
        if (h.record().isMultiSegment()) {
            return null;
        }
        return uniqueAt(h.signals().stream().map(io.beatflow.ingest.WfdbHeader.SignalLine::description).toList(), index);
    }

    /** The label of an EDF file's ordinary signal {@code index}, when no other signal has it; otherwise null. */
    private static String edfLeadName(io.beatflow.ingest.EdfRecording rec, int index) {
        return uniqueAt(rec.channels().stream().map(io.beatflow.ingest.EdfChannel::label).toList(), index);
    }

    private static String uniqueAt(List<String> names, int index) {
        if (index >= names.size() || names.get(index).isBlank()) {
            return null;
        }
        String name = names.get(index).trim();
        return names.stream().filter(n -> n.trim().equalsIgnoreCase(name)).count() == 1 ? name : null;
    }

    /**
     * The index of a lead chosen by name or by 0-based index.
     *
     * @throws IllegalArgumentException naming the leads that exist, if none matches
     */
    static int leadIndex(io.beatflow.ingest.Signal signal, String lead) {
        if (isIndex(lead)) {
            int i = Integer.parseInt(lead);
            if (i >= signal.leadCount()) {
                throw new IllegalArgumentException(signal.name() + ": lead index " + i + " out of range; the record has "
                        + signal.leadCount() + " leads " + signal.leads().stream().map(io.beatflow.ingest.Lead::name).toList());
            }
            return i;
        }
        return signal.leadIndex(lead);
    }

    /** Annotations at or after a record's last sample + 1: how many, how many of them beats, the first one's sample. */
    record PastTheEnd(int annotations, int beats, long firstSample) {
    }

    /**
     * The annotations of a file that lie at or after sample {@code length}, past the end of the
     * record they are read with (an annotation file of another or a longer record), if any.
     */
    static Optional<PastTheEnd> pastTheEnd(List<Annotation> annotations, long length) {
        int n = 0;
        int beats = 0;
        long first = Long.MAX_VALUE;
        for (Annotation a : annotations) {
            if (a.sample() >= length) {
                n++;
                beats += a.isBeat() ? 1 : 0;
                first = Math.min(first, a.sample());
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(new PastTheEnd(n, beats, first));
    }
}

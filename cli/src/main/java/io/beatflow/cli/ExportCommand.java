package io.beatflow.cli;

import io.beatflow.ingest.CsvSignalWriter;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbHeader;
import io.beatflow.ingest.WfdbReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code beatflow export}: writes a record's samples as CSV, as PhysioNet's {@code rdsamp} prints
 * them: physical units after a {@code time_s} column (read back by every command that takes a CSV
 * record; gaps are blank cells, read back with {@code --csv-gaps}), or (with {@code --digital}) ADC
 * units after a {@code sample} column. Of a WFDB record only the range asked for is read.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a record's samples as CSV, like PhysioNet's rdsamp: header time_s,<lead names> (physical"
                + " units; beatflow reads it back as a record, with --csv-gaps where it has gaps, written blank), or"
                + " sample,<lead names> with --digital (ADC units).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--digital", description = "Write ADC units instead of physical units.")
    boolean digital;

    @Option(names = "--from", paramLabel = "N", defaultValue = "0", description = "First sample (default: 0).")
    int from;

    @Option(names = "--to", paramLabel = "N", description = "End sample, exclusive (default: end of record).")
    Integer to;

    @Option(names = "--lead", paramLabel = "NAME", split = ",",
            description = "Lead to write, by name; repeat the option or give a comma-separated list for several, in"
                    + " that order (default: every lead). The leads of an EDF file must share one sample rate.")
    List<String> leads = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "CSV file to write.")
    Path out;

    @picocli.CommandLine.Mixin
    CsvInputOptions csv;

    @Parameters(paramLabel = "RECORD", description = "WFDB record path without extension, or an EDF or CSV file.")
    Path record;

    /** Samples (over the leads written) above which a whole WFDB record is written a range at a time. */
    static final int CHUNK_SAMPLES = 1 << 22;

    @Option(names = "--chunk-samples", hidden = true, defaultValue = "" + CHUNK_SAMPLES,
            description = "Samples over the leads held at once when a whole WFDB record is written in ranges.")
    int chunkSamples;

    @Override
    public Integer call() throws IOException {
        String outName = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        for (String ext : List.of(".edf", ".bdf", ".hea", ".dat")) {
            if (outName.endsWith(ext)) {
                throw new IllegalArgumentException("--out " + out + ": export writes CSV, not " + ext.substring(1)
                        + "; give a .csv path");
            }
        }
        java.util.Map<Path, Path> inputs = new java.util.HashMap<>();
        RecordArgs.inputFiles(record).forEach(f -> inputs.put(f, record));
        RecordArgs.refuseOverwrite(out, inputs, "--out");
        if (to != null && from > to) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to + ": give --from below --to");
        }
        if (from == 0 && to == null && exportInRanges()) {
            return 0;
        }
        // of a WFDB record only the range is read (the signal then starts at sample --from); any other record, and
        // a range or lead a WFDB record does not have, is read whole and checked here
        Signal signal = from > 0 || to != null ? RecordArgs.readWfdbRange(record, leads, from, to) : null;
        int first = signal != null ? from : 0;
        if (signal == null) {
            signal = RecordArgs.read(record, leads, csv.readOptions(), spec.commandLine().getErr());
        }
        if (signal.leadCount() == 0) {
            throw new IllegalArgumentException(record + " has no signals (its header lists none): there is nothing to"
                    + " export");
        }
        int end = to == null ? first + signal.length() : to;
        if (from > end) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + end + ": give --from below --to");
        }
        if (from < 0 || end > first + signal.length()) {
            throw new IllegalArgumentException("--from " + from + " --to " + end + " is outside the record "
                    + signal.name() + ", which has samples 0 to " + signal.length() + " (end exclusive)");
        }
        if (digital && !signal.hasDigital()) {
            throw new IllegalArgumentException(record + " holds physical values only; drop --digital");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        // written beside the target and moved into place: a failure (a full disk, memory) leaves no half-written file
        Path partial = PartialFiles.begin(out);
        try {
            CsvSignalWriter.write(partial, signal, from - first, end - first, first, digital);
        } catch (java.io.IOException | RuntimeException | Error e) {
            PartialFiles.abandon(partial);
            throw e;
        }
        PartialFiles.finish(partial, out);
        spec.commandLine().getErr().printf("wrote %d samples x %d leads to %s%n", end - from, signal.leadCount(), out);
        long gaps = gapCells(signal, from - first, end - first);
        if (gaps > 0) {
            spec.commandLine().getErr().printf("note: %d cells are gaps, written blank: commands read the file back"
                    + " with --csv-gaps%n", gaps);
        }
        return 0;
    }

    /**
     * Writes a whole WFDB record longer than {@link #chunkSamples} a range at a time, so that memory
     * holds one range, not the record: the record is first checked whole without keeping samples
     * ({@link WfdbReader#verify}: checksums cover whole signal files, which no range read can check),
     * then each range is read and appended. Returns false, having written nothing, for any other
     * record (read whole by the caller, which also names a lead the record lacks).
     */
    private boolean exportInRanges() throws IOException {
        if (chunkSamples < 1) {
            throw new IllegalArgumentException("--chunk-samples " + chunkSamples + ": give at least 1");
        }
        Path base = RecordArgs.wfdbBase(record);
        if (base == null || !java.nio.file.Files.isRegularFile(WfdbReader.headerPath(base))) {
            return false;
        }
        WfdbHeader h = WfdbHeader.read(WfdbReader.headerPath(base));
        long frames = h.record().samplesPerSignal();
        int width = leads.isEmpty() ? h.record().signalCount() : leads.size();
        if (frames <= 0 || width == 0 || frames * width <= chunkSamples || frames > Integer.MAX_VALUE - 16) {
            return false;
        }
        Signal first = RecordArgs.readWfdbRange(record, leads, 0, (int) Math.min(frames, 1));
        if (first == null) {
            return false; // a lead the record lacks, or signals of several rates: the whole read says which
        }
        PrintWriter err = spec.commandLine().getErr();
        WfdbReader.verify(base);
        int step = Math.max(1, chunkSamples / width);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        Path partial = PartialFiles.begin(out);
        long gaps = 0;
        try (Writer w = new BufferedWriter(java.nio.file.Files.newBufferedWriter(partial, StandardCharsets.UTF_8),
                1 << 16)) {
            int tenth = 0;
            for (long a = 0; a < frames; a += step) {
                int b = (int) Math.min(frames, a + step);
                Signal piece = RecordArgs.readWfdbRange(record, leads, (int) a, b);
                if (piece == null) {
                    throw new IllegalStateException(record + ": samples " + a + " to " + b + " could not be read");
                }
                CsvSignalWriter.write(w, piece, 0, piece.length(), a, digital, a == 0);
                gaps += gapCells(piece, 0, piece.length());
                if (b * 10L / frames > tenth && b < frames) {
                    tenth = (int) (b * 10L / frames);
                    err.printf("export: %d%% (%,d of %,d samples)%n", tenth * 10, b, frames);
                    err.flush();
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            PartialFiles.abandon(partial);
            throw e;
        }
        PartialFiles.finish(partial, out);
        err.printf("wrote %d samples x %d leads to %s (in ranges of %,d samples; the record's checksums checked"
                + " first)%n", frames, first.leadCount(), out, step);
        if (gaps > 0) {
            err.printf("note: %d cells are gaps, written blank: commands read the file back with --csv-gaps%n", gaps);
        }
        return true;
    }

    /** Samples of every lead in {@code [from, to)} that are gaps (NaN). */
    private static long gapCells(Signal signal, int from, int to) {
        long gaps = 0;
        for (int l = 0; l < signal.leadCount(); l++) {
            for (int i = from; i < to; i++) {
                gaps += Float.isNaN(signal.physical(l, i)) ? 1 : 0;
            }
        }
        return gaps;
    }
}

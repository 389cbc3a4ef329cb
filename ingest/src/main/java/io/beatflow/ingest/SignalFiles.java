package io.beatflow.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry point that reads a signal from any supported file, chosen by the path's extension:
 * {@code .edf}/{@code .bdf} as EDF/EDF+/BDF ({@link EdfReader}), {@code .csv}/{@code .tsv} as CSV
 * ({@link CsvSignalReader}), and {@code .hea}, {@code .dat} or no extension as a WFDB record
 * ({@link WfdbReader}).
 */
public final class SignalFiles {
    private SignalFiles() {
    }

    /** The file types {@link SignalFiles} reads. */
    public enum Kind {
        /** A WFDB record: {@code .hea} header plus signal files. */
        WFDB,
        /** EDF, EDF+ or BDF. */
        EDF,
        /** Comma-, semicolon- or tab-separated values with a header row. */
        CSV
    }

    /**
     * The kind of file at {@code path}, from its extension (case-insensitive).
     *
     * @throws SignalFormatException if the extension is none of the known ones and no WFDB header
     *     {@code path + ".hea"} exists
     */
    public static Kind kindOf(Path path) throws SignalFormatException {
        Objects.requireNonNull(path, "path");
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        switch (ext) {
            case "edf":
            case "bdf":
                return Kind.EDF;
            case "csv":
            case "tsv":
                return Kind.CSV;
            case "":
            case "hea":
            case "dat":
                return Kind.WFDB;
            default:
                if (Files.exists(path.resolveSibling(name + ".hea"))) {
                    return Kind.WFDB; // a WFDB record whose name holds a dot
                }
                throw new SignalFormatException(path, "", "unknown file type '." + ext
                        + "': expected .edf, .bdf, .csv, .tsv, or a WFDB record (name without extension, or .hea)");
        }
    }

    /**
     * Reads every lead of the signal at {@code path}.
     *
     * <p>A CSV file needs a time column to give the sample rate (see {@link CsvSignalReader});
     * an EDF file needs all its signals at one rate, otherwise use {@link #read(Path, List,
     * CsvReadOptions)} to choose leads.
     *
     * @throws SignalFormatException if the file is malformed or of an unknown type, or a CSV file
     *     gives no sample rate
     * @throws IllegalArgumentException if an EDF file's signals have different sample rates (the
     *     message lists them)
     * @throws IOException if the file cannot be read
     */
    public static Signal read(Path path) throws IOException {
        return read(path, List.of(), CsvReadOptions.defaults());
    }

    /**
     * Reads the named leads (all of them if {@code leads} is empty) of the signal at {@code path}.
     *
     * @param leads lead names in the order wanted, matched ignoring case
     * @param csvOptions how to read a CSV file (sample rate, units, gaps); ignored for other types
     * @throws SignalFormatException as {@link #read(Path)}
     * @throws IllegalArgumentException if a lead is not in the file or the chosen EDF signals have
     *     different rates
     * @throws IOException if the file cannot be read
     */
    public static Signal read(Path path, List<String> leads, CsvReadOptions csvOptions) throws IOException {
        Objects.requireNonNull(leads, "leads");
        Objects.requireNonNull(csvOptions, "csvOptions");
        if (Files.isDirectory(path)) {
            throw new SignalFormatException(path, "", "a directory, not a record: give a record in it, e.g. "
                    + path.resolve("100") + " for its WFDB record 100, or an .edf or .csv file");
        }
        switch (kindOf(path)) {
            case EDF: {
                EdfRecording rec = EdfReader.read(path);
                return leads.isEmpty() ? rec.toSignal() : rec.toSignal(leads);
            }
            case CSV:
                return select(CsvSignalReader.read(path, csvOptions), leads);
            default: {
                Path record = path;
                String name = path.getFileName().toString();
                if (name.toLowerCase(Locale.ROOT).endsWith(".dat")) {
                    record = path.resolveSibling(name.substring(0, name.length() - 4));
                }
                WfdbReadOptions options = WfdbReadOptions.defaults();
                if (!leads.isEmpty()) {
                    options = options.withLeads(leads.toArray(new String[0]));
                }
                return WfdbReader.read(record, options);
            }
        }
    }

    private static Signal select(Signal s, List<String> leads) {
        if (leads.isEmpty()) {
            return s;
        }
        List<Lead> chosen = new ArrayList<>();
        float[][] rows = new float[leads.size()][];
        for (int i = 0; i < leads.size(); i++) {
            int idx = s.leadIndex(leads.get(i));
            chosen.add(s.leads().get(idx));
            rows[i] = s.physical(idx);
        }
        return Signal.ofPhysical(s.name(), s.sampleRateHz(), chosen, rows, s.startTime().orElse(null));
    }
}

package io.beatflow.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a signal from a CSV (or semicolon- or tab-separated) file: a header row naming the
 * columns, then one row per sample.
 *
 * <p>One column may hold time: seconds (named {@code time}, {@code t}, {@code seconds} or
 * {@code time_s}) or sample numbers (named {@code sample}), found by name or given in
 * {@link CsvReadOptions#timeColumn()}. Every other column is a lead, in physical units. The sample
 * rate comes from the options or, failing that, from a time column in seconds: the time steps must
 * be strictly increasing and regular (each within {@link CsvReadOptions#timeJitterFraction()} of
 * the median step, beyond the precision the times are printed with), and the rate is the number of
 * steps over the time spanned, snapped to a whole number of Hz when that lies within the printing
 * precision. The delimiter is whichever of {@code ,} {@code ;} and tab occurs most often in the
 * header row; fields may be quoted with {@code "} (a doubled quote inside is one quote, RFC 4180),
 * but a quoted field cannot span lines. Blank lines are skipped.
 */
public final class CsvSignalReader {
    private static final Set<String> SECONDS_COLUMNS = Set.of("time", "t", "seconds", "time_s");
    private static final String SAMPLE_COLUMN = "sample";
    private static final java.util.regex.Pattern UNIT_SUFFIX = java.util.regex.Pattern.compile("(.*\\S)\\s*[(\\[]\\s*([^)\\]]+?)\\s*[)\\]]");
    private static final List<String> VOLTAGE_UNITS = List.of("V", "mV", "uV", "nV");
    /** How to give a rate, on beatflow's command line (options of its record-reading commands) and in code. */
    private static final String GIVE_RATE = "give the rate with --csv-rate HZ on the command line"
            + " (CsvReadOptions.withSampleRateHz(...) in code)";
    /**
     * Columns from which a file with fewer data rows than columns is said to look transposed (one
     * row per lead); recordings have at most a few hundred leads (high-density EEG: 256).
     */
    private static final int TRANSPOSED_COLUMNS = 1000;
    /** Rows each column's buffer holds at first; buffers double when full. */
    private static final int INITIAL_ROWS = 16;

    private CsvSignalReader() {
    }

    /**
     * Reads a CSV file (UTF-8) as a {@link Signal} named after the file (without extension).
     *
     * @throws SignalFormatException if the file is malformed, naming the line and column (e.g.
     *     {@code "ecg.csv line 12, column 'MLII': not a number: 'abc'"}), if it is not valid UTF-8
     *     (naming the line and the byte), or if no sample rate is given and none can be inferred
     * @throws IOException if the file cannot be read
     */
    public static Signal read(Path file, CsvReadOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Parser(String.valueOf(file), r, options).parse();
        } catch (CharacterCodingException e) {
            // the decoder says neither where nor what ("Input length = 1"): find the byte
            throw notUtf8(file, e);
        }
    }

    /**
     * Reads CSV text from {@code reader}.
     *
     * @param sourceName name for messages; the signal is named after it (without extension)
     * @throws SignalFormatException as {@link #read(Path, CsvReadOptions)}, or if the reader cannot
     *     decode its bytes (naming the source only)
     */
    public static Signal read(String sourceName, Reader reader, CsvReadOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        try {
            return new Parser(sourceName, in, options).parse();
        } catch (CharacterCodingException e) {
            // the reader decodes ahead of the lines read, so no line is named
            SignalFormatException f = new SignalFormatException(sourceName, "", "not valid text in the reader's"
                    + " character encoding (" + e.getMessage() + "): read it in its own encoding, or save it as UTF-8");
            f.initCause(e);
            throw f;
        }
    }

    /**
     * The first byte of {@code file} that begins no well-formed UTF-8 sequence (Unicode 15, table
     * 3-7: no overlong forms, no surrogates, nothing above U+10FFFF, none cut short), named with
     * its line and offsets; lines end at LF, CR or CR LF, as {@link BufferedReader#readLine()} ends them.
     */
    private static SignalFormatException notUtf8(Path file, CharacterCodingException cause) throws IOException {
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long offset = 0;
            long lineStart = 0;
            int line = 1;
            boolean afterCr = false;
            int b;
            while ((b = in.read()) >= 0) {
                if (b < 0x80) {
                    if (b == '\n' && afterCr) {
                        lineStart = offset + 1;
                    } else if (b == '\n' || b == '\r') {
                        line++;
                        lineStart = offset + 1;
                    }
                    afterCr = b == '\r';
                    offset++;
                    continue;
                }
                afterCr = false;
                // continuation bytes needed, and the range the first of them must lie in
                int need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : 0;
                int lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
                int hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
                boolean ok = need > 0;
                for (int k = 0; k < need && ok; k++) {
                    int c = in.read();
                    ok = c >= (k == 0 ? lo : 0x80) && c <= (k == 0 ? hi : 0xBF);
                }
                if (!ok) {
                    String hex = String.format(Locale.ROOT, "0x%02X", b);
                    SignalFormatException e = new SignalFormatException(file, "line " + line, "not valid UTF-8: byte "
                            + hex + " at offset " + (offset - lineStart) + " of the line (" + offset + " of the file,"
                            + " counting from 0) begins no UTF-8 character; save the file as UTF-8"
                            + (b >= 0xA0 ? " (in Latin-1, " + hex + " is '" + (char) b + "')" : ""));
                    e.initCause(cause);
                    return e;
                }
                offset += need + 1;
            }
        }
        SignalFormatException e = new SignalFormatException(file, "", "not valid UTF-8 (" + cause.getMessage()
                + "); save the file as UTF-8");
        e.initCause(cause);
        return e;
    }

    private static final class Parser {
        private final String source;
        private final BufferedReader in;
        private final CsvReadOptions options;
        private int lineNo;
        /** Columns of the header row (0 until it is read) and data rows read so far, for {@link #shapeHint()}. */
        private int columns;
        private int rowsRead;

        Parser(String source, BufferedReader in, CsvReadOptions options) {
            this.source = source;
            this.in = in;
            this.options = options;
        }

        Signal parse() throws IOException {
            String headerLine = nextLine();
            if (headerLine == null) {
                throw new SignalFormatException(source, "", "file is empty; expected a header row naming the columns");
            }
            if (!headerLine.isEmpty() && headerLine.charAt(0) == '\uFEFF') {
                headerLine = headerLine.substring(1);
            }
            int headerLineNo = lineNo;
            char delimiter = detectDelimiter(headerLine);
            List<String> names = split(headerLine, delimiter);
            columns = names.size();
            // one hash look-up per column: comparing every pair took minutes for 100,000 columns
            Map<String, Integer> seen = new HashMap<>(names.size() * 2);
            for (int c = 0; c < names.size(); c++) {
                names.set(c, names.get(c).trim());
                if (names.get(c).isEmpty()) {
                    throw error(headerLineNo, "column " + (c + 1) + " of the header has no name");
                }
                Integer d = seen.putIfAbsent(foldCase(names.get(c)), c);
                if (d != null) {
                    throw error(headerLineNo, "columns " + (d + 1) + " and " + (c + 1) + " are both named '"
                            + names.get(c) + "': leads must be told apart by name");
                }
            }
            int timeCol = timeColumn(names, headerLineNo);
            boolean timeIsSample = timeCol >= 0 && names.get(timeCol).equalsIgnoreCase(SAMPLE_COLUMN);
            int leads = names.size() - (timeCol >= 0 ? 1 : 0);
            if (leads == 0) {
                throw error(headerLineNo, "no signal columns besides the time column '" + names.get(timeCol) + "'");
            }
            int[] leadCols = new int[leads];
            List<Lead> leadList = new ArrayList<>();
            Map<String, Integer> leadNames = new HashMap<>(leads * 2);
            for (int c = 0, l = 0; c < names.size(); c++) {
                if (c != timeCol) {
                    leadCols[l++] = c;
                    Lead lead = lead(names.get(c), options.units());
                    // MLII (uV) and MLII (mV) are two columns but would be two leads of one name
                    Integer other = leadNames.putIfAbsent(foldCase(lead.name()), c);
                    if (other != null) {
                        throw error(headerLineNo, "columns '" + names.get(other) + "' and '" + names.get(c)
                                + "' are both lead '" + lead.name() + "' (the unit in brackets is not part of a lead's"
                                + " name): leads must be told apart by name");
                    }
                    leadList.add(lead);
                }
            }

            // Buffers start small and double as rows come: a wide file of few rows (thousands of
            // columns) must not reserve kilobytes per column up front.
            float[][] values = new float[leads][INITIAL_ROWS];
            double[] times = timeCol >= 0 ? new double[INITIAL_ROWS] : null;
            int[] timeLines = timeCol >= 0 ? new int[INITIAL_ROWS] : null;
            int resolutionDecimals = 0;
            boolean exactTimes = false;
            int n = 0;
            String line;
            while ((line = nextLine()) != null) {
                List<String> cells = split(line, delimiter);
                if (cells.size() != names.size()) {
                    throw error(lineNo, "expected " + names.size() + " cells (as in the header, line " + headerLineNo
                            + ") but found " + cells.size());
                }
                if (n == values[0].length) {
                    // grow by half: the slack of a long file is at most a third of what it holds
                    int cap = (int) Math.min(Integer.MAX_VALUE - 16L, n + (n >> 1) + 16L);
                    if (cap == n) {
                        throw error(lineNo, "more than " + n + " data rows: a lead holds at most " + n
                                + " samples (a limit of Java arrays); split the file");
                    }
                    for (int l = 0; l < leads; l++) {
                        values[l] = Arrays.copyOf(values[l], cap);
                    }
                    if (times != null) {
                        times = Arrays.copyOf(times, cap);
                        timeLines = Arrays.copyOf(timeLines, cap);
                    }
                }
                for (int l = 0; l < leads; l++) {
                    values[l][n] = cell(cells.get(leadCols[l]), names.get(leadCols[l]));
                }
                if (times != null) {
                    String t = cells.get(timeCol).trim();
                    if (!isDecimal(t)) {
                        throw error(lineNo, names.get(timeCol), t.isEmpty() ? "empty time cell"
                                : "not a number: '" + t + "'");
                    }
                    times[n] = Double.parseDouble(t);
                    if (!Double.isFinite(times[n])) {
                        throw error(lineNo, names.get(timeCol), "time " + t + " is out of range");
                    }
                    timeLines[n] = lineNo;
                    int dot = t.indexOf('.');
                    if (t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
                        exactTimes = true;
                    } else if (dot >= 0) {
                        resolutionDecimals = Math.max(resolutionDecimals, t.length() - dot - 1);
                    }
                }
                n++;
                rowsRead = n;
            }
            double rate = sampleRate(names, timeCol, timeIsSample, times, timeLines, n, headerLineNo,
                    exactTimes ? 0 : Math.pow(10, -resolutionDecimals));
            times = null;
            timeLines = null;
            // lead by lead, each buffer let go once copied: the copies and the buffers are never all held at once
            float[][] data = new float[leads][];
            for (int l = 0; l < leads; l++) {
                data[l] = values[l].length == n ? values[l] : Arrays.copyOf(values[l], n);
                values[l] = null;
            }
            return Signal.ofPhysical(signalName(), rate, leadList, data, null);
        }

        private double sampleRate(List<String> names, int timeCol, boolean timeIsSample, double[] times,
                int[] timeLines, int n, int headerLineNo, double resolution) throws SignalFormatException {
            if (times != null) {
                String col = names.get(timeCol);
                for (int i = 1; i < n; i++) {
                    if (!(times[i] > times[i - 1])) {
                        throw error(timeLines[i], col, "time " + times[i] + " is not after " + times[i - 1]
                                + " on line " + timeLines[i - 1] + "; the time column must be strictly increasing");
                    }
                    if (timeIsSample && times[i] - times[i - 1] != 1) {
                        throw error(timeLines[i], col, "sample number " + fmt(times[i]) + " does not follow "
                                + fmt(times[i - 1]) + " on line " + timeLines[i - 1] + " (rows must be consecutive samples)");
                    }
                }
            }
            if (options.sampleRateHz().isPresent()) {
                return options.sampleRateHz().getAsDouble();
            }
            if (times == null) {
                throw error(headerLineNo, "no time column (time, t, seconds, time_s) and no sample rate given:"
                        + " add a column of times in seconds (as beatflow export writes), or " + GIVE_RATE);
            }
            if (timeIsSample) {
                throw error(headerLineNo, "column '" + names.get(timeCol) + "' holds sample numbers, not times:"
                        + " write times in seconds instead (a time_s column, as beatflow export writes for physical"
                        + " values), or " + GIVE_RATE);
            }
            if (n < 2) {
                throw error(headerLineNo, n + " data row(s): at least 2 are needed to infer the sample rate from column '"
                        + names.get(timeCol) + "'; " + GIVE_RATE);
            }
            double[] sorted = new double[n - 1];
            for (int i = 1; i < n; i++) {
                sorted[i - 1] = times[i] - times[i - 1];
            }
            Arrays.sort(sorted);
            double median = (n - 1) % 2 == 1 ? sorted[(n - 1) / 2]
                    : (sorted[(n - 1) / 2 - 1] + sorted[(n - 1) / 2]) / 2;
            // Times printed with d decimals carry up to 10^-d of rounding in each step.
            double tolerance = Math.max(options.timeJitterFraction() * median, resolution) + 1e-9 * median;
            sorted = null;
            for (int i = 0; i < n - 1; i++) {
                double step = times[i + 1] - times[i];
                if (Math.abs(step - median) > tolerance) {
                    throw error(timeLines[i + 1], names.get(timeCol), "time step " + fmt(step) + " s from line "
                            + timeLines[i] + " differs from the median step " + fmt(median) + " s by more than "
                            + fmt(tolerance) + " s: irregular sampling or missing rows; resample the file or "
                            + GIVE_RATE);
                }
            }
            double span = times[n - 1] - times[0];
            double rate = (n - 1) / span;
            // Both end times are rounded by up to resolution / 2, so the span is known to +-resolution.
            double bound = rate * resolution / span + 1e-9 * rate;
            double whole = Math.rint(rate);
            double result = whole > 0 && Math.abs(rate - whole) <= bound ? whole : rate;
            if (!(result > 0) || !Double.isFinite(result)) {
                throw error(headerLineNo, names.get(timeCol), "times from " + times[0] + " to " + times[n - 1]
                        + " s over " + n + " rows give no usable sample rate (" + result + " Hz)");
            }
            return result;
        }

        private int timeColumn(List<String> names, int headerLineNo) throws SignalFormatException {
            if (options.timeColumn().isPresent()) {
                String want = options.timeColumn().get().trim();
                for (int c = 0; c < names.size(); c++) {
                    if (names.get(c).equalsIgnoreCase(want)) {
                        return c;
                    }
                }
                throw error(headerLineNo, "no column named '" + want + "' (the time column asked for); columns are "
                        + names);
            }
            int found = -1;
            for (int c = 0; c < names.size(); c++) {
                String name = names.get(c).toLowerCase(Locale.ROOT);
                if (SECONDS_COLUMNS.contains(name) || name.equals(SAMPLE_COLUMN)) {
                    if (found >= 0) {
                        // the second would otherwise be read as a lead
                        throw error(headerLineNo, "columns '" + names.get(found) + "' and '" + names.get(c)
                                + "' are both time columns; keep one, or name the time column with --csv-time-column"
                                + " NAME on the command line (CsvReadOptions.withTimeColumn(...) in code)");
                    }
                    found = c;
                }
            }
            return found;
        }

        /**
         * The lead of a column: a name ending in a voltage unit in parentheses or brackets
         * ({@code MLII (uV)}, {@code V5 [mV]}) gives the lead that name and unit; any other name is
         * the lead's name, in {@code defaultUnits}.
         */
        private Lead lead(String column, String defaultUnits) {
            java.util.regex.Matcher m = UNIT_SUFFIX.matcher(column);
            if (m.matches()) {
                String unit = m.group(2).replace('\u00b5', 'u').replace('\u03bc', 'u');
                for (String known : VOLTAGE_UNITS) {
                    if (known.equals(unit)) {
                        return Lead.physical(m.group(1), known);
                    }
                }
            }
            return Lead.physical(column, defaultUnits);
        }

        private float cell(String raw, String column) throws SignalFormatException {
            String s = raw.trim();
            if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
                if (options.gapsAllowed()) {
                    return Float.NaN;
                }
                throw error(lineNo, column, (s.isEmpty() ? "empty cell" : "NaN cell") + "; blank or NaN cells"
                        + " (beatflow export writes gaps as blank cells) are read as gaps only with --csv-gaps on the"
                        + " command line (CsvReadOptions.withGapsAllowed(true) in code)");
            }
            float v = fastFloat(s);
            if (Float.isNaN(v)) { // not plain fixed-point text, or a rounding tie: take the general path
                if (!isDecimal(s)) {
                    throw error(lineNo, column, "not a number: '" + s + "'");
                }
                v = Float.parseFloat(s);
            }
            if (Float.isInfinite(v)) {
                throw error(lineNo, column, "value " + s + " does not fit a float");
            }
            return v;
        }

        private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15};

        /**
         * Parses plain fixed-point text ({@code -12.345}) of at most 15 digits exactly as
         * {@link Float#parseFloat} would, or returns NaN to send the text down the general path.
         * {@code m / 10^k} with both exact in a double is one correctly rounded division; rounding
         * that double to float gives the correctly rounded float unless the double sits exactly on
         * a midpoint between two floats (double rounding), which is detected and sent back.
         */
        private static float fastFloat(String s) {
            int len = s.length();
            int i = 0;
            boolean negative = false;
            if (s.charAt(0) == '-' || s.charAt(0) == '+') {
                negative = s.charAt(0) == '-';
                i++;
            }
            long m = 0;
            int digits = 0;
            int fraction = -1;
            for (; i < len; i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    m = m * 10 + (c - '0');
                    digits++;
                    if (fraction >= 0) {
                        fraction++;
                    }
                } else if (c == '.' && fraction < 0) {
                    fraction = 0;
                } else {
                    return Float.NaN;
                }
            }
            if (digits == 0 || digits > 15) {
                return Float.NaN;
            }
            double d = fraction > 0 ? m / POW10[fraction] : m;
            float f = (float) d;
            if ((double) f != d) {
                float other = d > f ? Math.nextUp(f) : Math.nextDown(f);
                if (((double) f + (double) other) / 2 == d) {
                    return Float.NaN;
                }
            }
            return negative ? -f : f;
        }

        /** Decimal text: sign, digits with an optional fraction, optional exponent; nothing else. */
        private static boolean isDecimal(String s) {
            int i = 0;
            int len = s.length();
            if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int digits = 0;
            while (i < len && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
                digits++;
            }
            if (i < len && s.charAt(i) == '.') {
                i++;
                while (i < len && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                    digits++;
                }
            }
            if (digits == 0) {
                return false;
            }
            if (i < len && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int exp = 0;
                while (i < len && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                    exp++;
                }
                if (exp == 0) {
                    return false;
                }
            }
            return i == len;
        }

        private static char detectDelimiter(String header) {
            int comma = 0;
            int semicolon = 0;
            int tab = 0;
            boolean quoted = false;
            for (int i = 0; i < header.length(); i++) {
                char c = header.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted) {
                    if (c == ',') {
                        comma++;
                    } else if (c == ';') {
                        semicolon++;
                    } else if (c == '\t') {
                        tab++;
                    }
                }
            }
            if (tab > comma && tab > semicolon) {
                return '\t';
            }
            return semicolon > comma ? ';' : ',';
        }

        private List<String> split(String line, char delimiter) throws SignalFormatException {
            List<String> cells = new ArrayList<>();
            int i = 0;
            int len = line.length();
            while (true) {
                int start = i;
                while (i < len && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < len && line.charAt(i) == '"') {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    while (true) {
                        if (i >= len) {
                            throw error(lineNo, "unterminated quoted field in column " + (cells.size() + 1)
                                    + " (a quoted field cannot span lines)");
                        }
                        char c = line.charAt(i);
                        if (c == '"') {
                            if (i + 1 < len && line.charAt(i + 1) == '"') {
                                sb.append('"');
                                i += 2;
                            } else {
                                i++;
                                break;
                            }
                        } else {
                            sb.append(c);
                            i++;
                        }
                    }
                    while (i < len && line.charAt(i) == ' ') {
                        i++;
                    }
                    if (i < len && line.charAt(i) != delimiter) {
                        throw error(lineNo, "unexpected text after the closing quote in column " + (cells.size() + 1));
                    }
                    cells.add(sb.toString());
                } else {
                    i = start;
                    int end = line.indexOf(delimiter, i);
                    if (end < 0) {
                        end = len;
                    }
                    cells.add(line.substring(i, end));
                    i = end;
                }
                if (i >= len) {
                    return cells;
                }
                i++; // past the delimiter
            }
        }

        private String nextLine() throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    return line;
                }
            }
            return null;
        }

        private String signalName() {
            String name = source;
            int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            name = name.substring(slash + 1);
            int dot = name.lastIndexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        }

        /**
         * A note for a file of many more columns than rows, as a recording written one row per lead
         * looks: its header is a lead's first samples (numbers, often repeated) or sample numbers,
         * and its first column holds lead names.
         */
        private String shapeHint() {
            if (columns < TRANSPOSED_COLUMNS || rowsRead >= columns) {
                return "";
            }
            return " (" + columns + " columns for " + rowsRead + " data row(s) so far: the file looks transposed, one"
                    + " row per lead; beatflow reads one column per lead and one row per sample)";
        }

        private SignalFormatException error(int line, String problem) {
            return new SignalFormatException(source, "line " + line, problem + shapeHint());
        }

        private SignalFormatException error(int line, String column, String problem) {
            return new SignalFormatException(source, "line " + line + ", column '" + column + "'",
                    problem + shapeHint());
        }

        /**
         * A key equal for two names exactly when {@link String#equalsIgnoreCase} holds: that method
         * compares code points after {@link Character#toUpperCase(int)} and then
         * {@link Character#toLowerCase(int)}, which this applies to each code point.
         */
        private static String foldCase(String name) {
            StringBuilder sb = new StringBuilder(name.length());
            name.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
            return sb.toString();
        }

        private static String fmt(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}

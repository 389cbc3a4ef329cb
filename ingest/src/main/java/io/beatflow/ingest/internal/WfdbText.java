package io.beatflow.ingest.internal;

import io.beatflow.ingest.SignalFormatException;
import io.beatflow.ingest.WfdbHeader;
import io.beatflow.ingest.WfdbHeader.RecordLine;
import io.beatflow.ingest.WfdbHeader.Segment;
import io.beatflow.ingest.WfdbHeader.SignalLine;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parsing and formatting of WFDB header text (see {@link WfdbHeader} for the syntax). Every defect
 * becomes a {@link SignalFormatException} naming the source, the line and the offending field.
 */
public final class WfdbText {
    /**
     * Smallest gain magnitude taken: any 33-bit sample divided by it is a finite float (physical
     * values are floats), 2^33 / Float.MAX_VALUE, about 2.5e-29.
     */
    static final double MIN_GAIN = 0x1p33 / Float.MAX_VALUE;

    /** Upper bound on signals and segments in one header, so a corrupt count cannot exhaust memory. */
    static final int MAX_COUNT = 1 << 16;

    private WfdbText() {
    }

    /** One whitespace-separated field and where the rest of its line starts. */
    private record Field(String text, int end) {
    }

    /** Parses a header; see {@link WfdbHeader#parse(String, String)}. */
    public static WfdbHeader parseHeader(String source, String text) throws SignalFormatException {
        String[] lines = text.split("\n", -1);
        List<String> comments = new ArrayList<>();
        RecordLine record = null;
        List<SignalLine> signals = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            if (stripped.startsWith("#")) {
                comments.add(stripped.substring(1).strip());
                continue;
            }
            String place = "line " + (i + 1);
            if (record == null) {
                record = parseRecordLine(source, place, stripped);
            } else if (record.isMultiSegment()) {
                if (segments.size() == record.segmentCount()) {
                    throw new SignalFormatException(source, place, "unexpected line after the "
                            + record.segmentCount() + " segment lines: '" + abbreviate(stripped) + "'");
                }
                segments.add(parseSegmentLine(source, place, stripped));
            } else {
                if (signals.size() == record.signalCount()) {
                    throw new SignalFormatException(source, place, "unexpected line after the "
                            + record.signalCount() + " signal lines: '" + abbreviate(stripped) + "'");
                }
                signals.add(parseSignalLine(source, place, stripped, record.name(), signals.size()));
            }
        }
        if (record == null) {
            throw new SignalFormatException(source, "", "no record line (the header is empty or all comments)");
        }
        if (record.isMultiSegment() && segments.size() != record.segmentCount()) {
            throw new SignalFormatException(source, "", "record line names " + record.segmentCount()
                    + " segments but " + segments.size() + " segment lines follow");
        }
        if (!record.isMultiSegment() && signals.size() != record.signalCount()) {
            throw new SignalFormatException(source, "", "record line names " + record.signalCount()
                    + " signals but " + signals.size() + " signal lines follow");
        }
        return new WfdbHeader(source, record, signals, segments, comments);
    }

    private static RecordLine parseRecordLine(String source, String place, String line) throws SignalFormatException {
        List<Field> f = fields(line);
        if (f.size() < 2) {
            throw new SignalFormatException(source, place, "record line needs at least a record name and a"
                    + " signal count, got '" + abbreviate(line) + "'");
        }
        String nameField = f.get(0).text();
        String name = nameField;
        int segmentCount = 0;
        int slash = nameField.indexOf('/');
        if (slash >= 0) {
            name = nameField.substring(0, slash);
            segmentCount = parseInt(source, place, "segment count", nameField.substring(slash + 1), 1, MAX_COUNT);
        }
        if (name.isEmpty()) {
            throw new SignalFormatException(source, place, "empty record name");
        }
        int nsig = parseInt(source, place, "signal count", f.get(1).text(), 0, MAX_COUNT);
        double freq = WfdbHeader.DEFAULT_FREQUENCY_HZ;
        double counterFreq = 0;
        double baseCounter = 0;
        if (f.size() > 2) {
            String t = f.get(2).text();
            int s = t.indexOf('/');
            String freqText = s >= 0 ? t.substring(0, s) : t;
            freq = parseDouble(source, place, "sampling frequency", freqText);
            if (!(freq > 0)) {
                throw new SignalFormatException(source, place, "sampling frequency must be positive, got '"
                        + freqText + "'");
            }
            if (s >= 0) {
                String rest = t.substring(s + 1);
                int p = rest.indexOf('(');
                String cf = p >= 0 ? rest.substring(0, p) : rest;
                counterFreq = parseDouble(source, place, "counter frequency", cf);
                if (!(counterFreq > 0)) {
                    throw new SignalFormatException(source, place, "counter frequency must be positive, got '"
                            + cf + "'");
                }
                if (p >= 0) {
                    if (!rest.endsWith(")")) {
                        throw new SignalFormatException(source, place, "base counter value must be closed by ')' in '"
                                + t + "'");
                    }
                    baseCounter = parseDouble(source, place, "base counter value", rest.substring(p + 1,
                            rest.length() - 1));
                }
            }
        }
        if (counterFreq == 0) {
            counterFreq = freq;
        }
        long nsamp = 0;
        if (f.size() > 3) {
            nsamp = parseLong(source, place, "number of samples", f.get(3).text(), 0, Long.MAX_VALUE);
        }
        String baseTime = "";
        String baseDate = "";
        if (f.size() > 4) {
            baseTime = f.get(4).text();
            try {
                parseTime(baseTime);
            } catch (RuntimeException e) {
                throw new SignalFormatException(source, place, "base time must be HH:MM:SS, got '"
                        + abbreviate(baseTime) + "'");
            }
        }
        if (f.size() > 5) {
            baseDate = f.get(5).text();
            try {
                parseDate(baseDate);
            } catch (RuntimeException e) {
                throw new SignalFormatException(source, place, "base date must be DD/MM/YYYY, got '"
                        + abbreviate(baseDate) + "'");
            }
        }
        if (f.size() > 6) {
            throw new SignalFormatException(source, place, "record line has " + f.size()
                    + " fields, at most 6 are allowed");
        }
        return new RecordLine(name, segmentCount, nsig, freq, counterFreq, baseCounter, nsamp, baseTime, baseDate);
    }

    private static Segment parseSegmentLine(String source, String place, String line) throws SignalFormatException {
        List<Field> f = fields(line);
        if (f.size() != 2) {
            throw new SignalFormatException(source, place, "segment line needs a record name and a sample"
                    + " count, got " + f.size() + " fields");
        }
        return new Segment(f.get(0).text(), parseLong(source, place, "segment length", f.get(1).text(), 0,
                Long.MAX_VALUE));
    }

    private static SignalLine parseSignalLine(String source, String place, String line, String recordName,
            int index) throws SignalFormatException {
        List<Field> f = fields(line);
        if (f.size() < 2) {
            throw new SignalFormatException(source, place, "signal line needs at least a file name and a"
                    + " storage format, got '" + abbreviate(line) + "'");
        }
        String fileName = f.get(0).text();
        // format[xspf][:skew][+offset]
        String fmt = f.get(1).text();
        int pos = digitsEnd(fmt, 0);
        int format = parseInt(source, place, "storage format", fmt.substring(0, pos), 0, Integer.MAX_VALUE);
        int spf = 1;
        int skew = 0;
        long offset = 0;
        if (pos < fmt.length() && fmt.charAt(pos) == 'x') {
            int e = digitsEnd(fmt, pos + 1);
            spf = parseInt(source, place, "samples per frame", fmt.substring(pos + 1, e), 1, MAX_COUNT);
            pos = e;
        }
        if (pos < fmt.length() && fmt.charAt(pos) == ':') {
            int e = digitsEnd(fmt, pos + 1);
            skew = parseInt(source, place, "skew", fmt.substring(pos + 1, e), 0, Integer.MAX_VALUE);
            pos = e;
        }
        if (pos < fmt.length() && fmt.charAt(pos) == '+') {
            int e = digitsEnd(fmt, pos + 1);
            offset = parseLong(source, place, "byte offset", fmt.substring(pos + 1, e), 0, Long.MAX_VALUE);
            pos = e;
        }
        if (pos != fmt.length()) {
            throw new SignalFormatException(source, place, "malformed format field '" + abbreviate(fmt)
                    + "' (expected format[xSPF][:skew][+offset])");
        }
        if (!WfdbFormats.isSupported(format)) {
            String why = format == 508 || format == 516 || format == 524 ? " (FLAC-compressed formats are not supported)"
                    : "";
            throw new SignalFormatException(source, place, "unknown storage format " + format + why);
        }
        double gain = 0;
        Integer baseline = null;
        String units = "mV";
        if (f.size() > 2) {
            String g = f.get(2).text();
            int slash = g.indexOf('/');
            if (slash >= 0) {
                units = g.substring(slash + 1);
                g = g.substring(0, slash);
                if (units.isEmpty()) {
                    throw new SignalFormatException(source, place, "empty units after '/' in gain field '"
                            + abbreviate(f.get(2).text()) + "'");
                }
            }
            int paren = g.indexOf('(');
            if (paren >= 0) {
                if (!g.endsWith(")")) {
                    throw new SignalFormatException(source, place, "bad baseline in gain field '"
                            + abbreviate(f.get(2).text()) + "': missing ')'");
                }
                String b = g.substring(paren + 1, g.length() - 1);
                baseline = parseInt(source, place, "baseline", b, Integer.MIN_VALUE, Integer.MAX_VALUE);
                g = g.substring(0, paren);
            }
            gain = parseDouble(source, place, "gain", g);
            if (gain != 0 && Math.abs(gain) < MIN_GAIN) {
                throw new SignalFormatException(source, place, "gain " + g + " adu per unit is too small: a sample"
                        + " divided by it overflows; the gain is in ADC units per physical unit (e.g. 200 adu/mV)");
            }
        }
        int adcRes = 0;
        if (f.size() > 3) {
            adcRes = parseInt(source, place, "ADC resolution", f.get(3).text(), 0, 64);
        }
        if (adcRes == 0) {
            adcRes = WfdbFormats.bits(format);
        }
        int adcZero = 0;
        if (f.size() > 4) {
            adcZero = parseInt(source, place, "ADC zero", f.get(4).text(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        int init = adcZero;
        boolean hasInit = f.size() > 5;
        if (hasInit) {
            init = parseInt(source, place, "initial value", f.get(5).text(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        int checksum = 0;
        boolean hasChecksum = false;
        if (f.size() > 6) {
            checksum = parseInt(source, place, "checksum", f.get(6).text(), -32768, 65535);
            checksum = (short) checksum;
            hasChecksum = true;
        }
        int blockSize = 0;
        if (f.size() > 7) {
            blockSize = parseInt(source, place, "block size", f.get(7).text(), 0, Integer.MAX_VALUE);
        }
        String description = "record " + recordName + ", signal " + index;
        if (f.size() > 8) {
            description = line.substring(f.get(7).end()).strip();
        }
        return new SignalLine(fileName, format, spf, skew, offset, gain, baseline == null ? adcZero : baseline,
                units, adcRes, adcZero, init, hasInit, checksum, hasChecksum, blockSize, description);
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static List<Field> fields(String line) {
        List<Field> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !isSpace(line.charAt(i))) {
                i++;
            }
            out.add(new Field(line.substring(start, i), i));
        }
        return out;
    }

    private static boolean isSpace(char c) {
        // the same notion of white space as String.strip(), so that fields and stripped lines agree
        return Character.isWhitespace(c);
    }

    static int parseInt(String source, String place, String what, String text, int min, int max)
            throws SignalFormatException {
        long v = parseLong(source, place, what, text, min, max);
        return (int) v;
    }

    static long parseLong(String source, String place, String what, String text, long min, long max)
            throws SignalFormatException {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new SignalFormatException(source, place, "bad " + what + " '" + abbreviate(text)
                    + "': not an integer");
        }
        if (v < min || v > max) {
            throw new SignalFormatException(source, place, what + " " + v + " out of range [" + min + ", "
                    + max + "]");
        }
        return v;
    }

    static double parseDouble(String source, String place, String what, String text) throws SignalFormatException {
        double v;
        try {
            // Double.parseDouble also takes "NaN", "Infinity" and hex floats; reject them first.
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!(Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                    throw new NumberFormatException();
                }
            }
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new SignalFormatException(source, place, "bad " + what + " '" + abbreviate(text)
                    + "': not a number");
        }
        if (!Double.isFinite(v)) {
            throw new SignalFormatException(source, place, "bad " + what + " '" + abbreviate(text)
                    + "': not finite");
        }
        return v;
    }

    /** Parses a WFDB base time {@code HH:MM:SS[.sss]} (also {@code MM:SS}). */
    public static LocalTime parseTime(String text) {
        String[] p = text.split(":", -1);
        if (p.length < 2 || p.length > 3) {
            throw new DateTimeParseException("bad time", text, 0);
        }
        int h = p.length == 3 ? Integer.parseInt(p[0]) : 0;
        int m = Integer.parseInt(p[p.length - 2]);
        String sec = p[p.length - 1];
        if (sec.isEmpty() || !sec.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            throw new DateTimeParseException("bad time", text, 0);
        }
        double s = Double.parseDouble(sec);
        int whole = (int) Math.floor(s);
        int nanos = (int) Math.round((s - whole) * 1e9);
        if (nanos >= 1_000_000_000) {
            nanos = 999_999_999;
        }
        return LocalTime.of(h, m, whole, nanos);
    }

    /** Parses a WFDB base date {@code DD/MM/YYYY}. */
    public static LocalDate parseDate(String text) {
        String[] p = text.split("/", -1);
        if (p.length != 3) {
            throw new DateTimeParseException("bad date", text, 0);
        }
        return LocalDate.of(Integer.parseInt(p[2]), Integer.parseInt(p[1]), Integer.parseInt(p[0]));
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** Formats a header in WFDB syntax with LF line endings. */
    public static String formatHeader(WfdbHeader h) {
        StringBuilder sb = new StringBuilder();
        RecordLine r = h.record();
        sb.append(r.name());
        if (r.isMultiSegment()) {
            sb.append('/').append(r.segmentCount());
        }
        sb.append(' ').append(r.signalCount()).append(' ').append(number(r.frequencyHz()));
        if (r.counterFrequencyHz() != r.frequencyHz() || r.baseCounter() != 0) {
            sb.append('/').append(number(r.counterFrequencyHz()));
            if (r.baseCounter() != 0) {
                sb.append('(').append(number(r.baseCounter())).append(')');
            }
        }
        sb.append(' ').append(r.samplesPerSignal());
        if (!r.baseTime().isEmpty()) {
            sb.append(' ').append(r.baseTime());
            if (!r.baseDate().isEmpty()) {
                sb.append(' ').append(r.baseDate());
            }
        }
        sb.append('\n');
        for (Segment s : h.segments()) {
            sb.append(s.name()).append(' ').append(s.samples()).append('\n');
        }
        for (SignalLine s : h.signals()) {
            sb.append(s.fileName()).append(' ').append(s.format());
            if (s.samplesPerFrame() != 1) {
                sb.append('x').append(s.samplesPerFrame());
            }
            if (s.skew() != 0) {
                sb.append(':').append(s.skew());
            }
            if (s.byteOffset() != 0) {
                sb.append('+').append(s.byteOffset());
            }
            sb.append(' ').append(number(s.adcGain()));
            if (s.baseline() != s.adcZero()) {
                sb.append('(').append(s.baseline()).append(')');
            }
            if (!"mV".equals(s.units())) {
                sb.append('/').append(s.units());
            }
            sb.append(' ').append(s.adcResolution()).append(' ').append(s.adcZero()).append(' ')
                    .append(s.initialValue()).append(' ').append(s.checksum()).append(' ').append(s.blockSize());
            sb.append(' ').append(s.description()).append('\n');
        }
        for (String c : h.comments()) {
            sb.append("# ").append(c).append('\n');
        }
        return sb.toString();
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}

package io.beatflow.ingest;

import io.beatflow.ingest.WfdbHeader.RecordLine;
import io.beatflow.ingest.WfdbHeader.SignalLine;
import io.beatflow.ingest.internal.WfdbFormats;
import io.beatflow.ingest.internal.WfdbRecordDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link Signal} as a WFDB record: {@code <name>.hea} and {@code <name>.dat} (all leads
 * interleaved frame by frame in one signal file), with each signal's initial value and 16-bit
 * checksum in the header, so that PhysioNet tools and {@link WfdbReader} read it back exactly.
 *
 * <p>Digital values are written as they are where the signal has them; otherwise physical values
 * are quantised as {@code round(physical * gain + baseline)} with each lead's gain and baseline.
 * Gaps (NaN, or {@link Integer#MIN_VALUE} digital values) become the format's invalid-sample
 * marker. Formats 8, 16, 24, 32, 61, 80, 160, 212, 310 and 311 can be written; 16 and 212 are the
 * usual choices (212 holds -2047..2047, 16 holds -32767..32767).
 */
public final class WfdbWriter {
    private WfdbWriter() {
    }

    /**
     * Writes {@code <directory>/<signal name>.hea} and {@code .dat}, replacing existing files.
     *
     * @param format the storage format
     * @throws IllegalArgumentException if the format is not writable, a value does not fit it (or a
     *     format-8 difference exceeds -128..127, or a gap is written in format 8), a lead's baseline
     *     is not an integer, or a name or unit contains whitespace
     * @throws IOException if a file cannot be written
     */
    public static void write(Path directory, Signal signal, int format) throws IOException {
        if (format == 0 || !WfdbFormats.isSupported(format)) {
            throw new IllegalArgumentException("cannot write storage format " + format
                    + "; use one of 8, 16, 24, 32, 61, 80, 160, 212, 310, 311");
        }
        String name = signal.name();
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw new IllegalArgumentException("record name must be non-empty without whitespace or '/', got '"
                    + name + "'");
        }
        int nsig = signal.leadCount();
        int n = signal.length();
        long inv = WfdbFormats.invalidValue(format);
        long min = WfdbFormats.minValue(format);
        long max = WfdbFormats.maxValue(format);
        int[] flat = new int[Math.multiplyExact(n, nsig)];
        List<SignalLine> lines = new ArrayList<>();
        for (int l = 0; l < nsig; l++) {
            Lead lead = signal.leads().get(l);
            if (lead.baseline() != Math.rint(lead.baseline()) || Math.abs(lead.baseline()) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("lead " + lead.name() + ": baseline " + lead.baseline()
                        + " is not an integer; WFDB headers hold integer baselines");
            }
            if (lead.units().isEmpty() || lead.units().chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("lead " + lead.name() + ": units '" + lead.units()
                        + "' must be non-empty without whitespace");
            }
            if (lead.name().indexOf('\n') >= 0 || lead.name().indexOf('\r') >= 0) {
                throw new IllegalArgumentException("lead name must be one line, got '" + lead.name() + "'");
            }
            int[] d = digitalValues(signal, l);
            int prev = n > 0 ? d[0] : 0;
            int init = prev;
            int sum = 0;
            for (int i = 0; i < n; i++) {
                int v = d[i];
                int stored;
                if (v == WfdbRecordDecoder.INVALID) {
                    if (inv == WfdbFormats.NO_INVALID) {
                        throw new IllegalArgumentException("lead " + lead.name() + " sample " + i
                                + ": format " + format + " cannot mark a gap");
                    }
                    stored = (int) inv;
                } else if (v <= (inv == WfdbFormats.NO_INVALID ? min - 1 : inv) || v > max) {
                    throw new IllegalArgumentException("lead " + lead.name() + " sample " + i + ": value " + v
                            + " does not fit format " + format + " (valid " + (inv == WfdbFormats.NO_INVALID ? min
                            : inv + 1) + ".." + max + ")");
                } else {
                    stored = v;
                }
                if (format == 8) {
                    int diff = v - prev;
                    if (diff < -128 || diff > 127) {
                        throw new IllegalArgumentException("lead " + lead.name() + " sample " + i
                                + ": difference " + diff + " does not fit format 8 (-128..127)");
                    }
                    flat[i * nsig + l] = diff;
                    prev = v;
                } else {
                    flat[i * nsig + l] = stored;
                }
                sum += stored;
                if (i == 0) {
                    init = stored;
                }
            }
            String desc = lead.name().isBlank() ? "" : lead.name();
            lines.add(new SignalLine(name + ".dat", format, 1, 0, 0, lead.gain(), (int) lead.baseline(),
                    lead.units(), WfdbFormats.bits(format), 0, init, (short) sum, true, 0, desc));
        }
        String baseTime = "";
        String baseDate = "";
        if (signal.startTime().isPresent()) {
            LocalDateTime t = signal.startTime().get();
            baseTime = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
            if (t.getNano() != 0) {
                baseTime += String.format(Locale.ROOT, ".%03d", t.getNano() / 1_000_000);
            }
            baseDate = String.format(Locale.ROOT, "%02d/%02d/%04d", t.getDayOfMonth(), t.getMonthValue(), t.getYear());
        }
        RecordLine rl = new RecordLine(name, 0, nsig, signal.sampleRateHz(), signal.sampleRateHz(), 0, n, baseTime,
                baseDate);
        WfdbHeader header = new WfdbHeader(name + ".hea", rl, lines, List.of(), List.of());
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".dat"), WfdbFormats.encode(format, flat, flat.length));
        Files.write(directory.resolve(name + ".hea"), header.format().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Writes annotations as {@code <directory>/<record>.<annotator>} (e.g. {@code 100.atr}).
     *
     * @see WfdbAnnotationWriter#write(Path, List)
     */
    public static void writeAnnotations(Path directory, String record, String annotator, List<Annotation> annotations)
            throws IOException {
        Files.createDirectories(directory);
        WfdbAnnotationWriter.write(directory.resolve(record + "." + annotator), annotations);
    }

    private static int[] digitalValues(Signal signal, int lead) {
        if (signal.hasDigital()) {
            return signal.digital(lead);
        }
        Lead l = signal.leads().get(lead);
        float[] p = signal.physical(lead);
        int[] d = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            if (Float.isNaN(p[i])) {
                d[i] = WfdbRecordDecoder.INVALID;
            } else {
                double v = Math.rint(p[i] * l.gain() + l.baseline());
                if (v <= Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("lead " + l.name() + " sample " + i + ": physical value "
                            + p[i] + " is out of range at gain " + l.gain());
                }
                d[i] = (int) v;
            }
        }
        return d;
    }
}

package io.beatflow.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes samples of a {@link Signal} as CSV: a header {@code sample,<lead names>}, then one row per
 * sample with its sample number and one value per lead (the layout of PhysioNet's {@code rdsamp
 * -c}, without its units row).
 *
 * <p>Physical values are written in the shortest decimal form that {@link Float#toString(float)}
 * gives, which parses back to exactly the same float ({@code 1.0} is shortened to {@code 1});
 * digital values as integers. Gaps (NaN) are empty cells, which {@link CsvSignalReader} reads back
 * as gaps when {@link CsvReadOptions#withGapsAllowed(boolean)} is set. Lead names holding a comma,
 * quote or line break are quoted (RFC 4180).
 */
public final class CsvSignalWriter {
    private CsvSignalWriter() {
    }

    /**
     * Writes samples {@code [from, to)} of every lead to {@code out} (UTF-8).
     *
     * @param digital write digital (ADC) values instead of physical ones
     * @throws IllegalArgumentException if the range is outside the signal, or digital values are
     *     asked for but the signal has none
     * @throws IOException if the file cannot be written
     */
    public static void write(Path out, Signal signal, int from, int to, boolean digital) throws IOException {
        check(signal, from, to, digital);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            write(w, signal, from, to, digital);
        }
    }

    /**
     * Writes samples {@code [from, to)} of every lead to {@code out} (e.g. standard output); the
     * writer is flushed, not closed.
     */
    public static void write(Writer out, Signal signal, int from, int to, boolean digital) throws IOException {
        check(signal, from, to, digital);
        int leads = signal.leadCount();
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("sample");
        for (Lead lead : signal.leads()) {
            sb.append(',').append(quote(lead.name()));
        }
        sb.append('\n');
        float[][] phys = new float[leads][];
        int[][] dig = new int[leads][];
        for (int l = 0; l < leads; l++) {
            phys[l] = signal.physical(l);
            if (digital) {
                dig[l] = signal.digital(l);
            }
        }
        for (int i = from; i < to; i++) {
            sb.append(i);
            for (int l = 0; l < leads; l++) {
                sb.append(',');
                float v = phys[l][i];
                if (Float.isNaN(v)) {
                    continue;
                }
                if (digital) {
                    sb.append(dig[l][i]);
                } else {
                    appendFloat(sb, v);
                }
            }
            sb.append('\n');
            if (sb.length() > (1 << 16) - 256) {
                out.append(sb);
                sb.setLength(0);
            }
        }
        out.append(sb);
        out.flush();
    }

    private static void check(Signal signal, int from, int to, boolean digital) {
        Objects.requireNonNull(signal, "signal");
        if (from < 0 || to > signal.length() || from > to) {
            throw new IllegalArgumentException(signal.name() + ": sample range [" + from + ", " + to
                    + ") is outside [0, " + signal.length() + ")");
        }
        if (digital && !signal.hasDigital()) {
            throw new IllegalArgumentException(signal.name()
                    + ": no digital values to write (the source held physical values only); write physical values");
        }
    }

    /** Appends the shortest round-tripping form, dropping a trailing ".0" (e.g. "1" for 1.0f). */
    static void appendFloat(StringBuilder sb, float v) {
        if (v == (int) v && v != 0) {
            sb.append((int) v);
            return;
        }
        String s = Float.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            if (s.endsWith(".0")) {
                sb.append(s, 0, s.length() - 2);
            } else {
                sb.append(s);
            }
        } else if (s.startsWith(".0", e - 2)) {
            sb.append(s, 0, e - 2).append(s, e, s.length());
        } else {
            sb.append(s);
        }
    }

    private static String quote(String name) {
        if (name.indexOf(',') < 0 && name.indexOf('"') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0
                && name.indexOf(';') < 0 && name.indexOf('\t') < 0) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}

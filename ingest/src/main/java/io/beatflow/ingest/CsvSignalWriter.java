package io.beatflow.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes samples of a {@link Signal} as CSV, in the layout of PhysioNet's {@code rdsamp -c} (without
 * its units row): physical values after a {@code time_s} column, the sample's time in seconds from
 * the record's start to the microsecond (as {@code rdsamp -p} gives elapsed time), so that
 * {@link CsvSignalReader} reads the rate back; digital values after a {@code sample} column of
 * sample numbers (as {@code rdsamp} without {@code -p}), which carries no rate.
 *
 * <p>Physical values are written as the shortest decimal that parses back to exactly the same
 * float ({@code 0.005}, {@code -1}, {@code 5.12}); digital values as integers. Gaps (NaN) are empty cells, which {@link CsvSignalReader} reads back
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
        write(out, signal, from, to, 0, digital);
    }

    /**
     * Writes samples {@code [from, to)} of every lead to {@code out} (UTF-8), numbered and timed as
     * the samples {@code firstSample + from} to {@code firstSample + to} of a record: for a signal
     * that holds the record from its sample {@code firstSample} on (a range read, e.g. with
     * {@link WfdbReadOptions#withRange}).
     *
     * @throws IllegalArgumentException as {@link #write(Path, Signal, int, int, boolean)}, or if
     *     {@code firstSample} is negative
     * @throws IOException if the file cannot be written
     */
    public static void write(Path out, Signal signal, int from, int to, long firstSample, boolean digital)
            throws IOException {
        check(signal, from, to, digital);
        if (firstSample < 0) {
            throw new IllegalArgumentException("firstSample must not be negative, got " + firstSample);
        }
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            write(w, signal, from, to, firstSample, digital);
        }
    }

    /**
     * Writes samples {@code [from, to)} of every lead to {@code out} (e.g. standard output); the
     * writer is flushed, not closed.
     */
    public static void write(Writer out, Signal signal, int from, int to, boolean digital) throws IOException {
        write(out, signal, from, to, 0, digital);
    }

    private static void write(Writer out, Signal signal, int from, int to, long firstSample, boolean digital)
            throws IOException {
        write(out, signal, from, to, firstSample, digital, true);
    }

    /**
     * Writes samples {@code [from, to)} of every lead to {@code out}, numbered and timed as in
     * {@link #write(Path, Signal, int, int, long, boolean)}, after the header row when {@code header}:
     * a long record read in ranges is written as one file by writing each range in turn, the first
     * with the header, each with its first sample as {@code firstSample}. The writer is flushed,
     * not closed.
     *
     * @throws IllegalArgumentException as {@link #write(Path, Signal, int, int, long, boolean)}
     * @throws IOException if the writer fails
     */
    public static void write(Writer out, Signal signal, int from, int to, long firstSample, boolean digital,
            boolean header) throws IOException {
        check(signal, from, to, digital);
        if (firstSample < 0) {
            throw new IllegalArgumentException("firstSample must not be negative, got " + firstSample);
        }
        int leads = signal.leadCount();
        StringBuilder sb = new StringBuilder(1 << 16);
        double microsPerSample = 1e6 / signal.sampleRateHz();
        if (header) {
            sb.append(digital ? "sample" : "time_s");
            for (Lead lead : signal.leads()) {
                sb.append(',').append(quote(lead.name()));
            }
            sb.append('\n');
        }
        float[][] phys = new float[leads][];
        int[][] dig = new int[leads][];
        for (int l = 0; l < leads; l++) {
            // the range alone: a short piece of a long record is not copied whole
            phys[l] = signal.physical(l, from, to);
            if (digital) {
                dig[l] = signal.digital(l, from, to);
            }
        }
        for (int i = from; i < to; i++) {
            long sample = firstSample + i;
            if (digital) {
                sb.append(sample);
            } else {
                appendMicros(sb, Math.round(sample * microsPerSample));
            }
            for (int l = 0; l < leads; l++) {
                sb.append(',');
                float v = phys[l][i - from];
                if (Float.isNaN(v)) {
                    continue;
                }
                if (digital) {
                    sb.append(dig[l][i - from]);
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

    /** Seconds to six decimals from whole microseconds: 2777 gives {@code 0.002777}. */
    private static void appendMicros(StringBuilder sb, long micros) {
        sb.append(micros / 1_000_000).append('.');
        String frac = Long.toString(micros % 1_000_000);
        for (int k = frac.length(); k < 6; k++) {
            sb.append('0');
        }
        sb.append(frac);
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};

    /**
     * Appends the shortest decimal that parses back to {@code v}: the fewest fraction digits (up to
     * 7) whose value lies inside the interval of reals that round to {@code v}; otherwise
     * {@link Float#toString(float)} (which also round-trips), without a trailing ".0".
     */
    static void appendFloat(StringBuilder sb, float v) {
        double x = v;
        if (v != 0 && Math.abs(x) < 1e8 && Math.abs(x) >= 1e-4) {
            // Reals within (lo, hi) round to v; the bounds are exact in double (floats have 24 bits).
            double lo = (x + Math.nextDown(v)) / 2;
            double hi = (x + Math.nextUp(v)) / 2;
            for (int k = 0; k < POW10.length; k++) {
                long m = Math.round(x * POW10[k]);
                double d = m / POW10[k];
                double margin = Math.abs(d) * 1e-15; // d carries at most half a double ulp of error
                if (d - margin > lo && d + margin < hi) {
                    appendFixed(sb, m, k);
                    return;
                }
            }
        }
        String s = Float.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            sb.append(s, 0, s.endsWith(".0") ? s.length() - 2 : s.length());
        } else if (s.startsWith(".0", e - 2)) {
            sb.append(s, 0, e - 2).append(s, e, s.length());
        } else {
            sb.append(s);
        }
    }

    /** Appends {@code m / 10^k} in fixed notation, e.g. (-5, 3) as "-0.005". */
    private static void appendFixed(StringBuilder sb, long m, int k) {
        if (m < 0) {
            sb.append('-');
            m = -m;
        }
        if (k == 0) {
            sb.append(m);
            return;
        }
        long scale = (long) POW10[k];
        sb.append(m / scale).append('.');
        String frac = Long.toString(m % scale);
        for (int i = frac.length(); i < k; i++) {
            sb.append('0');
        }
        // m is the fewest-digit choice, so its last fraction digit is non-zero.
        sb.append(frac);
    }

    private static String quote(String name) {
        if (name.indexOf(',') < 0 && name.indexOf('"') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0
                && name.indexOf(';') < 0 && name.indexOf('\t') < 0) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}

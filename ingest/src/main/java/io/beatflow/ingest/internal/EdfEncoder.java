package io.beatflow.ingest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Lays out EDF/EDF+ bytes from fully specified header fields and samples (Kemp et al. 1992;
 * Kemp &amp; Olivan 2003). It decides nothing: choosing scales, record durations and annotation
 * placement is the caller's job ({@code EdfWriter}); this class only checks that every field fits.
 */
public final class EdfEncoder {
    private EdfEncoder() {
    }

    /**
     * One signal: either ordinary ({@code samples} set, {@code recordCount * samplesPerRecord}
     * digital values) or an annotation signal ({@code annotationBlocks} set, one TAL block per data
     * record, each at most {@code samplesPerRecord * 2} bytes; the rest is filled with 0x00).
     */
    public record Channel(String label, String transducer, String units, String physicalMin, String physicalMax,
            int digitalMin, int digitalMax, String prefiltering, int samplesPerRecord, int[] samples,
            byte[][] annotationBlocks) {
        public Channel {
            Objects.requireNonNull(label, "label");
            if (samplesPerRecord <= 0) {
                throw new IllegalArgumentException("signal " + label + ": samplesPerRecord must be positive");
            }
            if ((samples == null) == (annotationBlocks == null)) {
                throw new IllegalArgumentException("signal " + label + ": give either samples or annotation blocks");
            }
        }
    }

    /**
     * The file-level header fields, as they are to appear (numbers already formatted).
     *
     * @param recordDuration formatted duration of a data record in seconds
     */
    public record Header(String patient, String recording, String startDate, String startTime, String reserved,
            int recordCount, String recordDuration) {
    }

    /**
     * Writes a 16-bit EDF/EDF+ file.
     *
     * @throws IllegalArgumentException if a field does not fit its width or a sample does not fit in
     *     16 bits or lies outside its signal's digital range
     */
    public static void write(OutputStream out, Header h, List<Channel> channels) throws IOException {
        int ns = channels.size();
        StringBuilder hdr = new StringBuilder(256 * (ns + 1));
        hdr.append(fit("0", 8, "version"));
        hdr.append(fit(h.patient(), 80, "patient"));
        hdr.append(fit(h.recording(), 80, "recording"));
        hdr.append(fit(h.startDate(), 8, "start date"));
        hdr.append(fit(h.startTime(), 8, "start time"));
        hdr.append(fit(Integer.toString(256 * (ns + 1)), 8, "header bytes"));
        hdr.append(fit(h.reserved(), 44, "reserved"));
        hdr.append(fit(Integer.toString(h.recordCount()), 8, "number of data records"));
        hdr.append(fit(h.recordDuration(), 8, "duration of a data record"));
        hdr.append(fit(Integer.toString(ns), 4, "number of signals"));
        for (Channel c : channels) {
            hdr.append(fit(c.label(), 16, "label"));
        }
        for (Channel c : channels) {
            hdr.append(fit(c.transducer(), 80, "transducer"));
        }
        for (Channel c : channels) {
            hdr.append(fit(c.units(), 8, "physical dimension"));
        }
        for (Channel c : channels) {
            hdr.append(fit(c.physicalMin(), 8, "physical minimum"));
        }
        for (Channel c : channels) {
            hdr.append(fit(c.physicalMax(), 8, "physical maximum"));
        }
        for (Channel c : channels) {
            hdr.append(fit(Integer.toString(c.digitalMin()), 8, "digital minimum"));
        }
        for (Channel c : channels) {
            hdr.append(fit(Integer.toString(c.digitalMax()), 8, "digital maximum"));
        }
        for (Channel c : channels) {
            hdr.append(fit(c.prefiltering(), 80, "prefiltering"));
        }
        for (Channel c : channels) {
            hdr.append(fit(Integer.toString(c.samplesPerRecord()), 8, "samples per record"));
        }
        for (int i = 0; i < ns; i++) {
            hdr.append(fit("", 32, "reserved"));
        }
        out.write(hdr.toString().getBytes(StandardCharsets.US_ASCII));

        int recordBytes = 0;
        for (Channel c : channels) {
            recordBytes += 2 * c.samplesPerRecord();
            if (c.samples() != null && c.samples().length != h.recordCount() * c.samplesPerRecord()) {
                throw new IllegalArgumentException("signal " + c.label() + ": " + c.samples().length
                        + " samples given, " + h.recordCount() + " records x " + c.samplesPerRecord() + " expected");
            }
        }
        byte[] record = new byte[recordBytes];
        for (int k = 0; k < h.recordCount(); k++) {
            int p = 0;
            for (Channel c : channels) {
                int n = c.samplesPerRecord();
                if (c.samples() != null) {
                    int[] s = c.samples();
                    for (int i = k * n, end = i + n; i < end; i++) {
                        int v = s[i];
                        if (v < c.digitalMin() || v > c.digitalMax()) {
                            throw new IllegalArgumentException("signal " + c.label() + " sample " + i + ": digital value "
                                    + v + " outside [" + c.digitalMin() + ", " + c.digitalMax() + "]");
                        }
                        record[p++] = (byte) v;
                        record[p++] = (byte) (v >> 8);
                    }
                } else {
                    byte[] block = c.annotationBlocks()[k];
                    if (block.length > 2 * n) {
                        throw new IllegalArgumentException("annotations of data record " + k + " need " + block.length
                                + " bytes but the signal holds " + 2 * n);
                    }
                    System.arraycopy(block, 0, record, p, block.length);
                    java.util.Arrays.fill(record, p + block.length, p + 2 * n, (byte) 0);
                    p += 2 * n;
                }
            }
            out.write(record);
        }
    }

    /**
     * Left-justifies {@code text} in a field of {@code width} printable US-ASCII characters.
     *
     * @throws IllegalArgumentException if the text is too long or not printable ASCII
     */
    public static String fit(String text, int width, String field) {
        Objects.requireNonNull(text, field);
        if (text.length() > width) {
            throw new IllegalArgumentException("EDF header field '" + field + "' holds " + width
                    + " characters; '" + text + "' has " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 32 || c > 126) {
                throw new IllegalArgumentException("EDF header field '" + field
                        + "' must be printable US-ASCII; '" + text + "' has character " + (int) c);
            }
        }
        return text + " ".repeat(width - text.length());
    }

    /**
     * The closest decimal of at most {@code width} characters to {@code value}, rounded in the
     * given direction (FLOOR keeps a lower bound below the value, CEILING an upper bound above).
     *
     * @throws IllegalArgumentException if no decimal of that width is near the value
     */
    public static String formatNumber(double value, int width, RoundingMode mode) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot write " + value + " in an EDF header");
        }
        BigDecimal exact = new BigDecimal(value);
        for (int scale = width; scale >= 0; scale--) {
            BigDecimal r = exact.setScale(scale, mode).stripTrailingZeros();
            String s = r.scale() < 0 ? r.setScale(0).toPlainString() : r.toPlainString();
            if (s.equals("-0")) {
                s = "0";
            }
            if (s.length() <= width) {
                return s;
            }
        }
        throw new IllegalArgumentException(value + " does not fit in " + width + " characters");
    }
}

package io.beatflow.ingest.internal;

import io.beatflow.ingest.SignalFormatException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Time-stamped Annotations List (TAL) of an EDF+ "EDF Annotations" signal, with its parser and
 * encoder.
 *
 * <p>Layout (Kemp &amp; Olivan 2003, EDF+ specification section 2.2.2): {@code +|-onset [0x15
 * duration] 0x14 {text 0x14} 0x00}. Onset and duration are decimal seconds (the onset relative to
 * the file's start date/time, the duration without sign); texts are UTF-8. TALs follow each other
 * without gaps; the rest of the signal's bytes in a data record are 0x00. The first TAL of the first
 * annotation signal of each data record keeps time: its first text is empty and its onset is the
 * start of that data record.
 *
 * @param onsetSeconds onset relative to the file start, in seconds
 * @param durationSeconds duration in seconds, or NaN when the TAL gives none
 * @param texts the annotation texts in order (the time-keeping TAL's first text is empty)
 */
public record EdfTal(double onsetSeconds, double durationSeconds, List<String> texts) {
    private static final byte ONSET_END = 0x14;
    private static final byte DURATION_START = 0x15;

    public EdfTal {
        if (!Double.isFinite(onsetSeconds)) {
            throw new IllegalArgumentException("TAL onset must be finite, got " + onsetSeconds);
        }
        if (!Double.isNaN(durationSeconds) && !(durationSeconds >= 0 && Double.isFinite(durationSeconds))) {
            throw new IllegalArgumentException("TAL duration must be NaN or finite and >= 0, got " + durationSeconds);
        }
        texts = List.copyOf(texts);
    }

    /**
     * Parses the TALs in one data record's block of an annotation signal.
     *
     * @param source file name, for messages
     * @param bytes the file's bytes (or a buffer holding the block)
     * @param offset start of the block in {@code bytes}
     * @param length length of the block in bytes
     * @param fileOffset byte offset of the block in the file, for messages
     * @return the TALs in order; empty if the block starts with 0x00
     * @throws SignalFormatException naming the byte offset of a malformed TAL
     */
    public static List<EdfTal> parseBlock(String source, byte[] bytes, int offset, int length, long fileOffset)
            throws SignalFormatException {
        List<EdfTal> tals = new ArrayList<>();
        int end = offset + length;
        int p = offset;
        while (p < end && bytes[p] != 0) {
            int start = p;
            byte sign = bytes[p];
            if (sign != '+' && sign != '-') {
                throw error(source, fileOffset + (p - offset), "TAL must start with '+' or '-', found "
                        + describe(sign));
            }
            p++;
            int numStart = p;
            while (p < end && bytes[p] != ONSET_END && bytes[p] != DURATION_START && bytes[p] != 0) {
                p++;
            }
            if (p == end || bytes[p] == 0) {
                throw error(source, fileOffset + (start - offset), "TAL onset not followed by 0x14 or 0x15");
            }
            double onset = parseSeconds(source, bytes, numStart, p, fileOffset + (numStart - offset), "onset");
            if (sign == '-') {
                onset = -onset;
            }
            double duration = Double.NaN;
            if (bytes[p] == DURATION_START) {
                p++;
                int durStart = p;
                while (p < end && bytes[p] != ONSET_END && bytes[p] != 0) {
                    p++;
                }
                if (p == end || bytes[p] == 0) {
                    throw error(source, fileOffset + (durStart - offset), "TAL duration not followed by 0x14");
                }
                duration = parseSeconds(source, bytes, durStart, p, fileOffset + (durStart - offset), "duration");
            }
            p++; // past the 0x14 that ends onset (and duration)
            List<String> texts = new ArrayList<>();
            while (true) {
                if (p >= end) {
                    throw error(source, fileOffset + (start - offset), "TAL not terminated by 0x00 within the data record");
                }
                if (bytes[p] == 0) {
                    p++;
                    break;
                }
                int textStart = p;
                while (p < end && bytes[p] != ONSET_END && bytes[p] != 0) {
                    p++;
                }
                if (p == end || bytes[p] == 0) {
                    throw error(source, fileOffset + (textStart - offset), "annotation text not terminated by 0x14");
                }
                texts.add(new String(bytes, textStart, p - textStart, StandardCharsets.UTF_8));
                p++;
            }
            tals.add(new EdfTal(onset, duration, texts));
        }
        return tals;
    }

    private static double parseSeconds(String source, byte[] bytes, int from, int to, long fileOffset, String what)
            throws SignalFormatException {
        // Digits with an optional fraction; no exponent, no sign (the sign precedes the onset).
        boolean digits = false;
        boolean dot = false;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b >= '0' && b <= '9') {
                digits = true;
            } else if (b == '.' && !dot) {
                dot = true;
            } else {
                digits = false;
                break;
            }
        }
        String text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        if (!digits || to - from > 40) {
            throw error(source, fileOffset, "TAL " + what + " is not a decimal number of seconds: '" + printable(text) + "'");
        }
        return Double.parseDouble(text);
    }

    /** Encodes this TAL (sign, onset, optional duration, texts, trailing 0x00). */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder();
        sb.append(onsetSeconds < 0 ? '-' : '+').append(seconds(Math.abs(onsetSeconds)));
        if (!Double.isNaN(durationSeconds)) {
            sb.append((char) DURATION_START).append(seconds(durationSeconds));
        }
        sb.append((char) ONSET_END);
        for (String t : texts) {
            Objects.requireNonNull(t, "text");
            if (t.indexOf(0) >= 0 || t.indexOf(ONSET_END) >= 0 || t.indexOf(DURATION_START) >= 0) {
                throw new IllegalArgumentException("annotation text must not contain 0x00, 0x14 or 0x15: '"
                        + printable(t) + "'");
            }
            sb.append(t).append((char) ONSET_END);
        }
        sb.append('\0');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String seconds(double s) {
        String plain = new BigDecimal(Double.toString(s)).stripTrailingZeros().toPlainString();
        return plain;
    }

    private static SignalFormatException error(String source, long byteOffset, String problem) {
        return new SignalFormatException(source, "byte " + byteOffset, problem);
    }

    private static String describe(byte b) {
        return b >= 32 && b < 127 ? "'" + (char) b + "'" : String.format("0x%02x", b & 0xff);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            if (c >= 32 && c < 127) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb.toString();
    }
}

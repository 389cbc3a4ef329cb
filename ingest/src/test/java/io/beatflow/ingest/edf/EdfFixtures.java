package io.beatflow.ingest.edf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds tiny EDF files byte by byte for the reader tests, straight from the field table of the
 * EDF specification (Kemp et al. 1992, header record layout), without using the project's writer.
 * Every field can be overridden so that bad-input fixtures can be made by changing one field.
 */
final class EdfFixtures {
    String version = "0";
    byte[] rawVersion;
    String patient = "X X X X";
    String recording = "Startdate X X X X";
    String startDate = "01.02.03";
    String startTime = "04.05.06";
    String headerBytes;
    String reserved = "";
    String records = "1";
    String duration = "1";
    String ns;
    final List<String[]> signals = new ArrayList<>();
    final ByteArrayOutputStream data = new ByteArrayOutputStream();

    /**
     * An EDF+ file of one ECG signal (2 samples per 1 s record, physical = digital, -100..100) and
     * an annotation signal of 16 bytes per record holding only the record's time-keeping TAL:
     * record k holds samples 2k + 1 and 2k + 2 and starts at {@code onsets[k]} seconds (as
     * written, e.g. {@code "+0.5"}). Header 3 x 256 = 768 bytes, records 2 x 2 + 8 x 2 = 20 bytes.
     */
    static EdfFixtures timeKept(String variant, String... onsets) {
        EdfFixtures f = new EdfFixtures().signal("ECG", "mV", "-100", "100", "-100", "100", "2")
                .signal("EDF Annotations", "", "-1", "1", "-32768", "32767", "8");
        f.reserved = variant;
        f.records = String.valueOf(onsets.length);
        for (int k = 0; k < onsets.length; k++) {
            f.samples16(2 * k + 1, 2 * k + 2).tal(onsets[k] + "\u0014\u0014\0", 16);
        }
        return f;
    }

    /** Adds a signal: label, physical dimension, pmin, pmax, dmin, dmax, samples per record. */
    EdfFixtures signal(String label, String units, String pmin, String pmax, String dmin, String dmax, String spr) {
        signals.add(new String[] {label, units, pmin, pmax, dmin, dmax, spr});
        return this;
    }

    /** Appends 16-bit little-endian two's complement samples to the data records. */
    EdfFixtures samples16(int... values) {
        for (int v : values) {
            data.write(v & 0xff);
            data.write((v >> 8) & 0xff);
        }
        return this;
    }

    /** Appends raw bytes (e.g. an annotation block) to the data records. */
    EdfFixtures raw(byte[] bytes) {
        data.writeBytes(bytes);
        return this;
    }

    /** Appends a TAL block padded with 0x00 to {@code size} bytes. */
    EdfFixtures tal(String text, int size) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[size];
        System.arraycopy(t, 0, b, 0, t.length);
        return raw(b);
    }

    byte[] build() {
        int n = signals.size();
        StringBuilder h = new StringBuilder();
        h.append(pad(version, 8)).append(pad(patient, 80)).append(pad(recording, 80)).append(pad(startDate, 8))
                .append(pad(startTime, 8)).append(pad(headerBytes != null ? headerBytes : Integer.toString(256 * (n + 1)), 8))
                .append(pad(reserved, 44)).append(pad(records, 8)).append(pad(duration, 8))
                .append(pad(ns != null ? ns : Integer.toString(n), 4));
        int[][] widthAndIndex = {{16, 0}, {80, -1}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {80, -1}, {8, 6}, {32, -1}};
        for (int[] f : widthAndIndex) {
            for (String[] s : signals) {
                h.append(pad(f[1] < 0 ? "" : s[f[1]], f[0]));
            }
        }
        byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (rawVersion != null) {
            System.arraycopy(rawVersion, 0, header, 0, rawVersion.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    private static String pad(String s, int width) {
        if (s.length() > width) {
            throw new IllegalArgumentException("'" + s + "' longer than " + width);
        }
        return s + " ".repeat(width - s.length());
    }
}

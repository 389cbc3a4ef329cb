package io.beatflow.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes WFDB annotation files in MIT format, encoding each annotation as the WFDB library's
 * {@code putann} does (PhysioNet annot(5)), so that PhysioNet tools ({@code rdann}, {@code bxb})
 * read them:
 * <ul>
 *   <li>an interval over 1023 samples, or negative, is written as a SKIP (code 59 and a 32-bit
 *       interval, high 16-bit word first) followed by the annotation word with interval 0;</li>
 *   <li>a NOTQRS annotation (code 0), whose word could read as end of file, is written as a SKIP
 *       to the sample before it followed by an interval of 1;</li>
 *   <li>SUB follows when the subtype is non-zero, CHN and NUM only when the value differs from the
 *       previous annotation's (both start at 0), AUX when there is aux text;</li>
 *   <li>the file ends with a zero word.</li>
 * </ul>
 * Aux text is written as its ISO-8859-1 bytes (the length byte counts them), then a pad byte if
 * the length is odd. The encoding is canonical except for one freedom of the format: some files
 * (e.g. most aux strings of MIT-BIH's {@code .atr} files) count a terminating NUL in the length,
 * others do not (MIT-BIH 108, 202, 222); readers ignore it, and this writer never writes it.
 */
public final class WfdbAnnotationWriter {
    private static final int SKIP = 59;
    private static final int NUM = 60;
    private static final int SUB = 61;
    private static final int CHN = 62;
    private static final int AUX = 63;
    private static final int MAX_INTERVAL = 1023;

    private WfdbAnnotationWriter() {
    }

    /**
     * Writes annotations, in the order given, to a file (replacing it).
     *
     * @throws IllegalArgumentException if an aux text is longer than 255 bytes or not ISO-8859-1
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, List<Annotation> annotations) throws IOException {
        Files.write(file, toBytes(annotations));
    }

    /**
     * Encodes annotations in MIT format.
     *
     * @throws IllegalArgumentException if an aux text is longer than 255 bytes or not ISO-8859-1
     */
    public static byte[] toBytes(List<Annotation> annotations) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(annotations.size() * 2 + 16);
        long prevTime = 0;
        int prevNum = 0;
        int prevChan = 0;
        for (Annotation a : annotations) {
            long delta = a.sample() - prevTime;
            if (a.code().code() == 0) {
                skip(out, delta - 1);
                delta = 1;
            } else if (delta > MAX_INTERVAL || delta < 0) {
                skip(out, delta);
                delta = 0;
            }
            word(out, a.code().code() << 10 | (int) delta);
            if (a.subtype() != 0) {
                word(out, SUB << 10 | (a.subtype() & 0x3ff));
            }
            if (a.channel() != prevChan) {
                word(out, CHN << 10 | (a.channel() & 0x3ff));
            }
            if (a.number() != prevNum) {
                word(out, NUM << 10 | (a.number() & 0x3ff));
            }
            if (!a.aux().isEmpty()) {
                byte[] text = a.aux().getBytes(StandardCharsets.ISO_8859_1);
                if (!new String(text, StandardCharsets.ISO_8859_1).equals(a.aux()) || a.aux().indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("annotation at sample " + a.sample()
                            + ": aux text must be ISO-8859-1 without NUL characters, got '" + a.aux() + "'");
                }
                if (text.length > 255) {
                    throw new IllegalArgumentException("annotation at sample " + a.sample() + ": aux text of "
                            + text.length + " bytes is longer than 255");
                }
                int len = text.length;
                word(out, AUX << 10 | len);
                out.write(text, 0, text.length);
                if ((len & 1) != 0) {
                    out.write(0);
                }
            }
            prevTime = a.sample();
            prevNum = a.number();
            prevChan = a.channel();
        }
        word(out, 0);
        return out.toByteArray();
    }

    /** One or more SKIPs adding up to {@code delta} (several only if it exceeds 32 bits). */
    private static void skip(ByteArrayOutputStream out, long delta) {
        do {
            int step = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, delta));
            word(out, SKIP << 10);
            word(out, step >>> 16);
            word(out, step & 0xffff);
            delta -= step;
        } while (delta != 0);
    }

    private static void word(ByteArrayOutputStream out, int w) {
        out.write(w & 0xff);
        out.write((w >>> 8) & 0xff);
    }
}

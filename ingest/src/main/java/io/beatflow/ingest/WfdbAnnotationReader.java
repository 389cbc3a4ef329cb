package io.beatflow.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads WFDB annotation files in MIT format (e.g. {@code 100.atr}).
 *
 * <p>Format, after PhysioNet's annot(5) (physionet.org/physiotools/wag/annot-5.htm) and the WFDB
 * library's {@code getann}: a sequence of 16-bit little-endian words, each a 6-bit code A (high
 * bits) and a 10-bit value I (low bits). A = 1..49 is an annotation I samples after the previous
 * one (A = 0 with I &gt; 0 is a NOTQRS annotation); A = 0, I = 0 ends the file (a file may also
 * simply end). Pseudo-annotations modify the annotation before them or the time base:
 * <ul>
 *   <li>SKIP (59): the next 4 bytes are a signed 32-bit interval added to the time, stored as two
 *       16-bit little-endian words, high word first (PDP-11 order);</li>
 *   <li>NUM (60), SUB (61), CHN (62): I is the annotation's {@code num}, {@code subtyp} or
 *       {@code chan}; {@code num} and {@code chan} carry over to later annotations until changed,
 *       {@code subtyp} applies to one annotation only;</li>
 *   <li>AUX (63): I (low 8 bits) is a byte count; that many bytes of text follow, plus one pad
 *       byte if the count is odd.</li>
 * </ul>
 * Aux text is decoded as ISO-8859-1 and ends at its first NUL byte (files written by WFDB tools
 * often count a terminating NUL in the length, as in MIT-BIH's {@code "(N\0"}).
 */
public final class WfdbAnnotationReader {
    private static final int SKIP = 59;
    private static final int NUM = 60;
    private static final int SUB = 61;
    private static final int CHN = 62;
    private static final int AUX = 63;

    private WfdbAnnotationReader() {
    }

    /**
     * Reads an annotation file.
     *
     * @throws SignalFormatException if the file is missing or malformed (naming the file and byte offset)
     * @throws IOException if it cannot be read
     */
    public static List<Annotation> read(Path file) throws IOException {
        return read(file.toString(), bytesOf(file));
    }

    private static byte[] bytesOf(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SignalFormatException(file, "", "annotation file not found", e);
        }
    }

    /**
     * Decodes annotation bytes.
     *
     * @param sourceName the name used in error messages
     * @throws SignalFormatException naming the source and byte offset of the first defect
     */
    public static List<Annotation> read(String sourceName, byte[] bytes) throws SignalFormatException {
        return decode(sourceName, bytes).annotations();
    }

    /**
     * Whether an annotation file ends with the end-of-file word (two zero bytes after its last
     * annotation). A file without it is read (as WFDB reads it), but may have been cut short.
     *
     * @throws SignalFormatException if the file is missing or malformed
     * @throws IOException if it cannot be read
     */
    public static boolean hasEndMarker(Path file) throws IOException {
        return readContents(file).ended();
    }

    /**
     * An annotation file's annotations and whether it ends with the end-of-file word, from one read
     * ({@link #read(Path)} and {@link #hasEndMarker} together).
     *
     * @throws SignalFormatException if the file is missing or malformed
     * @throws IOException if it cannot be read
     */
    public static Contents readContents(Path file) throws IOException {
        return decode(file.toString(), bytesOf(file));
    }

    /**
     * @param annotations the annotations, in file order
     * @param ended whether the end-of-file word closed them (else the file may have been cut short)
     */
    public record Contents(List<Annotation> annotations, boolean ended) {
    }

    private static Contents decode(String sourceName, byte[] bytes) throws SignalFormatException {
        List<Annotation> out = new ArrayList<>(bytes.length / 2);
        boolean ended = false;
        long time = 0;
        int num = 0;
        int chan = 0;
        int p = 0;
        int n = bytes.length;
        // the annotation being assembled: its pseudo-annotations follow it
        boolean pending = false;
        long pTime = 0;
        int pCode = 0;
        int pSub = 0;
        String pAux = "";
        int pNum = 0;
        int pChan = 0;
        while (true) {
            if (p == n) {
                break; // physical end without the end-of-file word: accepted, as WFDB does
            }
            if (p + 1 == n) {
                throw new SignalFormatException(sourceName, "byte " + p, "file ends in the middle of a 16-bit word");
            }
            int word = (bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8;
            int at = p;
            p += 2;
            int a = word >>> 10;
            int i = word & 0x3ff;
            if (word == 0) {
                ended = true;
                break;
            }
            switch (a) {
                case SKIP -> {
                    if (p + 4 > n) {
                        throw new SignalFormatException(sourceName, "byte " + at, "SKIP needs 4 more bytes but the"
                                + " file has " + (n - p));
                    }
                    int hi = (bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8;
                    int lo = (bytes[p + 2] & 0xff) | (bytes[p + 3] & 0xff) << 8;
                    time += (hi << 16) | lo; // signed 32-bit interval
                    p += 4;
                }
                case NUM, SUB, CHN -> {
                    if (!pending) {
                        if (a == SUB) {
                            throw new SignalFormatException(sourceName, "byte " + at, "SUB before any annotation");
                        }
                        // NUM/CHN before the first annotation set the running values
                        if (a == NUM) {
                            num = (byte) i;
                        } else {
                            chan = i & 0xff;
                        }
                    } else if (a == NUM) {
                        pNum = (byte) i;
                        num = pNum;
                    } else if (a == SUB) {
                        pSub = (byte) i;
                    } else {
                        pChan = i & 0xff;
                        chan = pChan;
                    }
                }
                case AUX -> {
                    int len = i & 0xff;
                    int padded = (len + 1) & ~1;
                    if (p + padded > n && p + len > n) {
                        throw new SignalFormatException(sourceName, "byte " + at, "AUX of " + len
                                + " bytes runs past the end of the file (" + (n - p) + " bytes left)");
                    }
                    if (!pending) {
                        throw new SignalFormatException(sourceName, "byte " + at, "AUX before any annotation");
                    }
                    int end = p;
                    while (end < p + len && bytes[end] != 0) {
                        end++;
                    }
                    pAux = new String(bytes, p, end - p, StandardCharsets.ISO_8859_1);
                    p = Math.min(n, p + padded);
                }
                default -> {
                    if (a > AnnotationCode.MAX_CODE) {
                        throw new SignalFormatException(sourceName, "byte " + at, "undefined annotation code " + a);
                    }
                    if (pending) {
                        out.add(make(sourceName, at, pTime, pCode, pSub, pChan, pNum, pAux));
                    }
                    time += i;
                    pending = true;
                    pTime = time;
                    pCode = a;
                    pSub = 0;
                    pAux = "";
                    pNum = num;
                    pChan = chan;
                }
            }
        }
        if (pending) {
            out.add(make(sourceName, p, pTime, pCode, pSub, pChan, pNum, pAux));
        }
        return new Contents(out, ended);
    }

    private static Annotation make(String source, int at, long time, int code, int sub, int chan, int num, String aux)
            throws SignalFormatException {
        if (time < 0) {
            throw new SignalFormatException(source, "byte " + at, "annotation time " + time
                    + " is negative (a SKIP went back before the start)");
        }
        return new Annotation(time, AnnotationCode.of(code), sub, chan, num, aux);
    }
}

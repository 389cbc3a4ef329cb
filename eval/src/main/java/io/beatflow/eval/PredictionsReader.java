package io.beatflow.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a predictions CSV file.
 *
 * <p>Format: UTF-8, comma separated, no quoting, one header line then one line per beat. The
 * header must hold the columns {@code record,sample,label,p_N,p_S,p_V,p_F,p_Q} (found by name;
 * more columns may follow and are ignored). {@code record}: record name; {@code sample}: the
 * beat's sample position, a non-negative integer; {@code label}: the reference AAMI class, one of
 * N, S, V, F, Q; {@code p_X}: predicted probability of class X, in [0, 1], a row's five summing to 1
 * (within {@link #SUM_TOLERANCE}). Blank lines are skipped.
 * Each (record, sample) pair may occur once.
 */
public final class PredictionsReader {
    private static final String[] REQUIRED = {"record", "sample", "label", "p_N", "p_S", "p_V", "p_F", "p_Q"};

    /**
     * How far a row's probabilities may sum from 1: room for probabilities written with four
     * decimals (five classes, each rounded by up to 5e-5), none for scores that are not a distribution.
     */
    public static final double SUM_TOLERANCE = 1e-3;

    private PredictionsReader() {
    }

    /**
     * Reads a file.
     *
     * @throws PredictionsFormatException naming the file and line: empty file, missing columns,
     *     a required column twice, wrong field count, unknown class, bad sample, probability NaN or
     *     outside [0, 1], a row's probabilities not summing to 1 (within {@link #SUM_TOLERANCE}),
     *     duplicate beat, no beat at all
     * @throws IOException if the file cannot be read
     */
    public static Predictions read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new java.nio.file.FileSystemException(file.toString(), null,
                    "a directory, not a predictions CSV file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.getFileName().toString(), r);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw notUtf8(file);
        }
    }

    /** Names the line and byte of a file's first byte that is not UTF-8 (the reader's error names neither). */
    static PredictionsFormatException notUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(in, out, true);
        int at = in.position();
        long line = 1;
        for (int i = 0; i < at; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return new PredictionsFormatException(file.getFileName().toString(), line, String.format(
                java.util.Locale.ROOT, "not UTF-8 text (byte 0x%02X at byte offset %d of the file): save the file as"
                        + " UTF-8", at < bytes.length ? bytes[at] & 0xff : 0, at));
    }

    /** Reads from a reader; {@code name} is used in messages. */
    public static Predictions read(String name, Reader in) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String header = r.readLine();
        long lineNo = 1;
        while (header != null && header.isBlank()) {
            // blank lines are skipped, before the header as after it
            header = r.readLine();
            lineNo++;
        }
        if (header == null) {
            throw new PredictionsFormatException(name, 0, "empty file: expected the header "
                    + String.join(",", REQUIRED));
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        String[] cols = header.split(",", -1);
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < cols.length; i++) {
            Integer first = pos.putIfAbsent(cols[i].trim(), i);
            if (first != null && java.util.Arrays.asList(REQUIRED).contains(cols[i].trim())) {
                throw new PredictionsFormatException(name, lineNo, "column " + cols[i].trim() + " occurs twice"
                        + " (columns " + (first + 1) + " and " + (i + 1) + "); keep one");
            }
        }
        List<String> missing = new ArrayList<>();
        int[] at = new int[REQUIRED.length];
        for (int i = 0; i < REQUIRED.length; i++) {
            Integer p = pos.get(REQUIRED[i]);
            if (p == null) {
                missing.add(REQUIRED[i]);
            } else {
                at[i] = p;
            }
        }
        if (!missing.isEmpty()) {
            throw new PredictionsFormatException(name, lineNo, "missing column(s) " + String.join(", ", missing)
                    + "; the header must hold " + String.join(",", REQUIRED));
        }
        List<String> classes = Predictions.AAMI_CLASSES;
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        List<String> records = new ArrayList<>();
        long[] samples = new long[1024];
        int[] labels = new int[1024];
        List<double[]> probs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != cols.length) {
                throw new PredictionsFormatException(name, lineNo, f.length + " fields, but the header has "
                        + cols.length);
            }
            String record = f[at[0]].trim();
            if (record.isEmpty()) {
                throw new PredictionsFormatException(name, lineNo, "empty record name");
            }
            long sample;
            try {
                sample = Long.parseLong(f[at[1]].trim());
            } catch (NumberFormatException e) {
                throw new PredictionsFormatException(name, lineNo, "sample '" + f[at[1]]
                        + "' is not an integer");
            }
            if (sample < 0) {
                throw new PredictionsFormatException(name, lineNo, "sample " + sample + " is negative");
            }
            String label = f[at[2]].trim();
            Integer cls = classIndex.get(label);
            if (cls == null) {
                throw new PredictionsFormatException(name, lineNo, "unknown class '" + label
                        + "' (expected one of " + String.join(", ", classes) + ")");
            }
            double[] p = new double[classes.size()];
            for (int c = 0; c < p.length; c++) {
                String txt = f[at[3 + c]].trim();
                double v;
                try {
                    v = Double.parseDouble(txt);
                } catch (NumberFormatException e) {
                    throw new PredictionsFormatException(name, lineNo, REQUIRED[3 + c] + " '" + txt
                            + "' is not a number");
                }
                if (!(v >= 0 && v <= 1)) {
                    throw new PredictionsFormatException(name, lineNo, REQUIRED[3 + c] + " = " + txt
                            + " is not a probability in [0, 1]");
                }
                p[c] = v;
            }
            double sum = 0;
            for (double v : p) {
                sum += v;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new PredictionsFormatException(name, lineNo, String.format(java.util.Locale.ROOT,
                        "p_N..p_Q sum to %.4f; a row is a probability for each class and must sum to 1 (within %s):"
                        + " give each class's probability (e.g. a softmax of the scores), not separate scores",
                        sum, SUM_TOLERANCE));
            }
            if (!seen.add(record + '\u0000' + sample)) {
                throw new PredictionsFormatException(name, lineNo, "beat (record " + record + ", sample "
                        + sample + ") occurs twice");
            }
            int n = records.size();
            if (n == samples.length) {
                samples = java.util.Arrays.copyOf(samples, 2 * n);
                labels = java.util.Arrays.copyOf(labels, 2 * n);
            }
            records.add(record);
            samples[n] = sample;
            labels[n] = cls;
            probs.add(p);
        }
        if (records.isEmpty()) {
            throw new PredictionsFormatException(name, 0, "no predictions after the header");
        }
        int n = records.size();
        return new Predictions(name, classes, records.toArray(new String[0]),
                java.util.Arrays.copyOf(samples, n), java.util.Arrays.copyOf(labels, n),
                probs.toArray(new double[0][]));
    }
}

package io.beatflow.datasets;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.WfdbAnnotationReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Beat counts per AAMI class.
 *
 * @param counts count per class; classes absent from the map count zero; copied
 */
public record ClassCounts(Map<AamiClass, Long> counts) {
    public ClassCounts {
        EnumMap<AamiClass, Long> m = new EnumMap<>(AamiClass.class);
        for (AamiClass c : AamiClass.values()) {
            long n = counts.getOrDefault(c, 0L);
            if (n < 0) {
                throw new IllegalArgumentException("count of class " + c + " must be non-negative, got " + n);
            }
            m.put(c, n);
        }
        counts = java.util.Collections.unmodifiableMap(m);
    }

    /** No beats. */
    public static ClassCounts empty() {
        return new ClassCounts(Map.of());
    }

    /** Counts the beat annotations of a record by AAMI class; non-beat annotations are skipped. */
    public static ClassCounts of(Iterable<Annotation> annotations) {
        EnumMap<AamiClass, Long> m = new EnumMap<>(AamiClass.class);
        for (Annotation a : annotations) {
            AamiClass.of(Objects.requireNonNull(a, "annotation").code()).ifPresent(c -> m.merge(c, 1L, Long::sum));
        }
        return new ClassCounts(m);
    }

    /**
     * Counts the reference beat annotations of one record.
     *
     * @param databaseDir folder holding the record's annotation file
     * @param annotator annotation file extension, e.g. {@code atr}
     * @throws IOException if the file is missing or malformed (the message names it)
     */
    public static ClassCounts ofRecord(Path databaseDir, String record, String annotator) throws IOException {
        return of(WfdbAnnotationReader.read(databaseDir.resolve(record + "." + annotator)));
    }

    /**
     * Counts per part of a split from the reference annotations of its records.
     *
     * @return part name to counts, in the split's part order
     */
    public static Map<String, ClassCounts> ofSplit(Path databaseDir, Split split, String annotator) throws IOException {
        Map<String, ClassCounts> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : split.parts().entrySet()) {
            ClassCounts sum = empty();
            for (String r : e.getValue()) {
                sum = sum.plus(ofRecord(databaseDir, r, annotator));
            }
            out.put(e.getKey(), sum);
        }
        return out;
    }

    /** The count of one class. */
    public long get(AamiClass c) {
        return counts.get(c);
    }

    /** Total beats over all classes. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The class-wise sum of this and another count. */
    public ClassCounts plus(ClassCounts other) {
        EnumMap<AamiClass, Long> m = new EnumMap<>(AamiClass.class);
        for (AamiClass c : AamiClass.values()) {
            m.put(c, get(c) + other.get(c));
        }
        return new ClassCounts(m);
    }

    @Override
    public String toString() {
        return "N " + get(AamiClass.N) + ", S " + get(AamiClass.S) + ", V " + get(AamiClass.V) + ", F "
                + get(AamiClass.F) + ", Q " + get(AamiClass.Q);
    }
}

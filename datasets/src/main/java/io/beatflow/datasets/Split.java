package io.beatflow.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A partition of records (patients) into named parts, e.g. a training and a test set.
 *
 * <p>Splits are by record, never by beat: beats of one patient in both training and test data
 * make results look far better than they are on new patients (de Chazal et al. 2004, section I).
 * The constructor therefore rejects a record that appears in two parts, or twice in one.
 *
 * @param name split name, e.g. {@code "deChazal2004"}
 * @param parts part name to record names, in insertion order; copied
 */
public record Split(String name, Map<String, List<String>> parts) {
    public Split {
        Objects.requireNonNull(name, "name");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("split " + name + ": no parts");
        }
        Map<String, String> owner = new HashMap<>();
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : parts.entrySet()) {
            String part = Objects.requireNonNull(e.getKey(), "part name");
            for (String record : e.getValue()) {
                String prev = owner.putIfAbsent(Objects.requireNonNull(record, "record"), part);
                if (prev != null) {
                    throw new IllegalArgumentException("split " + name + ": record " + record
                            + (prev.equals(part) ? " appears twice in part " + part
                                    : " is in both part " + prev + " and part " + part));
                }
            }
            copy.put(part, List.copyOf(e.getValue()));
        }
        parts = Collections.unmodifiableMap(copy);
    }

    /** Training part of the de Chazal 2004 inter-patient split. */
    public static final String DS1 = "DS1";
    /** Test part of the de Chazal 2004 inter-patient split. */
    public static final String DS2 = "DS2";

    /**
     * The inter-patient split of the MIT-BIH Arrhythmia Database by de Chazal P, O'Dwyer M,
     * Reilly RB, IEEE Trans Biomed Eng 51(7):1196-1206 (2004), section II-A: 22 records each in
     * DS1 (training) and DS2 (test), balanced for beat types; the paced records 102, 104, 107 and
     * 217 are in neither.
     */
    public static Split deChazal2004() {
        return new Split("deChazal2004", Map.of(
                DS1, List.of("101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122", "124",
                        "201", "203", "205", "207", "208", "209", "215", "220", "223", "230"),
                DS2, List.of("100", "103", "105", "111", "113", "117", "121", "123", "200", "202", "210", "212",
                        "213", "214", "219", "221", "222", "228", "231", "232", "233", "234")))
                .ordered(DS1, DS2);
    }

    /** A two-part split by record: {@code train} and {@code test}. */
    public static Split of(String name, List<String> train, List<String> test) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("train", train);
        m.put("test", test);
        return new Split(name, m);
    }

    private Split ordered(String... order) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String p : order) {
            m.put(p, parts.get(p));
        }
        return new Split(name, m);
    }

    /**
     * The records of one part.
     *
     * @throws IllegalArgumentException naming the parts that exist, if there is no such part
     */
    public List<String> part(String part) {
        List<String> r = parts.get(part);
        if (r == null) {
            throw new IllegalArgumentException("split " + name + " has no part '" + part + "'; parts are "
                    + parts.keySet());
        }
        return r;
    }

    /** The part that holds a record, if any. */
    public Optional<String> partOf(String record) {
        for (Map.Entry<String, List<String>> e : parts.entrySet()) {
            if (e.getValue().contains(record)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** Every record of every part, part by part. */
    public List<String> allRecords() {
        List<String> out = new ArrayList<>();
        parts.values().forEach(out::addAll);
        return List.copyOf(out);
    }
}

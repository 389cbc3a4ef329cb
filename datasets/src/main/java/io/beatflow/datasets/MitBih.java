package io.beatflow.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Catalogue of the MIT-BIH Arrhythmia Database (PhysioNet {@code mitdb}, version 1.0.0): 48
 * half-hour two-lead records at 360 Hz.
 *
 * <p>Leads are as in each record's header file: MLII plus V1 in most records; 100 and 123 MLII +
 * V5, 103 and 117 MLII + V2, 124 MLII + V4; record 114 stores its leads swapped (V5 first, then
 * MLII); the paced records 102 and 104 have no MLII (V5 + V2). Paced records (102, 104, 107, 217)
 * are excluded from the AAMI-recommended evaluation (ANSI/AAMI EC57) and from the de Chazal
 * split. Source: PhysioNet, "MIT-BIH Arrhythmia Database Directory"
 * (physionet.org/physiobank/database/html/mitdbdir/); Moody GB, Mark RG, IEEE Eng Med Biol
 * 20(3):45-50 (2001).
 */
public final class MitBih {
    /** PhysioNet database name. */
    public static final String DATABASE = "mitdb";
    /** PhysioNet release this catalogue describes. */
    public static final String VERSION = "1.0.0";
    /** Samples per second per lead. */
    public static final double SAMPLE_RATE_HZ = 360.0;
    /** Samples per lead in every record (30 min 5.6 s). */
    public static final int SAMPLES_PER_RECORD = 650_000;
    /** Records of subjects with pacemakers. */
    public static final Set<String> PACED = Set.of("102", "104", "107", "217");

    private static final Map<String, MitBihRecord> RECORDS;

    static {
        String[][] table = {
            {"100", "MLII", "V5"}, {"101", "MLII", "V1"}, {"102", "V5", "V2"}, {"103", "MLII", "V2"},
            {"104", "V5", "V2"}, {"105", "MLII", "V1"}, {"106", "MLII", "V1"}, {"107", "MLII", "V1"},
            {"108", "MLII", "V1"}, {"109", "MLII", "V1"}, {"111", "MLII", "V1"}, {"112", "MLII", "V1"},
            {"113", "MLII", "V1"}, {"114", "V5", "MLII"}, {"115", "MLII", "V1"}, {"116", "MLII", "V1"},
            {"117", "MLII", "V2"}, {"118", "MLII", "V1"}, {"119", "MLII", "V1"}, {"121", "MLII", "V1"},
            {"122", "MLII", "V1"}, {"123", "MLII", "V5"}, {"124", "MLII", "V4"}, {"200", "MLII", "V1"},
            {"201", "MLII", "V1"}, {"202", "MLII", "V1"}, {"203", "MLII", "V1"}, {"205", "MLII", "V1"},
            {"207", "MLII", "V1"}, {"208", "MLII", "V1"}, {"209", "MLII", "V1"}, {"210", "MLII", "V1"},
            {"212", "MLII", "V1"}, {"213", "MLII", "V1"}, {"214", "MLII", "V1"}, {"215", "MLII", "V1"},
            {"217", "MLII", "V1"}, {"219", "MLII", "V1"}, {"220", "MLII", "V1"}, {"221", "MLII", "V1"},
            {"222", "MLII", "V1"}, {"223", "MLII", "V1"}, {"228", "MLII", "V1"}, {"230", "MLII", "V1"},
            {"231", "MLII", "V1"}, {"232", "MLII", "V1"}, {"233", "MLII", "V1"}, {"234", "MLII", "V1"},
        };
        Map<String, MitBihRecord> m = new LinkedHashMap<>();
        for (String[] row : table) {
            m.put(row[0], new MitBihRecord(row[0], List.of(row[1], row[2]), PACED.contains(row[0])));
        }
        RECORDS = Collections.unmodifiableMap(m);
    }

    private MitBih() {
    }

    /** All 48 records in PhysioNet's {@code RECORDS} order. */
    public static List<MitBihRecord> records() {
        return List.copyOf(RECORDS.values());
    }

    /** The 48 record names in PhysioNet's {@code RECORDS} order. */
    public static List<String> recordNames() {
        return List.copyOf(RECORDS.keySet());
    }

    /** The 44 records without paced beats. */
    public static List<String> nonPacedRecordNames() {
        List<String> out = new ArrayList<>();
        for (String r : RECORDS.keySet()) {
            if (!PACED.contains(r)) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    /**
     * One record by name.
     *
     * @throws IllegalArgumentException if the database has no such record
     */
    public static MitBihRecord record(String name) {
        MitBihRecord r = RECORDS.get(name);
        if (r == null) {
            throw new IllegalArgumentException("MIT-BIH Arrhythmia Database has no record '" + name
                    + "'; records are 100-109, 111-119, 121-124, 200-203, 205, 207-210, 212-215, 217, 219-223, 228, 230-234");
        }
        return r;
    }

    /** Whether the database has a record of this name. */
    public static boolean contains(String name) {
        return RECORDS.containsKey(name);
    }
}

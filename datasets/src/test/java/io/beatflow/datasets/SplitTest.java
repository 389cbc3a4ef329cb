package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {
    @Test
    void deChazalPartsAreDisjointAndExcludePacedRecords() {
        Split s = Split.deChazal2004();
        List<String> ds1 = s.part(Split.DS1);
        List<String> ds2 = s.part(Split.DS2);
        assertEquals(22, ds1.size());
        assertEquals(22, ds2.size());
        Set<String> both = new HashSet<>(ds1);
        both.retainAll(ds2);
        assertTrue(both.isEmpty(), "records in DS1 and DS2: " + both);
        for (String paced : MitBih.PACED) {
            assertTrue(s.partOf(paced).isEmpty(), paced);
        }
        // 22 + 22 + 4 paced = all 48
        Set<String> all = new HashSet<>(s.allRecords());
        all.addAll(MitBih.PACED);
        assertEquals(new HashSet<>(MitBih.recordNames()), all);
    }

    @Test
    void rejectsARecordInTwoParts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Split.of("leaky", List.of("100", "101"), List.of("101", "103")));
        assertTrue(e.getMessage().contains("record 101 is in both part train and part test"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Split.of("dup", List.of("100", "100"), List.of()));
    }

    @Test
    void customSplitNamesItsParts() {
        Split s = Split.of("mine", List.of("100"), List.of("101"));
        assertEquals(List.of("100", "101"), s.allRecords());
        assertThrows(IllegalArgumentException.class, () -> s.part("DS3"));
    }

    /**
     * Class counts of DS1 and DS2, derived independently: the per-symbol beat counts of
     * BEATCOUNTS.tsv (counted from the .atr files when the data was prepared) summed with the
     * Table I mapping written out here, then compared with de Chazal et al. 2004, Table II:
     * DS1 N 45866, S 944, V 3788, F 414, Q 8; DS2 N 44259, S 1837, V 3221, F 388, Q 7. The one
     * difference (DS1 F 415 here vs 414 published) is explained in the module README.
     */
    @Test
    void splitClassCountsAgreeWithTheBeatCountsFileAndThePublishedTable() throws IOException {
        ReferenceData.assumeMitdb();
        Map<String, String> symbolToClass = new HashMap<>();
        for (String s : List.of("N", "L", "R", "e", "j")) {
            symbolToClass.put(s, "N");
        }
        for (String s : List.of("A", "a", "J", "S")) {
            symbolToClass.put(s, "S");
        }
        symbolToClass.put("V", "V");
        symbolToClass.put("E", "V");
        symbolToClass.put("F", "F");
        for (String s : List.of("/", "f", "Q")) {
            symbolToClass.put(s, "Q");
        }
        List<String> lines = Files.readAllLines(ReferenceData.mitdb().resolve("BEATCOUNTS.tsv"));
        String[] header = lines.get(0).split("\t");
        Map<String, Map<String, Long>> perRecord = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            Map<String, Long> byClass = new HashMap<>();
            for (int i = 5; i < header.length; i++) {
                byClass.merge(symbolToClass.get(header[i]), Long.parseLong(f[i]), Long::sum);
            }
            perRecord.put(f[0], byClass);
        }
        Split split = Split.deChazal2004();
        ClassCounts ds1 = countsOf(split.part(Split.DS1), perRecord);
        ClassCounts ds2 = countsOf(split.part(Split.DS2), perRecord);
        assertEquals("N 45866, S 944, V 3788, F 415, Q 8", ds1.toString());
        assertEquals("N 44259, S 1837, V 3221, F 388, Q 7", ds2.toString());
        // the library's counts from the .atr files agree with the independent per-symbol counts
        Map<String, ClassCounts> fromAtr = ClassCounts.ofSplit(ReferenceData.mitdb(), split, "atr");
        assertEquals(ds1, fromAtr.get(Split.DS1));
        assertEquals(ds2, fromAtr.get(Split.DS2));
        long[] published1 = {45866, 944, 3788, 414, 8};
        for (AamiClass c : AamiClass.values()) {
            assertTrue(Math.abs(ds1.get(c) - published1[c.ordinal()]) <= 1, c + " in DS1");
        }
    }

    private static ClassCounts countsOf(List<String> records, Map<String, Map<String, Long>> perRecord) {
        EnumMap<AamiClass, Long> m = new EnumMap<>(AamiClass.class);
        for (String r : records) {
            perRecord.get(r).forEach((cls, n) -> m.merge(AamiClass.valueOf(cls), n, Long::sum));
        }
        return new ClassCounts(m);
    }
}

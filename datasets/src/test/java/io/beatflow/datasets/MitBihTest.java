package io.beatflow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MitBihTest {
    @Test
    void catalogueHas48RecordsAndFourPaced() {
        assertEquals(48, MitBih.records().size());
        assertEquals(44, MitBih.nonPacedRecordNames().size());
        for (String p : List.of("102", "104", "107", "217")) {
            assertTrue(MitBih.record(p).paced(), p);
        }
        assertFalse(MitBih.record("100").paced());
    }

    @Test
    void record114HasItsLeadsSwappedAnd102And104LackMlii() {
        assertEquals(List.of("V5", "MLII"), MitBih.record("114").leads());
        assertEquals(1, MitBih.record("114").preferredLeadIndex());
        assertFalse(MitBih.record("102").hasMlii());
        assertFalse(MitBih.record("104").hasMlii());
        assertEquals(0, MitBih.record("102").preferredLeadIndex());
        assertThrows(IllegalArgumentException.class, () -> MitBih.record("110"));
    }

    /** The catalogue must agree with PhysioNet's RECORDS file and the lead names in every header. */
    @Test
    void agreesWithTheRecordsFileAndEveryHeader() throws IOException {
        assertEquals(ReferenceData.mitdbRecords(), MitBih.recordNames());
        for (String r : MitBih.recordNames()) {
            List<String> lines = Files.readAllLines(ReferenceData.mitdb().resolve(r + ".hea"));
            List<String> leads = new ArrayList<>();
            for (String line : lines.subList(1, 3)) {
                String[] f = line.strip().split("\\s+");
                leads.add(f[f.length - 1]);
            }
            assertEquals(leads, MitBih.record(r).leads(), r);
        }
    }
}

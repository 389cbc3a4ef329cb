package io.beatflow.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gross versus record-averaged statistics, by hand. Record a: TP 9, FN 1, FP 0 (Se 0.9, +P 1);
 * record b: TP 1, FN 1, FP 1 (Se 0.5, +P 0.5). Gross Se = 10/12, +P = 10/11; average Se =
 * (0.9 + 0.5)/2 = 0.7, average +P = 0.75.
 */
class DetectionSummaryTest {
    private final DetectionSummary summary = new DetectionSummary(List.of(
            new RecordComparison("a", 9, 1, 0, 0.004),
            new RecordComparison("b", 1, 1, 1, Double.NaN)));

    @Test
    void grossAndAverage() {
        assertEquals(10.0 / 12, summary.grossSensitivity(), 1e-15);
        assertEquals(10.0 / 11, summary.grossPositivePredictivity(), 1e-15);
        assertEquals(0.7, summary.averageSensitivity(), 1e-15);
        assertEquals(0.75, summary.averagePositivePredictivity(), 1e-15);
    }

    @Test
    void averageSkipsRecordsWithUndefinedFigures() {
        DetectionSummary s = new DetectionSummary(List.of(
                new RecordComparison("a", 9, 1, 0, 0.0), new RecordComparison("empty", 0, 0, 2, 0.0)));
        assertEquals(0.9, s.averageSensitivity(), 1e-15);
        assertEquals(0.5, s.averagePositivePredictivity(), 1e-15);
    }

    @Test
    void textTableAlignsColumnsAndCsvHasOneLinePerRow() {
        String text = DetectionTableRenderer.text(summary);
        String[] lines = text.split("\n");
        assertEquals(5, lines.length);
        for (String line : lines) {
            assertEquals(lines[0].length(), line.length(), "aligned: " + line);
        }
        assertTrue(lines[1].startsWith("a "));
        assertTrue(lines[1].contains("90.00") && lines[1].contains("100.00") && lines[1].contains("4.0"));
        assertTrue(lines[2].contains("n/a"));
        assertTrue(lines[3].startsWith("gross") && lines[3].contains("83.33") && lines[3].contains("90.91"));
        assertTrue(lines[4].startsWith("average") && lines[4].contains("70.00") && lines[4].contains("75.00"));
        String csv = DetectionTableRenderer.csv(summary);
        List<String> rows = csv.lines().toList();
        assertEquals("record,ref_beats,test_beats,tp,fn,fp,se_pct,ppv_pct,mae_ms", rows.get(0));
        assertEquals("a,10,9,9,1,0,90.00,100.00,4.0", rows.get(1));
        assertEquals("b,2,2,1,1,1,50.00,50.00,", rows.get(2));
        assertEquals("gross,12,11,10,2,1,83.33,90.91,", rows.get(3));
    }
}

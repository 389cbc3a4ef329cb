package io.beatflow.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelCardsTest {
    /**
     * The card's own data and its experts' cards' data count; lists of the same names elsewhere
     * (outside a "data" object, or other fields of it) do not.
     */
    @Test
    void seenRecordsAreTheDataObjectsTrainingAndValidationRecords() {
        String card = "{\"model\":{\"trainingRecords\":[\"999\"]},"
                + "\"data\":{\"corpus\":\"mitdb\",\"trainingRecords\":[\"101\",\"106\"],\"validationRecords\":[\"108\"],"
                + "\"windowing\":\"x\"},"
                + "\"experts\":[{\"className\":\"S\",\"card\":{\"data\":{\"trainingRecords\":[\"109\"],"
                + "\"validationRecords\":[],\"encoderRecords\":[\"118\"]}}}],"
                + "\"inference\":{\"records\":[\"100\",\"101\"]}}";
        assertEquals(Set.of("101", "106", "108", "109", "118"), ModelCards.seenRecords(card));
        assertTrue(ModelCards.seenRecords(null).isEmpty());
        assertTrue(ModelCards.seenRecords("{}").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ModelCards.seenRecords("{\"data\":"));
    }

    @Test
    void theWarningNamesTheRecordsSeen() {
        String card = "{\"data\":{\"trainingRecords\":[\"101\",\"208\"],\"validationRecords\":[]}}";
        assertNull(ModelCards.seenWarning(card, List.of("100", "103")));
        String w = ModelCards.seenWarning(card, List.of("100", "208", "101"));
        assertTrue(w.startsWith("2 of the 3 records scored (101, 208) trained or validated this model"), w);
    }
}

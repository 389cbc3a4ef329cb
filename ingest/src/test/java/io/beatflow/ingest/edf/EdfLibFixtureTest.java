package io.beatflow.ingest.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beatflow.ingest.EdfAnnotation;
import io.beatflow.ingest.EdfHeader;
import io.beatflow.ingest.EdfReader;
import io.beatflow.ingest.EdfRecording;
import io.beatflow.ingest.Signal;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reads a file written by an independent EDF+ implementation, EDFlib 1.23 (generator and its
 * formulas in {@code make-edflib-fixture.c} beside the file): every expected value below follows
 * from those formulas, not from this project's reader or writer.
 */
class EdfLibFixtureTest {

    private static EdfRecording fixture() throws Exception {
        try (InputStream in = EdfLibFixtureTest.class.getResourceAsStream("edflib-two-rates.edf")) {
            assertNotNull(in, "edflib-two-rates.edf on the test class path");
            return EdfReader.read("edflib-two-rates.edf", in.readAllBytes());
        }
    }

    @Test
    void readsHeaderSamplesAndAnnotationsWrittenByEdflib() throws Exception {
        EdfRecording rec = fixture();
        assertEquals(EdfHeader.Variant.EDF_PLUS_CONTINUOUS, rec.header().variant());
        assertEquals(3, rec.header().recordCount());
        assertEquals(Optional.of(LocalDateTime.of(2024, 5, 13, 10, 20, 30)), rec.header().startTime());
        assertEquals(Map.of(32.0, List.of("Resp"), 256.0, List.of("ECG")), rec.labelsByRate());
        assertArrayEquals(new double[] {0, 1, 2}, rec.recordOnsetsSeconds());
        assertEquals(List.of(EdfAnnotation.at(0.5, "N"), new EdfAnnotation(1.25, 0.2, "Beat")), rec.annotations());

        int[] ecg = rec.digital(0);
        assertEquals(768, ecg.length);
        for (int n = 0; n < ecg.length; n++) {
            assertEquals((n * 97) % 2001 - 1000, ecg[n], "ECG sample " + n);
        }
        int[] resp = rec.digital(1);
        assertEquals(96, resp.length);
        for (int n = 0; n < resp.length; n++) {
            assertEquals(n * 10 - 400, resp[n], "Resp sample " + n);
        }
    }

    /**
     * ECG maps -32768..32767 onto -1000..1000 uV: sample 0 (digital -1000) is
     * 31768 * 2000 / 65535 - 1000 = 969.4972 - 1000 = -30.5028 uV, and sample 1 (digital
     * 97 - 1000 = -903) is 31865 * 2000 / 65535 - 1000 = 972.4575 - 1000 = -27.5425 uV. Resp maps
     * -2048..2047 onto -5..5 mV: sample 0 (digital -400) is 1648 * 10 / 4095 - 5 = -0.97558 mV.
     */
    @Test
    void physicalValuesFollowEachSignalsScale() throws Exception {
        EdfRecording rec = fixture();
        assertThrows(IllegalArgumentException.class, rec::toSignal);
        Signal ecg = rec.toSignal(List.of("ECG"));
        assertEquals(256.0, ecg.sampleRateHz());
        assertEquals("uV", ecg.leads().get(0).units());
        assertEquals(-30.5028, ecg.physical(0, 0), 1e-3);
        assertEquals(-27.5425, ecg.physical(0, 1), 1e-3);
        Signal resp = rec.toSignal(List.of("Resp"));
        assertEquals(-0.97558, resp.physical(0, 0), 1e-4);
    }
}

package io.beatflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DetectorConfigTest {
    @Test
    void panTompkinsSettingsAreThePapersConstants() {
        DetectorConfig c = DetectorConfig.panTompkins(200);
        assertEquals(5, c.bandLowHz());
        assertEquals(15, c.bandHighHz());
        assertEquals(0.150, c.integrationWindowSeconds());
        assertEquals(0.200, c.refractorySeconds());
        assertEquals(0.360, c.tWaveWindowSeconds());
        assertEquals(1.66, c.searchBackFactor());
        assertEquals(30, c.samples(0.150), "150 ms at 200 Hz");
        DetectorConfig d = DetectorConfig.defaults(200);
        assertEquals(6, d.bandLowHz());
        assertEquals(13, d.bandHighHz());
        assertEquals(c.refractorySeconds(), d.refractorySeconds());
    }

    @Test
    void rejectsRatesOutside128To1000Hz() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DetectorConfig.defaults(100));
        assertTrue(e.getMessage().contains("sampleRateHz") && e.getMessage().contains("100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DetectorConfig.defaults(1001));
        assertThrows(IllegalArgumentException.class, () -> DetectorConfig.defaults(Double.NaN));
        DetectorConfig.defaults(128);
        DetectorConfig.defaults(1000);
    }

    /** A record at a rate the detector does not take is named, with what to do, before any detector is built. */
    @Test
    void detectingARecordAtARateOutOfRangeSaysWhatToDo() {
        Signal s = Signal.ofPhysical("slow", 100, java.util.List.of(new Lead("ECG", "mV", 200, 0)), new float[][] {new float[500]}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BeatDetectors.detect(s, 0));
        assertTrue(e.getMessage().startsWith("slow: sampled at 100.0 Hz") && e.getMessage().contains("resample"),
                e.getMessage());
    }

    @Test
    void rejectsABandAboveTheNyquistMargin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DetectorConfig.defaults(128).withBand(5, 60));
        assertTrue(e.getMessage().contains("bandHighHz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DetectorConfig.defaults(360).withBand(15, 10));
    }

    @Test
    void rejectsATWaveWindowShorterThanTheRefractoryPeriod() {
        assertThrows(IllegalArgumentException.class,
                () -> new DetectorConfig(360, 5, 15, 0.15, 0.3, 0.25, 1.66, 2, 2));
    }
}

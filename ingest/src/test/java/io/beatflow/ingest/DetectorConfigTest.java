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

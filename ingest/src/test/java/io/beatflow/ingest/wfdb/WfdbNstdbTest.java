package io.beatflow.ingest.wfdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.testing.ReferenceData;
import org.junit.jupiter.api.Test;

/**
 * The NSTDB noise records bw and ma: gain 0 in their headers (uncalibrated), so WFDB's default of
 * 200 adu/mV applies; baseline = ADC zero = 0. Their header checksums and initial values are
 * verified by the reader.
 */
class WfdbNstdbTest {
    @Test
    void readsNoiseRecordsWithDefaultGain() throws Exception {
        ReferenceData.assumeNstdb();
        for (String r : new String[] {"bw", "ma"}) {
            Signal s = WfdbReader.read(ReferenceData.nstdb().resolve(r));
            assertEquals(650000, s.length(), r);
            assertEquals(2, s.leadCount(), r);
            assertEquals(200.0, s.leads().get(0).gain(), r);
            assertEquals(0.0, s.leads().get(0).baseline(), r);
        }
        // bw.hea gives initial value -29 for signal 0: -29 / 200 = -0.145 mV
        assertEquals(-0.145f, WfdbReader.read(ReferenceData.nstdb().resolve("bw")).physical(0, 0), 1e-6f);
    }
}

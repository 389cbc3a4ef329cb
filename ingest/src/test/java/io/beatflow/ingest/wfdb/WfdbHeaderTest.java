package io.beatflow.ingest.wfdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beatflow.ingest.WfdbHeader;
import io.beatflow.ingest.WfdbHeader.SignalLine;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header syntax and the defaults of PhysioNet's header(5). */
class WfdbHeaderTest {
    private static final String MIT_STYLE = "100 2 360 650000\n"
            + "100.dat 212 200 11 1024 995 -22131 0 MLII\n"
            + "100.dat 212 200 11 1024 1011 20052 0 V5\n"
            + "# 69 M 1085 1629 x1\n";

    @Test
    void crlfAndLfParseAlike() throws Exception {
        WfdbHeader lf = WfdbHeader.parse("a.hea", MIT_STYLE);
        WfdbHeader crlf = WfdbHeader.parse("a.hea", MIT_STYLE.replace("\n", "\r\n"));
        assertEquals(lf, crlf);
        SignalLine s = lf.signals().get(1);
        assertEquals("100.dat", s.fileName());
        assertEquals(212, s.format());
        assertEquals(200.0, s.adcGain());
        assertEquals(11, s.adcResolution());
        assertEquals(1024, s.adcZero());
        assertEquals(1024, s.baseline()); // baseline defaults to ADC zero
        assertEquals(1011, s.initialValue());
        assertEquals(20052, s.checksum());
        // a checksum written as an unsigned 16-bit number is read as the signed value: 40000 - 65536
        assertEquals(-25536, WfdbHeader.parse("d.hea", "d 1\nd.dat 16 200 16 0 0 40000").signals().get(0).checksum());
        assertEquals("V5", s.description());
        assertEquals(List.of("69 M 1085 1629 x1"), lf.comments());
        assertEquals(650000, lf.frames());
    }

    @Test
    void fullSyntaxOfRecordAndSignalLines() throws Exception {
        WfdbHeader h = WfdbHeader.parse("b.hea", "b 2 500/1000(12) 1000 10:20:30 01/02/2003\n"
                + "b.dat 16x4:2+512 1.5(-3)/mmHg 14 7 9 -1 0 arterial pressure  \n"
                + "b.dat 16 0\n");
        assertEquals(500.0, h.record().frequencyHz());
        assertEquals(1000.0, h.record().counterFrequencyHz());
        assertEquals(12.0, h.record().baseCounter());
        assertEquals(LocalDateTime.of(2003, 2, 1, 10, 20, 30), h.record().startTime().orElseThrow());
        SignalLine a = h.signals().get(0);
        assertEquals(4, a.samplesPerFrame());
        assertEquals(2, a.skew());
        assertEquals(512, a.byteOffset());
        assertEquals(1.5, a.adcGain());
        assertEquals(-3, a.baseline());
        assertEquals("mmHg", a.units());
        assertEquals("arterial pressure", a.description()); // the rest of the line, spaces kept inside
        SignalLine b = h.signals().get(1);
        assertEquals(0.0, b.adcGain());
        assertEquals(200.0, b.effectiveGain()); // uncalibrated
        assertEquals("mV", b.units());
        assertEquals(16, b.adcResolution()); // format default
        assertEquals(0, b.initialValue());
        assertFalse(b.hasChecksum());
        assertEquals("record b, signal 1", b.description());
    }

    @Test
    void defaultFrequencyIs250() throws Exception {
        WfdbHeader h = WfdbHeader.parse("c.hea", "c 0\n");
        assertEquals(250.0, h.record().frequencyHz());
        assertEquals(0, h.frames());
        assertTrue(h.record().startTime().isEmpty());
    }

    @Test
    void multiSegmentLayout() throws Exception {
        WfdbHeader h = WfdbHeader.parse("m.hea", "m/3 2 125 3000\nm_layout 0\nm_1 1000\n~ 2000\n");
        assertTrue(h.record().isMultiSegment());
        assertTrue(h.isVariableLayout());
        assertEquals(3, h.segments().size());
        assertTrue(h.segments().get(2).isNull());
        assertEquals(2000, h.segments().get(2).samples());
    }

    @Test
    void formatParsesBackToTheSameHeader() throws Exception {
        WfdbHeader h = WfdbHeader.parse("b.hea", "b 2 500/1000(12) 1000 10:20:30 01/02/2003\n"
                + "b.dat 16x4:2+512 1.5(-3)/mmHg 14 7 9 -1 0 arterial pressure\n"
                + "b.dat 16 0 16 0 0 5 0 two\n# note\n");
        assertEquals(h, WfdbHeader.parse("b.hea", h.format()));
    }
}

package io.beatflow.ingest.internal;

import io.beatflow.ingest.SignalFormatException;
import io.beatflow.ingest.WfdbHeader;
import io.beatflow.ingest.WfdbHeader.RecordLine;
import io.beatflow.ingest.WfdbHeader.Segment;
import io.beatflow.ingest.WfdbHeader.SignalLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for {@link WfdbHeader#parse}. Seeds are headers built here and formatted by
 * {@link WfdbHeader#format()} (single- and multi-segment, several samples per frame, skew, byte
 * offsets, counter frequency, base time and date, comments, CRLF and LF). Besides rejecting bad
 * input only by {@link SignalFormatException}, an accepted header must format to text that parses
 * again to the same text (else an {@link IllegalStateException} marks the defect).
 */
public final class WfdbHeaderFuzzTarget implements FuzzTarget {
    @Override
    public String name() {
        return "wfdb-header";
    }

    @Override
    public List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        List<WfdbHeader> headers = new ArrayList<>();
        headers.add(new WfdbHeader("a.hea", new RecordLine("a", 0, 2, 360, 360, 0, 650000, "", ""),
                List.of(signal("a.dat", 212, 1, 0, 0, 200, 1024, "mV", 11, 1024, 995, -22131, "MLII"),
                        signal("a.dat", 212, 1, 0, 0, 200, 1024, "mV", 11, 1024, 1011, 20052, "V5")),
                List.of(), List.of("69 M 1085 1629 x1", "Aldomet, Inderal")));
        headers.add(new WfdbHeader("b.hea", new RecordLine("b", 0, 3, 500, 1000, 12.5, 1000, "10:20:30.5",
                "01/02/2003"),
                List.of(signal("b1.dat", 16, 4, 2, 512, 0, 0, "uV", 16, 0, -7, 123, "ECG lead I"),
                        signal("b1.dat", 16, 1, 0, 512, 1.5, -3, "mmHg", 16, 0, 5, 0, "ABP"),
                        signal("b2.dat", 310, 3, 0, 0, 100, 0, "mV", 10, 0, 0, -1, "resp")),
                List.of(), List.of()));
        headers.add(new WfdbHeader("m.hea", new RecordLine("m", 3, 2, 125, 125, 0, 3000, "", ""), List.of(),
                List.of(new Segment("m_layout", 0), new Segment("m_1", 1000), new Segment("~", 2000)), List.of()));
        for (int f : new int[] {8, 24, 32, 61, 80, 160, 311, 0}) {
            headers.add(new WfdbHeader("c.hea", new RecordLine("c", 0, 1, 250, 250, 0, 0, "", ""),
                    List.of(signal("c.dat", f, 1, 0, 0, 1000, 0, "mV", 0, 0, 0, 0, "x")), List.of(), List.of()));
        }
        for (WfdbHeader h : headers) {
            String text = h.format();
            seeds.add(text.getBytes(StandardCharsets.ISO_8859_1));
            seeds.add(text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        seeds.add("r 1\nr.dat 16\n".getBytes(StandardCharsets.ISO_8859_1));
        seeds.add("r 1 100/50(3) 10\nr.dat 212x2:1+8 0(5)/mV 12 0 1 2 3 a b c\n".getBytes(StandardCharsets.ISO_8859_1));
        return seeds;
    }

    private static SignalLine signal(String file, int format, int spf, int skew, long offset, double gain, int baseline,
            String units, int res, int zero, int init, int checksum, String desc) {
        return new SignalLine(file, format, spf, skew, offset, gain, baseline, units, res == 0 ? WfdbFormats.bits(format)
                : res, zero, init, checksum, true, 0, desc);
    }

    @Override
    public void parse(byte[] input) throws SignalFormatException {
        WfdbHeader h = WfdbHeader.parse("fuzz.hea", new String(input, StandardCharsets.ISO_8859_1));
        h.record().startTime();
        for (SignalLine s : h.signals()) {
            s.lead();
        }
        String once = h.format();
        String twice;
        try {
            twice = WfdbHeader.parse("fuzz.hea", once).format();
        } catch (SignalFormatException e) {
            throw new IllegalStateException("accepted header formats to text that does not parse: " + e.getMessage()
                    + "\n" + once, e);
        }
        if (!once.equals(twice)) {
            throw new IllegalStateException("header format is not stable:\n" + once + "\nvs\n" + twice);
        }
    }
}

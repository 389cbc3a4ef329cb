package io.beatflow.ingest.internal;

import io.beatflow.ingest.EdfAnnotation;
import io.beatflow.ingest.EdfChannel;
import io.beatflow.ingest.EdfHeader;
import io.beatflow.ingest.EdfReader;
import io.beatflow.ingest.EdfRecording;
import io.beatflow.ingest.EdfWriter;
import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for {@link EdfReader}: seeds are small EDF+C, EDF+D, plain EDF and mixed-rate files
 * made by {@link EdfWriter} and {@link EdfEncoder}; each input is read and every group of equal-rate
 * channels is turned into a {@link Signal}.
 */
public final class EdfFuzzTarget implements FuzzTarget {
    /** Largest gap-filled EDF+D signal the target builds, in samples, so that a mutated onset cannot exhaust memory. */
    private static final double MAX_EXPANDED_SAMPLES = 1e6;

    @Override
    public String name() {
        return "edf";
    }

    @Override
    public List<byte[]> seeds() {
        int[][] digital = new int[2][24];
        for (int i = 0; i < 24; i++) {
            digital[0][i] = (i * 37) % 200 - 100;
            digital[1][i] = i * i - 50;
        }
        Signal two = Signal.ofDigital("seed", 8, List.of(new Lead("ECG I", "mV", 200, 0), new Lead("ECG II", "uV", 2, 10)),
                digital, Integer.MIN_VALUE, LocalDateTime.of(2003, 4, 5, 6, 7, 8));
        byte[] plusC = EdfWriter.toBytes(two, List.of(EdfAnnotation.at(0.5, "N"),
                new EdfAnnotation(1.25, 0.5, "Beat"), EdfAnnotation.at(2.75, "V")));
        byte[] plusD = patch(plusC, 192, "EDF+D");
        byte[] plain = patch(plusC, 192, "     ");
        Signal phys = Signal.ofPhysical("phys", 4, List.of(Lead.physical("Resp", "mV")),
                new float[][] {{0.5f, -1.25f, 3f, Float.NaN, 0f, 2f, 1f, -0.75f}}, null);
        byte[] physical = EdfWriter.toBytes(phys, List.of());
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(plusC);
        seeds.add(plusD);
        seeds.add(plain);
        seeds.add(physical);
        seeds.add(mixedRates());
        return seeds;
    }

    private static byte[] patch(byte[] bytes, int offset, String text) {
        byte[] out = bytes.clone();
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, out, offset, t.length);
        return out;
    }

    private static byte[] mixedRates() {
        byte[][] blocks = new byte[2][];
        for (int k = 0; k < 2; k++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(new EdfTal(k * 2.0, Double.NaN, List.of("")).encode());
            b.writeBytes(new EdfTal(k * 2.0 + 0.5, 1.0, List.of("Arousal", "Apnea")).encode());
            blocks[k] = b.toByteArray();
        }
        List<EdfEncoder.Channel> channels = List.of(
                new EdfEncoder.Channel("EEG Fpz-Cz", "AgAgCl", "uV", "-100", "100", -2048, 2047, "HP:0.5Hz", 8,
                        new int[] {1, -2, 3, -4, 5, -6, 7, -8, 100, 200, 300, 400, 500, 600, 700, 800}, null),
                new EdfEncoder.Channel("Resp", "", "mV", "-5", "5", -32768, 32767, "", 2,
                        new int[] {-32768, 32767, 0, 1}, null),
                new EdfEncoder.Channel("EDF Annotations", "", "", "-1", "1", -32768, 32767, "", 30, null, blocks));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            EdfEncoder.write(out, new EdfEncoder.Header("X M 01-JAN-1970 X", "Startdate 02-MAR-2002 X X X",
                    "02.03.02", "23.59.58", "EDF+C", 2, "2"), channels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void parse(byte[] input) throws SignalFormatException {
        EdfRecording rec = EdfReader.read(name() + ".edf", input);
        double[] onsets = rec.recordOnsetsSeconds();
        double span = onsets.length == 0 ? 0 : onsets[onsets.length - 1] - onsets[0];
        for (List<EdfChannel> group : rec.channelsByRate().values()) {
            double rate = group.get(0).sampleRateHz();
            if (rec.header().variant() == EdfHeader.Variant.EDF_PLUS_DISCONTINUOUS
                    && span * rate > MAX_EXPANDED_SAMPLES) {
                continue;
            }
            List<String> labels = new ArrayList<>();
            boolean unique = true;
            for (EdfChannel c : group) {
                for (EdfChannel other : rec.channels()) {
                    unique &= other == c || !other.label().equalsIgnoreCase(c.label());
                }
                labels.add(c.label());
            }
            if (unique) {
                Signal s = rec.toSignal(labels);
                s.physical(0);
            }
        }
        rec.annotations().size();
    }
}

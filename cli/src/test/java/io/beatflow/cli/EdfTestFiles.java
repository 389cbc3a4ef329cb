package io.beatflow.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** EDF files for the command tests, laid out byte by byte without the project's writer. */
final class EdfTestFiles {
    private EdfTestFiles() {
    }

    /**
     * An EDF file laid out from the field table of the EDF specification (Kemp et al. 1992), with
     * 1 s data records: {@code signals} rows are label, units, physical min, physical max, digital
     * min, digital max, samples per record; {@code data} holds the data records' bytes.
     */
    static Path edfFile(Path file, String reserved, int records, List<String[]> signals, byte[] data) throws Exception {
        int n = signals.size();
        StringBuilder h = new StringBuilder();
        h.append(field("0", 8)).append(field("X X X X", 80)).append(field("Startdate X X X X", 80))
                .append(field("01.01.20", 8)).append(field("00.00.00", 8)).append(field("" + 256 * (n + 1), 8))
                .append(field(reserved, 44)).append(field("" + records, 8)).append(field("1", 8))
                .append(field("" + n, 4));
        int[][] widthAndColumn = {{16, 0}, {80, -1}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {80, -1}, {8, 6}, {32, -1}};
        for (int[] f : widthAndColumn) {
            for (String[] sig : signals) {
                h.append(field(f[1] < 0 ? "" : sig[f[1]], f[0]));
            }
        }
        byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + data.length);
        System.arraycopy(data, 0, all, head.length, data.length);
        return Files.write(file, all);
    }

    /** 16-bit little-endian two's complement samples. */
    static byte[] samples16(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    /**
     * A mixed-rate EDF of {@code ecgMillivolts}' length in whole seconds: "ECG" at {@code rateHz}
     * (digital = microvolts: digital -32768..32767 for -32.768..32.767 mV) and "Resp" at a tenth of
     * that rate (zeros), 1 s records.
     */
    static Path mixedRate(Path file, float[] ecgMillivolts, int rateHz) throws Exception {
        int records = ecgMillivolts.length / rateHz;
        int resp = rateHz / 10;
        ByteBuffer data = ByteBuffer.allocate(records * (rateHz + resp) * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < records; r++) {
            for (int i = 0; i < rateHz; i++) {
                data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(ecgMillivolts[r * rateHz + i] * 1000))));
            }
            for (int i = 0; i < resp; i++) {
                data.putShort((short) 0);
            }
        }
        return edfFile(file, "", records, List.of(
                new String[] {"ECG", "mV", "-32.768", "32.767", "-32768", "32767", "" + rateHz},
                new String[] {"Resp", "mV", "-1", "1", "-32768", "32767", "" + resp}), data.array());
    }

    private static String field(String value, int width) {
        return String.format("%-" + width + "s", value);
    }
}

package io.beatflow.datasets;

import io.beatflow.datasets.internal.Sha256;
import io.beatflow.ingest.SignalFormatException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The on-disk form of a {@link BeatDataset}: compact, versioned, checksummed.
 *
 * <pre>
 *   magic    4 bytes  "BFDS"
 *   version  int32    1
 *   body              (big-endian, as java.io.DataOutput writes it)
 *     records   int32 count, then each as modified-UTF-8 string
 *     windowSamples int32, sampleRateHz float64, size int32
 *     windows   size * windowSamples float32 (little-endian, raw)
 *     labels    size int8 (label + 1, so unmatched = 0)
 *     origins   size int8
 *     rr        size * 3 float32 (little-endian, raw)
 *     recordIndex size int32, samples size int64
 *   sha256   32 bytes over everything before it
 * </pre>
 * Files are written to a temporary sibling and moved into place, so a reader never sees a
 * half-written file.
 */
public final class BeatDatasetFormat {
    /** File magic. */
    static final byte[] MAGIC = "BFDS".getBytes(StandardCharsets.US_ASCII);
    /** Current format version. */
    public static final int VERSION = 1;

    private BeatDatasetFormat() {
    }

    /** Writes a dataset to {@code file} (atomically replacing it). */
    public static void write(BeatDataset d, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            MessageDigest md = Sha256.digest();
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                DigestOutputStream dig = new DigestOutputStream(raw, md);
                DataOutputStream out = new DataOutputStream(dig);
                out.write(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(d.records().size());
                for (String r : d.records()) {
                    out.writeUTF(r);
                }
                int n = d.size();
                out.writeInt(d.windowSamples());
                out.writeDouble(d.sampleRateHz());
                out.writeInt(n);
                writeFloats(out, d.windowsColumn());
                byte[] lab = new byte[n];
                int[] labels = d.labelsColumn();
                for (int i = 0; i < n; i++) {
                    lab[i] = (byte) (labels[i] + 1);
                }
                out.write(lab);
                out.write(d.originsColumn());
                writeFloats(out, d.rrColumn());
                ByteBuffer b = ByteBuffer.allocate(n * 12);
                b.asIntBuffer().put(d.recordIndexColumn());
                b.position(n * 4);
                b.slice().asLongBuffer().put(d.samplesColumn());
                out.write(b.array());
                out.flush();
                raw.write(md.digest());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a dataset.
     *
     * @throws SignalFormatException naming the file and the problem (bad magic, unknown version,
     *     truncation, checksum mismatch)
     */
    public static BeatDataset read(Path file) throws IOException {
        MessageDigest md = Sha256.digest();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(new DigestInputStream(raw, md));
            byte[] magic = new byte[4];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new SignalFormatException(file, "byte 0", "not a beat dataset (magic " + Arrays.toString(magic) + ")");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new SignalFormatException(file, "byte 4", "format version " + version + ", this build reads "
                        + VERSION);
            }
            int nRecords = in.readInt();
            if (nRecords < 0 || nRecords > 1_000_000) {
                throw new SignalFormatException(file, "byte 8", "record count " + nRecords + " out of range");
            }
            List<String> records = new ArrayList<>(nRecords);
            for (int i = 0; i < nRecords; i++) {
                records.add(in.readUTF());
            }
            int windowSamples = in.readInt();
            double rate = in.readDouble();
            int n = in.readInt();
            if (windowSamples < 1 || n < 0 || (long) n * windowSamples > Integer.MAX_VALUE - 8) {
                throw new SignalFormatException(file, "header", n + " beats of " + windowSamples + " samples out of range");
            }
            float[] windows = readFloats(in, n * windowSamples);
            byte[] lab = new byte[n];
            in.readFully(lab);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = lab[i] - 1;
            }
            byte[] origins = new byte[n];
            in.readFully(origins);
            float[] rr = readFloats(in, n * BeatDataset.RR_FEATURES);
            byte[] tail = new byte[n * 12];
            in.readFully(tail);
            int[] recordIndex = new int[n];
            long[] samples = new long[n];
            ByteBuffer b = ByteBuffer.wrap(tail);
            b.asIntBuffer().get(recordIndex);
            b.position(n * 4);
            b.slice().asLongBuffer().get(samples);
            byte[] expected = md.digest();
            byte[] stored = new byte[32];
            try {
                new DataInputStream(raw).readFully(stored);
            } catch (EOFException e) {
                throw new SignalFormatException(file, "end", "truncated: checksum missing");
            }
            if (!Arrays.equals(expected, stored)) {
                throw new SignalFormatException(file, "trailer", "SHA-256 checksum mismatch: the file is damaged");
            }
            if (raw.read() != -1) {
                throw new SignalFormatException(file, "trailer", "unexpected bytes after the checksum");
            }
            try {
                return BeatDataset.adopt(records, windowSamples, rate, windows, labels, origins, rr, recordIndex, samples);
            } catch (IllegalArgumentException e) {
                throw new SignalFormatException(file, "body", e.getMessage());
            }
        } catch (EOFException e) {
            throw new SignalFormatException(file, "end", "truncated file");
        }
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.min(v.length, 1 << 16) * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < v.length; ) {
            int len = Math.min(v.length - off, 1 << 16);
            b.clear();
            b.asFloatBuffer().put(v, off, len);
            out.write(b.array(), 0, len * 4);
            off += len;
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] v = new float[count];
        byte[] buf = new byte[Math.min(count, 1 << 16) * 4];
        for (int off = 0; off < count; ) {
            int len = Math.min(count - off, 1 << 16);
            in.readFully(buf, 0, len * 4);
            ByteBuffer.wrap(buf, 0, len * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v, off, len);
            off += len;
        }
        return v;
    }
}

package io.beatflow.ingest.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Byte encoding of the state of incremental filters and windowers, for snapshot and restore.
 *
 * <p>Layout: the ASCII magic {@code BFDS}, a format version (int), a type tag (UTF-8 string with
 * an int length) naming the kind of object, then fields written in a fixed order by that object.
 * All numbers are big-endian. {@link Reader} methods throw {@link IllegalArgumentException} naming
 * the object and the field when a snapshot is truncated or belongs to another kind of object.
 */
public final class DspState {
    private static final int MAGIC = 0x42464453; // "BFDS"
    private static final int VERSION = 1;

    private DspState() {
    }

    /** Starts a snapshot of an object of the given kind. */
    public static Writer writer(String kind) {
        Writer w = new Writer();
        w.putInt(MAGIC);
        w.putInt(VERSION);
        w.putString(kind);
        return w;
    }

    /**
     * Opens a snapshot and checks that it was written by an object of the given kind.
     *
     * @throws IllegalArgumentException if the bytes are not a snapshot of this kind and version
     */
    public static Reader reader(byte[] bytes, String kind) {
        if (bytes == null) {
            throw new IllegalArgumentException(kind + " snapshot: null");
        }
        Reader r = new Reader(ByteBuffer.wrap(bytes), kind);
        int magic = r.getInt("magic");
        if (magic != MAGIC) {
            throw new IllegalArgumentException(kind + " snapshot: bad magic 0x" + Integer.toHexString(magic));
        }
        int version = r.getInt("version");
        if (version != VERSION) {
            throw new IllegalArgumentException(kind + " snapshot: unsupported version " + version);
        }
        String found = r.getString("kind");
        if (!found.equals(kind)) {
            throw new IllegalArgumentException(kind + " snapshot: this is a snapshot of a " + found);
        }
        return r;
    }

    /** Appends fields to a snapshot. */
    public static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);

        private Writer() {
        }

        public Writer putInt(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer putLong(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer putDouble(double v) {
            try {
                out.writeDouble(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer putBoolean(boolean v) {
            return putInt(v ? 1 : 0);
        }

        public Writer putString(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            putInt(b.length);
            try {
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer putDoubles(double[] v) {
            putInt(v.length);
            for (double d : v) {
                putDouble(d);
            }
            return this;
        }

        /** Writes {@code len} floats from {@code v} starting at {@code off}, bit-exactly (NaN kept). */
        public Writer putFloats(float[] v, int off, int len) {
            putInt(len);
            try {
                for (int i = 0; i < len; i++) {
                    out.writeInt(Float.floatToRawIntBits(v[off + i]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Writes a nested snapshot (or any bytes) with its length. */
        public Writer putBytes(byte[] v) {
            putInt(v.length);
            try {
                out.write(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Writer putLongs(long[] v, int off, int len) {
            putInt(len);
            for (int i = 0; i < len; i++) {
                putLong(v[off + i]);
            }
            return this;
        }

        public byte[] toBytes() {
            return bytes.toByteArray();
        }
    }

    /** Reads fields back in the order they were written. */
    public static final class Reader {
        private final ByteBuffer buf;
        private final String kind;

        private Reader(ByteBuffer buf, String kind) {
            this.buf = buf;
            this.kind = kind;
        }

        private IllegalArgumentException truncated(String field) {
            return new IllegalArgumentException(kind + " snapshot: truncated at byte " + buf.position()
                    + " reading " + field);
        }

        public int getInt(String field) {
            try {
                return buf.getInt();
            } catch (BufferUnderflowException e) {
                throw truncated(field);
            }
        }

        public long getLong(String field) {
            try {
                return buf.getLong();
            } catch (BufferUnderflowException e) {
                throw truncated(field);
            }
        }

        public double getDouble(String field) {
            try {
                return buf.getDouble();
            } catch (BufferUnderflowException e) {
                throw truncated(field);
            }
        }

        public boolean getBoolean(String field) {
            return getInt(field) != 0;
        }

        private int getLength(String field, int elementBytes) {
            int n = getInt(field + " length");
            if (n < 0 || (long) n * elementBytes > buf.remaining()) {
                throw new IllegalArgumentException(kind + " snapshot: bad length " + n + " of " + field
                        + " at byte " + (buf.position() - 4));
            }
            return n;
        }

        public String getString(String field) {
            int n = getLength(field, 1);
            byte[] b = new byte[n];
            buf.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        public double[] getDoubles(String field) {
            int n = getLength(field, 8);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = buf.getDouble();
            }
            return v;
        }

        public float[] getFloats(String field) {
            int n = getLength(field, 4);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = Float.intBitsToFloat(buf.getInt());
            }
            return v;
        }

        public byte[] getBytes(String field) {
            int n = getLength(field, 1);
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        public long[] getLongs(String field) {
            int n = getLength(field, 8);
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = buf.getLong();
            }
            return v;
        }

        /** Checks that the whole snapshot was consumed. */
        public void end() {
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException(kind + " snapshot: " + buf.remaining()
                        + " unexpected trailing bytes at byte " + buf.position());
            }
        }

        /** A failure naming this snapshot's kind. */
        public IllegalArgumentException mismatch(String what) {
            return new IllegalArgumentException(kind + " snapshot: " + what);
        }
    }
}

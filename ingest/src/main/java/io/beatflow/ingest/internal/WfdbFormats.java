package io.beatflow.ingest.internal;

/**
 * The WFDB signal storage formats: sample widths, invalid-sample markers, file sizes, and bulk
 * decoding and encoding of sample streams.
 *
 * <p>Bit layouts follow PhysioNet's signal(5) specification (physionet.org/physiotools/wag/signal-5.htm)
 * and the semantics of the WFDB library's {@code getvec}/{@code putvec}:
 * <ul>
 *   <li>8: 8-bit first differences (signed byte), accumulated from the header's initial value;</li>
 *   <li>16: 16-bit two's complement, little-endian; 61: the same, big-endian;</li>
 *   <li>24, 32: 24- and 32-bit two's complement, little-endian;</li>
 *   <li>80, 160: 8- and 16-bit offset binary (stored value minus 128 or 32768);</li>
 *   <li>212: two 12-bit samples in three bytes: sample 0 is byte 0 plus the low nibble of byte 1
 *       as its high bits, sample 1 is byte 2 plus the high nibble of byte 1;</li>
 *   <li>310: three 10-bit samples in two little-endian 16-bit words: sample 0 in bits 1-10 of
 *       word 0, sample 1 in bits 1-10 of word 1, sample 2 from bits 11-15 of word 0 (low five bits)
 *       and bits 11-15 of word 1 (high five bits);</li>
 *   <li>311: three 10-bit samples in one little-endian 32-bit word, in bits 0-9, 10-19 and 20-29.</li>
 * </ul>
 * The invalid-sample marker of each format is its most negative value (e.g. -32768 for format 16,
 * -2048 for 212, -512 for 310/311), as in WFDB; format 8 has none.
 *
 * <p>Stream positions count samples in file order (frames of all signals of one file interleaved);
 * a trailing partial group (an odd sample in format 212, one or two samples in 310/311) occupies the
 * bytes WFDB writes for it.
 */
public final class WfdbFormats {
    /** Marker meaning "this format has no invalid-sample value". */
    public static final long NO_INVALID = Long.MIN_VALUE;

    private static final int[] SUPPORTED = {0, 8, 16, 24, 32, 61, 80, 160, 212, 310, 311};

    private WfdbFormats() {
    }

    /** Whether {@code format} is a storage format this library reads (0 = null signal, no data). */
    public static boolean isSupported(int format) {
        for (int f : SUPPORTED) {
            if (f == format) {
                return true;
            }
        }
        return false;
    }

    /** Bits per stored sample (the default ADC resolution in WFDB for each format). */
    public static int bits(int format) {
        return switch (format) {
            case 8, 80 -> 8;
            case 16, 61, 160 -> 16;
            case 24 -> 24;
            case 32 -> 32;
            case 212 -> 12;
            case 310, 311 -> 10;
            default -> 12;
        };
    }

    /** The stored value that marks an invalid sample, or {@link #NO_INVALID}. */
    public static long invalidValue(int format) {
        return switch (format) {
            case 8, 0 -> NO_INVALID;
            case 80 -> -128;
            case 16, 61, 160 -> -32768;
            case 24 -> -(1 << 23);
            case 32 -> Integer.MIN_VALUE;
            case 212 -> -2048;
            case 310, 311 -> -512;
            default -> throw new IllegalArgumentException("unsupported storage format " + format);
        };
    }

    /** Smallest value the format can store (the invalid marker included). */
    public static long minValue(int format) {
        return switch (format) {
            case 8 -> Integer.MIN_VALUE; // differences are limited, not values
            default -> -(1L << (bits(format) - 1));
        };
    }

    /** Largest value the format can store. */
    public static long maxValue(int format) {
        return switch (format) {
            case 8 -> Integer.MAX_VALUE;
            default -> (1L << (bits(format) - 1)) - 1;
        };
    }

    /** Bytes WFDB writes for {@code n} samples (a trailing partial group rounded as WFDB does). */
    public static long bytesFor(int format, long n) {
        return switch (format) {
            case 0 -> 0;
            case 8, 80 -> n;
            case 16, 61, 160 -> 2 * n;
            case 24 -> 3 * n;
            case 32 -> 4 * n;
            case 212 -> 3 * (n / 2) + 2 * (n % 2);
            case 310 -> 4 * (n / 3) + (n % 3 == 0 ? 0 : n % 3 == 1 ? 2 : 4);
            case 311 -> 4 * ((n + 2) / 3);
            default -> throw new IllegalArgumentException("unsupported storage format " + format);
        };
    }

    /** Smallest byte count that can hold {@code n} samples (accepts files with a short last group). */
    public static long minBytesFor(int format, long n) {
        if (format == 311 && n % 3 != 0) {
            // WFDB reads format 311 as 16-bit words: one word holds sample 0, two hold sample 1
            return 4 * (n / 3) + (n % 3 == 1 ? 2 : 4);
        }
        return bytesFor(format, n);
    }

    /** Number of whole samples held in {@code bytes} bytes. */
    public static long samplesIn(int format, long bytes) {
        return switch (format) {
            case 0 -> 0;
            case 8, 80 -> bytes;
            case 16, 61, 160 -> bytes / 2;
            case 24 -> bytes / 3;
            case 32 -> bytes / 4;
            case 212 -> 2 * (bytes / 3) + (bytes % 3 >= 2 ? 1 : 0);
            case 310 -> 3 * (bytes / 4) + (bytes % 4 >= 2 ? 1 : 0);
            case 311 -> 3 * (bytes / 4) + (bytes % 4 >= 2 ? 1 : 0);
            default -> throw new IllegalArgumentException("unsupported storage format " + format);
        };
    }

    /**
     * Samples in one group of the format's bit layout: 2 for 212, 3 for 310 and 311, 1 for the
     * others. A stream position that is a multiple of it starts a group, at byte
     * {@link #bytesFor}{@code (format, position)}.
     */
    public static int samplesPerGroup(int format) {
        return switch (format) {
            case 212 -> 2;
            case 310, 311 -> 3;
            default -> 1;
        };
    }

    /** Bytes in one group of {@link #samplesPerGroup} samples. */
    public static int bytesPerGroup(int format) {
        return (int) bytesFor(format, samplesPerGroup(format));
    }

    /**
     * Decodes {@code n} samples starting at byte {@code off} of {@code buf} into
     * {@code out[outOff..outOff+n)}; byte {@code off} must start a group ({@link #samplesPerGroup}).
     * For format 8 the decoded values are the stored differences, not yet accumulated. The caller
     * has checked that {@code buf} holds at least {@link #minBytesFor} bytes from {@code off}.
     */
    public static void decode(int format, byte[] buf, int off, int n, int[] out, int outOff) {
        int end = outOff + n;
        switch (format) {
            case 8 -> {
                for (int i = outOff, p = off; i < end; i++, p++) {
                    out[i] = buf[p];
                }
            }
            case 80 -> {
                for (int i = outOff, p = off; i < end; i++, p++) {
                    out[i] = (buf[p] & 0xff) - 128;
                }
            }
            case 16 -> {
                for (int i = outOff, p = off; i < end; i++, p += 2) {
                    out[i] = (short) ((buf[p] & 0xff) | (buf[p + 1] << 8));
                }
            }
            case 61 -> {
                for (int i = outOff, p = off; i < end; i++, p += 2) {
                    out[i] = (short) ((buf[p] << 8) | (buf[p + 1] & 0xff));
                }
            }
            case 160 -> {
                for (int i = outOff, p = off; i < end; i++, p += 2) {
                    out[i] = ((buf[p] & 0xff) | ((buf[p + 1] & 0xff) << 8)) - 32768;
                }
            }
            case 24 -> {
                for (int i = outOff, p = off; i < end; i++, p += 3) {
                    out[i] = (buf[p] & 0xff) | ((buf[p + 1] & 0xff) << 8) | (buf[p + 2] << 16);
                }
            }
            case 32 -> {
                for (int i = outOff, p = off; i < end; i++, p += 4) {
                    out[i] = (buf[p] & 0xff) | ((buf[p + 1] & 0xff) << 8) | ((buf[p + 2] & 0xff) << 16)
                            | (buf[p + 3] << 24);
                }
            }
            case 212 -> decode212(buf, off, outOff, end, out);
            case 310 -> decode310(buf, off, outOff, end, out);
            case 311 -> decode311(buf, off, outOff, end, out);
            default -> throw new IllegalArgumentException("unsupported storage format " + format);
        }
    }

    /** Format 212 into {@code out[i..end)}, {@code i} at the start of a byte triple. */
    private static void decode212(byte[] buf, int off, int i, int end, int[] out) {
        int p = off;
        for (; i + 1 < end; p += 3) {
            int b0 = buf[p] & 0xff;
            int b1 = buf[p + 1] & 0xff;
            int b2 = buf[p + 2] & 0xff;
            out[i++] = (((b1 & 0x0f) << 8 | b0) << 20) >> 20;
            out[i++] = (((b1 & 0xf0) << 4 | b2) << 20) >> 20;
        }
        if (i < end) {
            out[i] = (((buf[p + 1] & 0x0f) << 8 | (buf[p] & 0xff)) << 20) >> 20;
        }
    }

    private static void decode310(byte[] buf, int off, int i, int end, int[] out) {
        int p = off;
        for (; i < end; i += 3, p += 4) {
            int w0 = (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8;
            out[i] = ((w0 >> 1) << 22) >> 22;
            if (i + 1 < end) {
                int w1 = (buf[p + 2] & 0xff) | (buf[p + 3] & 0xff) << 8;
                out[i + 1] = ((w1 >> 1) << 22) >> 22;
                if (i + 2 < end) {
                    int v = ((w0 >> 11) & 0x1f) | ((w1 >> 11) & 0x1f) << 5;
                    out[i + 2] = (v << 22) >> 22;
                }
            }
        }
    }

    private static void decode311(byte[] buf, int off, int i, int end, int[] out) {
        int p = off;
        for (; i < end; i += 3, p += 4) {
            int w = buf[p] & 0xff | (buf[p + 1] & 0xff) << 8;
            if (i + 1 < end) {
                w |= (buf[p + 2] & 0xff) << 16;
                if (i + 2 < end) {
                    w |= (buf[p + 3] & 0xff) << 24;
                }
            }
            out[i] = (w << 22) >> 22;
            if (i + 1 < end) {
                out[i + 1] = ((w >> 10) << 22) >> 22;
            }
            if (i + 2 < end) {
                out[i + 2] = ((w >> 20) << 22) >> 22;
            }
        }
    }

    /**
     * Encodes {@code n} stored values (for format 8: differences, each in [-128, 127]) into
     * {@link #bytesFor} bytes. Values must be in the format's range; the caller checks this.
     */
    public static byte[] encode(int format, int[] v, int n) {
        byte[] out = new byte[Math.toIntExact(bytesFor(format, n))];
        switch (format) {
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) v[i];
                }
            }
            case 80 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) (v[i] + 128);
                }
            }
            case 16, 160 -> {
                int bias = format == 160 ? 32768 : 0;
                for (int i = 0, p = 0; i < n; i++, p += 2) {
                    int x = v[i] + bias;
                    out[p] = (byte) x;
                    out[p + 1] = (byte) (x >> 8);
                }
            }
            case 61 -> {
                for (int i = 0, p = 0; i < n; i++, p += 2) {
                    out[p] = (byte) (v[i] >> 8);
                    out[p + 1] = (byte) v[i];
                }
            }
            case 24 -> {
                for (int i = 0, p = 0; i < n; i++, p += 3) {
                    out[p] = (byte) v[i];
                    out[p + 1] = (byte) (v[i] >> 8);
                    out[p + 2] = (byte) (v[i] >> 16);
                }
            }
            case 32 -> {
                for (int i = 0, p = 0; i < n; i++, p += 4) {
                    out[p] = (byte) v[i];
                    out[p + 1] = (byte) (v[i] >> 8);
                    out[p + 2] = (byte) (v[i] >> 16);
                    out[p + 3] = (byte) (v[i] >> 24);
                }
            }
            case 212 -> {
                int p = 0;
                for (int i = 0; i < n; i += 2) {
                    int a = v[i] & 0xfff;
                    out[p] = (byte) a;
                    if (i + 1 < n) {
                        int b = v[i + 1] & 0xfff;
                        out[p + 1] = (byte) ((a >> 8) | ((b >> 8) << 4));
                        out[p + 2] = (byte) b;
                    } else {
                        out[p + 1] = (byte) (a >> 8);
                    }
                    p += 3;
                }
            }
            case 310 -> {
                int p = 0;
                for (int i = 0; i < n; i += 3, p += 4) {
                    int a = v[i] & 0x3ff;
                    int b = i + 1 < n ? v[i + 1] & 0x3ff : 0;
                    int c = i + 2 < n ? v[i + 2] & 0x3ff : 0;
                    int w0 = (a << 1) | ((c & 0x1f) << 11);
                    int w1 = (b << 1) | ((c >> 5) << 11);
                    out[p] = (byte) w0;
                    out[p + 1] = (byte) (w0 >> 8);
                    if (i + 1 < n) {
                        out[p + 2] = (byte) w1;
                        out[p + 3] = (byte) (w1 >> 8);
                    }
                }
            }
            case 311 -> {
                int p = 0;
                for (int i = 0; i < n; i += 3, p += 4) {
                    int w = (v[i] & 0x3ff) | (i + 1 < n ? (v[i + 1] & 0x3ff) << 10 : 0)
                            | (i + 2 < n ? (v[i + 2] & 0x3ff) << 20 : 0);
                    out[p] = (byte) w;
                    out[p + 1] = (byte) (w >> 8);
                    out[p + 2] = (byte) (w >> 16);
                    out[p + 3] = (byte) (w >> 24);
                }
            }
            default -> throw new IllegalArgumentException("unsupported storage format " + format);
        }
        return out;
    }
}

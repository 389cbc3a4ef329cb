package io.beatflow.ingest;

import io.beatflow.ingest.internal.EdfTal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads EDF, EDF+ (continuous and discontinuous) and BDF files.
 *
 * <p>Layout (Kemp et al. 1992, "A simple format for exchange of digitized polygraphic recordings";
 * Kemp &amp; Olivan 2003, "European data format 'plus' (EDF+)"): a 256-byte ASCII header, then
 * {@code ns * 256} bytes of signal headers (each field stored for all signals in turn), then data
 * records holding, signal after signal, {@code samplesPerRecord} samples as 16-bit little-endian
 * two's complement integers (24-bit in BioSemi's BDF). EDF+ stores annotations as
 * Time-stamped Annotations Lists in signals labelled "EDF Annotations"; the first TAL of each data
 * record gives its start time.
 *
 * <p>Every length and count in the header is checked against the file size before anything is
 * allocated, so a corrupt header is reported as a {@link SignalFormatException} naming the field
 * and byte offset rather than exhausting memory.
 */
public final class EdfReader {
    private static final int FIXED_HEADER = 256;
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?");
    private static final Pattern DATE_OR_TIME = Pattern.compile("([0-9]{2})[^0-9]([0-9]{2})[^0-9]([0-9]{2}|yy)");
    private static final Pattern PLUS_STARTDATE =
            Pattern.compile("Startdate ([0-9]{2})-([A-Za-z]{3})-([0-9]{4})(\\s.*)?");
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final int BATCH_BYTES = 1 << 20;

    private EdfReader() {
    }

    /**
     * Reads an EDF, EDF+ or BDF file.
     *
     * @throws SignalFormatException if the file is malformed (the message names the file, the byte
     *     offset and the header field)
     * @throws IOException if the file cannot be read
     */
    public static EdfRecording read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Parser(String.valueOf(file), new ChannelSource(ch), null).parse();
        }
    }

    /**
     * Reads an EDF, EDF+ or BDF file, keeping the samples of the signals labelled {@code labels}
     * alone (matched as {@link EdfRecording#toSignal(List)} matches them: ignoring case and
     * surrounding blanks). The whole file is read and checked as {@link #read(Path)} checks it, and
     * every signal is described ({@link EdfRecording#channels()}, so a label that is not in the file
     * is named with those that are), but only the signals named take memory: a 24-hour, 12-lead
     * recording at 500 Hz holds 173 MB of samples per lead against 2 GB for all. The samples outside
     * the digital range ({@link EdfRecording#warnings()}) are counted for the signals kept alone. An
     * empty list keeps no samples: the header, the record onsets and the EDF+ annotations.
     *
     * @param labels the signals whose samples to keep
     * @throws SignalFormatException if the file is malformed
     * @throws IOException if the file cannot be read
     */
    public static EdfRecording read(Path file, List<String> labels) throws IOException {
        java.util.Objects.requireNonNull(labels, "labels");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Parser(String.valueOf(file), new ChannelSource(ch), List.copyOf(labels)).parse();
        }
    }

    /**
     * Reads EDF, EDF+ or BDF bytes held in memory.
     *
     * @param sourceName file name used in messages and as the signal name
     * @throws SignalFormatException if the bytes are malformed
     */
    public static EdfRecording read(String sourceName, byte[] bytes) throws SignalFormatException {
        try {
            return new Parser(sourceName, new ArraySource(bytes), null).parse();
        } catch (SignalFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    /**
     * Reads a file whose signals all have one sample rate as a {@link Signal}.
     *
     * @throws IllegalArgumentException if the signals have different rates (use {@link #read(Path)}
     *     and {@link EdfRecording#toSignal(List)})
     */
    public static Signal readSignal(Path file) throws IOException {
        return read(file).toSignal();
    }

    /** Random access to the file's bytes. */
    private interface Source {
        long size() throws IOException;

        void read(long position, byte[] dst, int length) throws IOException;
    }

    private static final class ArraySource implements Source {
        private final byte[] bytes;

        ArraySource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void read(long position, byte[] dst, int length) {
            System.arraycopy(bytes, (int) position, dst, 0, length);
        }
    }

    private static final class ChannelSource implements Source {
        private final FileChannel channel;

        ChannelSource(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void read(long position, byte[] dst, int length) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(dst, 0, length);
            while (buf.hasRemaining()) {
                if (channel.read(buf, position + buf.position()) < 0) {
                    throw new java.io.EOFException("file shrank while reading at byte " + (position + buf.position()));
                }
            }
        }
    }

    private static final class Parser {
        private final String source;
        private final Source in;
        /** The labels of the signals whose samples to keep; null for every signal. */
        private final List<String> kept;
        private byte[] header;

        Parser(String source, Source in, List<String> kept) {
            this.source = source;
            this.in = in;
            this.kept = kept;
        }

        /** Whether the samples of a signal labelled {@code label} are kept. */
        private boolean keeps(String label) {
            if (kept == null) {
                return true;
            }
            for (String k : kept) {
                if (k.trim().equalsIgnoreCase(label)) {
                    return true;
                }
            }
            return false;
        }

        EdfRecording parse() throws IOException {
            long size = in.size();
            if (size < FIXED_HEADER) {
                throw error(0, "file has " + size + " bytes; an EDF header alone needs " + FIXED_HEADER);
            }
            header = new byte[FIXED_HEADER];
            in.read(0, header, FIXED_HEADER);

            int bytesPerSample;
            if ((header[0] & 0xff) == 0xff && ascii(1, 7).equals("BIOSEMI")) {
                bytesPerSample = 3;
            } else if (ascii(0, 8).equals("0       ")) {
                bytesPerSample = 2;
            } else {
                throw error(0, "unknown version '" + printable(0, 8)
                        + "' in header field 'version' (EDF starts with \"0\" and 7 blanks, BDF with 0xFF \"BIOSEMI\")");
            }
            String patient = ascii(8, 80).trim();
            String recording = ascii(88, 80).trim();
            long headerBytes = integer(184, 8, "header field 'number of bytes in header record'");
            String reserved = ascii(192, 44).trim();
            long recordField = integer(236, 8, "header field 'number of data records'");
            double duration = decimal(244, 8, "header field 'duration of a data record'");
            long ns = integer(252, 4, "header field 'number of signals'");

            EdfHeader.Variant variant;
            if (reserved.startsWith("EDF+C") || reserved.startsWith("BDF+C")) {
                variant = EdfHeader.Variant.EDF_PLUS_CONTINUOUS;
            } else if (reserved.startsWith("EDF+D") || reserved.startsWith("BDF+D")) {
                variant = EdfHeader.Variant.EDF_PLUS_DISCONTINUOUS;
            } else {
                variant = EdfHeader.Variant.EDF;
            }
            if (ns < 1) {
                throw error(252, "header field 'number of signals' is " + ns + "; at least 1 is needed");
            }
            if (headerBytes != FIXED_HEADER * (ns + 1)) {
                throw error(184, "header field 'number of bytes in header record' is " + headerBytes + " but "
                        + ns + " signals need 256 * (" + ns + " + 1) = " + FIXED_HEADER * (ns + 1));
            }
            if (headerBytes > size) {
                throw error(252, "header declares " + ns + " signals, whose headers need " + headerBytes
                        + " bytes, but the file has only " + size + " bytes");
            }
            if (recordField < -1) {
                throw error(236, "header field 'number of data records' is " + recordField
                        + "; it must be -1 (unknown) or >= 0");
            }
            if (duration < 0) {
                throw error(244, "header field 'duration of a data record' is negative: " + duration);
            }
            LocalDateTime start = startTime(variant, recording);

            int n = (int) ns;
            byte[] sh = new byte[n * FIXED_HEADER];
            in.read(FIXED_HEADER, sh, sh.length);
            header = concat(header, sh);
            String[] labels = new String[n];
            boolean[] isAnnotation = new boolean[n];
            int[] spr = new int[n];
            long recordBytes = 0;
            List<EdfChannel> channels = new ArrayList<>();
            List<Integer> channelIndex = new ArrayList<>();
            int dLimit = bytesPerSample == 2 ? 32767 : 8388607;
            for (int i = 0; i < n; i++) {
                labels[i] = ascii(off(n, 0, 16, i), 16).trim();
                isAnnotation[i] = variant.isPlus()
                        && (labels[i].equals("EDF Annotations") || labels[i].equals("BDF Annotations"));
                String transducer = ascii(off(n, 16, 80, i), 80).trim();
                String dimension = ascii(off(n, 96, 8, i), 8).trim();
                double pmin = decimal(off(n, 104, 8, i), 8, field(i, labels[i], "physical minimum"));
                double pmax = decimal(off(n, 112, 8, i), 8, field(i, labels[i], "physical maximum"));
                long dmin = integer(off(n, 120, 8, i), 8, field(i, labels[i], "digital minimum"));
                long dmax = integer(off(n, 128, 8, i), 8, field(i, labels[i], "digital maximum"));
                String prefilter = ascii(off(n, 136, 80, i), 80).trim();
                long samples = integer(off(n, 216, 8, i), 8, field(i, labels[i], "number of samples in each data record"));
                if (samples < 1 || samples > Integer.MAX_VALUE / 4) {
                    throw error(off(n, 216, 8, i), field(i, labels[i], "number of samples in each data record")
                            + " is " + samples + "; it must be between 1 and " + Integer.MAX_VALUE / 4);
                }
                spr[i] = (int) samples;
                recordBytes += samples * bytesPerSample;
                if (isAnnotation[i]) {
                    continue;
                }
                if (dmin < -dLimit - 1 || dmin > dLimit) {
                    throw error(off(n, 120, 8, i), field(i, labels[i], "digital minimum") + " " + dmin
                            + " does not fit in " + 8 * bytesPerSample + " bits");
                }
                if (dmax < -dLimit - 1 || dmax > dLimit) {
                    throw error(off(n, 128, 8, i), field(i, labels[i], "digital maximum") + " " + dmax
                            + " does not fit in " + 8 * bytesPerSample + " bits");
                }
                if (dmin >= dmax) {
                    throw error(off(n, 120, 8, i), field(i, labels[i], "digital minimum") + " " + dmin
                            + " is not below the digital maximum " + dmax);
                }
                if (pmin == pmax) {
                    throw error(off(n, 104, 8, i), field(i, labels[i], "physical minimum") + " equals the physical maximum ("
                            + pmin + "); the digital-to-physical scale would be undefined");
                }
                if (!(duration > 0)) {
                    throw error(244, "header field 'duration of a data record' is " + duration
                            + " but signal " + (i + 1) + " '" + labels[i]
                            + "' holds samples; only annotation-only EDF+ files may use 0");
                }
                double rate = samples / duration;
                channels.add(new EdfChannel(labels[i], transducer, dimension, pmin, pmax, (int) dmin, (int) dmax,
                        prefilter, spr[i], rate));
                channelIndex.add(i);
            }
            if (variant == EdfHeader.Variant.EDF_PLUS_DISCONTINUOUS && !hasAnnotationSignal(isAnnotation)) {
                throw error(192, "EDF+D file has no 'EDF Annotations' signal, so its data records have no start times");
            }

            long dataBytes = size - headerBytes;
            long records;
            if (recordField == -1) {
                if (dataBytes % recordBytes != 0) {
                    long k = dataBytes / recordBytes;
                    throw error(headerBytes + k * recordBytes, "truncated data record " + (k + 1) + ": it has "
                            + dataBytes % recordBytes + " of its " + recordBytes + " bytes (number of records -1,"
                            + " so the count follows from the file size)");
                }
                records = dataBytes / recordBytes;
            } else {
                records = recordField;
                // Compare without overflow: records * recordBytes may exceed a long only for absurd headers.
                boolean tooBig = records > 0 && recordBytes > (Long.MAX_VALUE - headerBytes) / records;
                long expected = tooBig ? Long.MAX_VALUE : headerBytes + records * recordBytes;
                if (size < expected) {
                    long k = dataBytes / recordBytes;
                    throw error(headerBytes + k * recordBytes, "truncated data record " + (k + 1) + " of " + records
                            + ": file size expected " + (tooBig ? "more than 2^63" : Long.toString(expected))
                            + " bytes (header " + headerBytes + " + " + records + " records x " + recordBytes
                            + " bytes), actual " + size);
                }
                if (size > expected) {
                    throw error(headerBytes, "file size does not match the header: expected " + expected
                            + " bytes (header " + headerBytes + " + " + records + " records x " + recordBytes
                            + " bytes), actual " + size);
                }
            }
            for (int i = 0; i < n; i++) {
                if (!isAnnotation[i] && records * spr[i] > Integer.MAX_VALUE - 8) {
                    throw error(236, "signal " + (i + 1) + " '" + labels[i] + "' has " + records * spr[i]
                            + " samples, more than one Signal can hold");
                }
            }
            if (records > 0 && recordBytes > Integer.MAX_VALUE - 8) {
                throw error(FIXED_HEADER, "a data record of " + recordBytes + " bytes is too large to read");
            }

            int[][] digital = new int[channels.size()][];
            for (int c = 0; c < channels.size(); c++) {
                if (keeps(channels.get(c).label())) {
                    digital[c] = new int[(int) (records * spr[channelIndex.get(c)])];
                }
            }
            double[] onsets = new double[(int) records];
            List<EdfAnnotation> annotations = new ArrayList<>();
            OutOfRange outOfRange = new OutOfRange(channels);
            readRecords(headerBytes, records, recordBytes, bytesPerSample, spr, isAnnotation, digital, onsets,
                    annotations, variant, duration, outOfRange);
            List<String> warnings = new ArrayList<>();
            RecordGaps gaps = recordGaps(onsets, duration, channels, variant, headerBytes, recordBytes, warnings);
            for (int c = 0; c < channels.size(); c++) {
                if (outOfRange.count[c] > 0) {
                    warnings.add(outOfRange.warning(source, c, channelIndex.get(c)));
                }
            }
            EdfHeader h = new EdfHeader(variant, bytesPerSample, patient, recording, Optional.ofNullable(start), records,
                    duration);
            return new EdfRecording(source, h, channels, digital, onsets, annotations, gaps.count(), gaps.seconds(),
                    outOfRange.count, warnings);
        }

        /**
         * Samples outside their signal's digital minimum..maximum, which the EDF specification does
         * not allow (Kemp et al. 1992). Many real files hold a few (an amplifier's overflow written
         * as is), so they are kept unclipped, the physical value following the same linear map, and
         * counted per signal with the byte and data record of the first one and the extremes.
         */
        private static final class OutOfRange {
            private final List<EdfChannel> channels;
            final long[] count;
            private final long[] firstByte;
            private final long[] firstRecord;
            private final int[] firstValue;
            private final int[] lowest;
            private final int[] highest;

            OutOfRange(List<EdfChannel> channels) {
                this.channels = channels;
                int n = channels.size();
                count = new long[n];
                firstByte = new long[n];
                firstRecord = new long[n];
                firstValue = new int[n];
                lowest = new int[n];
                highest = new int[n];
            }

            /** Checks samples {@code from ..} (of {@code length}) of channel {@code c}, read from byte {@code byteOffset} on. */
            void check(int c, int[] samples, int from, int length, long byteOffset, int bytesPerSample, long record) {
                int min = channels.get(c).digitalMin();
                int max = channels.get(c).digitalMax();
                for (int s = from; s < from + length; s++) {
                    int v = samples[s];
                    if (v < min || v > max) {
                        if (count[c] == 0) {
                            firstByte[c] = byteOffset + (long) (s - from) * bytesPerSample;
                            firstRecord[c] = record;
                            firstValue[c] = v;
                            lowest[c] = v;
                            highest[c] = v;
                        }
                        count[c]++;
                        lowest[c] = Math.min(lowest[c], v);
                        highest[c] = Math.max(highest[c], v);
                    }
                }
            }

            String warning(String source, int c, int signalIndex) {
                EdfChannel ch = channels.get(c);
                String units = ch.physicalDimension().isEmpty() ? "" : " " + ch.physicalDimension();
                return source + " byte " + firstByte[c] + ": signal " + (signalIndex + 1) + " '" + ch.label() + "' has "
                        + count[c] + (count[c] == 1 ? " sample" : " samples") + " outside its digital range "
                        + ch.digitalMin() + ".." + ch.digitalMax() + " (the first, " + firstValue[c]
                        + ", at this byte in data record " + (firstRecord[c] + 1) + "; lowest " + lowest[c] + ", highest "
                        + highest[c] + ", i.e. " + physical(ch, lowest[c]) + " to " + physical(ch, highest[c]) + units
                        + " against the declared physical range " + plain(ch.physicalMin()) + ".."
                        + plain(ch.physicalMax()) + units + "): read as they are, not clipped; check the header's"
                        + " digital and physical minimum and maximum, or the recording";
            }

            private static String physical(EdfChannel ch, int digital) {
                return plain((digital - ch.baseline()) / ch.gain());
            }

            private static String plain(double v) {
                return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros()
                        .toPlainString();
            }
        }

        /** How many gaps lie between data records, and their total length in seconds. */
        private record RecordGaps(int count, double seconds) {
        }

        /**
         * Finds the gaps between data records. A record that starts more than half a sample period
         * of the fastest signal after the previous one ends leaves a gap: less could not move any
         * sample, and tolerates onsets written to fewer decimals than the record duration.
         *
         * <p>EDF+C promises contiguous records (Kemp &amp; Olivan 2003, section 2.1.3.2), but some
         * writers label gapped data EDF+C. Such a file is read as EDF+D is, records placed at their
         * onsets with the gaps between them, and a warning says so; reading it as contiguous would
         * shift every record after a gap to a wrong time. Records of an EDF+C file that overlap
         * cannot be placed at their onsets: they are read one after the other, as the header says,
         * with a warning.
         */
        private RecordGaps recordGaps(double[] onsets, double duration, List<EdfChannel> channels,
                EdfHeader.Variant variant, long headerBytes, long recordBytes, List<String> warnings)
                throws SignalFormatException {
            double fastest = 0;
            for (EdfChannel c : channels) {
                fastest = Math.max(fastest, c.sampleRateHz());
            }
            double tolerance = fastest > 0 ? 0.5 / fastest : 1e-9 * Math.max(1, duration);
            int count = 0;
            double seconds = 0;
            int first = -1;
            for (int k = 1; k < onsets.length; k++) {
                double expected = onsets[k - 1] + duration;
                double late = onsets[k] - expected;
                if (variant == EdfHeader.Variant.EDF_PLUS_CONTINUOUS && late < -tolerance) {
                    // records that overlap cannot be placed at their onsets: the header's word (contiguous) is taken
                    warnings.add(source + " byte " + (headerBytes + k * recordBytes) + ": EDF+C data record " + (k + 1)
                            + " starts at " + onsets[k] + " s, but data record " + k + " (started " + onsets[k - 1]
                            + " s, lasting " + duration + " s) ends at " + expected + " s: the time-keeping TALs"
                            + " overlap, so they were not used and the records were read one after the other, as"
                            + " EDF+C says; check the recording's times");
                    return new RecordGaps(0, 0);
                }
                if (late > tolerance) {
                    count++;
                    seconds += late;
                    first = first < 0 ? k : first;
                }
            }
            if (variant == EdfHeader.Variant.EDF_PLUS_CONTINUOUS && count > 0) {
                warnings.add(source + " byte " + (headerBytes + first * recordBytes) + ": the header says EDF+C"
                        + " (contiguous) but data record " + (first + 1) + " starts at " + onsets[first]
                        + " s, where the record before it ends at " + (onsets[first - 1] + duration) + " s; "
                        + count + (count == 1 ? " gap" : " gaps") + " of " + seconds + " s in all: read as"
                        + " discontinuous (EDF+D), records at their onsets and gaps as missing samples");
            }
            return new RecordGaps(count, seconds);
        }

        private void readRecords(long headerBytes, long records, long recordBytes, int bytesPerSample, int[] spr,
                boolean[] isAnnotation, int[][] digital, double[] onsets, List<EdfAnnotation> annotations,
                EdfHeader.Variant variant, double duration, OutOfRange outOfRange) throws IOException {
            if (records == 0) {
                return;
            }
            int perBatch = (int) Math.max(1, Math.min(records, BATCH_BYTES / Math.max(1, recordBytes)));
            byte[] buf = new byte[(int) Math.min(Integer.MAX_VALUE - 8L, perBatch * recordBytes)];
            boolean hasAnnotations = hasAnnotationSignal(isAnnotation);
            for (long r0 = 0; r0 < records; r0 += perBatch) {
                int count = (int) Math.min(perBatch, records - r0);
                long batchStart = headerBytes + r0 * recordBytes;
                in.read(batchStart, buf, (int) (count * recordBytes));
                for (int b = 0; b < count; b++) {
                    int k = (int) (r0 + b);
                    int p = (int) (b * recordBytes);
                    int ch = 0;
                    boolean firstAnnotation = true;
                    boolean timeKept = false;
                    for (int i = 0; i < spr.length; i++) {
                        int len = spr[i] * bytesPerSample;
                        if (isAnnotation[i]) {
                            long fileOffset = batchStart + p;
                            List<EdfTal> tals = EdfTal.parseBlock(source, buf, p, len, fileOffset);
                            for (int t = 0; t < tals.size(); t++) {
                                EdfTal tal = tals.get(t);
                                List<String> texts = tal.texts();
                                int firstText = 0;
                                if (firstAnnotation && t == 0) {
                                    if (texts.isEmpty() || !texts.get(0).isEmpty()) {
                                        throw error(fileOffset, "data record " + (k + 1)
                                                + " does not start with a time-keeping TAL (onset, 0x14, 0x14)");
                                    }
                                    onsets[k] = tal.onsetSeconds();
                                    timeKept = true;
                                    firstText = 1;
                                }
                                for (int x = firstText; x < texts.size(); x++) {
                                    if (!texts.get(x).isEmpty()) {
                                        annotations.add(new EdfAnnotation(tal.onsetSeconds(), tal.durationSeconds(),
                                                texts.get(x)));
                                    }
                                }
                            }
                            firstAnnotation = false;
                        } else {
                            if (digital[ch] != null) { // a signal whose samples are kept
                                decode(buf, p, spr[i], bytesPerSample, digital[ch], k * spr[i]);
                                outOfRange.check(ch, digital[ch], k * spr[i], spr[i], batchStart + p, bytesPerSample,
                                        k);
                            }
                            ch++;
                        }
                        p += len;
                    }
                    if (!hasAnnotations) {
                        onsets[k] = k * duration;
                    } else if (!timeKept) {
                        throw error(batchStart + b * recordBytes, "data record " + (k + 1)
                                + " has no time-keeping TAL in its first 'EDF Annotations' signal");
                    }
                    if (variant == EdfHeader.Variant.EDF_PLUS_DISCONTINUOUS && k > 0) {
                        if (!(onsets[k] > onsets[k - 1])) {
                            throw error(batchStart + b * recordBytes, "EDF+D data record " + (k + 1) + " starts at "
                                    + onsets[k] + " s, not after data record " + k + " (" + onsets[k - 1]
                                    + " s): record onsets must increase");
                        }
                        if (onsets[k] < onsets[k - 1] + duration - 1e-9 * Math.max(1, duration)) {
                            throw error(batchStart + b * recordBytes, "EDF+D data record " + (k + 1) + " starts at "
                                    + onsets[k] + " s, before data record " + k + " (started " + onsets[k - 1]
                                    + " s, lasting " + duration + " s) has ended");
                        }
                    }
                }
            }
        }

        private static void decode(byte[] b, int p, int count, int bytesPerSample, int[] dst, int at) {
            if (bytesPerSample == 2) {
                for (int s = 0; s < count; s++, p += 2) {
                    dst[at + s] = (b[p] & 0xff) | (b[p + 1] << 8);
                }
            } else {
                for (int s = 0; s < count; s++, p += 3) {
                    dst[at + s] = (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] << 16);
                }
            }
        }

        private static boolean hasAnnotationSignal(boolean[] isAnnotation) {
            for (boolean a : isAnnotation) {
                if (a) {
                    return true;
                }
            }
            return false;
        }

        /** Byte offset of signal {@code i}'s field that starts at {@code fieldStart * ns} in the signal headers. */
        private static int off(int ns, int fieldStart, int width, int i) {
            return FIXED_HEADER + fieldStart * ns + width * i;
        }

        private static String field(int i, String label, String name) {
            return "signal " + (i + 1) + " '" + label + "' header field '" + name + "'";
        }

        /**
         * Start date/time: dd.mm.yy hh.mm.ss, years 85-99 meaning 1985-1999 and 00-84 meaning
         * 2000-2084 (EDF clipping rule, Kemp et al. 1992). EDF+ also writes the date with a 4-digit
         * year as "Startdate dd-MMM-yyyy" in the recording field (section 2.1.3.2), which is used
         * when present and "Startdate X" means unknown.
         */
        private LocalDateTime startTime(EdfHeader.Variant variant, String recording) throws SignalFormatException {
            String date = ascii(168, 8);
            String time = ascii(176, 8);
            Matcher t = DATE_OR_TIME.matcher(time);
            if (!t.matches() || t.group(3).equals("yy")) {
                throw error(176, "header field 'start time' is not hh.mm.ss: '" + printable(176, 8) + "'");
            }
            LocalTime clock;
            try {
                clock = LocalTime.of(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)),
                        Integer.parseInt(t.group(3)));
            } catch (DateTimeException e) {
                throw error(176, "header field 'start time' is not a valid time: '" + time + "'");
            }
            if (variant.isPlus()) {
                if (recording.equals("Startdate X") || recording.startsWith("Startdate X ")) {
                    return null;
                }
                Matcher m = PLUS_STARTDATE.matcher(recording);
                if (m.matches()) {
                    int month = monthOf(m.group(2));
                    if (month > 0) {
                        try {
                            return LocalDate.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)))
                                    .atTime(clock);
                        } catch (DateTimeException e) {
                            // fall back on the dd.mm.yy field below
                        }
                    }
                }
            }
            Matcher d = DATE_OR_TIME.matcher(date);
            if (!d.matches()) {
                throw error(168, "header field 'start date' is not dd.mm.yy: '" + printable(168, 8) + "'");
            }
            if (d.group(3).equals("yy")) {
                throw error(168, "header field 'start date' has year 'yy' (after 2084) but the recording field"
                        + " gives no 'Startdate dd-MMM-yyyy'");
            }
            int yy = Integer.parseInt(d.group(3));
            int year = yy >= 85 ? 1900 + yy : 2000 + yy;
            try {
                return LocalDate.of(year, Integer.parseInt(d.group(2)), Integer.parseInt(d.group(1))).atTime(clock);
            } catch (DateTimeException e) {
                throw error(168, "header field 'start date' is not a valid date: '" + date + "'");
            }
        }

        private static int monthOf(String mmm) {
            String up = mmm.toUpperCase(Locale.ROOT);
            for (int i = 0; i < MONTHS.length; i++) {
                if (MONTHS[i].equals(up)) {
                    return i + 1;
                }
            }
            return 0;
        }

        private String ascii(int offset, int width) {
            return new String(header, offset, width, StandardCharsets.ISO_8859_1);
        }

        private String printable(int offset, int width) {
            StringBuilder sb = new StringBuilder();
            for (int i = offset; i < offset + width; i++) {
                int c = header[i] & 0xff;
                sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
            }
            return sb.toString();
        }

        /** A numeric field's text: blanks (and NULs some writers pad with) trimmed. */
        private String numeric(int offset, int width) {
            return ascii(offset, width).replace('\0', ' ').trim();
        }

        private long integer(int offset, int width, String name) throws SignalFormatException {
            String text = numeric(offset, width);
            if (!INTEGER.matcher(text).matches()) {
                throw error(offset, name + " is not an integer: '" + printable(offset, width).trim() + "'");
            }
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        }

        private double decimal(int offset, int width, String name) throws SignalFormatException {
            String text = numeric(offset, width);
            if (!DECIMAL.matcher(text).matches()) {
                throw error(offset, name + " is not a number: '" + printable(offset, width).trim() + "'");
            }
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw error(offset, name + " is not finite: '" + text + "'");
            }
            return v;
        }

        private SignalFormatException error(long byteOffset, String problem) {
            return new SignalFormatException(source, "byte " + byteOffset, problem);
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = new byte[a.length + b.length];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }
}

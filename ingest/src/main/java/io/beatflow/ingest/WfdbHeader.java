package io.beatflow.ingest;

import io.beatflow.ingest.internal.WfdbFormats;
import io.beatflow.ingest.internal.WfdbText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed WFDB header ({@code .hea} file): the record line, then either one line per signal or,
 * for a multi-segment record, one line per segment; {@code #} comment lines anywhere.
 *
 * <p>Syntax and defaults follow PhysioNet's header(5) specification
 * (physionet.org/physiotools/wag/header-5.htm):
 * <pre>
 * record line:  name[/segments] nsig [freq[/counterfreq[(basecounter)]] [nsamp [basetime [basedate]]]]
 * signal line:  file format[xspf][:skew][+offset] [gain[(baseline)][/units] [resolution [zero
 *               [initial [checksum [blocksize [description...]]]]]]]
 * segment line: name nsamp      (name "~" = null segment: nsamp frames with no data)
 * </pre>
 * Defaults: frequency 250 Hz; counter frequency = frequency; gain 0 (uncalibrated) is read as 200
 * adu per unit ({@link SignalLine#effectiveGain()}); baseline = ADC zero; units "mV"; resolution by
 * format (12 bits for 212, 16 for 16, ...); initial value = ADC zero; no checksum; description
 * "record NAME, signal N". Both LF and CRLF line endings are accepted.
 *
 * @param source the file name (or label) used in error messages
 * @param record the record line
 * @param signals the signal lines (empty for a multi-segment master header)
 * @param segments the segment lines (empty unless the record line names a segment count)
 * @param comments the comment lines' text after {@code #}, in order
 */
public record WfdbHeader(String source, RecordLine record, List<SignalLine> signals, List<Segment> segments,
        List<String> comments) {

    /** WFDB's default sampling frequency when the record line gives none (Hz). */
    public static final double DEFAULT_FREQUENCY_HZ = 250.0;
    /** WFDB's gain for uncalibrated signals (header gain 0), in ADC units per physical unit. */
    public static final double DEFAULT_GAIN = 200.0;

    public WfdbHeader {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(record, "record");
        signals = List.copyOf(signals);
        segments = List.copyOf(segments);
        comments = List.copyOf(comments);
        if (record.isMultiSegment()) {
            if (segments.size() != record.segmentCount()) {
                throw new IllegalArgumentException(source + ": record line names " + record.segmentCount()
                        + " segments but " + segments.size() + " are given");
            }
        } else if (signals.size() != record.signalCount()) {
            throw new IllegalArgumentException(source + ": record line names " + record.signalCount()
                    + " signals but " + signals.size() + " are given");
        }
    }

    /**
     * The record line.
     *
     * @param name record name
     * @param segmentCount number of segments, or 0 for a single-segment record
     * @param signalCount number of signals (0 is allowed: an annotation-only record)
     * @param frequencyHz sampling frequency in frames per second
     * @param counterFrequencyHz counter frequency (equal to {@code frequencyHz} if not given)
     * @param baseCounter counter value of sample 0
     * @param samplesPerSignal number of frames, or 0 if not given (then derived from the file size)
     * @param baseTime base time as written ({@code HH:MM:SS}), or empty
     * @param baseDate base date as written ({@code DD/MM/YYYY}), or empty
     */
    public record RecordLine(String name, int segmentCount, int signalCount, double frequencyHz,
            double counterFrequencyHz, double baseCounter, long samplesPerSignal, String baseTime, String baseDate) {
        public RecordLine {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(baseTime, "baseTime");
            Objects.requireNonNull(baseDate, "baseDate");
            if (segmentCount < 0 || signalCount < 0 || samplesPerSignal < 0) {
                throw new IllegalArgumentException("record " + name + ": negative count");
            }
            if (!(frequencyHz > 0) || !Double.isFinite(frequencyHz)) {
                throw new IllegalArgumentException("record " + name + ": frequency must be positive, got "
                        + frequencyHz);
            }
        }

        /** Whether this is the master header of a multi-segment record. */
        public boolean isMultiSegment() {
            return segmentCount > 0;
        }

        /** Date and time of sample 0, where the header gives both a base time and a base date. */
        public Optional<LocalDateTime> startTime() {
            if (baseTime.isEmpty() || baseDate.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(LocalDateTime.of(WfdbText.parseDate(baseDate), WfdbText.parseTime(baseTime)));
        }
    }

    /**
     * One signal line.
     *
     * @param fileName the signal file, relative to the header's directory
     * @param format storage format (0, 8, 16, 24, 32, 61, 80, 160, 212, 310 or 311)
     * @param samplesPerFrame samples of this signal per frame (1 unless the format field has {@code xN})
     * @param skew frames by which this signal's stored samples lead the others ({@code :N})
     * @param byteOffset bytes to skip at the start of the file ({@code +N})
     * @param adcGain gain as written, ADC units per physical unit; 0 = uncalibrated
     * @param baseline digital value of 0 physical units
     * @param units physical units
     * @param adcResolution ADC resolution in bits
     * @param adcZero digital value of the ADC's mid-range
     * @param initialValue value of the first sample (the ADC zero where the header does not state it)
     * @param hasInitialValue whether the line states the initial value; only a stated one is
     *     checked against the first sample (header(5) of the WFDB Software Package makes it optional)
     * @param checksum 16-bit sum of all samples, if {@code hasChecksum}
     * @param hasChecksum whether the line gives a checksum
     * @param blockSize block size in bytes (0 = not blocked)
     * @param description signal description (used as the lead name)
     */
    public record SignalLine(String fileName, int format, int samplesPerFrame, int skew, long byteOffset,
            double adcGain, int baseline, String units, int adcResolution, int adcZero, int initialValue,
            boolean hasInitialValue, int checksum, boolean hasChecksum, int blockSize, String description) {
        public SignalLine {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(units, "units");
            Objects.requireNonNull(description, "description");
            if (!WfdbFormats.isSupported(format)) {
                throw new IllegalArgumentException("unknown storage format " + format);
            }
            if (samplesPerFrame < 1 || skew < 0 || byteOffset < 0 || blockSize < 0) {
                throw new IllegalArgumentException("signal " + description
                        + ": samples per frame must be >= 1, skew, byte offset and block size >= 0");
            }
            if (!Double.isFinite(adcGain)) {
                throw new IllegalArgumentException("signal " + description + ": gain must be finite");
            }
        }

        /** A line that states its initial value. */
        public SignalLine(String fileName, int format, int samplesPerFrame, int skew, long byteOffset,
                double adcGain, int baseline, String units, int adcResolution, int adcZero, int initialValue,
                int checksum, boolean hasChecksum, int blockSize, String description) {
            this(fileName, format, samplesPerFrame, skew, byteOffset, adcGain, baseline, units, adcResolution, adcZero,
                    initialValue, true, checksum, hasChecksum, blockSize, description);
        }

        /** The gain to use: the header's, or {@value WfdbHeader#DEFAULT_GAIN} if it is 0 (uncalibrated). */
        public double effectiveGain() {
            return adcGain == 0 ? DEFAULT_GAIN : adcGain;
        }

        /** The lead this signal becomes: name = description, gain and baseline as above. */
        public Lead lead() {
            return new Lead(description, units, effectiveGain(), baseline);
        }
    }

    /**
     * One segment of a multi-segment record.
     *
     * @param name the segment's record name ({@code "~"} for a null segment)
     * @param samples frames in the segment (0 for a layout segment)
     */
    public record Segment(String name, long samples) {
        public Segment {
            Objects.requireNonNull(name, "name");
            if (samples < 0) {
                throw new IllegalArgumentException("segment " + name + ": negative sample count " + samples);
            }
        }

        /** Whether this is a null segment (a gap with no signal file). */
        public boolean isNull() {
            return "~".equals(name);
        }
    }

    /** Total frames of the record (sum of the segments for a multi-segment record). */
    public long frames() {
        return record.samplesPerSignal();
    }

    /** Whether segment 0 is a layout segment (0 frames): a variable-layout multi-segment record. */
    public boolean isVariableLayout() {
        return !segments.isEmpty() && segments.get(0).samples() == 0 && !segments.get(0).isNull();
    }

    /**
     * Reads and parses a header file.
     *
     * @throws SignalFormatException if the file is missing or malformed (naming the file and line)
     * @throws IOException if it cannot be read
     */
    public static WfdbHeader read(Path heaFile) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(heaFile);
        } catch (NoSuchFileException e) {
            throw new SignalFormatException(heaFile, "", "header file not found", e);
        }
        int bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                ? 3 : 0; // a UTF-8 byte-order mark some editors write is not part of the record name
        return parse(heaFile.toString(), new String(bytes, bom, bytes.length - bom, StandardCharsets.ISO_8859_1));
    }

    /**
     * Parses header text.
     *
     * @param sourceName the name used in error messages, e.g. {@code "100.hea"}
     * @throws SignalFormatException naming the source and line of the first defect
     */
    public static WfdbHeader parse(String sourceName, String text) throws SignalFormatException {
        return WfdbText.parseHeader(sourceName, text);
    }

    /** The header in WFDB syntax (LF line endings), as {@link WfdbWriter} writes it. */
    public String format() {
        return WfdbText.formatHeader(this);
    }
}

package io.beatflow.ingest;

import io.beatflow.ingest.internal.WfdbRecordDecoder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads WFDB records (PhysioNet's format: a {@code .hea} header and one or more {@code .dat} signal
 * files) into a {@link Signal}.
 *
 * <p>Storage formats 8, 16, 24, 32, 61, 80, 160, 212, 310 and 311 are decoded to the same sample
 * values as the WFDB library's {@code getvec}; several signals per file (interleaved frames),
 * several samples per frame, skew, byte offsets, null signals (format 0) and multi-segment records
 * (fixed and variable layout, null segments) are supported. Samples that the format marks invalid
 * become NaN in physical units and {@link Integer#MIN_VALUE} in {@link Signal#digital(int)}.
 * Physical values are {@code (digital - baseline) / gain} with the header's gain (200 adu per unit
 * where the header says 0, i.e. uncalibrated) and baseline.
 *
 * <p>Signal files are read in chunks and only the leads and frames asked for are kept
 * ({@link WfdbReadOptions#withLeads}, {@link WfdbReadOptions#withRange}), so memory is that of the
 * samples returned, and signal files of any size (2 GiB and more) are read; one lead holds at most
 * {@code Integer.MAX_VALUE - 16} samples.
 *
 * <p>One deliberate difference from {@code getvec}: a skewed signal (skew k) has no data for the
 * last k frames; WFDB stops reading there, while this reader keeps the header's frame count and
 * marks those samples invalid, so that every lead keeps the record's length.
 *
 * <p>Example: {@code Signal s = WfdbReader.read(Path.of("mitdb/100"));}
 */
public final class WfdbReader {
    private WfdbReader() {
    }

    /**
     * Reads a record with checksums verified, low resolution, all leads.
     *
     * @param record the record path without extension ({@code mitdb/100}) or the header path
     *     ({@code mitdb/100.hea})
     * @throws SignalFormatException if a file is missing, malformed, of the wrong size, or a checksum
     *     or initial value disagrees with the header; the message names the file and place
     * @throws IOException if a file cannot be read
     */
    public static Signal read(Path record) throws IOException {
        return read(record, WfdbReadOptions.defaults());
    }

    /**
     * Reads a record with the given options.
     *
     * @throws SignalFormatException as {@link #read(Path)}
     * @throws IllegalArgumentException if a lead named in the options is not in the record, or the
     *     options' range of frames ends after the record
     * @throws IOException if a file cannot be read
     */
    public static Signal read(Path record, WfdbReadOptions options) throws IOException {
        return WfdbRecordDecoder.read(record, options);
    }

    /**
     * Checks a record as {@link #read(Path)} does (headers, file sizes, every signal's checksum and
     * initial value), reading its signal files a chunk at a time and keeping no samples, so that a
     * record of any length is checked in the memory of one chunk: for work that then reads the
     * record in ranges ({@link WfdbReadOptions#withRange}), which cannot check what covers the
     * whole file.
     *
     * @return the record's length in frames (samples per lead at the frame rate)
     * @throws SignalFormatException as {@link #read(Path)}
     * @throws IOException if a file cannot be read
     */
    public static long verify(Path record) throws IOException {
        return WfdbRecordDecoder.verify(record);
    }

    /**
     * The header file of a record path (with or without {@code .hea}).
     */
    public static Path headerPath(Path record) {
        String name = record.getFileName().toString();
        return name.endsWith(".hea") ? record : record.resolveSibling(name + ".hea");
    }
}

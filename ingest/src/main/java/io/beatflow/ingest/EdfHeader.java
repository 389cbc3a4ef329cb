package io.beatflow.ingest;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The file-level header of an EDF, EDF+ or BDF file.
 *
 * @param variant plain EDF, EDF+C (continuous) or EDF+D (discontinuous)
 * @param bytesPerSample 2 for EDF (16-bit), 3 for BDF (24-bit BioSemi)
 * @param patientId local patient identification, trimmed
 * @param recordingId local recording identification, trimmed
 * @param startTime start date and time of the recording; empty when an EDF+ file says
 *     {@code "Startdate X"} (unknown)
 * @param recordCount number of data records (resolved from the file size when the header says -1)
 * @param recordDurationSeconds duration of one data record in seconds; {@code >= 0}
 */
public record EdfHeader(Variant variant, int bytesPerSample, String patientId, String recordingId,
        Optional<LocalDateTime> startTime, long recordCount, double recordDurationSeconds) {

    /** Which flavour of EDF the file is, from the header's reserved field. */
    public enum Variant {
        /** Plain EDF (Kemp et al. 1992): no annotation signal, contiguous data records. */
        EDF,
        /** EDF+C: contiguous data records, annotations in "EDF Annotations" signals. */
        EDF_PLUS_CONTINUOUS,
        /** EDF+D: data records may be separated by gaps; each record's start is in its time-keeping TAL. */
        EDF_PLUS_DISCONTINUOUS;

        /** Whether this is EDF+ (either kind). */
        public boolean isPlus() {
            return this != EDF;
        }
    }

    public EdfHeader {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(startTime, "startTime");
        if (bytesPerSample != 2 && bytesPerSample != 3) {
            throw new IllegalArgumentException("bytesPerSample must be 2 (EDF) or 3 (BDF), got " + bytesPerSample);
        }
        if (recordCount < 0) {
            throw new IllegalArgumentException("recordCount must be >= 0, got " + recordCount);
        }
        if (!(recordDurationSeconds >= 0) || !Double.isFinite(recordDurationSeconds)) {
            throw new IllegalArgumentException("recordDurationSeconds must be finite and >= 0, got "
                    + recordDurationSeconds);
        }
    }

    /**
     * The format as the header declares it: EDF, EDF+C, EDF+D, or BDF, BDF+C, BDF+D for 24-bit
     * BioSemi files.
     */
    public String formatName() {
        String base = isBdf() ? "BDF" : "EDF";
        return switch (variant) {
            case EDF -> base;
            case EDF_PLUS_CONTINUOUS -> base + "+C";
            case EDF_PLUS_DISCONTINUOUS -> base + "+D";
        };
    }

    /** Whether the samples are 24-bit (BDF) rather than 16-bit (EDF). */
    public boolean isBdf() {
        return bytesPerSample == 3;
    }
}

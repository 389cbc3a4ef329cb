package io.beatflow.ingest;

import java.util.Objects;

/**
 * One annotation: a labelled time point in a record.
 *
 * @param sample position in samples (at the record's frame rate, or the annotation file's own
 *     frequency where one is given) from the start of the record; non-negative
 * @param code the annotation code
 * @param subtype the WFDB {@code subtyp} field (-128..127)
 * @param channel the WFDB {@code chan} field (0..255)
 * @param number the WFDB {@code num} field (-128..127)
 * @param aux auxiliary text (e.g. a rhythm label {@code "(AFIB"}); empty if none
 */
public record Annotation(long sample, AnnotationCode code, int subtype, int channel, int number, String aux) {
    public Annotation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(aux, "aux");
        if (sample < 0) {
            throw new IllegalArgumentException("annotation sample must be non-negative, got " + sample);
        }
        if (subtype < -128 || subtype > 127) {
            throw new IllegalArgumentException("annotation subtype must be in [-128, 127], got " + subtype);
        }
        if (number < -128 || number > 127) {
            throw new IllegalArgumentException("annotation num must be in [-128, 127], got " + number);
        }
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("annotation channel must be in [0, 255], got " + channel);
        }
    }

    /** A plain annotation with no subtype, channel 0, num 0 and no aux text. */
    public static Annotation of(long sample, AnnotationCode code) {
        return new Annotation(sample, code, 0, 0, 0, "");
    }

    /** Whether this annotation marks a beat ({@link AnnotationCode#isBeat()}). */
    public boolean isBeat() {
        return code.isBeat();
    }
}

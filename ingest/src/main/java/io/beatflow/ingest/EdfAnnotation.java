package io.beatflow.ingest;

import java.util.Objects;

/**
 * One annotation of an EDF+ file: a text with its onset and optional duration, from a
 * Time-stamped Annotations List (TAL) of an "EDF Annotations" signal (Kemp &amp; Olivan 2003,
 * section 2.2).
 *
 * @param onsetSeconds seconds after the file's start date/time (may be negative); finite
 * @param durationSeconds duration in seconds, or {@link Double#NaN} when the TAL gives none; else
 *     finite and {@code >= 0}
 * @param text the annotation text (UTF-8 in the file); non-empty
 */
public record EdfAnnotation(double onsetSeconds, double durationSeconds, String text) {
    public EdfAnnotation {
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(onsetSeconds)) {
            throw new IllegalArgumentException("annotation '" + text + "': onsetSeconds must be finite, got "
                    + onsetSeconds);
        }
        if (!Double.isNaN(durationSeconds) && !(durationSeconds >= 0 && Double.isFinite(durationSeconds))) {
            throw new IllegalArgumentException("annotation '" + text
                    + "': durationSeconds must be NaN (none) or finite and >= 0, got " + durationSeconds);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("annotation at " + onsetSeconds + " s: text must not be empty");
        }
    }

    /** An annotation without duration. */
    public static EdfAnnotation at(double onsetSeconds, String text) {
        return new EdfAnnotation(onsetSeconds, Double.NaN, text);
    }

    /** Whether the TAL gave a duration. */
    public boolean hasDuration() {
        return !Double.isNaN(durationSeconds);
    }
}

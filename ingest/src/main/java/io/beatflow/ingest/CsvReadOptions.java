package io.beatflow.ingest;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How {@link CsvSignalReader} reads a CSV file. Start from {@link #defaults()} and change one
 * option at a time with the {@code with*} methods.
 *
 * @param sampleRateHz the sample rate in Hz; when empty it is inferred from the time column
 * @param units physical units given to every lead, e.g. {@code "mV"}; not blank
 * @param timeColumn name of the time column; when empty the first column named {@code time},
 *     {@code t}, {@code seconds}, {@code time_s} (seconds) or {@code sample} (sample numbers) is used,
 *     if any
 * @param gapsAllowed whether blank (or {@code NaN}) cells are read as gaps (NaN); when false they
 *     are an error
 * @param timeJitterFraction how far one time step may differ from the median step, as a fraction
 *     of the median step, beyond the precision the times are printed with; in {@code [0, 0.5)}
 */
public record CsvReadOptions(OptionalDouble sampleRateHz, String units, Optional<String> timeColumn,
        boolean gapsAllowed, double timeJitterFraction) {

    /** Default {@link #timeJitterFraction()}: 5 % of the sampling period. */
    public static final double DEFAULT_TIME_JITTER_FRACTION = 0.05;

    public CsvReadOptions {
        Objects.requireNonNull(sampleRateHz, "sampleRateHz");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(timeColumn, "timeColumn");
        if (sampleRateHz.isPresent()) {
            double r = sampleRateHz.getAsDouble();
            if (!(r > 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("sampleRateHz must be positive and finite, got " + r);
            }
        }
        if (units.isBlank()) {
            throw new IllegalArgumentException("units must not be blank");
        }
        if (timeColumn.isPresent() && timeColumn.get().isBlank()) {
            throw new IllegalArgumentException("timeColumn must not be blank");
        }
        if (!(timeJitterFraction >= 0 && timeJitterFraction < 0.5)) {
            throw new IllegalArgumentException("timeJitterFraction must be in [0, 0.5), got " + timeJitterFraction);
        }
    }

    /** Rate inferred from the time column, units mV, time column found by name, no gaps allowed. */
    public static CsvReadOptions defaults() {
        return new CsvReadOptions(OptionalDouble.empty(), "mV", Optional.empty(), false, DEFAULT_TIME_JITTER_FRACTION);
    }

    /** These options with the given sample rate in Hz. */
    public CsvReadOptions withSampleRateHz(double rateHz) {
        return new CsvReadOptions(OptionalDouble.of(rateHz), units, timeColumn, gapsAllowed, timeJitterFraction);
    }

    /** These options with the given physical units for every lead. */
    public CsvReadOptions withUnits(String newUnits) {
        return new CsvReadOptions(sampleRateHz, newUnits, timeColumn, gapsAllowed, timeJitterFraction);
    }

    /** These options with the named column as the time column (seconds, or sample numbers if named {@code sample}). */
    public CsvReadOptions withTimeColumn(String name) {
        return new CsvReadOptions(sampleRateHz, units, Optional.of(name), gapsAllowed, timeJitterFraction);
    }

    /** These options with blank cells read as gaps (NaN) or rejected. */
    public CsvReadOptions withGapsAllowed(boolean allowed) {
        return new CsvReadOptions(sampleRateHz, units, timeColumn, allowed, timeJitterFraction);
    }

    /** These options with the given tolerance on irregular time steps. */
    public CsvReadOptions withTimeJitterFraction(double fraction) {
        return new CsvReadOptions(sampleRateHz, units, timeColumn, gapsAllowed, fraction);
    }
}

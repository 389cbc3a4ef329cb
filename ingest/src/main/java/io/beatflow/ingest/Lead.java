package io.beatflow.ingest;

import java.util.Objects;

/**
 * Description of one lead (channel) of a {@link Signal}.
 *
 * <p>Physical values relate to digital (ADC) values by {@code physical = (digital - baseline) /
 * gain}, the WFDB convention; EDF's linear mapping is expressed in the same two numbers.
 *
 * @param name lead name as recorded, e.g. {@code "MLII"}
 * @param units physical units, e.g. {@code "mV"}
 * @param gain ADC units per physical unit; must be finite and non-zero
 * @param baseline the digital value that corresponds to 0 physical units
 */
public record Lead(String name, String units, double gain, double baseline) {
    public Lead {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(units, "units");
        if (!Double.isFinite(gain) || gain == 0) {
            throw new IllegalArgumentException("lead " + name + ": gain must be finite and non-zero, got " + gain);
        }
        if (!Double.isFinite(baseline)) {
            throw new IllegalArgumentException("lead " + name + ": baseline must be finite, got " + baseline);
        }
    }

    /** A lead whose samples are already physical values (gain 1, baseline 0), e.g. from CSV. */
    public static Lead physical(String name, String units) {
        return new Lead(name, units, 1.0, 0.0);
    }

    /** Converts one digital value to physical units. */
    public double toPhysical(int digital) {
        return (digital - baseline) / gain;
    }
}

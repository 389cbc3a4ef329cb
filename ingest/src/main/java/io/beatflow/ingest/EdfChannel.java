package io.beatflow.ingest;

import java.util.Objects;

/**
 * The header of one ordinary (non-annotation) signal of an EDF/EDF+/BDF file.
 *
 * <p>EDF maps digital to physical values linearly so that {@code digitalMin} becomes
 * {@code physicalMin} and {@code digitalMax} becomes {@code physicalMax} (Kemp et al. 1992):
 * {@code physical = (digital - dmin) * (pmax - pmin) / (dmax - dmin) + pmin}. {@link #toLead()}
 * expresses this as a {@link Lead} with {@code gain = (dmax - dmin) / (pmax - pmin)} and
 * {@code baseline = dmin - pmin * gain}.
 *
 * @param label signal label, trimmed, e.g. {@code "ECG I"}
 * @param transducer transducer type, trimmed
 * @param physicalDimension physical units, trimmed, e.g. {@code "uV"}
 * @param physicalMin physical value of {@code digitalMin}; differs from {@code physicalMax}
 * @param physicalMax physical value of {@code digitalMax}
 * @param digitalMin smallest digital value; below {@code digitalMax}
 * @param digitalMax largest digital value
 * @param prefiltering prefiltering text, trimmed, e.g. {@code "HP:0.1Hz LP:75Hz"}
 * @param samplesPerRecord samples of this signal in each data record; positive
 * @param sampleRateHz samples per second: {@code samplesPerRecord / record duration}
 */
public record EdfChannel(String label, String transducer, String physicalDimension, double physicalMin,
        double physicalMax, int digitalMin, int digitalMax, String prefiltering, int samplesPerRecord,
        double sampleRateHz) {
    public EdfChannel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(transducer, "transducer");
        Objects.requireNonNull(physicalDimension, "physicalDimension");
        Objects.requireNonNull(prefiltering, "prefiltering");
        if (digitalMin >= digitalMax) {
            throw new IllegalArgumentException("signal " + label + ": digitalMin " + digitalMin
                    + " must be below digitalMax " + digitalMax);
        }
        if (!Double.isFinite(physicalMin) || !Double.isFinite(physicalMax) || physicalMin == physicalMax) {
            throw new IllegalArgumentException("signal " + label + ": physicalMin " + physicalMin
                    + " and physicalMax " + physicalMax + " must be finite and differ");
        }
        if (samplesPerRecord <= 0) {
            throw new IllegalArgumentException("signal " + label + ": samplesPerRecord must be positive, got "
                    + samplesPerRecord);
        }
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("signal " + label + ": sampleRateHz must be positive and finite, got "
                    + sampleRateHz);
        }
    }

    /** ADC units per physical unit: {@code (dmax - dmin) / (pmax - pmin)}; negative if pmin > pmax. */
    public double gain() {
        return ((double) digitalMax - digitalMin) / (physicalMax - physicalMin);
    }

    /** The digital value of physical zero: {@code dmin - pmin * gain}. */
    public double baseline() {
        return digitalMin - physicalMin * gain();
    }

    /** This signal as a {@link Lead} (name = label, units = physical dimension). */
    public Lead toLead() {
        return new Lead(label, physicalDimension, gain(), baseline());
    }
}

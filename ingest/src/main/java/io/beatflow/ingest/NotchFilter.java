package io.beatflow.ingest;

import io.beatflow.ingest.internal.BiquadCascade;
import uk.me.berndporr.iirj.Butterworth;

/**
 * Second-order IIR notch for power-line interference (50 Hz in Europe, 60 Hz in the Americas).
 *
 * <p>Designed with iirj as a first-order Butterworth band-stop with a -3 dB width of
 * {@code frequencyHz / q}: a pair of zeros on the unit circle and a pair of poles just inside it,
 * the classic notch of quality factor {@code q}. The band-stop transform puts the zeros at
 * {@code cos w0 = cos(wc) / cos(d)} for band centre {@code wc} and half-width {@code d} (radians
 * per sample), not at the arithmetic centre; the centre handed to iirj is therefore
 * {@code wc = acos(cos(w0) cos(d))}, which puts the zeros exactly on the mains frequency.
 */
public final class NotchFilter extends CascadeFilter {
    /** Default quality factor: a 2 Hz wide notch at 60 Hz, 1.7 Hz at 50 Hz. */
    public static final double DEFAULT_Q = 30.0;

    private final double sampleRateHz;
    private final double frequencyHz;
    private final double q;

    private NotchFilter(double sampleRateHz, double frequencyHz, double q) {
        super(design(sampleRateHz, frequencyHz, q));
        this.sampleRateHz = sampleRateHz;
        this.frequencyHz = frequencyHz;
        this.q = q;
    }

    private static BiquadCascade design(double sampleRateHz, double frequencyHz, double q) {
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("notch: sampleRateHz must be positive and finite, got " + sampleRateHz);
        }
        if (!(frequencyHz > 0) || !(frequencyHz < sampleRateHz / 2)) {
            throw new IllegalArgumentException("notch: frequencyHz must be in (0, " + sampleRateHz / 2
                    + ") for sample rate " + sampleRateHz + " Hz, got " + frequencyHz);
        }
        if (!(q >= 0.5) || !Double.isFinite(q)) {
            throw new IllegalArgumentException("notch: q must be finite and at least 0.5, got " + q);
        }
        double width = frequencyHz / q;
        if (!(frequencyHz - width / 2 > 0) || !(frequencyHz + width / 2 < sampleRateHz / 2)) {
            throw new IllegalArgumentException("notch: band " + (frequencyHz - width / 2) + "-" + (frequencyHz + width / 2)
                    + " Hz (q " + q + ") does not fit in (0, " + sampleRateHz / 2 + ") Hz");
        }
        Butterworth b = new Butterworth();
        double w0 = 2 * Math.PI * frequencyHz / sampleRateHz;
        double d = Math.PI * width / sampleRateHz;
        double centreHz = Math.acos(Math.cos(w0) * Math.cos(d)) * sampleRateHz / (2 * Math.PI);
        b.bandStop(1, sampleRateHz, centreHz, width);
        return BiquadCascade.of(b);
    }

    /**
     * A notch at {@code frequencyHz} with quality factor {@code q} (centre frequency over -3 dB
     * width of one pass).
     *
     * @throws IllegalArgumentException if the frequency is not below Nyquist or q is below 0.5
     */
    public static NotchFilter of(double sampleRateHz, double frequencyHz, double q) {
        return new NotchFilter(sampleRateHz, frequencyHz, q);
    }

    /** A power-line notch at 50 or 60 Hz with {@link #DEFAULT_Q}. */
    public static NotchFilter powerLine(double sampleRateHz, double mainsHz) {
        if (mainsHz != 50.0 && mainsHz != 60.0) {
            throw new IllegalArgumentException("notch: mains frequency must be 50 or 60 Hz, got " + mainsHz);
        }
        return new NotchFilter(sampleRateHz, mainsHz, DEFAULT_Q);
    }

    /** Notch centre, Hz. */
    public double frequencyHz() {
        return frequencyHz;
    }

    /** Quality factor. */
    public double q() {
        return q;
    }

    @Override
    public double sampleRateHz() {
        return sampleRateHz;
    }

    @Override
    public String toString() {
        return "notch " + frequencyHz + " Hz, q " + q + " at " + sampleRateHz + " Hz";
    }
}

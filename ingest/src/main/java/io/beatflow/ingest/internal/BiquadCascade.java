package io.beatflow.ingest.internal;

import java.util.Arrays;
import uk.me.berndporr.iirj.Biquad;
import uk.me.berndporr.iirj.Cascade;

/**
 * A cascade of second-order IIR sections (biquads) run in direct form I over {@code double}
 * buffers, with its coefficients taken from an iirj design.
 *
 * <p>iirj designs the filters (pole/zero placement, bilinear transform, gain normalisation);
 * filtering runs here in tight loops over primitive arrays, one section at a time, because iirj's
 * own {@code filter(double)} goes through one object call per sample and section. Direct form I
 * keeps the recursive path of each sample to one multiply-add ({@code a1 * y1}), which is what
 * bounds the speed.
 *
 * <p>Each section computes {@code y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2} (a0 normalised to 1,
 * the last term as a fused multiply-add);
 * the state of a section is {@code x1, x2, y1, y2}, four doubles per section. The results depend
 * only on the input values and the state, never on how the input is split into calls, so chunked
 * and whole-signal processing agree bit for bit.
 */
public final class BiquadCascade {
    /** Coefficients {@code b0, b1, b2, a1, a2} of each section, in cascade order. */
    private final double[] coef;
    private final int sections;

    private BiquadCascade(double[] coef) {
        this.coef = coef;
        this.sections = coef.length / 5;
    }

    /** The sections of an iirj design (its overall gain is already folded into the first). */
    public static BiquadCascade of(Cascade design) {
        int n = design.getNumBiquads();
        double[] c = new double[5 * n];
        for (int s = 0; s < n; s++) {
            Biquad q = design.getBiquad(s);
            double a0 = q.getA0();
            c[5 * s] = q.getB0() / a0;
            c[5 * s + 1] = q.getB1() / a0;
            c[5 * s + 2] = q.getB2() / a0;
            c[5 * s + 3] = q.getA1() / a0;
            c[5 * s + 4] = q.getA2() / a0;
        }
        return new BiquadCascade(c);
    }

    /** Sections given directly as {@code b0, b1, b2, a1, a2} per section. */
    public static BiquadCascade ofCoefficients(double... coefficients) {
        if (coefficients.length == 0 || coefficients.length % 5 != 0) {
            throw new IllegalArgumentException("biquad coefficients: need 5 per section, got " + coefficients.length);
        }
        return new BiquadCascade(coefficients.clone());
    }

    /** The sections of several cascades run one after the other. */
    public static BiquadCascade concat(java.util.List<BiquadCascade> parts) {
        int total = 0;
        for (BiquadCascade c : parts) {
            total += c.coef.length;
        }
        if (total == 0) {
            throw new IllegalArgumentException("biquad cascade: nothing to chain");
        }
        double[] all = new double[total];
        int at = 0;
        for (BiquadCascade c : parts) {
            System.arraycopy(c.coef, 0, all, at, c.coef.length);
            at += c.coef.length;
        }
        return new BiquadCascade(all);
    }

    /** Number of second-order sections. */
    public int sections() {
        return sections;
    }

    /** A copy of the coefficients, {@code b0, b1, b2, a1, a2} per section. */
    public double[] coefficients() {
        return coef.clone();
    }

    /** A zeroed state for this cascade. */
    public double[] newState() {
        return new double[4 * sections];
    }

    /**
     * Sets {@code state} to the steady state reached after a constant input {@code x0} held
     * forever (every section's input and output equal to the constant times the DC gain up to it).
     * Starting a filter there avoids the start-up transient of a step from zero to {@code x0}.
     */
    public void steadyState(double x0, double[] state) {
        double c = x0;
        for (int s = 0; s < sections; s++) {
            int k = 5 * s;
            double den = 1.0 + coef[k + 3] + coef[k + 4];
            double gain = den == 0.0 ? 0.0 : (coef[k] + coef[k + 1] + coef[k + 2]) / den;
            double y = c * gain;
            state[4 * s] = c;
            state[4 * s + 1] = c;
            state[4 * s + 2] = y;
            state[4 * s + 3] = y;
            c = y;
        }
    }

    /** Filters {@code buf[from, to)} in place, forward in time, updating {@code state}. */
    public void forward(double[] buf, int from, int to, double[] state) {
        run(buf, from, to - from, 1, state);
    }

    /** Filters {@code buf[from, to)} in place running backwards in time (last index first). */
    public void backward(double[] buf, int from, int to, double[] state) {
        run(buf, to - 1, to - from, -1, state);
    }

    /**
     * Runs the sections over {@code count} samples from {@code start} in steps of {@code dir}.
     * Sections go two (or, for an odd remainder, three) at a time in one loop: each sample passes
     * through all of them, and their recursions (each bounded by one fused multiply-add on
     * {@code y1}) overlap in the CPU instead of adding up. Grouping changes no arithmetic.
     */
    private void run(double[] buf, int start, int count, int dir, double[] state) {
        int s = 0;
        while (s < sections) {
            int left = sections - s;
            if (left == 3) {
                triple(buf, start, count, dir, state, s);
                s += 3;
            } else if (left >= 2) {
                pair(buf, start, count, dir, state, s);
                s += 2;
            } else {
                single(buf, start, count, dir, state, s);
                s += 1;
            }
        }
    }

    /** Three sections in one loop (e.g. a notch followed by an order-2 band-pass). */
    private void triple(double[] buf, int start, int count, int dir, double[] state, int s) {
        int k = 5 * s;
        double b0 = coef[k];
        double b1 = coef[k + 1];
        double b2 = coef[k + 2];
        double na1 = -coef[k + 3];
        double a2 = coef[k + 4];
        double c0 = coef[k + 5];
        double c1 = coef[k + 6];
        double c2 = coef[k + 7];
        double nd1 = -coef[k + 8];
        double d2 = coef[k + 9];
        double e0 = coef[k + 10];
        double e1 = coef[k + 11];
        double e2 = coef[k + 12];
        double nf1 = -coef[k + 13];
        double f2 = coef[k + 14];
        int j = 4 * s;
        double x1 = state[j];
        double x2 = state[j + 1];
        double y1 = state[j + 2];
        double y2 = state[j + 3];
        double u1 = state[j + 4];
        double u2 = state[j + 5];
        double v1 = state[j + 6];
        double v2 = state[j + 7];
        double p1 = state[j + 8];
        double p2 = state[j + 9];
        double q1 = state[j + 10];
        double q2 = state[j + 11];
        for (int n = 0, i = start; n < count; n++, i += dir) {
            double x = buf[i];
            double y = Math.fma(na1, y1, b0 * x + b1 * x1 + b2 * x2 - a2 * y2);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            double v = Math.fma(nd1, v1, c0 * y + c1 * u1 + c2 * u2 - d2 * v2);
            u2 = u1;
            u1 = y;
            v2 = v1;
            v1 = v;
            double q = Math.fma(nf1, q1, e0 * v + e1 * p1 + e2 * p2 - f2 * q2);
            p2 = p1;
            p1 = v;
            q2 = q1;
            q1 = q;
            buf[i] = q;
        }
        state[j] = x1;
        state[j + 1] = x2;
        state[j + 2] = y1;
        state[j + 3] = y2;
        state[j + 4] = u1;
        state[j + 5] = u2;
        state[j + 6] = v1;
        state[j + 7] = v2;
        state[j + 8] = p1;
        state[j + 9] = p2;
        state[j + 10] = q1;
        state[j + 11] = q2;
    }

    private void single(double[] buf, int start, int count, int dir, double[] state, int s) {
        int k = 5 * s;
        double b0 = coef[k];
        double b1 = coef[k + 1];
        double b2 = coef[k + 2];
        double na1 = -coef[k + 3];
        double a2 = coef[k + 4];
        int j = 4 * s;
        double x1 = state[j];
        double x2 = state[j + 1];
        double y1 = state[j + 2];
        double y2 = state[j + 3];
        for (int n = 0, i = start; n < count; n++, i += dir) {
            double x = buf[i];
            double y = Math.fma(na1, y1, b0 * x + b1 * x1 + b2 * x2 - a2 * y2);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            buf[i] = y;
        }
        state[j] = x1;
        state[j + 1] = x2;
        state[j + 2] = y1;
        state[j + 3] = y2;
    }

    private void pair(double[] buf, int start, int count, int dir, double[] state, int s) {
        int k = 5 * s;
        double b0 = coef[k];
        double b1 = coef[k + 1];
        double b2 = coef[k + 2];
        double na1 = -coef[k + 3];
        double a2 = coef[k + 4];
        double c0 = coef[k + 5];
        double c1 = coef[k + 6];
        double c2 = coef[k + 7];
        double nd1 = -coef[k + 8];
        double d2 = coef[k + 9];
        int j = 4 * s;
        double x1 = state[j];
        double x2 = state[j + 1];
        double y1 = state[j + 2];
        double y2 = state[j + 3];
        double u1 = state[j + 4];
        double u2 = state[j + 5];
        double v1 = state[j + 6];
        double v2 = state[j + 7];
        for (int n = 0, i = start; n < count; n++, i += dir) {
            double x = buf[i];
            double y = Math.fma(na1, y1, b0 * x + b1 * x1 + b2 * x2 - a2 * y2);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            // second section: its input u is the first section's output y
            double v = Math.fma(nd1, v1, c0 * y + c1 * u1 + c2 * u2 - d2 * v2);
            u2 = u1;
            u1 = y;
            v2 = v1;
            v1 = v;
            buf[i] = v;
        }
        state[j] = x1;
        state[j + 1] = x2;
        state[j + 2] = y1;
        state[j + 3] = y2;
        state[j + 4] = u1;
        state[j + 5] = u2;
        state[j + 6] = v1;
        state[j + 7] = v2;
    }

    /**
     * Decay time constant, in samples, of the slowest pole: {@code -1 / ln r} for the largest pole
     * radius {@code r}. Zero-phase filtering pads the edges by a few of these.
     */
    public double slowestTimeConstantSamples() {
        double rMax = 0;
        for (int s = 0; s < sections; s++) {
            double a1 = coef[5 * s + 3];
            double a2 = coef[5 * s + 4];
            double disc = a1 * a1 - 4 * a2;
            double r;
            if (disc < 0) {
                r = Math.sqrt(a2); // complex pair: |p|^2 = a2
            } else {
                double sq = Math.sqrt(disc);
                r = Math.max(Math.abs((-a1 + sq) / 2), Math.abs((-a1 - sq) / 2));
            }
            rMax = Math.max(rMax, r);
        }
        if (rMax <= 0) {
            return 0;
        }
        if (rMax >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return -1.0 / Math.log(rMax);
    }

    /** Whether two cascades have the same coefficients (used to check a restored snapshot). */
    public boolean sameDesign(double[] coefficients) {
        return Arrays.equals(coef, coefficients);
    }
}

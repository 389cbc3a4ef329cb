package io.beatflow.datasets.internal;

/**
 * The three coupled ordinary differential equations of McSharry PE, Clifford GD, Tarassenko L,
 * Smith LA, "A dynamical model for generating synthetic electrocardiogram signals", IEEE Trans
 * Biomed Eng 50(3):289-294 (2003), equation (3):
 *
 * <pre>
 *   dx/dt = alpha x - omega y
 *   dy/dt = alpha y + omega x
 *   dz/dt = - sum_i a_i dtheta_i exp(-dtheta_i^2 / (2 b_i^2)) - (z - z0)
 * </pre>
 *
 * with {@code alpha = 1 - sqrt(x^2 + y^2)}, {@code theta = atan2(y, x)} and {@code dtheta_i =
 * (theta - theta_i) mod 2 pi}: a trajectory attracted to the unit circle, one revolution per beat,
 * on which five Gaussian events (P, Q, R, S, T at angles {@code theta_i}) push {@code z} up or
 * down. The R peak lies at angle 0. Integrated with the classical fourth-order Runge-Kutta
 * method; {@code z0} (baseline) is 0 here, baseline wander being added to the output instead.
 * One deliberate difference: the event sum is multiplied by {@code omega} (it is written per
 * radian of phase rather than per second), so a premature beat, which sweeps its phase faster,
 * keeps its wave amplitudes instead of shrinking with its RR interval.
 */
public final class EcgDynamicalModel {
    private EcgDynamicalModel() {
    }

    /** Morphology of one beat: angles (rad), magnitudes and widths (rad) of P, Q, R, S, T. */
    public record Morphology(double[] theta, double[] a, double[] b) {
        public Morphology {
            theta = theta.clone();
            a = a.clone();
            b = b.clone();
            if (theta.length != 5 || a.length != 5 || b.length != 5) {
                throw new IllegalArgumentException("a morphology has five events (P, Q, R, S, T)");
            }
        }

        /**
         * McSharry et al.'s Table I, with the widths scaled by sqrt(heart rate / 60) so that
         * waves keep their duration in seconds roughly as the rate changes.
         */
        public static Morphology normal(double heartRateBpm) {
            double s = Math.sqrt(heartRateBpm / 60.0);
            return new Morphology(
                    new double[] {-Math.PI / 3, -Math.PI / 12, 0, Math.PI / 12, Math.PI / 2},
                    new double[] {1.2, -5.0, 30.0, -7.5, 0.75},
                    new double[] {0.25 * s, 0.1 * s, 0.1 * s, 0.1 * s, 0.4 * s});
        }

        /**
         * A premature ventricular beat: no P wave, a wide and tall QRS (the impulse spreads through
         * the myocardium rather than the conduction system) and a broad T wave of opposite
         * polarity.
         */
        public static Morphology ventricular(double heartRateBpm) {
            double s = Math.sqrt(heartRateBpm / 60.0);
            return new Morphology(
                    new double[] {-Math.PI / 3, -Math.PI / 8, 0, Math.PI / 7, Math.PI / 2},
                    new double[] {0.0, -2.0, 10.0, -6.0, -0.9},
                    new double[] {0.25 * s, 0.15 * s, 0.22 * s, 0.2 * s, 0.45 * s});
        }

        /**
         * A premature atrial beat: an early, smaller and inverted (ectopic focus) P wave and a
         * normal QRS-T.
         */
        public static Morphology atrial(double heartRateBpm) {
            Morphology n = normal(heartRateBpm);
            double[] a = n.a.clone();
            double[] b = n.b.clone();
            a[0] = -0.7;
            b[0] = n.b[0] * 0.8;
            return new Morphology(n.theta, a, b);
        }
    }

    /**
     * The derivative of the state {@code (x, y, z)}.
     *
     * @param omega angular velocity (rad/s): 2 pi / RR
     * @param m morphology to use at this point of the cycle
     * @param out receives {@code (dx, dy, dz)}
     */
    public static void derivative(double x, double y, double z, double omega, Morphology m, double[] out) {
        double alpha = 1 - Math.sqrt(x * x + y * y);
        double theta = Math.atan2(y, x);
        double dz = 0;
        for (int i = 0; i < 5; i++) {
            double d = Math.IEEEremainder(theta - m.theta[i], 2 * Math.PI);
            dz -= m.a[i] * d * Math.exp(-d * d / (2 * m.b[i] * m.b[i]));
        }
        out[0] = alpha * x - omega * y;
        out[1] = alpha * y + omega * x;
        out[2] = omega * dz - z;
    }

    /** One classical Runge-Kutta step of length {@code h} seconds; updates {@code state} in place. */
    public static void rk4Step(double[] state, double h, double omega, Morphology m, double[] scratch) {
        double x = state[0];
        double y = state[1];
        double z = state[2];
        double[] k = scratch; // 12 values: k1..k4 x (dx, dy, dz)
        double[] d = new double[3];
        derivative(x, y, z, omega, m, d);
        k[0] = d[0]; k[1] = d[1]; k[2] = d[2];
        derivative(x + h / 2 * k[0], y + h / 2 * k[1], z + h / 2 * k[2], omega, m, d);
        k[3] = d[0]; k[4] = d[1]; k[5] = d[2];
        derivative(x + h / 2 * k[3], y + h / 2 * k[4], z + h / 2 * k[5], omega, m, d);
        k[6] = d[0]; k[7] = d[1]; k[8] = d[2];
        derivative(x + h * k[6], y + h * k[7], z + h * k[8], omega, m, d);
        k[9] = d[0]; k[10] = d[1]; k[11] = d[2];
        for (int i = 0; i < 3; i++) {
            state[i] += h / 6 * (k[i] + 2 * k[3 + i] + 2 * k[6 + i] + k[9 + i]);
        }
    }
}

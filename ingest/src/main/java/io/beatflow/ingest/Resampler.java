package io.beatflow.ingest;

import io.beatflow.ingest.internal.DspState;
import java.util.Arrays;

/**
 * Rational sample-rate conversion by a polyphase windowed-sinc FIR filter.
 *
 * <p>The rates give an up factor {@code L} and a down factor {@code M} (the ratio
 * {@code outRate / inRate} reduced by their greatest common divisor, rates taken to 0.001 Hz).
 * Conceptually the input is upsampled by {@code L} (zeros inserted), low-pass filtered, and every
 * {@code M}-th sample kept. The low-pass is a Kaiser-windowed sinc (Kaiser, "Nonrecursive
 * digital filter design using the I0-sinh window function", 1974; design formulas as in
 * Oppenheim and Schafer, Discrete-Time Signal Processing, sec. 7.6): its stop band starts at
 * {@code min(inRate, outRate) / 2}, so nothing aliases by more than the stop-band level, and its
 * pass band ends {@code transitionFraction} of that frequency lower. The filter is symmetric and
 * applied centred, so its group delay is compensated: output sample {@code k} is the signal at time
 * {@code k / outRate}, the time of input sample {@code k * inRate / outRate}. Only the taps that
 * meet non-zero upsampled samples are computed (polyphase form), and each phase is normalised to
 * unit DC gain so that a constant stays exactly constant.
 *
 * <p>Output length for {@code n} input samples is {@code ceil(n * L / M)}: every output instant
 * {@code k / outRate} before the end time {@code n / inRate} of the input. Beyond the ends the
 * input is taken as its first (last) sample held. Gaps (NaN or infinite samples) are filled by
 * holding the last valid sample (zero before the first one) and an output sample is NaN when the
 * input sample nearest to its time is a gap. The offline form {@link #apply} runs the incremental engine over the whole
 * array, so offline and chunked results are identical.
 *
 * <p>Equal rates (L = M = 1) pass the signal through unchanged. {@link #linear} is a fast alternative without anti-aliasing, for short beat windows.
 */
public final class Resampler {
    /** Default stop-band attenuation, dB. */
    public static final double DEFAULT_ATTENUATION_DB = 80.0;
    /** Default transition band as a fraction of the lower Nyquist frequency. */
    public static final double DEFAULT_TRANSITION_FRACTION = 0.1;
    private static final int MAX_FACTOR = 100_000;
    private static final int MAX_TAPS = 8_000_000;

    private final double inRateHz;
    private final double outRateHz;
    private final int up;
    private final int down;
    private final double attenuationDb;
    private final double transitionFraction;
    private final int half;
    private final int tapsPerPhase;
    /** coefficients[phase][u] multiplies input sample {@code iMax - (tapsPerPhase - 1 - u)}. */
    private final double[][] coefficients;

    private Resampler(double inRateHz, double outRateHz, double attenuationDb, double transitionFraction) {
        checkRate("inRateHz", inRateHz);
        checkRate("outRateHz", outRateHz);
        if (!(attenuationDb >= 21) || !(attenuationDb <= 200)) {
            throw new IllegalArgumentException("resampler: attenuationDb must be in [21, 200], got " + attenuationDb);
        }
        if (!(transitionFraction > 0) || !(transitionFraction < 1)) {
            throw new IllegalArgumentException("resampler: transitionFraction must be in (0, 1), got " + transitionFraction);
        }
        long a = Math.round(outRateHz * 1000);
        long b = Math.round(inRateHz * 1000);
        long g = gcd(a, b);
        long l = a / g;
        long m = b / g;
        if (l > MAX_FACTOR || m > MAX_FACTOR) {
            throw new IllegalArgumentException("resampler: " + inRateHz + " -> " + outRateHz + " Hz needs factors L=" + l
                    + ", M=" + m + ", above " + MAX_FACTOR);
        }
        this.inRateHz = inRateHz;
        this.outRateHz = outRateHz;
        this.up = (int) l;
        this.down = (int) m;
        this.attenuationDb = attenuationDb;
        this.transitionFraction = transitionFraction;

        // Design at the upsampled rate F = inRate * L, in cycles per sample of F.
        double nyquistMin = 0.5 * Math.min(1.0 / up, 1.0 / down); // min(in, out) / 2 over F
        double stopEdge = nyquistMin;
        double passEdge = nyquistMin * (1 - transitionFraction);
        double cutoff = 0.5 * (stopEdge + passEdge);
        double deltaOmega = 2 * Math.PI * (stopEdge - passEdge);
        double beta = attenuationDb > 50 ? 0.1102 * (attenuationDb - 8.7)
                : 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        long order = (long) Math.ceil((attenuationDb - 8) / (2.285 * deltaOmega));
        long halfLong = (order + 1) / 2;
        if (2 * halfLong + 1 > MAX_TAPS) {
            throw new IllegalArgumentException("resampler: " + (2 * halfLong + 1) + " taps needed for " + inRateHz + " -> "
                    + outRateHz + " Hz; widen transitionFraction or lower attenuationDb");
        }
        // equal rates: a single unit tap, so the signal passes unchanged (no needless low-pass)
        this.half = up == 1 && down == 1 ? 0 : (int) halfLong;
        int n = 2 * half + 1;
        double[] h = new double[n];
        double i0Beta = besselI0(beta);
        for (int j = 0; j < n; j++) {
            double t = j - half;
            double r = half == 0 ? 0 : t / half;
            double w = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            double xArg = 2 * cutoff * t;
            double sinc = t == 0 ? 1.0 : Math.sin(Math.PI * xArg) / (Math.PI * xArg);
            h[j] = 2 * cutoff * sinc * w;
        }
        this.tapsPerPhase = (n + up - 1) / up;
        this.coefficients = new double[up][tapsPerPhase];
        for (int p = 0; p < up; p++) {
            double sum = 0;
            for (int t = 0; t < tapsPerPhase; t++) {
                int j = p + up * t;
                double c = j < n ? h[j] : 0.0;
                coefficients[p][tapsPerPhase - 1 - t] = c;
                sum += c;
            }
            if (sum != 0) {
                for (int u = 0; u < tapsPerPhase; u++) {
                    coefficients[p][u] /= sum;
                }
            }
        }
    }

    private static void checkRate(String name, double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("resampler: " + name + " must be positive and finite, got " + rate);
        }
        if (Math.round(rate * 1000) < 1) {
            throw new IllegalArgumentException("resampler: " + name + " below 0.001 Hz: " + rate);
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    /** A resampler with {@link #DEFAULT_ATTENUATION_DB} and {@link #DEFAULT_TRANSITION_FRACTION}. */
    public static Resampler of(double inRateHz, double outRateHz) {
        return new Resampler(inRateHz, outRateHz, DEFAULT_ATTENUATION_DB, DEFAULT_TRANSITION_FRACTION);
    }

    /**
     * A resampler with a chosen stop-band attenuation (dB, 21 to 200) and transition band
     * (fraction of {@code min(in, out) / 2}, in (0, 1)).
     *
     * @throws IllegalArgumentException if a rate is not positive, the reduced factors exceed
     *     100000, or the filter would need more than 8 million taps
     */
    public static Resampler of(double inRateHz, double outRateHz, double attenuationDb, double transitionFraction) {
        return new Resampler(inRateHz, outRateHz, attenuationDb, transitionFraction);
    }

    /** Input sample rate, Hz. */
    public double inRateHz() {
        return inRateHz;
    }

    /** Output sample rate, Hz. */
    public double outRateHz() {
        return outRateHz;
    }

    /** Up factor L (gcd-reduced). */
    public int up() {
        return up;
    }

    /** Down factor M (gcd-reduced). */
    public int down() {
        return down;
    }

    /** Length of the prototype filter, {@code 2 * half + 1} taps at the upsampled rate. */
    public int taps() {
        return 2 * half + 1;
    }

    /** Output samples for {@code n} input samples: {@code ceil(n * L / M)}. */
    public long outputLength(long n) {
        return Math.floorDiv(n * up + down - 1, down);
    }

    /** Resamples a whole record (same result as feeding it to {@link #newIncremental()} and flushing). */
    public float[] apply(float[] x) {
        Incremental inc = newIncremental();
        float[] a = inc.process(x);
        float[] b = inc.flush();
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A streaming resampler at rest. */
    public Incremental newIncremental() {
        return new Incremental(this);
    }

    /**
     * Linear interpolation from {@code inRateHz} to {@code outRateHz}, without anti-aliasing: output
     * sample {@code k} is the straight line between the two input samples around time {@code
     * k / outRateHz}; its length is {@code ceil(n * outRate / inRate)} (the last samples hold the
     * final input value). Fast; fit for upsampling and for mild downsampling of band-limited
     * (already filtered) beats.
     */
    public static float[] linear(float[] x, double inRateHz, double outRateHz) {
        checkRate("inRateHz", inRateHz);
        checkRate("outRateHz", outRateHz);
        int n = x.length;
        if (n == 0) {
            return new float[0];
        }
        double step = inRateHz / outRateHz;
        long count = (long) Math.ceil(n * (outRateHz / inRateHz) - 1e-9);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampler: output of " + count + " samples is too long");
        }
        float[] out = new float[(int) count];
        for (int k = 0; k < out.length; k++) {
            double pos = k * step;
            int i = (int) pos;
            if (i >= n - 1) {
                out[k] = x[n - 1];
            } else {
                double f = pos - i;
                out[k] = (float) (x[i] + f * (x[i + 1] - x[i]));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Resampler[" + inRateHz + " -> " + outRateHz + " Hz, L=" + up + ", M=" + down + ", " + taps() + " taps, "
                + attenuationDb + " dB]";
    }

    /**
     * A streaming resampler. Output sample {@code k} is emitted as soon as the input samples its
     * filter reaches have arrived (a latency of about {@code half / L} input samples);
     * {@link #flush()} emits the rest at end of stream. Chunked input gives bit-for-bit the output
     * of whole input. Not thread-safe.
     */
    public static final class Incremental {
        private static final String KIND = "Resampler.Incremental";
        private final Resampler design;
        private final int taps;
        /** Input history, filled (gap-held) values; index 0 is absolute sample {@code histStart}. */
        private double[] hist;
        /** Raw input (NaN kept) for the same indices. */
        private float[] raw;
        private long histStart;
        private int histLen;
        private long consumed;
        private long produced;
        private float lastValid;
        private boolean started;
        private boolean finished;

        private Incremental(Resampler design) {
            this.design = design;
            this.taps = design.tapsPerPhase;
            int cap = Math.max(4096, 2 * taps + 1);
            this.hist = new double[cap];
            this.raw = new float[cap];
        }

        /** Upper bound of the output samples that {@code len} more input samples can yield. */
        public int maxOutput(int len) {
            return (int) Math.min(Integer.MAX_VALUE, (long) len * design.up / design.down + 2);
        }

        /** Total input samples consumed. */
        public long consumed() {
            return consumed;
        }

        /** Total output samples emitted. */
        public long produced() {
            return produced;
        }

        /**
         * Consumes {@code in[off, off + len)} and writes the outputs now ready to {@code out}
         * from {@code outOff}.
         *
         * @return the number of output samples written (at most {@link #maxOutput(int) maxOutput(len)})
         * @throws IllegalStateException after {@link #flush()}
         * @throws IndexOutOfBoundsException if {@code out} has too little room
         */
        public int process(float[] in, int off, int len, float[] out, int outOff) {
            if (finished) {
                throw new IllegalStateException("resampler: input after flush()");
            }
            java.util.Objects.checkFromIndexSize(off, len, in.length);
            int written = 0;
            int done = 0;
            while (done < len) {
                if (!started) {
                    start(in[off]);
                }
                int room = hist.length - histLen;
                if (room == 0) {
                    compact();
                    room = hist.length - histLen;
                }
                int m = Math.min(room, len - done);
                float held = lastValid;
                for (int i = 0; i < m; i++) {
                    float v = in[off + done + i];
                    raw[histLen + i] = v;
                    if (Float.isFinite(v)) { // NaN or infinite: a gap
                        held = v;
                    }
                    hist[histLen + i] = held;
                }
                lastValid = held;
                histLen += m;
                consumed += m;
                done += m;
                written += emit(out, outOff + written, Long.MAX_VALUE);
            }
            return written;
        }

        /** Consumes a chunk and returns the outputs now ready. */
        public float[] process(float[] in) {
            float[] out = new float[maxOutput(in.length)];
            int n = process(in, 0, in.length, out, 0);
            return Arrays.copyOf(out, n);
        }

        /**
         * Ends the stream: emits the remaining outputs, up to {@code ceil(consumed * L / M)} in
         * all, with the last input sample held beyond the end. No input is accepted afterwards.
         */
        public float[] flush() {
            if (finished) {
                return new float[0];
            }
            finished = true;
            if (!started) {
                return new float[0];
            }
            long total = design.outputLength(consumed);
            compact();
            // hold the last (gap-filled) value; the raw value decides NaN only inside the input
            ensure(histLen + taps + 1);
            double last = hist[histLen - 1];
            for (int i = 0; i < taps + 1; i++) {
                hist[histLen + i] = last;
                raw[histLen + i] = (float) last;
            }
            histLen += taps + 1;
            float[] out = new float[(int) (total - produced)];
            int n = emit(out, 0, total);
            return n == out.length ? out : Arrays.copyOf(out, n);
        }

        private void start(float first) {
            started = true;
            float v = first == first ? first : 0f;
            // hold the first sample before time zero
            for (int i = 0; i < taps; i++) {
                hist[i] = v;
                raw[i] = v;
            }
            histLen = taps;
            histStart = -taps;
            lastValid = 0f;
        }

        private void ensure(int cap) {
            if (hist.length < cap) {
                hist = Arrays.copyOf(hist, cap);
                raw = Arrays.copyOf(raw, cap);
            }
        }

        /** Keeps only the last {@code taps} samples, which are all that pending outputs can need. */
        private void compact() {
            int keep = Math.min(taps, histLen);
            int drop = histLen - keep;
            if (drop > 0) {
                System.arraycopy(hist, drop, hist, 0, keep);
                System.arraycopy(raw, drop, raw, 0, keep);
                histStart += drop;
                histLen = keep;
            }
        }

        /** Emits outputs while their newest input is in the history, up to {@code limit} in all. */
        private int emit(float[] out, int outOff, long limit) {
            long up = design.up;
            long down = design.down;
            long available = histStart + histLen; // absolute index one past the newest sample
            int n = 0;
            while (produced < limit) {
                long pos = produced * down + design.half;
                long iMax = pos / up;
                if (iMax >= available) {
                    break;
                }
                int phase = (int) (pos - iMax * up);
                double[] c = design.coefficients[phase];
                int base = (int) (iMax - histStart) - (taps - 1);
                // four partial sums break the add latency chain of one long dot product
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int u = 0;
                for (; u + 3 < taps; u += 4) {
                    s0 += c[u] * hist[base + u];
                    s1 += c[u + 1] * hist[base + u + 1];
                    s2 += c[u + 2] * hist[base + u + 2];
                    s3 += c[u + 3] * hist[base + u + 3];
                }
                for (; u < taps; u++) {
                    s0 += c[u] * hist[base + u];
                }
                double acc = (s0 + s1) + (s2 + s3);
                // NaN where the input sample nearest to this output's time is a gap
                long nearest = (2 * produced * down + up) / (2 * up);
                float rv = raw[(int) (nearest - histStart)];
                out[outOff + n] = !Float.isFinite(rv) ? Float.NaN : (float) acc;
                n++;
                produced++;
            }
            return n;
        }

        /** The state as bytes: counters, held values and the last input samples. */
        public byte[] snapshot() {
            compact();
            return DspState.writer(KIND)
                    .putDouble(design.inRateHz).putDouble(design.outRateHz)
                    .putDouble(design.attenuationDb).putDouble(design.transitionFraction)
                    .putBoolean(started).putBoolean(finished)
                    .putLong(consumed).putLong(produced).putLong(histStart)
                    .putDouble(lastValid)
                    .putDoubles(Arrays.copyOf(hist, histLen))
                    .putFloats(raw, 0, histLen)
                    .toBytes();
        }

        /**
         * Loads a state saved by {@link #snapshot()} of a resampler of the same design.
         *
         * @throws IllegalArgumentException if the bytes are not such a snapshot
         */
        public void restore(byte[] snapshot) {
            DspState.Reader r = DspState.reader(snapshot, KIND);
            double in = r.getDouble("inRateHz");
            double outRate = r.getDouble("outRateHz");
            double att = r.getDouble("attenuationDb");
            double tf = r.getDouble("transitionFraction");
            if (in != design.inRateHz || outRate != design.outRateHz || att != design.attenuationDb
                    || tf != design.transitionFraction) {
                throw r.mismatch("it was taken from " + in + " -> " + outRate + " Hz, " + att + " dB, transition " + tf
                        + "; this is " + design);
            }
            boolean st = r.getBoolean("started");
            boolean fin = r.getBoolean("finished");
            long cons = r.getLong("consumed");
            long prod = r.getLong("produced");
            long hs = r.getLong("histStart");
            float lv = (float) r.getDouble("lastValid");
            double[] h = r.getDoubles("history");
            float[] rw = r.getFloats("raw history");
            r.end();
            if (h.length != rw.length || h.length > taps || (st && hs + h.length != cons)) {
                throw r.mismatch("inconsistent history of " + h.length + " samples from " + hs + " for " + cons + " consumed");
            }
            started = st;
            finished = fin;
            consumed = cons;
            produced = prod;
            histStart = hs;
            lastValid = lv;
            Arrays.fill(hist, 0.0);
            System.arraycopy(h, 0, hist, 0, h.length);
            System.arraycopy(rw, 0, raw, 0, rw.length);
            histLen = h.length;
        }
    }
}

package io.beatflow.ingest;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Offline beat detection: runs a {@link BeatDetector}'s incremental code over a whole record, so
 * that offline and streaming results are the same by construction.
 */
public final class BeatDetectors {
    private BeatDetectors() {
    }

    /**
     * beatflow's default detector ({@link AdaptiveQrsDetector}) with default settings for a rate.
     *
     * @param sampleRateHz samples per second; 128 to 1000
     * @throws IllegalArgumentException if the rate is outside that range
     */
    public static BeatDetector create(double sampleRateHz) {
        return new AdaptiveQrsDetector(DetectorConfig.defaults(sampleRateHz));
    }

    /** Seconds of the synthetic lead {@link #fingerprint} runs the detector over. */
    static final int PROBE_SECONDS = 60;
    private static final Map<Double, String> FINGERPRINTS = new ConcurrentHashMap<>();

    /**
     * A text that changes whenever the default detector's beats for this rate could: the
     * detector's class and settings, and a SHA-256 of the R peaks it finds on a fixed synthetic lead
     * (a minute of beats at irregular intervals, ectopic beats among them, with noise, baseline
     * wander and a burst of muscle-like noise). A change of the detector's code that moves any beat
     * of that lead changes it, without a version number to remember. Caches of detected beats put it
     * into their keys. Computed once per rate (a few milliseconds).
     *
     * @throws IllegalArgumentException if the rate is outside 128 to 1000 Hz
     */
    public static String fingerprint(double sampleRateHz) {
        return FINGERPRINTS.computeIfAbsent(sampleRateHz, r -> fingerprint(create(r)));
    }

    /** {@link #fingerprint(double)} of any single-lead detector (reset first, fed the probe lead). */
    public static String fingerprint(BeatDetector detector) {
        double rate = detector.config().sampleRateHz();
        float[] x = probeLead(rate);
        Signal probe = Signal.ofPhysical("fingerprint-probe", rate, java.util.List.of(new Lead("probe", "mV", 200, 0)),
                new float[][] {x}, null);
        long[] peaks = detect(probe, 0, detector);
        ByteBuffer b = ByteBuffer.allocate(8 * peaks.length);
        for (long p : peaks) {
            b.putLong(p);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.array());
            return detector.getClass().getName() + " " + detector.config() + " probe " + peaks.length + " beats "
                    + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /**
     * The fixed synthetic lead of {@link #fingerprint}: beats every 0.55 to 1.25 s (every seventh
     * wide and tall, as a ventricular beat), each a Gaussian QRS with a P and a T wave, Gaussian
     * noise of 0.03 mV, 0.3 mV of wander at 0.25 Hz and 3 s of noise of 0.3 mV; seeded, so the same
     * for every run.
     */
    static float[] probeLead(double rate) {
        int n = (int) Math.round(PROBE_SECONDS * rate);
        double[] y = new double[n];
        double[] beats = probeBeatTimes();
        for (int b = 0; b < beats.length; b++) {
            double t = beats[b];
            boolean wide = b % 7 == 6;
            addWave(y, rate, t - 0.16, 0.025, wide ? 0 : 0.12);
            addWave(y, rate, t, wide ? 0.045 : 0.012, wide ? 1.6 : 1.0);
            addWave(y, rate, t + (wide ? 0.32 : 0.26), 0.05, wide ? -0.4 : 0.25);
        }
        Random rnd = new Random(20261123L);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / rate;
            double burst = t >= 40 && t < 43 ? 0.3 : 0;
            x[i] = (float) (y[i] + 0.3 * Math.sin(2 * Math.PI * 0.25 * t) + (0.03 + burst) * rnd.nextGaussian());
        }
        return x;
    }

    /** The R-peak times of the probe lead, seconds. */
    static double[] probeBeatTimes() {
        Random rnd = new Random(20261122L);
        double[] t = new double[PROBE_SECONDS * 2];
        int k = 0;
        for (double at = 0.4; at < PROBE_SECONDS - 0.5; at += 0.55 + 0.7 * rnd.nextDouble()) {
            t[k++] = at;
        }
        return Arrays.copyOf(t, k);
    }

    private static void addWave(double[] y, double rate, double centre, double width, double amplitude) {
        int lo = Math.max(0, (int) Math.floor((centre - 4 * width) * rate));
        int hi = Math.min(y.length - 1, (int) Math.ceil((centre + 4 * width) * rate));
        for (int i = lo; i <= hi; i++) {
            double z = (i / rate - centre) / width;
            y[i] += amplitude * Math.exp(-0.5 * z * z);
        }
    }

    /**
     * R-peak positions of one lead, found by the default detector.
     *
     * @param signal the record
     * @param lead index of the lead to use
     * @return R-peak sample indices, strictly increasing
     * @throws IllegalArgumentException if the lead does not exist or the sample rate is outside
     *     128 to 1000 Hz
     */
    public static long[] detect(Signal signal, int lead) {
        double rate = signal.sampleRateHz();
        if (!(rate >= DetectorConfig.MIN_SAMPLE_RATE_HZ && rate <= DetectorConfig.MAX_SAMPLE_RATE_HZ)) {
            throw new IllegalArgumentException(signal.name() + ": sampled at " + rate + " Hz, but the beat detector"
                    + " takes " + DetectorConfig.MIN_SAMPLE_RATE_HZ + " to " + DetectorConfig.MAX_SAMPLE_RATE_HZ
                    + " Hz: resample the record into that range first (a time column in the wrong unit, such as"
                    + " milliseconds read as seconds, also gives a rate far out of it)");
        }
        return detect(signal, lead, create(rate));
    }

    /**
     * R-peak positions of one lead, found by a given single-lead detector; the detector is reset
     * first, fed the whole lead and flushed.
     *
     * @throws IllegalArgumentException if the detector takes more than one lead, or its sample rate
     *     differs from the signal's
     */
    public static long[] detect(Signal signal, int lead, BeatDetector detector) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(detector, "detector");
        if (detector.leadCount() != 1) {
            throw new IllegalArgumentException("detector takes " + detector.leadCount() + " leads; one expected");
        }
        if (detector.config().sampleRateHz() != signal.sampleRateHz()) {
            throw new IllegalArgumentException(signal.name() + ": sample rate " + signal.sampleRateHz()
                    + " Hz but the detector was set for " + detector.config().sampleRateHz() + " Hz");
        }
        float[] x = signal.physical(lead);
        Peaks peaks = new Peaks(Math.max(16, (int) (signal.durationSeconds() * 4)));
        detector.reset();
        detector.push(x, 0, x.length, peaks::add);
        detector.flush(peaks::add);
        return peaks.toArray();
    }

    /** A growable array of positions (no boxing). */
    private static final class Peaks {
        private long[] values;
        private int size;

        Peaks(int capacity) {
            values = new long[capacity];
        }

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

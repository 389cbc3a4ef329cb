package io.beatflow.ingest.internal;

import io.beatflow.ingest.BandPassConfig;
import io.beatflow.ingest.BandPassFilter;
import io.beatflow.ingest.BaselineWanderFilter;
import io.beatflow.ingest.BeatWindowConfig;
import io.beatflow.ingest.BeatWindower;
import io.beatflow.ingest.FilterChain;
import io.beatflow.ingest.IncrementalFilter;
import io.beatflow.ingest.NotchFilter;
import io.beatflow.ingest.Resampler;
import io.beatflow.ingest.SlidingWindowConfig;
import io.beatflow.ingest.SlidingWindower;
import io.beatflow.ingest.WindowNormalisation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntSupplier;
import uk.me.berndporr.iirj.Butterworth;

/**
 * Single-thread throughput of the filters, the resampler and the windowers over one record-sized
 * array (650000 samples = one MIT-BIH lead at 360 Hz), for the CLI's {@code bench} command and the
 * ingest README. Input is Gaussian noise (so that no filter runs into subnormal numbers, which
 * would flatter nothing and slow everything). Each case runs {@code warmup} untimed rounds, then
 * {@code rounds} timed ones; the fastest round is reported (on a shared machine the fastest round
 * is the one least disturbed by other work; the median is printed beside it).
 */
public final class DspBenchmarks {
    private DspBenchmarks() {
    }

    /**
     * One measured case.
     *
     * @param name what was run
     * @param samples input samples per round
     * @param bestSeconds fastest round
     * @param medianSeconds median round
     */
    public record Result(String name, long samples, double bestSeconds, double medianSeconds) {
        /** Input samples per second in the fastest round. */
        public double samplesPerSecond() {
            return samples / bestSeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-58s best %8.2f ms %7.1f M samples/s   (median %7.1f M/s)", name,
                    bestSeconds * 1e3, samplesPerSecond() / 1e6, samples / medianSeconds / 1e6);
        }
    }

    /** Runs every case over {@code n} samples at 360 Hz. */
    public static List<Result> run(int n, int warmup, int rounds) {
        double fs = 360;
        float[] x = new float[n];
        Random rnd = new Random(1);
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextGaussian() + Math.sin(2 * Math.PI * 1.2 * i / fs));
        }
        long[] beats = new long[n / 286]; // about 75 beats/min, the mean MIT-BIH rate (109494 beats in 48 x 30 min)
        for (int i = 0; i < beats.length; i++) {
            beats[i] = 150 + 286L * i;
        }
        BandPassFilter bp = new BandPassFilter(BandPassConfig.ecg(fs));
        NotchFilter notch = NotchFilter.powerLine(fs, 60);
        BaselineWanderFilter hp = BaselineWanderFilter.highPass(fs);
        BaselineWanderFilter median = BaselineWanderFilter.median(fs);
        Resampler r250 = Resampler.of(360, 250);
        Resampler r128 = Resampler.of(360, 128);
        BeatWindower windower = new BeatWindower(BeatWindowConfig.samples256At360());
        BeatWindower windower250 = new BeatWindower(BeatWindowConfig.defaults(250)
                .withNormalisation(WindowNormalisation.Z_SCORE));
        SlidingWindower sliding = new SlidingWindower(new SlidingWindowConfig(3600, 1800, WindowNormalisation.NONE));
        float[] out = new float[n];

        List<Result> results = new ArrayList<>();
        results.add(time("iirj Butterworth band-pass 0.5-40 order 2, filter(double)", n, warmup, rounds, () -> {
            Butterworth b = new Butterworth();
            b.bandPass(2, fs, 20.25, 39.5);
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += b.filter(x[i]);
            }
            return (int) s;
        }));
        results.add(time("band-pass 0.5-40 order 2, causal incremental", n, warmup, rounds, () -> {
            IncrementalFilter f = bp.newIncremental();
            f.process(x, 0, n, out, 0);
            return (int) out[n - 1];
        }));
        results.add(time("band-pass 0.5-40 order 2, zero-phase", n, warmup, rounds,
                () -> bp.applyZeroPhase(x).length));
        results.add(time("notch 60 Hz q 30, causal incremental", n, warmup, rounds, () -> {
            IncrementalFilter f = notch.newIncremental();
            f.process(x, 0, n, out, 0);
            return (int) out[n - 1];
        }));
        results.add(time("notch 60 Hz q 30, zero-phase", n, warmup, rounds, () -> notch.applyZeroPhase(x).length));
        results.add(time("baseline high-pass 0.5 Hz order 2, causal", n, warmup, rounds, () -> {
            IncrementalFilter f = hp.newIncremental();
            f.process(x, 0, n, out, 0);
            return (int) out[n - 1];
        }));
        results.add(time("baseline high-pass 0.5 Hz order 2, zero-phase", n, warmup, rounds,
                () -> hp.applyZeroPhase(x).length));
        results.add(time("baseline two-stage median 200 + 600 ms", n, warmup, Math.max(1, rounds / 3),
                () -> median.applyZeroPhase(x).length));
        results.add(time("resample 360 -> 250 Hz (polyphase, " + r250.taps() + " taps)", n, warmup, rounds,
                () -> r250.apply(x).length));
        results.add(time("resample 360 -> 128 Hz (polyphase, " + r128.taps() + " taps)", n, warmup, rounds,
                () -> r128.apply(x).length));
        results.add(time("resample 360 -> 250 Hz linear interpolation", n, warmup, rounds,
                () -> Resampler.linear(x, 360, 250).length));
        results.add(time("beat windows 256 @ 360 Hz (" + beats.length + " beats)", n, warmup, rounds,
                () -> windower.window("bench", "MLII", x, fs, beats).windows().size()));
        results.add(time("beat windows 0.25+0.45 s @ 250 Hz, z-score", n, warmup, rounds,
                () -> windower250.window("bench", "MLII", x, fs, beats).windows().size()));
        results.add(time("sliding windows 10 s, hop 5 s", n, warmup, rounds,
                () -> sliding.windows("bench", "MLII", x, fs).size()));
        FilterChain chain = FilterChain.ecg(fs, 60);
        results.add(time("filter chain notch 60 + band-pass 0.5-40, causal", n, warmup, rounds, () -> {
            IncrementalFilter f = chain.newIncremental();
            f.process(x, 0, n, out, 0);
            return (int) out[n - 1];
        }));
        results.add(time("filter chain notch 60 + band-pass 0.5-40, zero-phase", n, warmup, rounds,
                () -> chain.applyZeroPhase(x).length));
        results.add(time("notch + band-pass zero-phase + beat windows 256 @ 360", n, warmup, rounds, () -> {
            float[] y = chain.applyZeroPhase(x);
            return windower.window("bench", "MLII", y, fs, beats).windows().size();
        }));
        return results;
    }

    private static volatile int sink;

    private static Result time(String name, int n, int warmup, int rounds, IntSupplier body) {
        for (int i = 0; i < warmup; i++) {
            sink += body.getAsInt();
        }
        double[] t = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            sink += body.getAsInt();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(t);
        return new Result(name, n, t[0], t[rounds / 2]);
    }

    /**
     * Prints the table. Arguments: {@code [samples [warmup [rounds]]]}, defaults 650000, 5, 11.
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 650_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 11;
        System.out.println("DSP throughput, one thread, " + n + " samples per round, " + rounds + " rounds ("
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ")");
        for (Result r : run(n, warmup, rounds)) {
            System.out.println(r);
        }
    }
}

package io.beatflow.cli;

import io.beatflow.datasets.NoiseStress;
import io.beatflow.eval.BeatComparator;
import io.beatflow.eval.BeatMatchConfig;
import io.beatflow.eval.DetectionSummary;
import io.beatflow.eval.DetectionTableRenderer;
import io.beatflow.eval.RecordComparison;
import io.beatflow.eval.ReferenceEpisodes;
import io.beatflow.ingest.AdaptiveQrsDetector;
import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.BeatDetector;
import io.beatflow.ingest.BeatDetectors;
import io.beatflow.ingest.DetectorConfig;
import io.beatflow.ingest.PanTompkinsDetector;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The beat detectors' accuracy and speed on the MIT-BIH Arrhythmia Database, by the rules of
 * ANSI/AAMI EC57: the 44 non-paced records (102, 104, 107 and 217 left out), reference beats = the
 * {@code .atr} annotations that mark a QRS ({@link Annotation#isBeat()}), a 150 ms match window,
 * the first 5 minutes unscored, gross Se = sum TP / sum (TP + FN) and +P = sum TP / sum (TP + FP).
 *
 * <p>Noise stress: the same records with NSTDB {@code ma} and {@code bw} noise added by
 * {@link NoiseStress} (standard protocol, seed 0, i.e. as {@code nst}) at 12 and 6 dB.
 *
 * <p>Speed: read + filter + detect over both leads of all 48 records, one thread; the median of
 * the timed runs after one untimed warm-up run, in samples per second (samples = frames x leads),
 * by wall-clock time and by the thread's CPU time (the per-core figure when the machine is shared).
 *
 * <p>Run it with {@code beatflow bench detection}.
 */
final class DetectionBenchmark {
    /** MIT-BIH records with paced beats, left out of detector evaluations by EC57. */
    public static final List<String> PACED_RECORDS = List.of("102", "104", "107", "217");

    /** Records whose R-peak placement is printed one by one. */
    static final List<String> PLACEMENT_RECORDS = List.of("100", "101", "106", "119", "203", "208");

    private DetectionBenchmark() {
    }

    /** A detector factory by name: {@code adaptive} (the default) or {@code pan-tompkins}. */
    public static DoubleFunction<BeatDetector> detector(String name) {
        return switch (name) {
            case "adaptive" -> rate -> new AdaptiveQrsDetector(DetectorConfig.defaults(rate));
            case "pan-tompkins" -> rate -> new PanTompkinsDetector(DetectorConfig.panTompkins(rate));
            default -> throw new IllegalArgumentException("unknown detector '" + name
                    + "'; choose adaptive or pan-tompkins");
        };
    }

    /** The record names of a database directory, from its {@code RECORDS} file. */
    public static List<String> records(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("RECORDS")).stream().map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * The reference annotations' ventricular flutter/fibrillation and shutdown episodes, read as the
     * WFDB {@code bxb} program reads them (see {@link ReferenceEpisodes}): VF from a VFON to the next
     * VFOFF, every annotation between them passed over; shutdown from a noise annotation marking
     * signals 0 and 1 unreadable to the next noise annotation that does not. A shutdown mark
     * followed by anything else is an AHA-style mark in the middle of the shutdown: it runs from
     * one match window after the beat (or VF end) before it to one match window before the next
     * annotation. An episode the annotations never close runs to the end.
     *
     * @param matchWindowSamples the match window, in samples (bxb's {@code match_dt})
     */
    public static ReferenceEpisodes episodes(List<Annotation> annotations, long matchWindowSamples) {
        List<ReferenceEpisodes.SampleRange> flutter = new ArrayList<>();
        List<ReferenceEpisodes.SampleRange> shutdown = new ArrayList<>();
        long lastBeat = 0;
        long lastVfOff = -1;
        for (int i = 0; i < annotations.size(); i++) {
            Annotation a = annotations.get(i);
            if (a.isBeat()) {
                lastBeat = a.sample();
            } else if (a.code() == AnnotationCode.VFON) {
                int j = i + 1;
                while (j < annotations.size() && annotations.get(j).code() != AnnotationCode.VFOFF) {
                    j++;
                }
                long end = j < annotations.size() ? annotations.get(j).sample() : Long.MAX_VALUE;
                flutter.add(new ReferenceEpisodes.SampleRange(a.sample(), Math.max(a.sample(), end)));
                lastVfOff = end;
                i = j;
            } else if (a.code() == AnnotationCode.NOISE && unreadable(a)) {
                if (i + 1 == annotations.size()) {
                    shutdown.add(new ReferenceEpisodes.SampleRange(a.sample(), Long.MAX_VALUE));
                } else if (annotations.get(i + 1).code() == AnnotationCode.NOISE && !unreadable(annotations.get(i + 1))) {
                    shutdown.add(new ReferenceEpisodes.SampleRange(a.sample(),
                            Math.max(a.sample(), annotations.get(i + 1).sample())));
                    i++;
                } else {
                    long end = Math.max(0, annotations.get(i + 1).sample() - matchWindowSamples);
                    long start = Math.min((lastVfOff > lastBeat ? lastVfOff : lastBeat) + matchWindowSamples, end);
                    shutdown.add(new ReferenceEpisodes.SampleRange(start, end));
                }
            }
        }
        return new ReferenceEpisodes(flutter, shutdown);
    }

    /** A noise annotation's subtype marks signals 0 and 1 unreadable (bits 4 and 5). */
    private static boolean unreadable(Annotation noise) {
        return (noise.subtype() & 0x30) == 0x30;
    }

    /** Reference beat positions: the annotations that mark a QRS complex. */
    public static long[] referenceBeats(List<Annotation> annotations) {
        return annotations.stream().filter(Annotation::isBeat).mapToLong(Annotation::sample).toArray();
    }

    /**
     * EC57 comparison of one detector over records, optionally with noise added.
     *
     * @param mitdb the MIT-BIH directory
     * @param records record names
     * @param detector detector factory (by sample rate)
     * @param lead lead index to detect on
     * @param noise noise record to add, or {@code null} for the clean records
     * @param snrDb SNR of the added noise, in dB (ignored without noise)
     */
    public static DetectionSummary evaluate(Path mitdb, List<String> records, DoubleFunction<BeatDetector> detector,
            int lead, Signal noise, double snrDb) throws IOException {
        List<RecordComparison> out = new ArrayList<>();
        for (String r : records) {
            Signal s = WfdbReader.read(mitdb.resolve(r));
            List<Annotation> ann = WfdbAnnotationReader.read(mitdb.resolve(r + ".atr"));
            if (noise != null) {
                s = NoiseStress.mix(s, ann, noise, snrDb, 0);
            }
            long[] test = BeatDetectors.detect(s, lead, detector.apply(s.sampleRateHz()));
            BeatMatchConfig ec57 = BeatMatchConfig.ec57();
            out.add(BeatComparator.compare(r, referenceBeats(ann), test, s.sampleRateHz(), ec57,
                    episodes(ann, ec57.matchWindowSamples(s.sampleRateHz()))));
        }
        return new DetectionSummary(out);
    }

    /**
     * R-peak placement of one record: each scored reference beat (from 300 s on) is paired with
     * the nearest detected beat within the EC57 match window (150 ms; 54 samples at 360 Hz), and
     * the offsets detected - reference are summed.
     *
     * @param record record name
     * @param matched reference beats that found a detected beat
     * @param signedSum sum of (detected - reference), in samples
     * @param absoluteSum sum of |detected - reference|, in samples
     * @param sampleRateHz the record's sample rate
     */
    public record Offsets(String record, long matched, long signedSum, long absoluteSum, double sampleRateHz) {
        /** Mean signed offset in samples (NaN when nothing matched). */
        public double meanSigned() {
            return matched == 0 ? Double.NaN : (double) signedSum / matched;
        }

        /** Mean absolute offset in samples (NaN when nothing matched). */
        public double meanAbsolute() {
            return matched == 0 ? Double.NaN : (double) absoluteSum / matched;
        }
    }

    /** Nearest-beat offsets of {@code test} against {@code reference} (see {@link Offsets}). */
    public static Offsets offsets(String record, long[] reference, long[] test, double sampleRateHz) {
        long maxLag = Math.round(BeatMatchConfig.ec57().matchWindowSeconds() * sampleRateHz);
        long first = Math.round(BeatMatchConfig.ec57().skipSeconds() * sampleRateHz);
        long matched = 0;
        long signed = 0;
        long abs = 0;
        for (long ref : reference) {
            if (ref < first) {
                continue;
            }
            int at = Arrays.binarySearch(test, ref);
            int ins = at >= 0 ? at : -at - 1;
            long best = Long.MAX_VALUE;
            for (int j = Math.max(0, ins - 1); j <= Math.min(test.length - 1, ins); j++) {
                if (Math.abs(test[j] - ref) < Math.abs(best)) {
                    best = test[j] - ref;
                }
            }
            if (best != Long.MAX_VALUE && Math.abs(best) <= maxLag) {
                matched++;
                signed += best;
                abs += Math.abs(best);
            }
        }
        return new Offsets(record, matched, signed, abs, sampleRateHz);
    }

    /** Offsets of the detector's beats on the clean records, per record (see {@link Offsets}). */
    public static List<Offsets> placement(Path mitdb, List<String> records, DoubleFunction<BeatDetector> detector,
            int lead) throws IOException {
        List<Offsets> out = new ArrayList<>();
        for (String r : records) {
            Signal s = WfdbReader.read(mitdb.resolve(r));
            long[] ref = referenceBeats(WfdbAnnotationReader.read(mitdb.resolve(r + ".atr")));
            long[] test = BeatDetectors.detect(s, lead, detector.apply(s.sampleRateHz()));
            out.add(offsets(r, ref, test, s.sampleRateHz()));
        }
        return out;
    }

    private static String offsetLine(String label, long matched, long signed, long abs, double rate) {
        return String.format(Locale.ROOT, "%-8s matched=%6d  mean signed %+6.2f samples (%+6.1f ms)"
                + "  mean absolute %5.2f samples (%5.1f ms)", label, matched, (double) signed / matched,
                1000.0 * signed / matched / rate, (double) abs / matched, 1000.0 * abs / matched / rate);
    }

    /**
     * Throughput of timed runs: samples (frames x leads) per second of wall-clock time and per
     * second of this thread's CPU time (the latter is the per-core figure on a loaded machine).
     */
    public record Speed(double[] wallSamplesPerSecond, double[] cpuSamplesPerSecond) {
    }

    /**
     * Reads every record and runs the detector over every lead, {@code runs} times after one
     * untimed warm-up, in this thread.
     */
    public static Speed speed(Path mitdb, List<String> records, DoubleFunction<BeatDetector> detector, int runs)
            throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = mx.isCurrentThreadCpuTimeSupported();
        double[] wall = new double[runs];
        double[] perCpu = new double[runs];
        long sink = 0;
        for (int run = -1; run < runs; run++) {
            long samples = 0;
            long c0 = cpu ? mx.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            for (String r : records) {
                Signal s = WfdbReader.read(mitdb.resolve(r));
                BeatDetector d = detector.apply(s.sampleRateHz());
                for (int lead = 0; lead < s.leadCount(); lead++) {
                    sink += BeatDetectors.detect(s, lead, d).length;
                    samples += s.length();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = cpu ? (mx.getCurrentThreadCpuTime() - c0) / 1e9 : Double.NaN;
            if (run >= 0) {
                wall[run] = samples / seconds;
                perCpu[run] = samples / cpuSeconds;
            }
        }
        if (sink < 0) {
            throw new IllegalStateException("negative beat count");
        }
        return new Speed(wall, perCpu);
    }

    /** The median of the values. */
    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    private static String line(String label, DetectionSummary s) {
        return String.format(Locale.ROOT, "%-22s ref=%6d TP=%6d FN=%5d FP=%5d  gross Se=%.2f%%  +P=%.2f%%",
                label, s.truePositives() + s.falseNegatives(), s.truePositives(), s.falseNegatives(),
                s.falsePositives(), 100 * s.grossSensitivity(), 100 * s.grossPositivePredictivity());
    }

    /** Runs the benchmark and prints to {@code out}. */
    public static void run(Path data, String detectorName, int lead, int runs, boolean noise, boolean speed,
            boolean tables, PrintWriter out) throws IOException {
        Path mitdb = data.resolve("mitdb");
        DoubleFunction<BeatDetector> detector = detector(detectorName);
        List<String> all = records(mitdb);
        List<String> nonPaced = all.stream().filter(r -> !PACED_RECORDS.contains(r)).toList();
        BeatDetector probe = detector.apply(360);
        out.printf(Locale.ROOT, "detector: %s (%s), lead %d, max latency %.2f s at 360 Hz; EC57: %d non-paced"
                + " MIT-BIH records, 150 ms window, first 300 s unscored, flutter and shutdown episodes as bxb scores"
                + " them%n", detectorName,
                probe.getClass().getSimpleName(), lead, probe.maxLatencySamples() / 360.0, nonPaced.size());
        List<String> summary = new ArrayList<>();
        DetectionSummary clean = evaluate(mitdb, nonPaced, detector, lead, null, 0);
        if (tables) {
            out.println("\n== clean");
            out.print(DetectionTableRenderer.text(clean));
        }
        summary.add(line("clean", clean));
        double maeSum = 0;
        long tpSum = 0;
        for (RecordComparison r : clean.records()) {
            if (r.truePositives() > 0) {
                maeSum += r.meanAbsoluteErrorSeconds() * r.truePositives();
                tpSum += r.truePositives();
            }
        }
        summary.add(String.format(Locale.ROOT, "clean: gross mean absolute R-peak error of EC57-matched beats"
                + " %.1f ms (%d beats)", 1000 * maeSum / tpSum, tpSum));
        if (noise) {
            for (String type : List.of("ma", "bw")) {
                Signal n;
                try {
                    n = WfdbReader.read(data.resolve("nstdb").resolve(type));
                } catch (IOException e) {
                    throw new UncheckedIOException("noise record " + type + " not readable", e);
                }
                for (double snr : new double[] {12, 6}) {
                    DetectionSummary s = evaluate(mitdb, nonPaced, detector, lead, n, snr);
                    String label = String.format(Locale.ROOT, "%s %.0f dB", type, snr);
                    if (tables) {
                        out.println("\n== " + label);
                        out.print(DetectionTableRenderer.text(s));
                    }
                    summary.add(line(label, s));
                }
            }
        }
        out.println("\n== summary (gross)");
        summary.forEach(out::println);
        List<Offsets> place = placement(mitdb, nonPaced, detector, lead);
        out.println("\n== R-peak placement, clean: detected - reference, nearest beat within 150 ms, from 300 s");
        long m = 0;
        long sg = 0;
        long ab = 0;
        for (Offsets o : place) {
            m += o.matched();
            sg += o.signedSum();
            ab += o.absoluteSum();
            if (PLACEMENT_RECORDS.contains(o.record())) {
                out.println(offsetLine(o.record(), o.matched(), o.signedSum(), o.absoluteSum(), o.sampleRateHz()));
            }
        }
        out.println(offsetLine("all " + place.size(), m, sg, ab, place.get(0).sampleRateHz()));
        if (speed) {
            Speed sp = speed(mitdb, all, detector, runs);
            out.printf(Locale.ROOT, "%n== speed: read + filter + detect, %d records x all leads, one thread,"
                    + " %d timed runs after a warm-up%n", all.size(), runs);
            for (int i = 0; i < runs; i++) {
                out.printf(Locale.ROOT, "run %d: %.1f M samples/s wall-clock, %.1f M samples/s of thread CPU time%n",
                        i + 1, sp.wallSamplesPerSecond()[i] / 1e6, sp.cpuSamplesPerSecond()[i] / 1e6);
            }
            out.printf(Locale.ROOT, "median: %.1f M samples/s wall-clock, %.1f M samples/s per core (CPU time)%n",
                    median(sp.wallSamplesPerSecond()) / 1e6, median(sp.cpuSamplesPerSecond()) / 1e6);
        }
    }
}

package io.beatflow.datasets;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.BeatDetectors;
import io.beatflow.ingest.BeatWindow;
import io.beatflow.ingest.BeatWindowConfig;
import io.beatflow.ingest.BeatWindower;
import io.beatflow.ingest.BeatWindows;
import io.beatflow.ingest.RrFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link BeatDataset} from records of a {@link Corpus}.
 *
 * <p>Two ways to place the beats:
 * <ul>
 *   <li>{@link Mode#REFERENCE} (training): a window at every reference beat annotation, labelled
 *       with its AAMI class.</li>
 *   <li>{@link Mode#DETECTED} (the detector's beats, as a deployed system sees them, plus the
 *       beats it missed): the beats found by
 *       {@link BeatDetectors#detect}, each matched one-to-one to the nearest unmatched reference
 *       beat within {@link #MATCH_WINDOW_SECONDS} (150 ms, the EC57 beat-matching window) and
 *       labelled with its class; detections that match nothing are kept with label
 *       {@link BeatDataset#UNMATCHED} ({@link BeatDataset.Origin#FALSE_DETECTION}); reference
 *       beats no detection matched are kept too, windowed at their annotated position
 *       ({@link BeatDataset.Origin#MISSED}), so that they can be counted; a deployed system never
 *       sees them, so figures meant to be end to end leave them out (as {@code beatflow predict
 *       --beats detected} does). RR features of detections come from the detected beat sequence,
 *       those of missed beats from the reference sequence.</li>
 * </ul>
 * Windows come from {@link BeatWindower} on the corpus's preferred lead of each record
 * ({@link Corpus#leadIndex}); beats whose window would reach beyond the record are left out (their
 * number is in {@link #lastSkipped()}).
 *
 * <p>With a {@link BeatDatasetCache}, {@link #build(Corpus, Path, List)} first computes the cache
 * key from the records' header, signal and annotation files and the configuration, and loads the
 * entry if it exists; otherwise it builds and stores it.
 */
public final class BeatDatasetBuilder {
    /** Beat-matching window, seconds (ANSI/AAMI EC57: 150 ms). */
    public static final double MATCH_WINDOW_SECONDS = 0.150;

    /** Where the beats of the dataset come from. */
    public enum Mode {
        /** At the reference annotations. */
        REFERENCE,
        /** At the detector's beats, labelled by matching to the reference. */
        DETECTED
    }

    private final BeatWindowConfig windowConfig;
    private final Mode mode;
    private final BeatDatasetCache cache;
    private long lastSkipped;
    private boolean lastFromCache;

    /**
     * @param windowConfig how to cut windows; its lead is replaced per record by the corpus's
     *     preferred lead
     * @param mode where the beats come from
     * @param cache where to keep built datasets, or {@code null} for none
     */
    public BeatDatasetBuilder(BeatWindowConfig windowConfig, Mode mode, BeatDatasetCache cache) {
        this.windowConfig = Objects.requireNonNull(windowConfig, "windowConfig");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.cache = cache;
    }

    /**
     * Beats left out of the last build because their window reached beyond the record; -1 when the
     * dataset was loaded from the cache, which does not keep that count.
     */
    public long lastSkipped() {
        return lastSkipped;
    }

    /** Whether the last {@link #build(Corpus, Path, List)} was answered from the cache. */
    public boolean lastFromCache() {
        return lastFromCache;
    }

    /** The text that, with the input files, keys the cache. */
    public String configKey(Corpus corpus) {
        return "corpus=" + corpus.database() + " " + corpus.version() + "\nmode=" + mode + "\nwindow=" + windowConfig
                + "\nmatch=" + MATCH_WINDOW_SECONDS + "\ndetector="
                + (mode == Mode.DETECTED ? BeatDetectors.fingerprint(corpus.sampleRateHz()) : "-")
                + "\ncode=" + CODE_FINGERPRINT;
    }

    /**
     * SHA-256 over the compiled classes that read records and turn them into labelled windows, so
     * that a build of other code never answers from an entry of this one (the format version alone
     * would have to be raised by hand for each change). Any change to them, even one that moves a
     * line, makes a new key: a needless rebuild is the safe side.
     */
    static final String CODE_FINGERPRINT = codeFingerprint(BeatDatasetBuilder.class, AamiClass.class, Corpus.class,
            BeatDataset.class, io.beatflow.ingest.BeatWindower.class, io.beatflow.ingest.BeatWindowConfig.class,
            io.beatflow.ingest.RrFeatures.class, io.beatflow.ingest.WindowNormalisation.class,
            io.beatflow.ingest.WfdbReader.class, io.beatflow.ingest.WfdbHeader.class,
            io.beatflow.ingest.WfdbAnnotationReader.class, io.beatflow.ingest.Signal.class);

    static String codeFingerprint(Class<?>... classes) {
        java.security.MessageDigest md = io.beatflow.datasets.internal.Sha256.digest();
        for (Class<?> c : classes) {
            try (java.io.InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                if (in == null) {
                    throw new IllegalStateException("the class file of " + c.getName() + " cannot be read");
                }
                md.update(c.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(in.readAllBytes());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /**
     * Builds (or loads from the cache) the dataset of some records of a corpus.
     *
     * @param databaseDir folder with the records' files
     * @throws IOException if a record cannot be read (the message names the file)
     */
    public BeatDataset build(Corpus corpus, Path databaseDir, List<String> records) throws IOException {
        String key = null;
        if (cache != null) {
            List<Path> inputs = new ArrayList<>();
            for (String r : records) {
                inputs.add(databaseDir.resolve(r + ".hea"));
                inputs.addAll(signalFiles(databaseDir, r));
                inputs.add(databaseDir.resolve(r + "." + corpus.annotator()));
            }
            key = BeatDatasetCache.keyOf(inputs, configKey(corpus) + "\nrecords=" + records);
            Optional<BeatDataset> hit = cache.load(key);
            if (hit.isPresent()) {
                lastFromCache = true;
                lastSkipped = -1;
                return hit.get();
            }
        }
        List<CorpusRecord> loaded = new ArrayList<>();
        for (String r : records) {
            loaded.add(corpus.load(databaseDir, r));
        }
        BeatDataset d = build(loaded);
        lastFromCache = false;
        if (cache != null) {
            cache.store(key, d);
        }
        return d;
    }

    /** The signal files a header names (the second token of each signal line). */
    private static List<Path> signalFiles(Path dir, String record) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(record + ".hea"), java.nio.charset.StandardCharsets.ISO_8859_1);
        List<Path> files = new ArrayList<>();
        int signals = -1;
        for (String line : lines) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (signals < 0) {
                String[] f = s.split("\\s+");
                signals = f.length > 1 ? Integer.parseInt(f[1]) : 0;
                continue;
            }
            if (signals-- <= 0) {
                break;
            }
            Path p = dir.resolve(s.split("\\s+")[0]);
            if (!files.contains(p) && Files.isRegularFile(p)) {
                files.add(p);
            }
        }
        return files;
    }

    /** Builds a dataset from records already in memory (no cache). */
    public BeatDataset build(List<CorpusRecord> records) {
        Columns c = new Columns(windowConfig.windowSamples());
        List<String> names = new ArrayList<>();
        lastSkipped = 0;
        for (CorpusRecord r : records) {
            int ri = names.size();
            names.add(r.name());
            BeatWindower windower = new BeatWindower(windowConfig.withLead(r.lead()));
            List<Annotation> beats = r.beats().stream().filter(a -> r.corpus().classOf(a).isPresent()).toList();
            long[] refSamples = distinct(beats.stream().mapToLong(Annotation::sample).toArray());
            int[] refLabels = new int[refSamples.length];
            int k = 0;
            for (Annotation a : beats) {
                if (k < refSamples.length && a.sample() == refSamples[k]) {
                    refLabels[k++] = r.corpus().classOf(a).orElseThrow().ordinal();
                }
            }
            if (mode == Mode.REFERENCE) {
                BeatWindows w = windower.window(r.signal(), refSamples);
                lastSkipped += w.skippedBeatIndices().size();
                for (BeatWindow bw : w.windows()) {
                    c.add(bw, refLabels[(int) bw.beatIndex()], BeatDataset.Origin.REFERENCE, ri);
                }
                continue;
            }
            long[] det = BeatDetectors.detect(r.signal(), r.lead());
            long tol = Math.round(MATCH_WINDOW_SECONDS * r.signal().sampleRateHz());
            int[] match = match(det, refSamples, tol);
            boolean[] refMatched = new boolean[refSamples.length];
            for (int m : match) {
                if (m >= 0) {
                    refMatched[m] = true;
                }
            }
            List<Object[]> rows = new ArrayList<>();
            BeatWindows dw = windower.window(r.signal(), det);
            lastSkipped += dw.skippedBeatIndices().size();
            for (BeatWindow bw : dw.windows()) {
                int m = match[(int) bw.beatIndex()];
                rows.add(new Object[] {bw, m >= 0 ? refLabels[m] : BeatDataset.UNMATCHED,
                    m >= 0 ? BeatDataset.Origin.MATCHED : BeatDataset.Origin.FALSE_DETECTION});
            }
            BeatWindows rw = windower.window(r.signal(), refSamples);
            for (BeatWindow bw : rw.windows()) {
                if (!refMatched[(int) bw.beatIndex()]) {
                    rows.add(new Object[] {bw, refLabels[(int) bw.beatIndex()], BeatDataset.Origin.MISSED});
                }
            }
            for (int i : rw.skippedBeatIndices()) {
                if (!refMatched[i]) {
                    lastSkipped++;
                }
            }
            rows.sort((a, b) -> Long.compare(((BeatWindow) a[0]).rPeakSample(), ((BeatWindow) b[0]).rPeakSample()));
            for (Object[] row : rows) {
                c.add((BeatWindow) row[0], (Integer) row[1], (BeatDataset.Origin) row[2], ri);
            }
        }
        return c.toDataset(names, windowConfig.targetRateHz());
    }

    /**
     * One-to-one matching of detections to reference beats: each detection, in time order, takes
     * the nearest reference beat within {@code tol} samples that no earlier detection took, so a
     * reference beat never counts twice.
     *
     * @return per detection, the index of its reference beat or -1
     */
    static int[] match(long[] det, long[] ref, long tol) {
        int[] out = new int[det.length];
        Arrays.fill(out, -1);
        boolean[] taken = new boolean[ref.length];
        int j = 0;
        for (int i = 0; i < det.length; i++) {
            while (j < ref.length && ref[j] < det[i] - tol) {
                j++;
            }
            int best = -1;
            long bestDist = Long.MAX_VALUE;
            for (int q = j; q < ref.length && ref[q] <= det[i] + tol; q++) {
                long d = Math.abs(ref[q] - det[i]);
                if (!taken[q] && d < bestDist) {
                    best = q;
                    bestDist = d;
                }
            }
            if (best >= 0) {
                taken[best] = true;
                out[i] = best;
            }
        }
        return out;
    }

    /** Drops repeated positions (two annotations on one sample), keeping the first. */
    private static long[] distinct(long[] s) {
        long[] out = new long[s.length];
        int n = 0;
        for (long v : s) {
            if (n == 0 || v > out[n - 1]) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Growable columns. */
    private static final class Columns {
        private final int windowSamples;
        private float[] windows = new float[0];
        private int[] labels = new int[0];
        private byte[] origins = new byte[0];
        private float[] rr = new float[0];
        private int[] recordIndex = new int[0];
        private long[] samples = new long[0];
        private int n;

        Columns(int windowSamples) {
            this.windowSamples = windowSamples;
        }

        void add(BeatWindow w, int label, BeatDataset.Origin origin, int record) {
            if (n == labels.length) {
                int cap = Math.max(1024, n * 2);
                windows = Arrays.copyOf(windows, cap * windowSamples);
                labels = Arrays.copyOf(labels, cap);
                origins = Arrays.copyOf(origins, cap);
                rr = Arrays.copyOf(rr, cap * BeatDataset.RR_FEATURES);
                recordIndex = Arrays.copyOf(recordIndex, cap);
                samples = Arrays.copyOf(samples, cap);
            }
            System.arraycopy(w.samples(), 0, windows, n * windowSamples, windowSamples);
            labels[n] = label;
            origins[n] = (byte) origin.ordinal();
            RrFeatures f = w.rr();
            rr[n * 3] = (float) f.previousRrSeconds();
            rr[n * 3 + 1] = (float) f.nextRrSeconds();
            rr[n * 3 + 2] = (float) f.localAverageRrSeconds();
            recordIndex[n] = record;
            samples[n] = w.rPeakSample();
            n++;
        }

        BeatDataset toDataset(List<String> records, double rateHz) {
            return BeatDataset.adopt(records, windowSamples, rateHz, Arrays.copyOf(windows, n * windowSamples),
                    Arrays.copyOf(labels, n), Arrays.copyOf(origins, n), Arrays.copyOf(rr, n * 3),
                    Arrays.copyOf(recordIndex, n), Arrays.copyOf(samples, n));
        }
    }
}

package io.beatflow.datasets.internal;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.BeatDatasetCache;
import io.beatflow.datasets.ClassCounts;
import io.beatflow.datasets.Corpus;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import io.beatflow.datasets.Split;
import io.beatflow.ingest.BeatWindowConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Times building the MIT-BIH beat dataset (all 48 records, reference beats, default windows at
 * 360 Hz) and loading it back from the cache, then prints the windowed AAMI counts of DS1 and DS2.
 *
 * <p>Usage: {@code BeatDatasetBenchmark [cacheDir]} (default: a fresh temporary folder, so the
 * first build is a real build). The data comes from {@link DataDirectory#resolve()}.
 */
public final class BeatDatasetBenchmark {
    private BeatDatasetBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path cacheDir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("beatflow-bench");
        java.io.PrintWriter out = new java.io.PrintWriter(System.out, true);
        run(cacheDir, out);
        out.flush();
    }

    /**
     * Builds the dataset into {@code cacheDir} (a real build when the folder holds no entry for it),
     * loads it back, and prints both times and the windowed DS1/DS2 counts to {@code out}.
     */
    public static void run(Path cacheDir, java.io.PrintWriter out) throws IOException {
        Path mitdb = DataDirectory.resolve().database(MitBih.DATABASE);
        DataDirectory.resolve().requireRecords(MitBih.DATABASE, MitBih.VERSION, MitBih.recordNames(),
                List.of("hea", "dat", "atr"));
        BeatDatasetCache cache = new BeatDatasetCache(cacheDir);
        BeatDatasetBuilder builder = new BeatDatasetBuilder(BeatWindowConfig.defaults(360),
                BeatDatasetBuilder.Mode.REFERENCE, cache);
        long t0 = System.nanoTime();
        BeatDataset built = builder.build(Corpus.MITDB, mitdb, MitBih.recordNames());
        long t1 = System.nanoTime();
        boolean firstFromCache = builder.lastFromCache();
        long skipped = builder.lastSkipped();
        BeatDataset loaded = builder.build(Corpus.MITDB, mitdb, MitBih.recordNames());
        long t2 = System.nanoTime();
        Path file = cache.dir().resolve(cache.keys().get(0) + ".bfds");
        out.printf(Locale.ROOT, "build (%s): %.2f s, %d beats, %s left out at record edges%n",
                firstFromCache ? "cache hit" : "from WFDB files", (t1 - t0) / 1e9, built.size(),
                skipped < 0 ? "(not kept in the cache)" : Long.toString(skipped));
        out.printf(Locale.ROOT, "load (%s): %.2f s, file %.1f MB, equal: %b%n",
                builder.lastFromCache() ? "cache hit" : "rebuilt", (t2 - t1) / 1e9, Files.size(file) / 1e6,
                built.equals(loaded));
        Split split = Split.deChazal2004();
        for (String part : split.parts().keySet()) {
            List<String> recs = split.part(part);
            java.util.EnumMap<io.beatflow.datasets.AamiClass, Long> m = new java.util.EnumMap<>(io.beatflow.datasets.AamiClass.class);
            for (int i = 0; i < built.size(); i++) {
                if (recs.contains(built.record(i)) && built.label(i) >= 0) {
                    m.merge(io.beatflow.datasets.AamiClass.values()[built.label(i)], 1L, Long::sum);
                }
            }
            out.println(part + " windowed: " + new ClassCounts(m));
        }
    }
}

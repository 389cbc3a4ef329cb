package io.beatflow.cli;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.BeatDatasetCache;
import io.beatflow.datasets.Corpus;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import io.beatflow.datasets.Split;
import io.beatflow.models.ClassificationSummary;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.Predictor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow predict --model BUNDLE --out FILE RECORD...}: class probabilities of every beat
 * of MIT-BIH records, as CSV {@code record,sample,label,p_N,p_S,p_V,p_F,p_Q}.
 *
 * <p>{@code --beats reference} classifies the annotated beats; {@code --beats detected} the
 * beats the detector finds, labelled by one-to-one matching to the reference within 150 ms
 * ({@code unmatched} for false detections; missed reference beats are not in the output, as no
 * system would have classified them; their number is reported). {@code DS1} and {@code DS2}
 * stand for the records of that part of the de Chazal 2004 split. A summary of Se, +P and F1 per
 * class against the reference labels goes to standard error.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify the beats of MIT-BIH records with a model bundle; CSV record,sample,label,p_<class>...")
final class PredictCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE",
            description = "Model bundle (zip), or " + ModelBundle.BUILT_IN + " for the model shipped with beatflow.")
    String model;

    @Option(names = "--beats", defaultValue = "reference", paramLabel = "SOURCE",
            description = "reference (annotated beats) or detected (beats found by the detector); default ${DEFAULT-VALUE}.")
    String beats;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
    Path out;

    @Option(names = "--batch", defaultValue = "256", paramLabel = "N", description = "Beats per network call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data root holding mitdb/ (default: $BEATFLOW_DATA, else ../shared/data, else ./data).")
    Path data;

    @Parameters(arity = "1..*", paramLabel = "RECORD", description = "MIT-BIH record names, or DS1 / DS2 for a split part.")
    List<String> records;

    @Override
    public Integer call() throws IOException {
        BeatDatasetBuilder.Mode mode = switch (beats.toLowerCase(Locale.ROOT)) {
            case "reference" -> BeatDatasetBuilder.Mode.REFERENCE;
            case "detected" -> BeatDatasetBuilder.Mode.DETECTED;
            default -> throw new IllegalArgumentException("--beats must be reference or detected, got '" + beats + "'");
        };
        List<String> names = new ArrayList<>();
        Split split = Split.deChazal2004();
        for (String r : records) {
            if (r.equals(Split.DS1) || r.equals(Split.DS2)) {
                names.addAll(split.part(r));
            } else if (MitBih.contains(r)) {
                names.add(r);
            } else {
                throw new IllegalArgumentException("unknown MIT-BIH record '" + r + "' (give a record name, DS1 or DS2)");
            }
        }
        Predictor predictor = new Predictor(ModelBundle.load(ModelBundle.resolve(model)), batch);
        PrintWriter err = spec.commandLine().getErr();
        err.println("model " + model + ": " + predictor.card().model().architecture().id() + ", classes "
                + predictor.classNames() + ", backend " + predictor.backend());
        DataDirectory dir = data != null ? new DataDirectory(data) : DataDirectory.resolve();
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, names, List.of("hea", "dat", "atr"));
        BeatDatasetBuilder builder = new BeatDatasetBuilder(predictor.input().windowConfig(), mode,
                BeatDatasetCache.standard());
        BeatDataset d = builder.build(Corpus.MITDB, dir.database(MitBih.DATABASE), names);
        long t0 = System.nanoTime();
        float[][] p = predictor.predict(d);
        double secs = (System.nanoTime() - t0) / 1e9;
        List<String> classes = predictor.classNames();
        List<Integer> ref = new ArrayList<>();
        List<Integer> pred = new ArrayList<>();
        int[] argmax = ClassificationSummary.argmax(p);
        long missed = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("record,sample,label");
            for (String c : classes) {
                header.append(",p_").append(c);
            }
            w.write(header.append('\n').toString());
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < d.size(); i++) {
                if (d.origin(i) == BeatDataset.Origin.MISSED) {
                    missed++;
                    continue;
                }
                row.setLength(0);
                row.append(d.record(i)).append(',').append(d.sample(i)).append(',').append(d.labelName(i));
                for (float v : p[i]) {
                    row.append(',').append(v);
                }
                w.write(row.append('\n').toString());
                int l = d.label(i);
                if (l >= 0 && l < classes.size()) {
                    ref.add(l);
                    pred.add(argmax[i]);
                }
            }
        }
        err.printf(Locale.ROOT, "%d beats of %d records classified in %.2f s (%.0f beats/s); wrote %s%n",
                d.size() - missed, names.size(), secs, d.size() / secs, out);
        if (mode == BeatDatasetBuilder.Mode.DETECTED) {
            err.println(d.count(BeatDataset.Origin.FALSE_DETECTION) + " false detections (label unmatched), " + missed
                    + " reference beats missed by the detector (not in the output)");
        }
        ClassificationSummary s = ClassificationSummary.of(ref.stream().mapToInt(Integer::intValue).toArray(),
                pred.stream().mapToInt(Integer::intValue).toArray(), classes);
        err.println("matched beats against the reference labels:");
        err.println(s.toTable());
        err.flush();
        return 0;
    }
}

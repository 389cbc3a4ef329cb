package io.beatflow.cli;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.BeatDatasetCache;
import io.beatflow.datasets.Corpus;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import io.beatflow.datasets.Split;
import io.beatflow.ingest.BeatDetectors;
import io.beatflow.ingest.BeatWindow;
import io.beatflow.ingest.BeatWindower;
import io.beatflow.ingest.BeatWindows;
import io.beatflow.ingest.Signal;
import io.beatflow.models.Architecture;
import io.beatflow.models.InputSpec;
import io.beatflow.models.MaskedSignalPretrainer;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.PretrainedEncoder;
import io.beatflow.models.PretrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
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
 * {@code beatflow pretrain --out encoder.zip [FILE...]}: masked-signal pretraining of an
 * architecture's encoder without labels ({@link MaskedSignalPretrainer}), on MIT-BIH records
 * (windows at their reference beat positions) and on any records beatflow reads (windows at the
 * detected beats); a classifier then starts from it with {@code beatflow train --encoder
 * encoder.zip}.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrain an encoder by masked-signal reconstruction, without labels, on MIT-BIH records or any"
                + " WFDB/EDF/CSV records; beatflow train --encoder FILE then starts a classifier from it.")
final class PretrainCommand implements Callable<Integer> {
    /** The corpus text of windows from MIT-BIH records in an encoder's card. */
    private static final String MITDB_CORPUS = MitBih.DATABASE + " " + MitBih.VERSION;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Pretrained encoder (zip) to write.")
    Path out;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "cnn",
            description = "Architecture: cnn, bilstm, attention or transformer (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--input", paramLabel = "INPUT", defaultValue = "context",
            description = "Model input, as beatflow train takes it; the classifier must use the same"
                    + " (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--baseline-high-pass", paramLabel = "HZ", defaultValue = "0",
            description = "Causal high-pass of the lead before windowing, as beatflow train takes it; the classifier"
                    + " must use the same (default: ${DEFAULT-VALUE}, the lead as recorded).")
    double baselineHighPass;

    @Option(names = "--records", paramLabel = "LIST",
            description = "MIT-BIH records to pretrain on: DS1, DS2, ALL (the 44 records of both) or a comma-separated"
                    + " list; windows are cut at the reference beat positions and their labels are not read"
                    + " (default: DS1 when no FILE is given, else none).")
    String records;

    @Option(names = "--lead", paramLabel = "NAME|INDEX", description = "Lead of the FILEs to use (default: the"
            + " model input's lead, MLII); of an EDF file whose signals have different rates, only the lead named"
            + " is read.")
    String lead;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Unannotated records to pretrain on as well (or"
            + " instead): WFDB record paths without extension, EDF/EDF+ or CSV files, at any rate the detector takes;"
            + " beats are detected on the lead and windowed at the model's rate.")
    List<Path> files = new ArrayList<>();

    @picocli.CommandLine.Mixin
    CsvInputOptions csv;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: 5).")
    Integer epochs;

    @Option(names = "--beats-per-epoch", paramLabel = "N", description = "Beats drawn per epoch, 0 for all"
            + " (default: 16000).")
    Integer beatsPerEpoch;

    @Option(names = "--mask", paramLabel = "FRACTION", description = "Share of each window masked, in whole blocks"
            + " (default: 0.3).")
    Double mask;

    @Option(names = "--span", paramLabel = "SAMPLES", description = "Samples per masked block (default: 16, 44 ms at"
            + " 360 Hz).")
    Integer span;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, order, shifts and masks (default: 42).")
    Long seed;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Folder where the encoder is saved as last.zip"
            + " after each epoch.")
    Path checkpoints;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data root holding mitdb/ (default: $BEATFLOW_DATA, else ../shared/data, else ./data).")
    Path data;

    @Override
    public Integer call() throws IOException {
        io.beatflow.ingest.CsvReadOptions csvOptions = csv.readOptions(); // a bad option fails before any work
        Architecture a = Architecture.of(arch);
        ModelConfig model;
        try {
            model = ModelConfig.defaults(a, TrainingOptions.inputSpec(input).withBaselineHighPass(baselineHighPass));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((e.getMessage().startsWith("--input") ? "" : "--baseline-high-pass: ")
                    + e.getMessage(), e);
        }
        PretrainingConfig d = PretrainingConfig.defaults();
        PretrainingConfig c = d.withMask(mask == null ? d.maskFraction() : mask, span == null ? d.spanSamples() : span)
                .withEpochs(epochs == null ? d.epochs() : epochs, beatsPerEpoch == null ? d.beatsPerEpoch()
                        : beatsPerEpoch)
                .withSeed(seed == null ? d.seed() : seed);
        c.maskedBlocks(model.input().windowSamples()); // a span longer than the window fails here, before any data
        List<String> list = records != null ? records(records) : files.isEmpty() ? records("DS1") : List.of();
        PrintWriter err = spec.commandLine().getErr();
        List<String> test = new ArrayList<>(list.stream().filter(Split.deChazal2004().part(Split.DS2)::contains)
                .toList());
        for (Path f : files) {
            // a DS2 record given by its path (a copy of MIT-BIH's) is as much DS2 as one given by name
            String name = RecordArgs.recordName(f);
            if (Split.deChazal2004().part(Split.DS2).contains(name) && !test.contains(name)) {
                test.add(name);
            }
        }
        if (!test.isEmpty()) {
            err.println("note: records " + test + " are in DS2: a classifier started from this encoder has seen their"
                    + " signals (not their labels), so its DS2 figures are no longer those of patients it never saw");
        }
        DataDirectory dir = data != null ? new DataDirectory(data) : DataDirectory.resolve();
        long t0 = System.nanoTime();
        List<BeatDataset> parts = new ArrayList<>();
        if (!list.isEmpty()) {
            parts.add(mitdbWindows(model, dir, list, err));
        }
        if (!files.isEmpty()) {
            parts.add(detectedWindows(files, csvOptions, model.input(), lead, err));
        }
        String corpus = (list.isEmpty() ? "" : MITDB_CORPUS + (files.isEmpty() ? "" : " (reference beat positions) and "))
                + (files.isEmpty() ? "" : "records read by beatflow (detected beats, lead " + (lead != null ? lead
                        : model.input().lead()) + ")");
        PretrainedEncoder e = run(model, c, parts.size() == 1 ? parts.get(0) : BeatDataset.concat(parts), corpus,
                checkpoints, err);
        e.save(out);
        PrintWriter o = spec.commandLine().getOut();
        List<Double> mse = e.card().epochMaskedMse();
        List<Double> var = e.card().epochMaskedVariance();
        int last = mse.size() - 1;
        o.println(String.format(Locale.ROOT, "wrote %s (%s encoder, %d weights; last epoch masked MSE %.4f, %.1f%% of"
                + " the masked samples' variance; %.0f s)", out, a.id(), e.weightCount(), mse.get(last),
                100 * mse.get(last) / var.get(last), (System.nanoTime() - t0) / 1e9));
        o.println("start a classifier from it: beatflow train --arch " + a.id() + " --input " + input
                + (baselineHighPass > 0 ? " --baseline-high-pass " + baselineHighPass : "") + " --encoder " + out
                + " --out MODEL.zip");
        o.flush();
        return 0;
    }

    /**
     * Pretrains the encoder of {@code model} on windows at the reference beats of MIT-BIH
     * {@code records} (labels unused); progress goes to {@code err}; with {@code checkpoints} (or
     * null) the encoder is saved there as {@code last.zip} after each epoch.
     *
     * @throws IOException if a record is missing or unreadable
     */
    static PretrainedEncoder pretrain(ModelConfig model, PretrainingConfig c, DataDirectory dir, List<String> records,
            Path checkpoints, PrintWriter err) throws IOException {
        return run(model, c, mitdbWindows(model, dir, records, err), MITDB_CORPUS, checkpoints, err);
    }

    /** Pretrains on {@code beats}, progress lines to {@code err}. */
    private static PretrainedEncoder run(ModelConfig model, PretrainingConfig c, BeatDataset beats, String corpus,
            Path checkpoints, PrintWriter err) throws IOException {
        return new MaskedSignalPretrainer(line -> {
            err.println(line);
            err.flush();
        }, checkpoints).pretrain(model, c, beats, corpus);
    }

    /** Windows at the reference beats of MIT-BIH {@code records}, for the input of {@code model}. */
    private static BeatDataset mitdbWindows(ModelConfig model, DataDirectory dir, List<String> records,
            PrintWriter err) throws IOException {
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, records, List.of("hea", "dat", "atr"));
        BeatDatasetBuilder builder = new BeatDatasetBuilder(model.input().windowConfig(),
                BeatDatasetBuilder.Mode.REFERENCE, BeatDatasetCache.standard());
        BeatDataset beats = builder.build(Corpus.MITDB, dir.database(MitBih.DATABASE), records);
        err.println("pretraining records " + records + ": " + beats.size() + " beats");
        err.flush();
        return beats;
    }

    /**
     * Windows at the beats our detector finds on {@code lead} (null: the input's lead) of each file
     * (a CSV file read by {@code csv}), at the input's rate and length (as {@code beatflow classify} cuts them), unlabelled; each file
     * is one record of the dataset (its patient context is its own).
     *
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if a file has no such lead, or no beat to window
     */
    static BeatDataset detectedWindows(List<Path> files, io.beatflow.ingest.CsvReadOptions csv, InputSpec in,
            String lead, PrintWriter err) throws IOException {
        BeatWindower windower = new BeatWindower(in.windowConfig());
        int l = in.windowSamples();
        List<String> names = new ArrayList<>();
        List<BeatWindow> all = new ArrayList<>();
        List<Integer> recordOf = new ArrayList<>();
        for (Path f : files) {
            RecordArgs.OneLead read = RecordArgs.readLead(f, lead != null ? lead : in.lead(), csv, err);
            Signal signal = read.signal();
            int leadIndex = read.index();
            String leadName = read.leadName();
            long[] beats = BeatDetectors.detect(signal, leadIndex);
            BeatWindows w = windower.window(signal.name(), leadName, signal.physical(leadIndex), signal.sampleRateHz(),
                    beats);
            if (names.contains(signal.name())) {
                throw new IllegalArgumentException(f + ": a record named " + signal.name() + " was given already");
            }
            err.printf(Locale.ROOT, "%s: %d beats detected on lead %s, %d windowed%n", signal.name(), beats.length,
                    leadName, w.windows().size());
            for (BeatWindow bw : w.windows()) {
                all.add(bw);
                recordOf.add(names.size());
            }
            names.add(signal.name());
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no beats were detected in " + files + ": nothing to pretrain on");
        }
        int n = all.size();
        float[] windows = new float[n * l];
        float[] rr = new float[n * BeatDataset.RR_FEATURES];
        int[] labels = new int[n];
        byte[] origins = new byte[n];
        int[] recordIndex = new int[n];
        long[] samples = new long[n];
        for (int i = 0; i < n; i++) {
            BeatWindow bw = all.get(i);
            for (int j = 0; j < l; j++) {
                windows[i * l + j] = bw.sample(j);
            }
            rr[3 * i] = (float) bw.rr().previousRrSeconds();
            rr[3 * i + 1] = (float) bw.rr().nextRrSeconds();
            rr[3 * i + 2] = (float) bw.rr().localAverageRrSeconds();
            labels[i] = BeatDataset.UNMATCHED;
            origins[i] = (byte) BeatDataset.Origin.UNANNOTATED.ordinal();
            recordIndex[i] = recordOf.get(i);
            samples[i] = bw.rPeakSample();
        }
        return new BeatDataset(names, l, in.sampleRateHz(), windows, labels, origins, rr, recordIndex, samples);
    }

    /**
     * The records of {@code --records}: DS1, DS2, ALL or a comma-separated list of MIT-BIH records.
     *
     * @throws IllegalArgumentException naming an empty or duplicated entry
     */
    static List<String> records(String arg) {
        Split s = Split.deChazal2004();
        switch (arg) {
            case "DS1":
                return s.part(Split.DS1);
            case "DS2":
                return s.part(Split.DS2);
            case "ALL": {
                List<String> all = new ArrayList<>(s.part(Split.DS1));
                all.addAll(s.part(Split.DS2));
                return all;
            }
            default: {
                List<String> out = new ArrayList<>();
                for (String r : arg.split(",", -1)) {
                    String t = r.strip();
                    if (t.isEmpty()) {
                        throw new IllegalArgumentException("--records: empty entry in '" + arg + "'");
                    }
                    if (out.contains(t)) {
                        throw new IllegalArgumentException("--records: record " + t + " given twice");
                    }
                    out.add(t);
                }
                return out;
            }
        }
    }
}

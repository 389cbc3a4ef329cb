package io.beatflow.cli;

import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.ingest.BeatDetectors;
import io.beatflow.ingest.BeatWindow;
import io.beatflow.ingest.BeatWindower;
import io.beatflow.ingest.BeatWindows;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFiles;
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
 * {@code beatflow classify --model BUNDLE --out FILE RECORD...}: the beats of any ECG record
 * (WFDB, EDF/EDF+ or CSV, at any rate the detector takes), found by the detector and classified.
 *
 * <p>For each record: the model's lead (by name, or {@code --lead}) is read, beats are detected
 * on it ({@link BeatDetectors}, as {@code beatflow detect} finds them), windowed at the model's
 * rate and length ({@link io.beatflow.models.InputSpec#windowConfig()}; beats too near either end
 * are left out and counted) and scored by a {@link Predictor}, the record's beats in time order
 * (the patient context). Writes {@code record,sample,time_s,class,p_N,p_S,p_V,p_F,p_Q}: the
 * R-peak sample at the record's own rate, its time in seconds, the class with the highest
 * probability after the model's decision rule, and the probabilities. No reference labels are
 * read: for records with reference annotations, {@code beatflow predict --beats detected} writes
 * the predictions file the evaluation takes. The provenance goes beside the CSV as for
 * {@code predict}.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Detect and classify the beats of ECG records (WFDB, EDF, CSV); CSV record,sample,time_s,class,"
                + "p_<class>...")
final class ClassifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE",
            description = "Model bundle (zip), or " + ModelBundle.BUILT_IN + " for the model shipped with beatflow.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
    Path out;

    @Option(names = "--lead", paramLabel = "LEAD",
            description = "Lead to classify, by name or 0-based index (default: the model's lead, e.g. MLII).")
    String lead;

    /** Batches per piece of a long record between progress lines (4,096 beats at the default batch). */
    static final int PROGRESS_BATCHES = 16;

    @Option(names = "--batch", defaultValue = "256", paramLabel = "N",
            description = "Beats per network call (default ${DEFAULT-VALUE}).")
    int batch;

    @picocli.CommandLine.Mixin
    CsvInputOptions csv;

    @Parameters(arity = "1..*", paramLabel = "RECORD",
            description = "WFDB record paths without extension (e.g. ../shared/data/mitdb/100), or EDF/CSV files.")
    List<Path> records;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        io.beatflow.ingest.CsvReadOptions csvOptions = csv.readOptions(); // a bad option fails before any work
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        Path bundle = ModelBundle.resolve(model);
        List<Path> inputs = new ArrayList<>(List.of(bundle));
        java.util.Map<String, Path> byName = new java.util.HashMap<>();
        for (Path record : records) {
            Path other = byName.putIfAbsent(RecordArgs.recordName(record), record);
            if (other != null) {
                throw new IllegalArgumentException(other + " and " + record + " are both record '"
                        + RecordArgs.recordName(record) + "': their rows could not be told apart; classify them in"
                        + " separate runs (or rename one)");
            }
            if (!Files.exists(record) && !Files.exists(record.resolveSibling(record.getFileName() + ".hea"))) {
                throw new java.nio.file.NoSuchFileException(record.toString(), null,
                        "neither the file nor a WFDB header " + record.getFileName() + ".hea");
            }
            inputs.addAll(RecordArgs.inputFiles(record));
        }
        BeatPredictionRun.prepareOutputs(out, inputs);
        try (Predictor predictor = new Predictor(ModelBundle.load(bundle), batch)) {
            List<String> classes = predictor.classNames();
            err.println("model " + model + ": " + predictor.card().model().architecture().id() + ", lead "
                    + predictor.input().lead() + " at " + predictor.input().sampleRateHz() + " Hz, classes " + classes
                    + ", backend " + predictor.backend());
            BeatWindower windower = new BeatWindower(predictor.input().windowConfig());
            List<String> names = new ArrayList<>();
            long total = 0;
            // written beside the target and moved into place once every record is done: a failure
            // (a missing record, an unknown lead) leaves no half-written file behind
            Path partial = PartialFiles.begin(out);
            try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                StringBuilder header = new StringBuilder("record,sample,time_s,class");
                for (String c : classes) {
                    header.append(",p_").append(c);
                }
                w.write(header.append('\n').toString());
                for (Path record : records) {
                    RecordArgs.OneLead read;
                    try {
                        read = RecordArgs.readLead(record, lead != null ? lead : predictor.input().lead(), csvOptions,
                                err);
                    } catch (RecordArgs.NoSuchLead e) {
                        throw new IllegalArgumentException(e.getMessage() + (lead != null ? ""
                                : " (the model was trained on " + predictor.input().lead() + "; choose the closest"
                                        + " lead with --lead NAME or --lead INDEX)"), e);
                    }
                    Signal signal = read.signal();
                    int leadIndex = read.index();
                    String leadName = read.leadName();
                    long[] beats = BeatDetectors.detect(signal, leadIndex);
                    BeatWindows windows = windower.window(signal.name(), leadName, signal.physical(leadIndex),
                            signal.sampleRateHz(), beats);
                    float[][] p = classify(predictor, windows.windows(), signal.name(), err);
                    int[] argmax = ClassificationSummary.argmax(p);
                    long[] perClass = new long[classes.size()];
                    StringBuilder row = new StringBuilder();
                    for (int i = 0; i < p.length; i++) {
                        BeatWindow bw = windows.windows().get(i);
                        row.setLength(0);
                        row.append(signal.name()).append(',').append(bw.rPeakSample()).append(',')
                                .append(String.format(Locale.ROOT, "%.3f", bw.rPeakSample() / signal.sampleRateHz()))
                                .append(',').append(classes.get(argmax[i]));
                        for (float v : p[i]) {
                            row.append(',').append(v);
                        }
                        w.write(row.append('\n').toString());
                        perClass[argmax[i]]++;
                    }
                    total += p.length;
                    names.add(signal.name());
                    StringBuilder counts = new StringBuilder();
                    for (int c = 0; c < classes.size(); c++) {
                        counts.append(c == 0 ? "" : ", ").append(classes.get(c)).append(' ').append(perClass[c]);
                    }
                    err.printf(Locale.ROOT, "%s: %d beats detected on lead %s, %d classified (%s)%s%n", signal.name(),
                            beats.length, leadName, p.length, counts,
                            windows.skippedBeatIndices().isEmpty() ? ""
                                    : "; " + windows.skippedBeatIndices().size() + " too near an end of the record to"
                                            + " window, left out");
                }
            } catch (IOException | RuntimeException | Error e) { // out of memory too: no half-written file is left
                PartialFiles.abandon(partial);
                throw e;
            }
            PartialFiles.finish(partial, out);
            Path provenance = BeatPredictionRun.provenancePath(out);
            String provenanceJson = BeatPredictionRun.provenanceJson(predictor, model, BeatDatasetBuilder.Mode.DETECTED,
                    names);
            Files.writeString(provenance, provenanceJson, StandardCharsets.UTF_8);
            err.println("wrote " + total + " beats to " + out + " and the provenance to " + provenance);
            String seen = io.beatflow.eval.ModelCards.seenWarning(provenanceJson, names);
            if (seen != null) {
                // classify reads any file: a record of the user's own may merely share a name with one of the card's
                err.println("warning: " + seen + "; this holds if these files are the records of those names that the"
                        + " card lists");
            }
            err.flush();
        }
        return 0;
    }

    /**
     * A record's windows classified as one stream, in pieces of whole batches with the record's
     * context carried from piece to piece (the same batches, so the same probabilities, as one
     * call), with a progress line after each piece when the record needs more than one: a day's
     * recording takes minutes.
     */
    private float[][] classify(Predictor predictor, List<BeatWindow> windows, String record, PrintWriter err) {
        int piece = PROGRESS_BATCHES * batch;
        if (windows.size() <= piece) {
            return predictor.predict(windows);
        }
        io.beatflow.models.BeatContext context = new io.beatflow.models.BeatContext(predictor.input());
        float[][] p = new float[windows.size()][];
        long t0 = System.nanoTime();
        for (int from = 0; from < windows.size(); from += piece) {
            int to = Math.min(windows.size(), from + piece);
            float[][] part = predictor.predict(windows.subList(from, to), context);
            System.arraycopy(part, 0, p, from, part.length);
            double seconds = (System.nanoTime() - t0) / 1e9;
            err.printf(Locale.ROOT, "%s: %d of %d beats classified (%.0f%%), %.0f s, about %.0f s to go%n", record, to,
                    windows.size(), 100.0 * to / windows.size(), seconds, seconds / to * (windows.size() - to));
            err.flush();
        }
        return p;
    }
}

package io.beatflow.cli;

import io.beatflow.eval.BeatComparator;
import io.beatflow.eval.BeatMatchConfig;
import io.beatflow.eval.DetectionSummary;
import io.beatflow.eval.DetectionTableRenderer;
import io.beatflow.eval.RecordComparison;
import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.BeatDetectors;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFiles;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbAnnotationWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code beatflow detect}: finds the beats of records and writes one WFDB annotation file per record,
 * {@code DIR/<record>.<annotator>}; where a reference annotation sits beside a record, prints EC57
 * beat-by-beat statistics.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Detects heartbeats and writes one WFDB annotation file per record, DIR/<record>.<annotator>.",
            "Where a reference annotation (RECORD.atr) sits beside a record, prints EC57 beat-by-beat statistics",
            "(150 ms match window; the first 5 minutes are not scored, as bxb does by default)."})
final class DetectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the annotation files.")
    Path outDir;

    @Option(names = {"-a", "--annotator"}, paramLabel = "NAME", defaultValue = "qrs",
            description = "Annotator name, the output file's extension (default: ${DEFAULT-VALUE}).")
    String annotator;

    @Option(names = "--lead", paramLabel = "LEAD", defaultValue = "0",
            description = "Lead to detect on, by name (MLII) or 0-based index (default: ${DEFAULT-VALUE}).")
    String lead;

    @Option(names = "--reference", paramLabel = "NAME", defaultValue = "atr",
            description = "Reference annotator compared against when RECORD.NAME exists (default: ${DEFAULT-VALUE}).")
    String reference;

    @Option(names = "--match-window", paramLabel = "SECONDS", defaultValue = "0.15",
            description = "EC57 match window (default: ${DEFAULT-VALUE} s).")
    double matchWindowSeconds;

    @Option(names = "--skip", paramLabel = "SECONDS", defaultValue = "300",
            description = "Initial interval not scored (default: ${DEFAULT-VALUE} s, EC57's 5 minutes).")
    double skipSeconds;

    @picocli.CommandLine.Mixin
    CsvInputOptions csv;

    @Parameters(paramLabel = "RECORD", arity = "1..*",
            description = "WFDB record paths without extension (e.g. ../shared/data/mitdb/100), or EDF/CSV files.")
    List<Path> records;

    @Override
    public Integer call() throws IOException {
        if (!annotator.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("--annotator '" + annotator + "': use letters, digits and '_' only");
        }
        BeatMatchConfig match = new BeatMatchConfig(matchWindowSeconds, skipSeconds);
        io.beatflow.ingest.CsvReadOptions csvOptions = csv.readOptions(); // a bad option fails before any record
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<Path, Path> outputs = plannedOutputs();
        Files.createDirectories(outDir);
        List<RecordComparison> compared = new ArrayList<>();
        List<Path> failed = new ArrayList<>();
        for (Path record : records) {
            try {
                detect(record, outputs.get(record), csvOptions, match, err).ifPresent(compared::add);
            } catch (IOException | RuntimeException e) {
                if (!ErrorHandler.isUserError(e)) {
                    throw e;
                }
                failed.add(record);
                err.println("beatflow detect: " + record + ": " + ErrorHandler.describe(e));
            }
        }
        if (!compared.isEmpty()) {
            out.println("EC57 beat-by-beat comparison against '" + reference + "' (match window "
                    + match.matchWindowSeconds() * 1000 + " ms, first " + match.skipSeconds() + " s not scored; flutter"
                    + " and shutdown episodes as bxb scores them)");
            out.print(DetectionTableRenderer.text(new DetectionSummary(compared)));
        }
        out.flush();
        if (!failed.isEmpty()) {
            throw new IllegalArgumentException(failed.size() + " of " + records.size() + " records failed, each named"
                    + " above with its error: " + failed + "; the others were detected");
        }
        return 0;
    }

    /**
     * Each record's output file, checked before anything is written: no two records may write the
     * same file, and no output may be a file the run reads (a record's header, signal files or
     * reference annotations, as when --out is the records' folder and --annotator their reference's).
     */
    private Map<Path, Path> plannedOutputs() {
        Map<Path, Path> outputs = new LinkedHashMap<>();
        Map<Path, Path> writers = new HashMap<>();
        Map<Path, Path> inputs = new HashMap<>();
        for (Path record : records) {
            Path file = outDir.resolve(RecordArgs.recordName(record) + "." + annotator);
            Path other = writers.putIfAbsent(file.toAbsolutePath().normalize(), record);
            if (other != null) {
                throw new IllegalArgumentException(other + " and " + record + " would both write " + file
                        + (other.toAbsolutePath().normalize().equals(record.toAbsolutePath().normalize())
                                ? ": the record is given twice; give it once"
                                : ": records of the same name go to different --out folders, one run each"));
            }
            outputs.put(record, file);
            try {
                RecordArgs.inputFiles(record).forEach(f -> inputs.put(f, record));
                RecordArgs.annotationFile(record, reference)
                        .ifPresent(f -> inputs.put(f.toAbsolutePath().normalize(), record));
            } catch (IOException | IllegalArgumentException e) {
                // an unreadable record is reported, with the others' results, when it is read
            }
        }
        for (Path file : outputs.values()) {
            RecordArgs.refuseOverwrite(file, inputs, "--out (or --annotator)");
        }
        return outputs;
    }

    /** Detects one record's beats into {@code file}; its EC57 comparison, when it has reference annotations. */
    private Optional<RecordComparison> detect(Path record, Path file, io.beatflow.ingest.CsvReadOptions csvOptions,
            BeatMatchConfig match, PrintWriter err) throws IOException {
        RecordArgs.OneLead read = RecordArgs.readLead(record, lead, csvOptions, err);
        Signal signal = read.signal();
        long[] beats = BeatDetectors.detect(signal, read.index());
        WfdbAnnotationWriter.write(file, toAnnotations(beats));
        err.printf(Locale.ROOT, "%s: %d beats on lead %s -> %s%n", signal.name(), beats.length, read.leadName(), file);
        Optional<Path> ref = RecordArgs.annotationFile(record, reference);
        if (ref.isEmpty()) {
            if (SignalFiles.kindOf(record) == SignalFiles.Kind.WFDB) {
                err.printf("%s: no reference annotations %s beside it: not scored%n", signal.name(),
                        RecordArgs.recordName(record) + "." + reference);
            }
            return Optional.empty();
        }
        double seconds = signal.length() / signal.sampleRateHz();
        if (seconds <= match.skipSeconds()) {
            err.printf(Locale.ROOT, "%s: %.1f s long, all within the first %.1f s that EC57 leaves unscored (--skip):"
                    + " nothing scored; give a smaller --skip (0 scores it all)%n", signal.name(), seconds, match.skipSeconds());
        }
        WfdbAnnotationReader.Contents contents = WfdbAnnotationReader.readContents(ref.get());
        Optional<RecordArgs.PastTheEnd> past = RecordArgs.pastTheEnd(contents.annotations(), signal.length());
        if (past.isPresent() && past.get().beats() > 0) {
            err.printf(Locale.ROOT, "%s: warning: %s has %d beats after the record's end (the first at %.1f s; the record"
                    + " is %.1f s long): it is of another or a longer record; only the beats within the record are"
                    + " scored%n", signal.name(), ref.get().getFileName(), past.get().beats(),
                    past.get().firstSample() / signal.sampleRateHz(), seconds);
        }
        long[] refBeats = contents.annotations().stream()
                .filter(a -> a.isBeat() && a.sample() < signal.length()).mapToLong(Annotation::sample).toArray();
        if (!contents.ended()) {
            err.printf(Locale.ROOT, "%s: %s has no end-of-file marker, so it may have been cut short (its last beat is at"
                    + " %.1f s of %.1f s): detections after it count as false%n", signal.name(), ref.get().getFileName(),
                    refBeats.length == 0 ? 0 : refBeats[refBeats.length - 1] / signal.sampleRateHz(), seconds);
        }
        io.beatflow.eval.ReferenceEpisodes episodes = DetectionBenchmark.episodes(contents.annotations(),
                match.matchWindowSamples(signal.sampleRateHz()));
        noteEpisodes(signal, episodes, match.firstScoredSample(signal.sampleRateHz()), err);
        return Optional.of(BeatComparator.compare(signal.name(), refBeats, beats, signal.sampleRateHz(), match,
                episodes));
    }

    /** Names the reference's flutter and shutdown episodes within the scored part, which the scoring leaves out. */
    private static void noteEpisodes(Signal signal, io.beatflow.eval.ReferenceEpisodes episodes, long first,
            PrintWriter err) {
        long last = signal.length() - 1L;
        String[] kinds = {"ventricular flutter/fibrillation", "shutdown (no signal readable)"};
        String[] rules = {"its reference beats and the detections in it that match none are not scored",
            "detections in it that match no reference beat are not counted as false"};
        List<List<io.beatflow.eval.ReferenceEpisodes.SampleRange>> lists = List.of(episodes.flutter(), episodes.shutdown());
        for (int k = 0; k < 2; k++) {
            int n = 0;
            long samples = 0;
            for (io.beatflow.eval.ReferenceEpisodes.SampleRange r : lists.get(k)) {
                long from = Math.max(r.from(), first);
                long to = Math.min(r.to(), last);
                if (from <= to) {
                    n++;
                    samples += to - from + 1;
                }
            }
            if (n > 0) {
                err.printf(Locale.ROOT, "%s: %d %s episode%s of the reference in the scored part (%.1f s): %s, as"
                        + " bxb does%n", signal.name(), n, kinds[k], n == 1 ? "" : "s", samples / signal.sampleRateHz(),
                        rules[k]);
            }
        }
    }

    static List<Annotation> toAnnotations(long[] beats) {
        List<Annotation> list = new ArrayList<>(beats.length);
        for (long b : beats) {
            list.add(Annotation.of(b, AnnotationCode.NORMAL));
        }
        return list;
    }
}

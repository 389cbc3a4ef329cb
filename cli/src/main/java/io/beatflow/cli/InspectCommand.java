package io.beatflow.cli;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.Lead;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFiles;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
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

/** {@code beatflow inspect RECORD...}: header, leads, duration and annotation summary of records. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Shows a record's header, leads, duration and annotation summary.",
            "RECORD is a WFDB record path without extension (e.g. ../shared/data/mitdb/100), or an EDF or CSV file."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--annotator"}, paramLabel = "NAME", defaultValue = "atr",
            description = "Annotation file to summarise, RECORD.NAME (default: ${DEFAULT-VALUE}).")
    String annotator;

    @picocli.CommandLine.Mixin
    CsvInputOptions csv;

    @Parameters(paramLabel = "RECORD", arity = "1..*", description = "Records to inspect.")
    List<Path> records;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (Path record : records) {
            boolean edf = !java.nio.file.Files.isDirectory(record) && SignalFiles.kindOf(record) == SignalFiles.Kind.EDF;
            // an EDF file is read once, for its signal and its EDF+ annotations
            io.beatflow.ingest.EdfRecording edfRecording = edf ? io.beatflow.ingest.EdfReader.read(record) : null;
            Signal signal = edf ? edfRecording.toSignal() : SignalFiles.read(record, List.of(), csv.readOptions());
            out.printf(Locale.ROOT, "record     %s%n", signal.name());
            if (SignalFiles.kindOf(record) == SignalFiles.Kind.WFDB) {
                WfdbHeader header = WfdbHeader.read(record.resolveSibling(RecordArgs.recordName(record) + ".hea"));
                // a multi-segment header names segments, not signal files: their formats are in the segments' headers
                out.printf(Locale.ROOT, "format     WFDB%s%n", header.record().isMultiSegment()
                        ? " multi-segment (" + header.segments().size() + " segments)"
                        : ", storage format(s) " + header.signals().stream().map(s -> String.valueOf(s.format()))
                                .distinct().toList());
                header.comments().forEach(c -> out.printf(Locale.ROOT, "comment    %s%n", c));
            } else {
                out.printf(Locale.ROOT, "format     %s%n", SignalFiles.kindOf(record));
            }
            out.printf(Locale.ROOT, "rate       %s Hz%n", trim(signal.sampleRateHz()));
            out.printf(Locale.ROOT, "samples    %d per lead (%s)%n", signal.length(), duration(signal.durationSeconds()));
            signal.startTime().ifPresent(t -> out.printf(Locale.ROOT, "start      %s%n", t));
            out.printf(Locale.ROOT, "leads      %d%n", signal.leadCount());
            for (int i = 0; i < signal.leadCount(); i++) {
                Lead lead = signal.leads().get(i);
                out.printf(Locale.ROOT, "  %d  %-12s %-4s gain %s adu/%s, baseline %s%n", i, lead.name(), lead.units(),
                        trim(lead.gain()), lead.units(), trim(lead.baseline()));
            }
            Optional<Path> ann = RecordArgs.annotationFile(record, annotator);
            if (edf) {
                summariseEdf(out, edfRecording.annotations());
            } else if (ann.isPresent()) {
                summarise(out, WfdbAnnotationReader.read(ann.get()), ann.get());
            } else {
                out.printf(Locale.ROOT, "annotations none (%s.%s not found)%n", RecordArgs.recordName(record), annotator);
            }
            out.println();
        }
        out.flush();
        return 0;
    }

    private static void summarise(PrintWriter out, List<Annotation> annotations, Path file) {
        Map<AnnotationCode, Integer> counts = new EnumMap<>(AnnotationCode.class);
        int beats = 0;
        for (Annotation a : annotations) {
            counts.merge(a.code(), 1, Integer::sum);
            beats += a.isBeat() ? 1 : 0;
        }
        out.printf(Locale.ROOT, "annotations %s: %d in all, %d beats%n", file.getFileName(), annotations.size(), beats);
        counts.forEach((code, n) -> out.printf(Locale.ROOT, "  %-4s %7d  %s%s%n", code.symbol(), n, code.description(),
                code.isBeat() ? " (beat)" : ""));
    }

    /** An EDF+ file's annotations (time-stamped texts): how many, and the ten commonest texts. */
    private static void summariseEdf(PrintWriter out, List<io.beatflow.ingest.EdfAnnotation> annotations) {
        if (annotations.isEmpty()) {
            out.println("annotations none in the file (EDF, or EDF+ without annotations)");
            return;
        }
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (io.beatflow.ingest.EdfAnnotation a : annotations) {
            counts.merge(a.text(), 1, Integer::sum);
        }
        out.printf(Locale.ROOT, "annotations %d EDF+ annotations, %d distinct texts%n", annotations.size(), counts.size());
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                .forEach(e -> out.printf(Locale.ROOT, "  %7d  %s%n", e.getValue(), e.getKey()));
    }

    private static String duration(double seconds) {
        long s = (long) Math.floor(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d.%03d", s / 3600, (s / 60) % 60, s % 60,
                Math.round((seconds - s) * 1000) % 1000);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}

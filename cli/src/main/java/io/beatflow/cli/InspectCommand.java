package io.beatflow.cli;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.EdfAnnotation;
import io.beatflow.ingest.EdfChannel;
import io.beatflow.ingest.EdfHeader;
import io.beatflow.ingest.EdfReader;
import io.beatflow.ingest.EdfRecording;
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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
            if (RecordArgs.isEdf(record)) {
                inspectEdf(out, record);
                out.println();
                continue;
            }
            // a WFDB header is read once, for the signal, the format and the leads (a directory is no record:
            // SignalFiles says so, and how to name one)
            boolean wfdb = !java.nio.file.Files.isDirectory(record) && SignalFiles.kindOf(record) == SignalFiles.Kind.WFDB;
            WfdbHeader header = wfdb ? WfdbHeader.read(record.resolveSibling(RecordArgs.recordName(record) + ".hea"))
                    : null;
            Signal signal = readForInspection(record, header);
            out.printf(Locale.ROOT, "record     %s%n", signal.name());
            if (header != null) {
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
            List<Lead> leads = leadsOf(header, signal);
            out.printf(Locale.ROOT, "leads      %d%n", leads.size());
            for (int i = 0; i < leads.size(); i++) {
                Lead lead = leads.get(i);
                out.printf(Locale.ROOT, "  %d  %-12s %-4s gain %s adu/%s, baseline %s%n", i, lead.name(), lead.units(),
                        trim(lead.gain()), lead.units(), trim(lead.baseline()));
            }
            Optional<Path> ann = RecordArgs.annotationFile(record, annotator);
            if (ann.isPresent()) {
                summarise(out, WfdbAnnotationReader.readContents(ann.get()), ann.get(), signal);
            } else {
                out.printf(Locale.ROOT, "annotations none (%s.%s not found)%n", RecordArgs.recordName(record), annotator);
            }
            out.println();
        }
        out.flush();
        return 0;
    }

    /**
     * The record as far as inspecting it needs: of a single-segment WFDB record whose signals share
     * one file, its first lead alone (the file is decoded in pieces and every signal's checksum and
     * first value are still verified, so a day of 12 leads needs memory for one); else every lead.
     */
    private Signal readForInspection(Path record, WfdbHeader header) throws IOException {
        if (header != null) {
            List<WfdbHeader.SignalLine> signals = header.signals();
            if (!header.record().isMultiSegment() && !signals.isEmpty()
                    && signals.stream().map(WfdbHeader.SignalLine::fileName).distinct().count() == 1) {
                return io.beatflow.ingest.WfdbReader.read(record.resolveSibling(RecordArgs.recordName(record)),
                        io.beatflow.ingest.WfdbReadOptions.defaults()
                        .withLeads(signals.get(0).lead().name()));
            }
        }
        return SignalFiles.read(record, List.of(), csv.readOptions());
    }

    /** The record's leads: the WFDB header's, where {@link #readForInspection} read one of them; else the signal's. */
    private static List<Lead> leadsOf(WfdbHeader header, Signal signal) {
        if (header != null && !header.record().isMultiSegment() && header.signals().size() > signal.leadCount()) {
            return header.signals().stream().map(WfdbHeader.SignalLine::lead).toList();
        }
        return signal.leads();
    }

    /**
     * An EDF, EDF+ or BDF file, read once for its channels, EDF+ annotations and warnings. Its
     * channels may have different rates, so it is shown from the file's channels, each with its
     * own rate, rather than as one signal.
     */
    private static void inspectEdf(PrintWriter out, Path record) throws IOException {
        EdfRecording rec = EdfReader.read(record);
        List<EdfChannel> channels = rec.channels();
        out.printf(Locale.ROOT, "record     %s%n", RecordArgs.recordName(record));
        EdfHeader header = rec.header();
        boolean relabelled = header.variant() == EdfHeader.Variant.EDF_PLUS_CONTINUOUS && !rec.isContinuous();
        out.printf(Locale.ROOT, "format     %s%s%n", header.formatName(), relabelled
                ? " (its records leave gaps: read as " + (header.isBdf() ? "BDF" : "EDF") + "+D)" : "");
        if (header.variant() == EdfHeader.Variant.EDF_PLUS_DISCONTINUOUS || !rec.isContinuous()) {
            out.printf(Locale.ROOT, "gaps       %d between data records, %s in all%n", rec.gapCount(),
                    duration(rec.gapSeconds()));
        }
        SortedMap<Double, List<String>> byRate = rec.labelsByRate();
        if (byRate.size() == 1) {
            out.printf(Locale.ROOT, "rate       %s Hz%n", trim(byRate.firstKey()));
        } else if (byRate.size() > 1) {
            out.printf(Locale.ROOT, "rate       %s%n", byRate.entrySet().stream()
                    .map(e -> trim(e.getKey()) + " Hz " + e.getValue()).collect(Collectors.joining("; ")));
        }
        // samples per lead at each rate, gaps included, as a Signal of those leads holds them
        Map<Double, Integer> lengths = new TreeMap<>();
        double seconds = 0;
        for (int i = 0; i < channels.size(); i++) {
            int length = rec.signalLength(i);
            lengths.put(channels.get(i).sampleRateHz(), length);
            seconds = Math.max(seconds, length / channels.get(i).sampleRateHz());
        }
        if (lengths.size() == 1) {
            out.printf(Locale.ROOT, "samples    %d per lead (%s)%n", lengths.values().iterator().next(),
                    duration(seconds));
        } else if (lengths.size() > 1) {
            StringBuilder sb = new StringBuilder();
            lengths.forEach((rate, n) -> sb.append(sb.length() == 0 ? n + " per lead at " : ", " + n + " at ")
                    .append(trim(rate)).append(" Hz"));
            out.printf(Locale.ROOT, "samples    %s (%s)%n", sb, duration(seconds));
        }
        rec.startTime().ifPresent(t -> out.printf(Locale.ROOT, "start      %s%n", t));
        out.printf(Locale.ROOT, "leads      %d%n", channels.size());
        for (int i = 0; i < channels.size(); i++) {
            Lead lead = channels.get(i).toLead();
            out.printf(Locale.ROOT, "  %d  %-12s %-4s %s Hz, gain %s adu/%s, baseline %s%n", i, lead.name(),
                    lead.units(), trim(channels.get(i).sampleRateHz()), trim(lead.gain()), lead.units(),
                    trim(lead.baseline()));
        }
        rec.warnings().forEach(w -> out.printf(Locale.ROOT, "warning    %s%n", w));
        summariseEdf(out, rec.annotations());
    }

    private static void summarise(PrintWriter out, WfdbAnnotationReader.Contents contents, Path file, Signal signal) {
        List<Annotation> annotations = contents.annotations();
        Map<AnnotationCode, Integer> counts = new EnumMap<>(AnnotationCode.class);
        int beats = 0;
        for (Annotation a : annotations) {
            counts.merge(a.code(), 1, Integer::sum);
            beats += a.isBeat() ? 1 : 0;
        }
        out.printf(Locale.ROOT, "annotations %s: %d in all, %d beats%n", file.getFileName(), annotations.size(), beats);
        counts.forEach((code, n) -> out.printf(Locale.ROOT, "  %-4s %7d  %s%s%n", code.symbol(), n, code.description(),
                code.isBeat() ? " (beat)" : ""));
        RecordArgs.pastTheEnd(annotations, signal.length())
                .ifPresent(p -> out.printf(Locale.ROOT, "warning    %d annotations (%d beats) lie after the record's end"
                        + " (%s, sample %d): the file is of another or a longer record%n", p.annotations(), p.beats(),
                        duration(signal.durationSeconds()), signal.length()));
        if (!contents.ended()) {
            out.printf(Locale.ROOT, "warning    %s has no end-of-file marker, so it may have been cut short%n",
                    file.getFileName());
        }
    }

    /** An EDF+ file's annotations (time-stamped texts): how many, and the ten commonest texts. */
    private static void summariseEdf(PrintWriter out, List<EdfAnnotation> annotations) {
        if (annotations.isEmpty()) {
            out.println("annotations none in the file (EDF, or EDF+ without annotations)");
            return;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (EdfAnnotation a : annotations) {
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

package io.beatflow.datasets;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.SignalFormatException;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A beat-annotated PhysioNet database: where it lives on the server, what its records look like,
 * which lead to use, and how its beat labels map to AAMI classes. All the corpora here use the
 * MIT-BIH beat codes, so {@link #classOf(Annotation)} is the EC57 mapping of {@link AamiClass}.
 *
 * <p>Facts from each database's PhysioNet page (physionet.org/content/&lt;name&gt;/):
 * <ul>
 *   <li>{@link #MITDB} MIT-BIH Arrhythmia: 48 records, 30 min, 2 leads, 360 Hz.</li>
 *   <li>{@link #INCARTDB} St Petersburg INCART 12-lead Arrhythmia: 75 records I01-I75 of 30 min
 *       from 32 Holter recordings, 12 standard leads at 257 Hz, over 175,000 beat
 *       annotations.</li>
 *   <li>{@link #SVDB} MIT-BIH Supraventricular Arrhythmia: 78 half-hour records numbered in the
 *       800s (800-894, not all numbers used), 2 leads at 128 Hz.</li>
 *   <li>{@link #EDB} European ST-T: 90 two-hour excerpts from 79 subjects, 2 leads at 250 Hz,
 *       12-bit, annotated beat by beat by two cardiologists.</li>
 *   <li>{@link #LTAFDB} Long-Term AF: 84 recordings of 24-25 h of subjects with paroxysmal or
 *       sustained atrial fibrillation, 2 leads at 128 Hz.</li>
 * </ul>
 * Record lists for databases without a fixed list here are read from the database's
 * {@code RECORDS} file, which every PhysioNet release carries.
 *
 * @param database PhysioNet name, e.g. {@code incartdb}
 * @param version release, e.g. {@code 1.0.0}
 * @param title human-readable name
 * @param sampleRateHz sampling rate of every record
 * @param leadCount signals per record
 * @param preferredLeads lead names to analyse, best first; when none is present the first lead is used
 * @param annotator extension of the reference beat annotations, e.g. {@code atr}
 * @param fixedRecords the record names if the catalogue knows them; empty to read {@code RECORDS}
 */
public record Corpus(String database, String version, String title, double sampleRateHz, int leadCount,
        List<String> preferredLeads, String annotator, List<String> fixedRecords) {
    public Corpus {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(annotator, "annotator");
        preferredLeads = List.copyOf(preferredLeads);
        fixedRecords = List.copyOf(fixedRecords);
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException(database + ": sampleRateHz must be positive, got " + sampleRateHz);
        }
        if (leadCount < 1) {
            throw new IllegalArgumentException(database + ": leadCount must be at least 1, got " + leadCount);
        }
    }

    /** MIT-BIH Arrhythmia Database. */
    public static final Corpus MITDB = new Corpus(MitBih.DATABASE, MitBih.VERSION, "MIT-BIH Arrhythmia Database",
            MitBih.SAMPLE_RATE_HZ, 2, List.of("MLII"), "atr", MitBih.recordNames());
    /** St Petersburg INCART 12-lead Arrhythmia Database. */
    public static final Corpus INCARTDB = new Corpus("incartdb", "1.0.0",
            "St Petersburg INCART 12-lead Arrhythmia Database", 257, 12, List.of("II"), "atr",
            IntStream.rangeClosed(1, 75).mapToObj(i -> String.format("I%02d", i)).toList());
    /** MIT-BIH Supraventricular Arrhythmia Database. */
    public static final Corpus SVDB = new Corpus("svdb", "1.0.0", "MIT-BIH Supraventricular Arrhythmia Database",
            128, 2, List.of("ECG1"), "atr", List.of());
    /** European ST-T Database. */
    public static final Corpus EDB = new Corpus("edb", "1.0.0", "European ST-T Database", 250, 2, List.of(), "atr",
            List.of());
    /** Long-Term AF Database. */
    public static final Corpus LTAFDB = new Corpus("ltafdb", "1.0.0", "Long Term AF Database", 128, 2, List.of(),
            "atr", List.of());

    /** Every corpus in the catalogue. */
    public static List<Corpus> all() {
        return List.of(MITDB, INCARTDB, SVDB, EDB, LTAFDB);
    }

    /**
     * A corpus by PhysioNet name.
     *
     * @throws IllegalArgumentException naming the known corpora
     */
    public static Corpus of(String database) {
        return all().stream().filter(c -> c.database.equals(database)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown corpus '" + database + "'; known: "
                        + all().stream().map(Corpus::database).toList()));
    }

    /**
     * The record names: the fixed list, or the lines of {@code <dir>/RECORDS}.
     *
     * @throws NoSuchFileException if the list must be read and {@code RECORDS} is missing
     */
    public List<String> records(Path databaseDir) throws IOException {
        if (!fixedRecords.isEmpty()) {
            return fixedRecords;
        }
        Path list = databaseDir.resolve("RECORDS");
        try (Stream<String> lines = Files.lines(list)) {
            return lines.map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    /** The AAMI class of a reference annotation; empty for non-beat annotations. */
    public Optional<AamiClass> classOf(Annotation a) {
        return AamiClass.of(a.code());
    }

    /** Index of the lead to analyse: the first preferred lead the signal has, else 0. */
    public int leadIndex(Signal signal) {
        for (String want : preferredLeads) {
            for (int i = 0; i < signal.leadCount(); i++) {
                if (signal.leads().get(i).name().equalsIgnoreCase(want)) {
                    return i;
                }
            }
        }
        return 0;
    }

    /**
     * Reads one record and its reference annotations.
     *
     * @throws SignalFormatException if the record's sampling rate or lead count is not the
     *     corpus's (naming the header file)
     * @throws IOException if a file is missing or malformed
     */
    public CorpusRecord load(Path databaseDir, String record) throws IOException {
        Path base = databaseDir.resolve(record);
        Signal signal = WfdbReader.read(base);
        Path header = databaseDir.resolve(record + ".hea");
        if (Math.abs(signal.sampleRateHz() - sampleRateHz) > 1e-6) {
            throw new SignalFormatException(header.toString(), "line 1", "sampling rate " + signal.sampleRateHz()
                    + " Hz, but " + title + " records are sampled at " + sampleRateHz + " Hz");
        }
        if (signal.leadCount() != leadCount) {
            throw new SignalFormatException(header.toString(), "line 1", signal.leadCount() + " signals, but "
                    + title + " records have " + leadCount);
        }
        List<Annotation> annotations = WfdbAnnotationReader.read(databaseDir.resolve(record + "." + annotator));
        return new CorpusRecord(this, record, signal, annotations, leadIndex(signal));
    }

    /** Class counts of every record's reference annotations (reads annotation files only). */
    public ClassCounts countBeats(Path databaseDir) throws IOException {
        ClassCounts sum = ClassCounts.empty();
        for (String r : records(databaseDir)) {
            sum = sum.plus(ClassCounts.ofRecord(databaseDir, r, annotator));
        }
        return sum;
    }

    /** Record names that have a header, a signal file and an annotation file under the folder. */
    public List<String> presentRecords(Path databaseDir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String r : records(databaseDir)) {
            if (Files.isRegularFile(databaseDir.resolve(r + ".hea"))
                    && Files.isRegularFile(databaseDir.resolve(r + "." + annotator))) {
                out.add(r);
            }
        }
        return out;
    }
}

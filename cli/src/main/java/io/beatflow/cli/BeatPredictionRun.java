package io.beatflow.cli;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.BeatDatasetCache;
import io.beatflow.datasets.Corpus;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.MitBih;
import io.beatflow.datasets.Split;
import io.beatflow.models.ClassificationSummary;
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

/**
 * The one prediction path of the command line: classifies the beats of MIT-BIH records with a
 * {@link Predictor} and writes the predictions CSV {@code record,sample,label,p_<class>...} that
 * {@code beatflow evaluate} reads. Used by {@code beatflow predict} and {@code beatflow model-table}.
 */
final class BeatPredictionRun {
    private BeatPredictionRun() {
    }

    /**
     * What a prediction run did.
     *
     * @param rows beats written to the CSV file
     * @param classified beats passed through the network (with {@code detected} beats this
     *     includes the windows of missed reference beats, which are not written)
     * @param records number of records
     * @param predictSeconds wall seconds of {@link Predictor#predict(BeatDataset)} alone (cutting
     *     windows and writing the file are not counted)
     * @param summary Se, +P and F1 per class of the written beats against their reference labels
     */
    record Outcome(long rows, long classified, int records, double predictSeconds, ClassificationSummary summary) {
        /** Beats through the network per second of {@link #predictSeconds}. */
        double beatsPerSecond() {
            return classified / predictSeconds;
        }
    }

    /**
     * The beat source of a {@code --beats} value.
     *
     * @throws IllegalArgumentException unless it is {@code reference} or {@code detected}
     */
    static BeatDatasetBuilder.Mode mode(String beats) {
        return switch (beats.toLowerCase(Locale.ROOT)) {
            case "reference" -> BeatDatasetBuilder.Mode.REFERENCE;
            case "detected" -> BeatDatasetBuilder.Mode.DETECTED;
            default -> throw new IllegalArgumentException("--beats must be reference or detected, got '" + beats + "'");
        };
    }

    /**
     * Record names with {@code DS1} / {@code DS2} expanded to that part of the de Chazal 2004 split.
     *
     * @throws IllegalArgumentException naming an argument that is neither a MIT-BIH record nor a part
     */
    static List<String> recordNames(List<String> args) {
        List<String> names = new ArrayList<>();
        java.util.Map<String, String> givenBy = new java.util.HashMap<>();
        Split split = Split.deChazal2004();
        for (String r : args) {
            List<String> these;
            if (r.equals(Split.DS1) || r.equals(Split.DS2)) {
                these = split.part(r);
            } else if (MitBih.contains(r)) {
                these = List.of(r);
            } else {
                throw new IllegalArgumentException("unknown MIT-BIH record '" + r + "' (give a record name such as 100,"
                        + " DS1 or DS2; to classify a WFDB, EDF or CSV record of your own, use beatflow classify)");
            }
            for (String name : these) {
                String earlier = givenBy.putIfAbsent(name, r);
                if (earlier != null) {
                    throw new IllegalArgumentException("record " + name + " is given twice (by '" + earlier + "' and by '"
                            + r + "'): each beat would be written twice; give it once");
                }
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Checks a predictions file and its provenance file beside it ({@link #provenancePath}) before
     * any work: neither may be a directory or one of {@code inputs}; missing parents are made.
     */
    static void prepareOutputs(Path out, List<Path> inputs) throws IOException {
        OutputPaths.file("--out", out, inputs);
        OutputPaths.file("--out", provenancePath(out), inputs);
    }

    /**
     * Where the provenance of a predictions file goes: beside it, the file name with
     * {@code .csv} (if it has that ending) replaced by {@code .model-card.json}.
     */
    static Path provenancePath(Path csv) {
        String fn = csv.getFileName().toString();
        String stem = fn.endsWith(".csv") ? fn.substring(0, fn.length() - 4) : fn;
        return csv.resolveSibling(stem + ".model-card.json");
    }

    /**
     * The provenance of predictions made by {@code predictor}: its model card, with an
     * {@code inference} object added that says how the file was made (the model as given, the
     * backend that ran it, batch and workers, beat source, records, the beatflow version and the
     * time). {@code beatflow evaluate --model-card} takes it as it takes a card.
     */
    static String provenanceJson(Predictor predictor, String model, BeatDatasetBuilder.Mode mode, List<String> records)
            throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode card = (com.fasterxml.jackson.databind.node.ObjectNode) json
                .readTree(io.beatflow.models.ModelBundle.toJson(predictor.card()));
        com.fasterxml.jackson.databind.node.ObjectNode inf = card.putObject("inference");
        inf.put("model", model);
        inf.put("backend", predictor.backend());
        inf.put("maxBatch", predictor.maxBatch());
        inf.put("workers", predictor.workers());
        inf.put("beats", mode.name().toLowerCase(Locale.ROOT));
        records.forEach(inf.putArray("records")::add);
        String version = BeatPredictionRun.class.getPackage().getImplementationVersion();
        inf.put("beatflow", version == null ? "development build" : version);
        inf.put("java", System.getProperty("java.version"));
        inf.put("createdAt", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(card);
    }

    /**
     * Classifies the beats of {@code names} and writes {@code out}; prints the beat count and
     * throughput (and, for detected beats, false detections and missed beats) to {@code err}.
     *
     * @throws IOException if a record is missing or unreadable, or the file cannot be written
     */
    static Outcome predictToCsv(Predictor predictor, DataDirectory dir, List<String> names,
            BeatDatasetBuilder.Mode mode, Path out, PrintWriter err) throws IOException {
        dir.requireRecords(MitBih.DATABASE, MitBih.VERSION, names, List.of("hea", "dat", "atr"));
        String lead = predictor.input().lead();
        for (String name : names) {
            // the dataset would fall back to the record's first lead: a model of one lead scores that lead only
            List<String> leads = io.beatflow.ingest.WfdbHeader.read(dir.database(MitBih.DATABASE).resolve(name + ".hea"))
                    .signals().stream().map(io.beatflow.ingest.WfdbHeader.SignalLine::description).toList();
            if (leads.stream().noneMatch(l -> l.equalsIgnoreCase(lead))) {
                throw new IllegalArgumentException("record " + name + " has no lead " + lead + " (its leads are " + leads
                        + "), the lead the model was trained on; to score another lead, use beatflow classify --lead");
            }
        }
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
                    + " reference beats missed by the detector (not in the output); beats too near an end of their"
                    + " record for a whole window are left out too");
        } else {
            long reference = 0;
            for (String name : names) {
                reference += io.beatflow.ingest.WfdbAnnotationReader.read(dir.database(MitBih.DATABASE)
                        .resolve(name + ".atr")).stream().filter(io.beatflow.ingest.Annotation::isBeat).count();
            }
            if (reference > d.size()) {
                err.printf(Locale.ROOT, "%d of the %d reference beats lie too near an end of their record for a whole"
                        + " window and are left out (not in the output, not scored)%n", reference - d.size(), reference);
            }
        }
        err.flush();
        ClassificationSummary s = ClassificationSummary.of(ref.stream().mapToInt(Integer::intValue).toArray(),
                pred.stream().mapToInt(Integer::intValue).toArray(), classes);
        return new Outcome(d.size() - missed, d.size(), names.size(), secs, s);
    }
}

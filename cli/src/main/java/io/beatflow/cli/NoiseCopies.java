package io.beatflow.cli;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.Corpus;
import io.beatflow.datasets.CorpusRecord;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.NoiseStress;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Noise-stressed copies of training records: each copy is a training record with a noise record of
 * the MIT-BIH Noise Stress Test Database added by {@link NoiseStress#mix} (the standard protocol
 * of Moody, Muldrow and Mark 1984: clean for five minutes, then noise in alternate two-minute
 * periods, at an SNR defined as {@code nst} defines it), windowed at the reference beats and
 * labelled like the clean record. The copies join the clean training records, so a model also
 * learns what baseline wander, muscle artefact and electrode motion do to each class's beats.
 *
 * <p>The noise records were recorded from volunteers, not from MIT-BIH patients, so no test
 * patient's signal reaches training. The noise starts at an offset drawn from a seed made of the
 * record's name and the copy, not from the training seed, so the models of an ensemble see the
 * same data.
 */
final class NoiseCopies {
    /** The NSTDB database folder name and version. */
    static final String NSTDB = "nstdb";
    static final String NSTDB_VERSION = "1.0.0";
    /** The noise records: baseline wander, muscle (EMG) artefact, electrode motion artefact. */
    static final List<String> TYPES = List.of("bw", "ma", "em");

    private NoiseCopies() {
    }

    /**
     * One copy of every training record.
     *
     * @param noise NSTDB noise record: bw, ma or em
     * @param snrDb SNR of the noisy periods, in dB
     */
    record Copy(String noise, double snrDb) {
        Copy {
            if (!TYPES.contains(noise)) {
                throw new IllegalArgumentException("noise record '" + noise + "' is not one of " + TYPES);
            }
            if (!(snrDb >= -12 && snrDb <= 36)) {
                throw new IllegalArgumentException("SNR " + snrDb + " dB is outside -12..36 dB");
            }
        }

        /** As the option takes it: {@code em:12}. */
        @Override
        public String toString() {
            return noise + ":" + (snrDb == Math.rint(snrDb) ? String.valueOf((long) snrDb) : String.valueOf(snrDb));
        }
    }

    /**
     * The copies of {@code --noise-copies}: comma-separated {@code NOISE:SNR} entries.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    static List<Copy> parse(String spec) {
        List<Copy> copies = new ArrayList<>();
        for (String entry : spec.split(",", -1)) {
            String[] parts = entry.trim().split(":", -1);
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected NOISE:SNR, e.g. em:12");
                }
                double snr;
                try {
                    snr = Double.parseDouble(parts[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("SNR '" + parts[1].trim() + "' is not a number");
                }
                Copy c = new Copy(parts[0].trim(), snr);
                if (copies.contains(c)) {
                    throw new IllegalArgumentException("given twice");
                }
                copies.add(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--noise-copies: entry '" + entry.trim() + "': " + e.getMessage(),
                        e);
            }
        }
        return List.copyOf(copies);
    }

    /**
     * The noisy copies of {@code records}, copy by copy, as one dataset; its records are named
     * {@code <record>_<noise><snr>} as {@link NoiseStress#mix} names its output.
     *
     * @throws IOException if a record or noise record is missing or unreadable
     */
    static BeatDataset build(List<Copy> copies, List<String> records, DataDirectory dir, BeatDatasetBuilder builder,
            PrintWriter err) throws IOException {
        dir.requireRecords(NSTDB, NSTDB_VERSION, copies.stream().map(Copy::noise).distinct().toList(),
                List.of("hea", "dat"));
        Path db = dir.database(io.beatflow.datasets.MitBih.DATABASE);
        List<Signal> noises = new ArrayList<>();
        List<List<BeatDataset>> perCopy = new ArrayList<>();
        for (Copy c : copies) {
            noises.add(WfdbReader.read(dir.database(NSTDB).resolve(c.noise())));
            perCopy.add(new ArrayList<>());
        }
        // each clean record is read once and dropped once its copies are windowed
        for (String r : records) {
            CorpusRecord clean = Corpus.MITDB.load(db, r);
            for (int i = 0; i < copies.size(); i++) {
                Copy c = copies.get(i);
                Signal mixed = NoiseStress.mix(clean.signal(), clean.annotations(), noises.get(i), c.snrDb(),
                        seed(r, c));
                perCopy.get(i).add(builder.build(List.of(
                        new CorpusRecord(Corpus.MITDB, mixed.name(), mixed, clean.annotations(), clean.lead()))));
            }
        }
        List<BeatDataset> parts = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) {
            BeatDataset d = BeatDataset.concat(perCopy.get(i));
            err.printf(Locale.ROOT, "noise copy %s of %d records: %s%n", copies.get(i), records.size(), d.classCounts());
            err.flush();
            parts.add(d);
        }
        return BeatDataset.concat(parts);
    }

    /** The seed of the noise offset of one record's copy: fixed by the record and the copy, never 0. */
    static long seed(String record, Copy c) {
        long h = 1125899906842597L;
        for (char ch : (record + "/" + c).toCharArray()) {
            h = 31 * h + ch;
        }
        return h == 0 ? 1 : h;
    }
}

package io.beatflow.cli;

import io.beatflow.datasets.DataDirectory;
import io.beatflow.datasets.NoiseStress;
import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.SignalFiles;
import io.beatflow.ingest.WfdbAnnotationReader;
import io.beatflow.ingest.WfdbAnnotationWriter;
import io.beatflow.ingest.WfdbReader;
import io.beatflow.ingest.WfdbWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code beatflow noise-stress}: adds NSTDB noise to a record at a chosen SNR, by the definitions of
 * PhysioNet's {@code nst} (see {@link NoiseStress}), and writes the result as a WFDB record with the
 * reference annotations copied beside it, ready for {@code beatflow detect}.
 */
@Command(name = "noise-stress", mixinStandardHelpOptions = true,
        description = {"Adds NSTDB noise (bw, ma, em) to a record at a given SNR and writes it as WFDB.",
            "SNR as PhysioNet's nst defines it; RECORD.atr is copied beside the noisy record."})
final class NoiseStressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--noise", paramLabel = "NAME|PATH", required = true,
            description = "Noise record: bw, ma or em from the data folder's nstdb/, or a WFDB record path.")
    String noise;

    @Option(names = "--snr", paramLabel = "DB", required = true, description = "Signal-to-noise ratio of the noisy periods, in dB.")
    double snrDb;

    @Option(names = "--seed", defaultValue = "0",
            description = "Chooses where in the noise record to start (0: its first sample, as nst) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--nst", description = "Calibrate the gain exactly as nst does (on the noise record's first 300 s)"
            + " instead of on the noise actually added.")
    boolean nstCalibration;

    @Option(names = "--format", defaultValue = "16",
            description = "WFDB storage format of the output, e.g. 16 or 212 (default: ${DEFAULT-VALUE}; 16 leaves room for the noise).")
    int format;

    @Option(names = "--reference", paramLabel = "NAME", defaultValue = "atr",
            description = "Reference annotator of RECORD, used for the QRS amplitude (default: ${DEFAULT-VALUE}).")
    String reference;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the noisy record.")
    Path outDir;

    @Parameters(paramLabel = "RECORD", description = "Clean WFDB record path without extension, e.g. ../shared/data/mitdb/118.")
    Path record;

    @Override
    public Integer call() throws IOException {
        if (!(snrDb >= MIN_SNR_DB && snrDb <= MAX_SNR_DB)) {
            throw new IllegalArgumentException("--snr " + snrDb + ": give " + MIN_SNR_DB + " to " + MAX_SNR_DB
                    + " dB (NSTDB's records span 24 to -6 dB; above 30 dB the rounding of the stored samples adds a"
                    + " noticeable share of the noise)");
        }
        Path noisePath = noiseRecord();
        Signal clean = SignalFiles.read(record);
        Path refFile = RecordArgs.annotationFile(record, reference).orElseThrow(() -> new IllegalArgumentException(
                "no reference annotation " + RecordArgs.recordName(record) + "." + reference + " beside " + record
                        + ": the signal's QRS amplitude (nst's S) is measured at its beats"));
        List<Annotation> annotations = WfdbAnnotationReader.read(refFile);
        Signal noiseSignal = WfdbReader.read(noisePath);
        Signal noisy = nstCalibration ? NoiseStress.mixAsNst(clean, annotations, noiseSignal, snrDb)
                : NoiseStress.mix(clean, annotations, noiseSignal, snrDb, seed);
        // measured before anything is written: a record too short to measure leaves no files behind
        double[] measured = new double[clean.leadCount()];
        double[] whole = new double[clean.leadCount()];
        for (int lead = 0; lead < clean.leadCount(); lead++) {
            measured[lead] = NoiseStress.measureSnrDb(clean, noisy, lead, annotations);
            whole[lead] = NoiseStress.measureSnrDbAllPeriods(clean, noisy, lead, annotations);
        }
        Files.createDirectories(outDir);
        try {
            WfdbWriter.write(outDir, noisy, format);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not fit format")) {
                throw new IllegalArgumentException(e.getMessage() + ": noise this strong needs a wider storage"
                        + " format; give --format 32", e);
            }
            throw e;
        }
        WfdbAnnotationWriter.write(outDir.resolve(noisy.name() + "." + reference), annotations);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "wrote %s (%s + %s at %s dB, format %d)%n", outDir.resolve(noisy.name()), clean.name(),
                noiseSignal.name(), snrDb, format);
        for (int lead = 0; lead < clean.leadCount(); lead++) {
            out.printf(Locale.ROOT, "  lead %-6s measured SNR of the noisy periods %.2f dB (first 300 s of noise, where"
                    + " the gain is set), %.2f dB (all of them)%n", clean.leads().get(lead).name(), measured[lead],
                    whole[lead]);
        }
        out.flush();
        return 0;
    }

    /** The noise record: NSTDB's bw, ma or em from the data folder (checked there), or a WFDB record path. */
    private Path noiseRecord() throws IOException {
        if (NSTDB_NOISE.contains(noise)) {
            DataDirectory data = DataDirectory.resolve();
            data.requireRecords("nstdb", "1.0.0", List.of(noise), List.of("hea", "dat"));
            return data.database("nstdb").resolve(noise);
        }
        Path p = Path.of(noise);
        if (!Files.isRegularFile(p.resolveSibling(p.getFileName() + ".hea"))) {
            throw new IllegalArgumentException("--noise " + noise + ": give bw, ma or em (NSTDB's baseline wander,"
                    + " muscle artefact, electrode motion) or the path of a WFDB noise record (no " + noise + ".hea found)");
        }
        return p;
    }

    private static final List<String> NSTDB_NOISE = List.of("bw", "ma", "em");
    private static final double MIN_SNR_DB = -30;
    /** Above this the noise is too faint for format 16 at 200 adu/mV: rounding adds noise of its own. */
    private static final double MAX_SNR_DB = 30;
}

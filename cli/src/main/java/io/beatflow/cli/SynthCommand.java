package io.beatflow.cli;

import io.beatflow.datasets.SyntheticEcg;
import io.beatflow.datasets.SyntheticEcgConfig;
import io.beatflow.datasets.SyntheticRecord;
import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.AnnotationCode;
import io.beatflow.ingest.Signal;
import io.beatflow.ingest.WfdbAnnotationWriter;
import io.beatflow.ingest.WfdbWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code beatflow synth}: writes a synthetic ECG record ({@link SyntheticEcg}, after McSharry et al.
 * 2003) as WFDB, with its ground-truth beat annotations as {@code NAME.atr}.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Writes a synthetic ECG (McSharry et al. 2003 dynamical model) as a WFDB record with ground-truth NAME.atr.")
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the record.")
    Path outDir;

    @Option(names = "--name", defaultValue = "synth", description = "Record name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--rate", defaultValue = "360", description = "Sample rate in Hz (default: ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--seconds", defaultValue = "300", description = "Duration in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--hr", defaultValue = "70", description = "Mean heart rate in bpm (default: ${DEFAULT-VALUE}).")
    double heartRate;

    @Option(names = "--hr-std", defaultValue = "2", description = "Heart-rate standard deviation in bpm (default: ${DEFAULT-VALUE}).")
    double heartRateStd;

    @Option(names = "--pvc", defaultValue = "0.05", description = "Share of premature ventricular beats (default: ${DEFAULT-VALUE}).")
    double pvcRate;

    @Option(names = "--pac", defaultValue = "0.05", description = "Share of premature atrial beats (default: ${DEFAULT-VALUE}).")
    double pacRate;

    @Option(names = "--noise", defaultValue = "0.02", description = "White noise standard deviation in mV (default: ${DEFAULT-VALUE}).")
    double noiseMv;

    @Option(names = "--wander", defaultValue = "0.1", description = "Baseline wander amplitude in mV (default: ${DEFAULT-VALUE}).")
    double wanderMv;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (!name.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("--name '" + name + "': use letters, digits and '_' only");
        }
        SyntheticEcgConfig config;
        try {
            config = SyntheticEcgConfig.defaults().withSampling(rateHz, seconds)
                    .withHeartRate(heartRate, heartRateStd).withEctopy(pvcRate, pacRate).withNoise(noiseMv, wanderMv)
                    .withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(OPTIONS.entrySet().stream()
                    .reduce(e.getMessage(), (m, o) -> m.replace(o.getKey(), o.getValue()), (a, b) -> a), e);
        }
        SyntheticRecord rec = SyntheticEcg.generate(config);
        Signal s = rec.signal();
        float[][] leads = new float[s.leadCount()][];
        for (int i = 0; i < leads.length; i++) {
            leads[i] = s.physical(i);
        }
        Signal named = Signal.ofPhysical(name, s.sampleRateHz(), s.leads(), leads, s.startTime().orElse(null));
        Files.createDirectories(outDir);
        WfdbWriter.write(outDir, named, 16);
        WfdbAnnotationWriter.write(outDir.resolve(name + ".atr"), rec.annotations());
        List<Annotation> beats = rec.annotations().stream().filter(Annotation::isBeat).toList();
        String length = java.math.BigDecimal.valueOf(named.length() / named.sampleRateHz())
                .setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s s at %s Hz, %d beats (%d N, %d V, %d A)%n",
                outDir.resolve(name), length, rateHz, beats.size(), count(beats, AnnotationCode.NORMAL),
                count(beats, AnnotationCode.PVC), count(beats, AnnotationCode.APC));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The configuration's field names, as the options that set them are named in messages. */
    private static final java.util.Map<String, String> OPTIONS = java.util.Map.of("heartRateMeanBpm", "--hr",
            "heartRateStdBpm", "--hr-std", "sampleRateHz", "--rate", "durationSeconds", "--seconds", "noiseStdMv",
            "--noise", "baselineWanderMv", "--wander", "pvcRate", "--pvc", "pacRate", "--pac");

    private static long count(List<Annotation> beats, AnnotationCode code) {
        return beats.stream().filter(a -> a.code() == code).count();
    }
}

package io.beatflow.cli;

import io.beatflow.datasets.BeatDatasetBuilder;
import io.beatflow.datasets.DataDirectory;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.Predictor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code beatflow predict --model BUNDLE --out FILE RECORD...}: class probabilities of every beat
 * of MIT-BIH records, as CSV {@code record,sample,label,p_N,p_S,p_V,p_F,p_Q}.
 *
 * <p>{@code --beats reference} classifies the annotated beats; {@code --beats detected} the
 * beats the detector finds, labelled by one-to-one matching to the reference within 150 ms
 * ({@code unmatched} for false detections; missed reference beats are not in the output, as no
 * system would have classified them; their number is reported). {@code DS1} and {@code DS2}
 * stand for the records of that part of the de Chazal 2004 split. A summary of Se, +P and F1 per
 * class against the reference labels goes to standard error. Beside the CSV goes its provenance,
 * {@code FILE.model-card.json} ({@code .csv} replaced): the model card with the backend that
 * ran it and how ({@link BeatPredictionRun#provenanceJson}). The work is
 * {@link BeatPredictionRun}, shared with {@code beatflow model-table}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify the beats of MIT-BIH records with a model bundle; CSV record,sample,label,p_<class>...")
final class PredictCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "BUNDLE",
            description = "Model bundle (zip), or " + ModelBundle.BUILT_IN + " for the model shipped with beatflow.")
    String model;

    @Option(names = "--beats", defaultValue = "reference", paramLabel = "SOURCE",
            description = "reference (annotated beats) or detected (beats found by the detector); default ${DEFAULT-VALUE}.")
    String beats;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
    Path out;

    @Option(names = "--batch", defaultValue = "256", paramLabel = "N", description = "Beats per network call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "W",
            description = "Batches scored side by side, each by its own copy of the network with an equal share of the"
                    + " backend's threads; the probabilities are the same for any W (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data root holding mitdb/ (default: $BEATFLOW_DATA, else ../shared/data, else ./data).")
    Path data;

    @Parameters(arity = "1..*", paramLabel = "RECORD", description = "MIT-BIH record names, or DS1 / DS2 for a split part.")
    List<String> records;

    @Override
    public Integer call() throws IOException {
        BeatDatasetBuilder.Mode mode = BeatPredictionRun.mode(beats);
        List<String> names = BeatPredictionRun.recordNames(records);
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        DataDirectory dir = data != null ? new DataDirectory(data) : DataDirectory.resolve();
        Path bundle = ModelBundle.resolve(model);
        List<Path> inputs = new java.util.ArrayList<>(List.of(bundle));
        for (String name : names) {
            for (String ext : List.of("hea", "dat", "atr")) {
                inputs.add(dir.database(io.beatflow.datasets.MitBih.DATABASE).resolve(name + "." + ext));
            }
        }
        BeatPredictionRun.prepareOutputs(out, inputs);
        try (Predictor predictor = new Predictor(ModelBundle.load(bundle), batch, workers)) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("model " + model + ": " + predictor.card().model().architecture().id()
                    + (predictor.card().ensemble() ? " (an ensemble of " + predictor.card().members().size() + ")" : "")
                    + ", classes "
                    + predictor.classNames() + ", backend " + predictor.backend() + ", " + workers
                    + (workers == 1 ? " worker" : " workers"));
            String provenanceJson = BeatPredictionRun.provenanceJson(predictor, model, mode, names);
            String seen = io.beatflow.eval.ModelCards.seenWarning(provenanceJson, names);
            if (seen != null) {
                err.println("warning: " + seen);
            }
            BeatPredictionRun.Outcome r = BeatPredictionRun.predictToCsv(predictor, dir, names, mode, out, err);
            Path provenance = BeatPredictionRun.provenancePath(out);
            java.nio.file.Files.writeString(provenance, provenanceJson, java.nio.charset.StandardCharsets.UTF_8);
            err.println("wrote " + provenance + " (the model card and the backend that ran it; give it to beatflow"
                    + " evaluate --model-card)");
            err.println("matched beats against the reference labels:");
            err.println(r.summary().toTable());
            err.flush();
        }
        return 0;
    }
}

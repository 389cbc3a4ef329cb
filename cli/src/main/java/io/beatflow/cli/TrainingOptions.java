package io.beatflow.cli;

import io.beatflow.datasets.DataDirectory;
import io.beatflow.models.Architecture;
import io.beatflow.models.InputSpec;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.TrainingConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Training options shared by {@code beatflow train}, {@code beatflow cross-validate} and
 * {@code beatflow model-table} (a picocli mixin). Left out, an option takes the value of the recipe
 * the shipped model's networks were trained by, chosen by cross-validating DS1 (models README,
 * Results): {@value #RECIPE_EPOCHS} epochs of {@value #RECIPE_BEATS_PER_EPOCH} beats, the RR values
 * also joined to the logits, no validation records (the last epoch kept), S timing lent to
 * {@value #RECIPE_S_TIMING} of the regular N beats; every other setting is
 * that of {@link TrainingConfig#defaults} and {@link ModelConfig#defaults}.
 */
final class TrainingOptions {
    /** Epochs of the recipe. */
    static final int RECIPE_EPOCHS = 7;
    /** Beats drawn per epoch in the recipe. */
    static final int RECIPE_BEATS_PER_EPOCH = 16_000;
    /** S timing augmentation of the recipe (see {@link TrainingConfig#augmentSTiming}). */
    static final double RECIPE_S_TIMING = 0.02;

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs (default: " + RECIPE_EPOCHS + ").")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "Beats per step (default: 128).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Initial learning rate (default: 0.001).")
    Double learningRate;

    @Option(names = "--beats-per-epoch", paramLabel = "N",
            description = "Beats drawn per epoch, 0 for all (default: " + RECIPE_BEATS_PER_EPOCH + ").")
    Integer beatsPerEpoch;

    @Option(names = "--input", paramLabel = "INPUT", defaultValue = "context",
            description = "Model input: 'context' (the beat and its difference from the patient's recent median beat, "
                    + "RR intervals also against the patient's long-term mean), 'context-irregularity' (context plus the "
                    + "rhythm's recent RR irregularity), 'context-long' (context over 1.42 s at 180 Hz: 0.8 s before the R"
                    + " peak, with the whole P wave and usually the preceding beat), 'context-relative' (context without"
                    + " the raw window: only how the beat differs from the patient's median beat, and the RR values),"
                    + " 'context-prematurity' and 'context-relative-prematurity' (those two plus how early the beat is"
                    + " against the patient's own recent rhythm: robust z-scores of its RR ratios over the last 256"
                    + " beats) or 'plain' (the beat and its RR"
                    + " intervals) (default: "
                    + "${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--baseline-high-pass", paramLabel = "HZ", defaultValue = "0",
            description = "Pass the lead through a causal Butterworth high-pass at HZ (order 2; e.g. 0.5 removes most"
                    + " baseline wander) before windows are cut, in training and wherever the model scores; 0 for the"
                    + " lead as recorded (default: ${DEFAULT-VALUE}).")
    double baselineHighPass;

    @Option(names = "--augment-rr", paramLabel = "SIGMA",
            description = "Scale all of a training beat's RR intervals together by exp(SIGMA z), z standard normal cut"
                    + " at +-2, so the model learns prematurity from interval ratios, not from a training patient's"
                    + " heart rate; 0 for none (default: 0).")
    Double augmentRr;

    @Option(names = "--record-balance", paramLabel = "BETA",
            description = "Draw each epoch's beats with replacement so that within a class each record's share is"
                    + " proportional to its beats of the class to the power 1-BETA (0.5: the square root; 1: every"
                    + " record alike), each class as often as without it; needs --beats-per-epoch above 0; 0 for plain"
                    + " shuffling (default: 0).")
    Double recordBalance;

    @Option(names = "--morphology-dropout", paramLabel = "P",
            description = "Probability that a training beat's signal channels are all set to 0, so that it is learnt"
                    + " from its RR values alone and those keep a path of their own to the classes; 0 for none"
                    + " (default: 0).")
    Double morphologyDropout;

    @Option(names = "--augment-s-timing", paramLabel = "P",
            description = "Probability that a training N beat in a regular rhythm is taught as an S beat with the"
                    + " timing of a real one (its previous and next RR intervals set to the local mean times the ratios"
                    + " of a training S beat drawn at random; the window unchanged), so that the S timing is seen on"
                    + " every patient's beat shape; 0 for none (default: " + RECIPE_S_TIMING + ").")
    Double augmentSTiming;

    @Option(names = "--augment-s-runs", paramLabel = "FRACTION",
            description = "Lend runs of S timing to about FRACTION of the training N beats (below 0.5): 8 copies of"
                    + " each training record's rhythm are made in which runs of 3 to 15 regular N beats take the"
                    + " prematurity of a training S beat at least 10% early and are taught as S, the RR values of the"
                    + " runs and the 10 beats after them recomputed (the windows unchanged), and each beat takes its RR"
                    + " values from a copy drawn at random; 0 for none (default: 0).")
    Double augmentSRuns;

    @Option(names = "--rr-to-logits", negatable = true,
            description = "Let the RR features also reach the output layer directly, a linear term in every class's"
                    + " logit besides the hidden layer; --no-rr-to-logits for the hidden layer alone (default: on).")
    Boolean rrToLogits;

    @Option(names = "--validation", negatable = true,
            description = "Hold every fifth DS1 record (of the training records, in numeric order, from the fifth) out"
                    + " for validation: keep the epoch with the best validation macro F1 and stop early when it has"
                    + " not improved for 4 epochs. --no-validation (the default): train on all of them, run every"
                    + " epoch and keep the last (the recipe's --epochs come from a cross-validation).")
    boolean validation;

    @Option(names = "--noise-copies", paramLabel = "NOISE:SNR[,NOISE:SNR...]",
            description = "Also train on noise-stressed copies of the training records: per entry one copy of each, with"
                    + " the NSTDB noise record bw (baseline wander), ma (muscle artefact) or em (electrode motion) added"
                    + " at SNR dB by the noise stress test's protocol (clean for 5 min, then noisy every other 2 min),"
                    + " e.g. em:12,ma:12 (default: none).")
    String noiseCopies;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data root holding mitdb/ (default: $BEATFLOW_DATA, else ../shared/data, else ./data).")
    Path data;

    /**
     * The configuration with the options given applied over {@code base}.
     *
     * @throws IllegalArgumentException if a value is out of range (from {@link TrainingConfig})
     */
    TrainingConfig applyTo(TrainingConfig base) {
        TrainingConfig t = named("--epochs", base, c -> c.withMaxEpochs(epochs != null ? epochs : RECIPE_EPOCHS));
        t = named("--beats-per-epoch", t, c -> c.withBeatsPerEpoch(beatsPerEpoch != null ? beatsPerEpoch
                : RECIPE_BEATS_PER_EPOCH));
        if (batch != null) {
            t = named("--batch", t, c -> c.withBatchSize(batch));
        }
        if (learningRate != null) {
            t = named("--lr", t, c -> c.withLearningRate(learningRate));
        }
        if (!validation) {
            t = t.withValidationRecords(java.util.List.of());
        }
        if (augmentRr != null) {
            t = named("--augment-rr", t, c -> c.withAugmentRr(augmentRr));
        }
        if (morphologyDropout != null) {
            t = named("--morphology-dropout", t, c -> c.withMorphologyDropout(morphologyDropout));
        }
        t = named("--augment-s-timing", t, c -> c.withAugmentSTiming(augmentSTiming != null ? augmentSTiming
                : RECIPE_S_TIMING));
        if (augmentSRuns != null) {
            t = named("--augment-s-runs", t, c -> c.withAugmentSRuns(augmentSRuns));
        }
        if (recordBalance != null) {
            t = named("--record-balance", t, c -> c.withRecordBalance(recordBalance));
            if (recordBalance > 0 && t.beatsPerEpoch() == 0) {
                throw new IllegalArgumentException("--record-balance: needs --beats-per-epoch N above 0 (the beats"
                        + " drawn per epoch); with 0 every beat is used once per epoch and there is nothing to balance");
            }
        }
        return t;
    }

    /** {@code change} applied to {@code t}, its out-of-range error prefixed with the option that gave the value. */
    private static TrainingConfig named(String option, TrainingConfig t,
            java.util.function.UnaryOperator<TrainingConfig> change) {
        try {
            return change.apply(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /**
     * The noise copies of {@code --noise-copies} (empty without it).
     *
     * @throws IllegalArgumentException naming a bad entry
     */
    java.util.List<NoiseCopies.Copy> noiseCopies() {
        return noiseCopies == null ? java.util.List.of() : NoiseCopies.parse(noiseCopies);
    }

    /**
     * The default configuration of {@code a} for {@link #inputSpec()} with the RR values joined to
     * the logits unless {@code --no-rr-to-logits} (for an input without RR values there is nothing to join).
     */
    ModelConfig model(Architecture a) {
        ModelConfig m = ModelConfig.defaults(a, inputSpec());
        return m.withHead(m.head().withRrToLogits(m.input().useRr() && (rrToLogits == null || rrToLogits)));
    }

    /**
     * The model input of {@code --input}.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    InputSpec inputSpec() {
        InputSpec named = inputSpec(input);
        try {
            return named.withBaselineHighPass(baselineHighPass);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--baseline-high-pass: " + e.getMessage(), e);
        }
    }

    /**
     * The model input named {@code name} ({@code --input} of the training commands and of
     * {@code bench models}).
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    static InputSpec inputSpec(String name) {
        return switch (name) {
            case "context" -> InputSpec.mitBih256Context();
            case "context-irregularity" -> InputSpec.mitBih256ContextIrregularity();
            case "context-long" -> InputSpec.mitBih256ContextLong();
            case "context-relative" -> InputSpec.mitBih256ContextRelative();
            case "context-prematurity" -> InputSpec.mitBih256ContextPrematurity();
            case "context-relative-prematurity" -> InputSpec.mitBih256ContextRelativePrematurity();
            case "plain" -> InputSpec.mitBih256();
            default -> throw new IllegalArgumentException("--input: unknown input '" + name
                    + "'; known: context, context-irregularity, context-long, context-relative, context-prematurity,"
                    + " context-relative-prematurity, plain");
        };
    }

    /** The data root: {@code --data}, else {@link DataDirectory#resolve()}. */
    DataDirectory dataDirectory() {
        return data != null ? new DataDirectory(data) : DataDirectory.resolve();
    }
}

package io.beatflow.models;

import io.beatflow.datasets.BeatDataset;
import io.beatflow.models.internal.Backend;
import io.beatflow.models.internal.BeatNetwork;
import io.beatflow.models.internal.ClassScores;
import io.beatflow.models.internal.DatasetContexts;
import io.beatflow.models.internal.Networks;
import io.beatflow.models.internal.PrematureRuns;
import io.beatflow.models.internal.WindowTensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a beat classifier on a {@link BeatDataset} and picks the epoch by validation macro F1.
 *
 * <p>Each epoch shuffles the training beats (seeded), optionally draws
 * {@link TrainingConfig#beatsPerEpoch()} of them (or, with {@link TrainingConfig#recordBalance()},
 * draws that many with replacement, evening out the records' shares of each class), and takes
 * Adam steps on batches with a class-weighted cross-entropy (see {@link TrainingConfig#classWeights}) on augmented windows
 * (random shifts and noise, {@link TrainingConfig#augmentShift()}); the learning rate
 * decays by a fixed factor per epoch, gradients are clipped. After each epoch the validation
 * beats (held-out records) are classified; the epoch with the best macro F1 (over the classes
 * present in validation) is kept, and training stops after {@link TrainingConfig#patience()}
 * epochs without improvement. Unmatched detections (label -1) and labels beyond the head's
 * classes are left out. A progress line (loss, beats/s) goes to the given consumer; with a
 * checkpoint folder the best model so far is saved there as {@code best.zip} after every
 * improvement, and the last epoch's as {@code last.zip}.
 */
public final class BeatClassifierTrainer {
    /** Added to the training seed for the generator of the S runs ({@link TrainingConfig#augmentSRuns}). */
    static final int RUNS_SEED = 11;
    private final Consumer<String> progress;
    private final Path checkpointDir;
    private final StepListener stepListener;
    /** The encoder the trained model starts from; null for random initialisation. */
    private final Start encoderSource;

    /** Where a model's encoder starts: a trained model's encoder, or a pretrained encoder (one of the two). */
    /**
     * Validation beats must be new to the encoder a model starts from: a model whose encoder was
     * trained on a validation record's labels would pick its epoch, and report its validation
     * figures, on beats it has learnt. A pretrained encoder saw signals without labels; that is
     * said, not refused.
     */
    private void checkValidationUnseen(List<String> validationRecords) {
        boolean labelled = encoderSource.bundle() != null;
        List<String> seen = labelled ? encoderSource.bundle().card().data().trainingRecords()
                : encoderSource.pretrained().card().records();
        List<String> both = validationRecords.stream().filter(seen::contains).toList();
        if (both.isEmpty()) {
            return;
        }
        if (labelled) {
            throw new IllegalArgumentException("the model the encoder comes from was trained on validation record(s) "
                    + both + ": the epoch kept and the validation figures would be scored on beats whose labels it"
                    + " has learnt; hold out other records (or none), or start from a model trained without them");
        }
        progress.accept("note: the pretrained encoder saw the signals (not the labels) of validation record(s) " + both);
    }

    private record Start(ModelBundle bundle, PretrainedEncoder pretrained) {
        ModelConfig model() {
            return bundle != null ? bundle.card().model() : pretrained.card().model();
        }
    }

    /** Told of every optimiser step, as it is taken (a progress bar, for one). */
    @FunctionalInterface
    public interface StepListener {
        /**
         * @param epoch the epoch, from 1
         * @param maxEpochs the most epochs this training runs
         * @param step the step within the epoch, from 1
         * @param steps steps per epoch
         * @param loss this step's mean loss over its batch
         * @param meanLoss the mean of this epoch's step losses so far
         * @param beatsPerSecond training beats per second over this epoch so far
         */
        void step(int epoch, int maxEpochs, int step, int steps, double loss, double meanLoss, double beatsPerSecond);
    }

    /**
     * A trainer that reports a progress line every 50 steps and at the end of each epoch.
     *
     * @param progress receives progress lines
     * @param checkpointDir folder for {@code best.zip} and {@code last.zip}, or {@code null}
     */
    public BeatClassifierTrainer(Consumer<String> progress, Path checkpointDir) {
        this(progress, checkpointDir, null);
    }

    /**
     * @param progress receives progress lines (data, epoch summaries, the epoch kept)
     * @param checkpointDir folder for {@code best.zip} and {@code last.zip}, or {@code null}
     * @param steps told of every step instead of the step lines of {@code progress}; {@code null}
     *     for those lines, every 50 steps and at the end of each epoch
     */
    public BeatClassifierTrainer(Consumer<String> progress, Path checkpointDir, StepListener steps) {
        this(progress, checkpointDir, steps, null);
    }

    private BeatClassifierTrainer(Consumer<String> progress, Path checkpointDir, StepListener steps,
            Start encoderSource) {
        this.encoderSource = encoderSource;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.checkpointDir = checkpointDir;
        this.stepListener = steps != null ? steps : (epoch, maxEpochs, step, n, loss, meanLoss, beatsPerSecond) -> {
            if (step % 50 == 0 || step == n) {
                progress.accept(String.format(java.util.Locale.ROOT,
                        "epoch %d step %d/%d loss %.4f (mean %.4f) %.0f beats/s", epoch, step, n, loss, meanLoss,
                        beatsPerSecond));
            }
        };
    }

    /**
     * This trainer, with the models it trains starting from the trained encoder of {@code source}
     * instead of random weights: a new head (other classes, hidden units or RR inputs to the
     * logits) on an encoder trained before, for fine-tuning ({@link #startingFrom(PretrainedEncoder)}
     * starts from a pretrained one). The model trained must have the source's architecture, input and encoder hyper-parameters; its
     * head is initialised afresh, and every weight trains unless
     * {@link TrainingConfig#freezeEncoder()} keeps the encoder as it came, or
     * {@link TrainingConfig#freezeEncoderEpochs()} keeps it so for the first epochs. The card's
     * {@link DataProvenance#encoderFrom()} names the source (its weights' SHA-256 and training
     * data).
     *
     * @param source a model of one network (not an ensemble, no class experts)
     * @throws IllegalArgumentException if {@code source} is an ensemble or has class experts
     */
    public BeatClassifierTrainer startingFrom(ModelBundle source) {
        checkOneNetwork(source);
        return new BeatClassifierTrainer(progress, checkpointDir, stepListener, new Start(source, null));
    }

    /**
     * This trainer, with the models it trains starting from a pretrained encoder
     * ({@link MaskedSignalPretrainer}) instead of random weights, as {@link #startingFrom(ModelBundle)}
     * starts from a trained model's: the model trained must have the encoder's architecture, input
     * and encoder settings; its head is initialised afresh. The card's
     * {@link DataProvenance#encoderFrom()} names the encoder (its weights' SHA-256, the pretraining
     * settings and data).
     */
    public BeatClassifierTrainer startingFrom(PretrainedEncoder source) {
        Objects.requireNonNull(source, "source");
        return new BeatClassifierTrainer(progress, checkpointDir, stepListener, new Start(null, source));
    }

    /**
     * Checks, before any data is read, that {@code model} can be trained on from the pretrained
     * encoder {@code source}: the same architecture, input and encoder settings.
     *
     * @throws IllegalArgumentException saying what differs
     */
    public static void checkStartingPoint(PretrainedEncoder source, ModelConfig model) {
        checkEncoderFits(source.card().model(), model);
    }

    /**
     * Checks, before any data is read, that {@code model} can be trained on from the encoder of
     * {@code source} ({@link #startingFrom}): one network, the same architecture, input and encoder
     * settings.
     *
     * @throws IllegalArgumentException saying what differs
     */
    public static void checkStartingPoint(ModelBundle source, ModelConfig model) {
        checkOneNetwork(source);
        checkEncoderFits(source.card().model(), model);
    }

    private static void checkOneNetwork(ModelBundle source) {
        Objects.requireNonNull(source, "source");
        if (source.card().ensemble() || source.card().hasExperts()) {
            throw new IllegalArgumentException("a model to start from must be one network; this one is "
                    + (source.card().ensemble() ? "an ensemble of " + source.card().members().size() + " (give one"
                            + " of its members: beatflow member --index I takes one out)"
                            : "a model with class experts (give its base model or an expert)"));
        }
    }

    /**
     * Trains a model.
     *
     * @param model architecture and hyper-parameters
     * @param training training configuration
     * @param train training beats
     * @param validation validation beats (records disjoint from {@code train}); may be empty, then
     *     the last epoch is kept
     * @param corpus corpus name for the card, e.g. {@code mitdb 1.0.0}
     * @param split split name for the card, e.g. {@code deChazal2004 DS1}
     * @param windowing the window configuration's text for the card
     * @throws IllegalArgumentException if train and validation share a record or have no usable beats,
     *     the model does not fit the encoder it starts from ({@link #startingFrom}), or
     *     {@code training} freezes an encoder (throughout or for its first epochs) but this trainer starts
     *     from random weights
     * @throws IOException if a checkpoint cannot be written
     */
    public TrainingResult train(ModelConfig model, TrainingConfig training, BeatDataset train, BeatDataset validation,
            String corpus, String split, String windowing) throws IOException {
        for (String r : validation.records()) {
            if (train.records().contains(r)) {
                throw new IllegalArgumentException("record " + r + " is in both the training and the validation data");
            }
        }
        if (encoderSource != null) {
            checkEncoderFits(encoderSource.model(), model);
            checkValidationUnseen(validation.records());
        } else if (training.freezeEncoder() || training.freezeEncoderEpochs() > 0) {
            throw new IllegalArgumentException("training freezes the encoder" + (training.freezeEncoder() ? ""
                    : " for its first " + training.freezeEncoderEpochs() + " epoch(s)") + ", but there is no trained"
                    + " encoder to keep: give a model to start from (startingFrom; beatflow train --encoder BUNDLE)");
        }
        InputSpec in = model.input();
        int k = model.head().classes();
        int[] trainIdx = usable(train, k);
        int[] valIdx = usable(validation, k);
        if (trainIdx.length == 0) {
            throw new IllegalArgumentException("no training beats with a label among the " + k + " classes");
        }
        long[] counts = new long[k];
        for (int i : trainIdx) {
            counts[train.label(i)]++;
        }
        float[] weights = training.classWeights(counts);
        int perEpoch = training.beatsPerEpoch() == 0 ? trainIdx.length : Math.min(training.beatsPerEpoch(),
                trainIdx.length);
        int steps = (perEpoch + training.batchSize() - 1) / training.batchSize();
        BeatNetwork net = Networks.create(model, training.seed(), training.learningRate(),
                training.learningRateDecay(), steps, training.weightDecay(), training.gradientClip(), weights);
        String encoderFrom = "";
        java.util.List<String> encoderRecords = java.util.List.of();
        // with a frozen encoder, the weights every step restores (the head alone keeps its updates)
        java.util.Map<String, float[]> frozen = null;
        if (encoderSource != null) {
            ModelBundle b = encoderSource.bundle();
            java.util.Map<String, float[]> carried = b != null ? b.network().encoderWeights()
                    : encoderSource.pretrained().weights();
            net.setEncoderWeights(carried);
            encoderFrom = b != null ? encoderFrom(b.card(), b.weightsSha256()) : encoderSource.pretrained().describe();
            encoderRecords = b != null ? recordsSeenBy(b.card()) : encoderSource.pretrained().card().records();
            progress.accept("encoder carried over (" + carried.size() + " weight arrays, "
                    + carried.values().stream().mapToLong(v -> v.length).sum() + " values) from " + encoderFrom
                    + (training.freezeEncoder() ? "; frozen: only the head trains"
                            : training.freezeEncoderEpochs() > 0 ? "; frozen for the first "
                                    + training.freezeEncoderEpochs() + " epoch(s), the head training alone, then every"
                                    + " weight trains" : ""));
            frozen = training.freezeEncoder() || training.freezeEncoderEpochs() > 0 ? carried : null;
        }
        String backend = Backend.describe();
        progress.accept(model.architecture().id() + ": " + net.parameterCount() + " parameters, " + trainIdx.length
                + " training beats " + java.util.Arrays.toString(counts) + ", " + valIdx.length
                + " validation beats, class weights " + java.util.Arrays.toString(weights) + ", backend " + backend);
        DataProvenance data = new DataProvenance(corpus, split, train.records(), validation.records(), windowing,
                digest(train, trainIdx), digest(validation, valIdx), encoderFrom, encoderRecords);

        DatasetContexts trainContexts = DatasetContexts.of(train, in);
        DatasetContexts valContexts = DatasetContexts.of(validation, in);
        Random rnd = new Random(training.seed());
        WindowTensors.TimingTransplant transplant = null;
        if (training.augmentSTiming() > 0) {
            transplant = sTiming(model, train, trainIdx, training.augmentSTiming());
            progress.accept(String.format(java.util.Locale.ROOT, "S timing: a regular N beat is taught as S with"
                    + " probability %s, with the timing of one of %d training S beats", training.augmentSTiming(),
                    transplant.donors()));
        }
        PrematureRuns runs = null;
        if (training.augmentSRuns() > 0) {
            // a generator of its own, so that the recipe's draws stay those of a training without runs
            runs = sRuns(model, train, trainIdx, training.augmentSRuns(), new Random(training.seed() + RUNS_SEED));
            progress.accept(String.format(java.util.Locale.ROOT, "runs: about %.0f beats lent per copy of %d N beats"
                    + " (%d copies; runs of %d to %d N beats with the prematurity of one of %d training S beats at"
                    + " least 10%% early)", runs.lentPerCopy(), runs.fromBeats(), runs.copies(),
                    PrematureRuns.SHORTEST_RUN, PrematureRuns.LONGEST_RUN, runs.donors()));
        }
        // the class a relabelled beat is taught as: S, for the timing transplant and the runs alike
        int relabelledAs = transplant != null ? transplant.to() : runs != null ? runs.to() : -1;
        WindowTensors.Augmentation augmentation = training.augmentShift() > 0 || training.augmentNoise() > 0
                || training.augmentRr() > 0 || training.morphologyDropout() > 0 || transplant != null || runs != null
                ? new WindowTensors.Augmentation(training.augmentShift(), training.augmentNoise(), training.augmentRr(),
                        training.morphologyDropout(), transplant, runs, rnd) : null;
        List<TrainingResult.EpochSummary> history = new ArrayList<>();
        BeatNetwork best = null;
        double bestF1 = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        Map<String, Double> bestMetrics = Map.of();
        int epoch = 0;
        int[] order = trainIdx.clone();
        double[] drawCdf = training.recordBalance() > 0
                ? cumulative(recordBalancedWeights(train, trainIdx, k, training.recordBalance())) : null;
        int[] labels = new int[training.batchSize()];
        while (epoch < training.maxEpochs()) {
            epoch++;
            boolean frozenNow = frozen != null && training.encoderFrozenIn(epoch);
            if (frozen != null && !frozenNow && training.encoderFrozenIn(epoch - 1)) {
                progress.accept("epoch " + epoch + ": the encoder is no longer frozen; every weight trains from here");
            }
            if (drawCdf == null) {
                shuffle(order, rnd);
            } else {
                draw(trainIdx, drawCdf, order, perEpoch, rnd);
            }
            long t0 = System.nanoTime();
            double lossSum = 0;
            int done = 0;
            for (int s = 0; s < steps; s++) {
                int from = s * training.batchSize();
                int to = Math.min(perEpoch, from + training.batchSize());
                WindowTensors.Batch b = WindowTensors.of(train, trainContexts, order, from, to, in, augmentation);
                int[] y = to - from == labels.length ? labels : new int[to - from];
                for (int i = from; i < to; i++) {
                    y[i - from] = b.relabelled(i - from) ? relabelledAs : train.label(order[i]);
                }
                double loss = net.fit(b.signal(), b.rr(), y, b.n());
                if (frozenNow) {
                    // The step computed every gradient at the frozen encoder's weights and updated
                    // head and encoder together; putting the encoder back leaves exactly the head's
                    // update, as a step that froze the encoder would. (The encoder's gradients are
                    // still computed: such a step costs what a full one does.)
                    net.setEncoderWeights(frozen);
                }
                lossSum += loss;
                done += b.n();
                stepListener.step(epoch, training.maxEpochs(), s + 1, steps, loss, lossSum / (s + 1),
                        done / ((System.nanoTime() - t0) / 1e9));
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double meanLoss = lossSum / steps;
            Map<String, Double> metrics = new LinkedHashMap<>();
            double macro = Double.NaN;
            List<Double> f1s = new ArrayList<>();
            if (valIdx.length > 0) {
                int[] ref = new int[valIdx.length];
                for (int i = 0; i < valIdx.length; i++) {
                    ref[i] = validation.label(valIdx[i]);
                }
                int[] pred = ClassScores.argmax(predict(net, validation, valContexts, valIdx, in));
                long[][] m = ClassScores.confusion(ref, pred, k);
                macro = ClassScores.macroF1(m);
                metrics.put("macroF1", macro);
                for (int c = 0; c < k; c++) {
                    String name = model.head().classNames().get(c);
                    double f = ClassScores.f1(m, c);
                    f1s.add(f);
                    metrics.put("F1_" + name, f);
                    metrics.put("Se_" + name, ClassScores.sensitivity(m, c));
                    metrics.put("PPV_" + name, ClassScores.positivePredictivity(m, c));
                }
                metrics.put("beats", (double) valIdx.length);
            }
            history.add(new TrainingResult.EpochSummary(epoch, meanLoss, done / secs, macro, f1s));
            progress.accept(valIdx.length == 0
                    ? String.format(java.util.Locale.ROOT, "epoch %d done: loss %.4f, %.0f beats/s (no validation"
                            + " records)", epoch, meanLoss, done / secs)
                    : String.format(java.util.Locale.ROOT, "epoch %d done: loss %.4f, %.0f beats/s, validation macro"
                            + " F1 %.4f, F1 per class %s", epoch, meanLoss, done / secs, macro,
                            format(f1s, model.head().classNames())));
            boolean improved = valIdx.length == 0 || macro > bestF1;
            if (improved) {
                bestF1 = valIdx.length == 0 ? Double.NaN : macro;
                bestEpoch = epoch;
                best = net.copy();
                bestMetrics = Map.copyOf(nonNaN(metrics));
                if (checkpointDir != null) {
                    bundle(model, training, data, best, epoch, bestEpoch, bestMetrics, backend)
                            .save(checkpointDir.resolve("best.zip"));
                }
            }
            if (checkpointDir != null) {
                bundle(model, training, data, net, epoch, epoch, nonNaN(metrics), backend)
                        .save(checkpointDir.resolve("last.zip"));
            }
            if (epoch - bestEpoch >= training.patience()) {
                progress.accept("no better validation macro F1 for " + training.patience() + " epochs: stopping");
                break;
            }
        }
        progress.accept("kept epoch " + bestEpoch + (valIdx.length > 0
                ? String.format(java.util.Locale.ROOT, " (validation macro F1 %.4f)", bestF1) : ""));
        return new TrainingResult(bundle(model, training, data, best, epoch, bestEpoch, bestMetrics, backend), history);
    }

    /**
     * Checks that {@code model} has the encoder of {@code source}: the same configuration once the
     * head is set aside.
     */
    private static void checkEncoderFits(ModelConfig source, ModelConfig model) {
        if (!source.withHead(model.head()).equals(model)) {
            String what = source.architecture() != model.architecture()
                    ? "architecture " + source.architecture().id() + " against " + model.architecture().id()
                    : ModelBundle.differences(source.withHead(model.head()), model);
            throw new IllegalArgumentException("the model to train does not have the encoder of the model it starts"
                    + " from: architecture, input and encoder settings must be the same, only the head may differ;"
                    + " they differ in " + what + " (the encoder's first): give the options the encoder was made"
                    + " with (--arch, --input, --baseline-high-pass)");
        }
    }

    /** The records a model's card says it has seen: training, validation and its encoder's, sorted. */
    public static java.util.List<String> recordsSeenBy(ModelCard card) {
        java.util.SortedSet<String> seen = new java.util.TreeSet<>();
        DataProvenance d = card.data();
        if (d != null) {
            seen.addAll(d.trainingRecords());
            seen.addAll(d.validationRecords());
            seen.addAll(d.encoderRecords());
        }
        return java.util.List.copyOf(seen);
    }

    /** The {@link DataProvenance#encoderFrom} text of a model trained on from {@code source}'s encoder. */
    private static String encoderFrom(ModelCard source, String weightsSha256) {
        DataProvenance d = source.data();
        String text = "the encoder of the " + source.model().architecture().id() + " model with weights SHA-256 "
                + weightsSha256;
        if (d != null) {
            text += ", trained on " + d.corpus() + ", " + d.split() + "; records " + String.join(" ", d.trainingRecords())
                    + "; training beats SHA-256 " + d.trainingSha256();
            if (!d.encoderFrom().isEmpty()) {
                text += "; its own encoder started from " + d.encoderFrom();
            }
        }
        if (!source.takenFrom().isEmpty()) {
            text += "; that model is " + source.takenFrom();
        }
        return text;
    }

    private static ModelBundle bundle(ModelConfig model, TrainingConfig training, DataProvenance data, BeatNetwork net,
            int epochs, int bestEpoch, Map<String, Double> metrics, String backend) {
        ModelCard card = new ModelCard(ModelCard.FORMAT_VERSION, model, net.format(), "", net.parameterCount(),
                ModelCard.normalisationOf(model.input()), training, data, epochs, bestEpoch, metrics, Versions.all(), backend,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), DecisionRule.none());
        return new ModelBundle(card, net);
    }

    private static Map<String, Double> nonNaN(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((key, v) -> {
            if (!v.isNaN()) {
                out.put(key, v);
            }
        });
        return out;
    }

    private static String format(List<Double> f1s, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < f1s.size(); c++) {
            sb.append(c == 0 ? "" : " ").append(names.get(c)).append('=')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", f1s.get(c)));
        }
        return sb.toString();
    }

    static float[][] predict(BeatNetwork net, BeatDataset d, DatasetContexts contexts, int[] idx, InputSpec in) {
        float[][] out = new float[idx.length][];
        int batch = 512;
        for (int from = 0; from < idx.length; from += batch) {
            int to = Math.min(idx.length, from + batch);
            WindowTensors.Batch b = WindowTensors.of(d, contexts, idx, from, to, in, null);
            float[][] p = net.output(b.signal(), b.rr(), b.n());
            System.arraycopy(p, 0, out, from, p.length);
        }
        return out;
    }

    /**
     * The S timing augmentation ({@link TrainingConfig#augmentSTiming}) of a model whose classes
     * include N and S: N beats in a regular rhythm, taught as S with the timing of the training S beats.
     *
     * @throws IllegalArgumentException if the model has no RR inputs or no class N or S, or the training
     *     data no S beat
     */
    private static WindowTensors.TimingTransplant sTiming(ModelConfig model, BeatDataset train, int[] trainIdx,
            double probability) {
        int[] ns = classesNAndS(model, "S timing to N beats (augmentSTiming " + probability + ")",
                "--augment-s-timing");
        int n = ns[0];
        int s = ns[1];
        try {
            return WindowTensors.TimingTransplant.of(train, trainIdx, n, s, probability);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("training lends S timing to N beats (augmentSTiming " + probability
                    + "), but the training records " + train.records() + " hold no S beat to take it from"
                    + " (train with --augment-s-timing 0)", e);
        }
    }

    /**
     * The S runs augmentation ({@link TrainingConfig#augmentSRuns}) of a model whose classes include
     * N and S: copies of the training records' rhythms with runs of N beats made premature by the
     * training S beats' prematurity.
     *
     * @throws IllegalArgumentException if the model has no RR inputs or no class N or S, or the training
     *     data no S beat at least 10% early
     */
    private static PrematureRuns sRuns(ModelConfig model, BeatDataset train, int[] trainIdx, double fraction,
            Random random) {
        int[] ns = classesNAndS(model, "runs of S timing to N beats (augmentSRuns " + fraction + ")",
                "--augment-s-runs");
        int n = ns[0];
        int s = ns[1];
        try {
            return PrematureRuns.of(train, trainIdx, n, s, fraction, model.input(), random);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("training lends runs of S timing to N beats (augmentSRuns " + fraction
                    + "), but the training records " + train.records() + " hold no S beat at least 10% early (ln of"
                    + " previous to local mean RR at most " + PrematureRuns.DONOR_PREMATURITY + ") to take it from"
                    + " (train with --augment-s-runs 0)", e);
        }
    }

    /**
     * The indices of classes N and S of a model that training lends {@code what} (e.g. "S timing to N
     * beats (augmentSTiming 0.02)"), checked to exist, with RR inputs to carry the timing.
     *
     * @throws IllegalArgumentException naming {@code option} to turn the augmentation off
     */
    private static int[] classesNAndS(ModelConfig model, String what, String option) {
        if (!model.input().useRr()) {
            throw new IllegalArgumentException("training lends " + what + ", but the model's input has no RR values to"
                    + " carry the timing: the beats would be taught as S with nothing to tell them by (train with "
                    + option + " 0, or with RR inputs)");
        }
        List<String> names = model.head().classNames();
        int n = names.indexOf("N");
        int s = names.indexOf("S");
        if (n < 0 || s < 0) {
            throw new IllegalArgumentException("training lends " + what + ", but the model's classes are " + names
                    + ": it needs N and S (train with " + option + " 0)");
        }
        return new int[] {n, s};
    }

    private static int[] usable(BeatDataset d, int classes) {
        int n = 0;
        int[] idx = new int[d.size()];
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) >= 0 && d.label(i) < classes) {
                idx[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(idx, n);
    }

    /**
     * The drawing weight of each usable training beat under {@link TrainingConfig#recordBalance()}
     * {@code beta}: beat i of record r and class c weighs {@code N_c n_rc^-beta / sum_r' n_r'c^(1-beta)},
     * where {@code n_rc} counts record r's beats of class c and {@code N_c} all beats of class c. The
     * weights of a class add up to {@code N_c} (the class is drawn as often as without balancing),
     * and record r's part of them is proportional to {@code n_rc^(1-beta)}.
     */
    static double[] recordBalancedWeights(BeatDataset d, int[] idx, int classes, double beta) {
        int records = d.records().size();
        long[][] n = new long[classes][records];
        long[] total = new long[classes];
        for (int i : idx) {
            n[d.label(i)][d.recordIndex(i)]++;
            total[d.label(i)]++;
        }
        double[] norm = new double[classes];
        for (int c = 0; c < classes; c++) {
            for (int r = 0; r < records; r++) {
                if (n[c][r] > 0) {
                    norm[c] += Math.pow(n[c][r], 1 - beta);
                }
            }
        }
        double[] w = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            int c = d.label(idx[j]);
            w[j] = total[c] * Math.pow(n[c][d.recordIndex(idx[j])], -beta) / norm[c];
        }
        return w;
    }

    static double[] cumulative(double[] w) {
        double[] cdf = new double[w.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i];
            cdf[i] = sum;
        }
        for (int i = 0; i < w.length; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    /** Fills {@code out[0..n)} with beats of {@code idx} drawn with replacement by the cumulative weights. */
    static void draw(int[] idx, double[] cdf, int[] out, int n, Random rnd) {
        for (int i = 0; i < n; i++) {
            int j = java.util.Arrays.binarySearch(cdf, rnd.nextDouble());
            j = j >= 0 ? j + 1 : -j - 1;
            out[i] = idx[Math.min(j, idx.length - 1)];
        }
    }

    /** Fisher-Yates shuffle of {@code a} in place (also the order of masked-signal pretraining). */
    static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** SHA-256 over the used beats' windows, labels and RR features, little-endian, in order. */
    static String digest(BeatDataset d, int[] idx) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(4 * (d.windowSamples() + 1 + BeatDataset.RR_FEATURES))
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] w = new float[d.windowSamples()];
            for (int i : idx) {
                buf.clear();
                d.copyWindow(i, w, 0);
                for (float v : w) {
                    buf.putFloat(v);
                }
                buf.putInt(d.label(i));
                for (float v : d.rrFeatures(i)) {
                    buf.putFloat(v);
                }
                md.update(buf.array(), 0, buf.position());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /** Creates the checkpoint folder if one was given. */
    static void prepare(Path dir) throws IOException {
        if (dir != null) {
            Files.createDirectories(dir);
        }
    }
}

package io.beatflow.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How a beat classifier is trained.
 *
 * @param maxEpochs most passes over the training beats; at least 1
 * @param batchSize beats per optimiser step; at least 1
 * @param learningRate initial Adam learning rate
 * @param learningRateDecay factor applied to the learning rate after every epoch (step schedule),
 *     in (0, 1]
 * @param weightDecay decoupled weight decay, 0 for none
 * @param gradientClip element-wise gradient clipping threshold (absolute value), 0 for none
 * @param classWeighting how the loss weighs the classes
 * @param maxClassWeight upper bound of a class weight (the rare Q class would otherwise dominate)
 * @param seed seed of initial weights, shuffling and sampling
 * @param patience epochs without a better validation macro F1 before training stops; at least 1
 * @param beatsPerEpoch beats drawn (without replacement, reshuffled each epoch) per epoch, 0 for all
 * @param augmentShift training windows are shifted by a random whole number of samples in
 *     [-augmentShift, augmentShift] (the edge sample held), 0 for none
 * @param augmentNoise standard deviation of Gaussian noise added to normalised training windows, 0 for none
 * @param augmentRr standard deviation of the natural logarithm of a random factor that scales all
 *     of a training beat's RR intervals together (previous, next, local and long-term average), 0
 *     for none. Ratios between the intervals stay as they are, so the model learns prematurity
 *     from them rather than a training patient's absolute heart rate; in [0, 1)
 * @param recordBalance how far each epoch's draw evens out the records' shares of a class, in
 *     [0, 1]. At 0 the beats are shuffled and the first {@code beatsPerEpoch} taken, so a record's
 *     share of a class is its share of that class's beats. Above 0 the epoch's beats are drawn
 *     with replacement, each class as often as at 0, and within a class each record's share
 *     proportional to {@code n^(1 - recordBalance)}, {@code n} its beats of the class: at 0.5 to
 *     the square root of its count, at 1 the same for every record that has the class. It keeps a
 *     few patients rich in a class (such as one record holding 40% of DS1's S beats) from deciding
 *     what the class looks like
 * @param morphologyDropout probability that a training beat's signal channels are all set to 0,
 *     so the network must classify it from its RR values alone, in [0, 1). It keeps the RR values'
 *     own path to the classes trained when the window's shape would otherwise decide; 0 for none
 * @param augmentSTiming probability, in [0, 1), that a training N beat in a regular rhythm (its
 *     previous and next RR intervals each within 10% of the local mean on a log scale) is taught
 *     as an S beat with the timing of a real one: its previous and next intervals become the local
 *     mean times the ratios of an S beat drawn at random from the training data (local and
 *     long-term means kept; the window is not changed). DS1's S beats come from a few patients, so
 *     without it the network sees the S timing on few beat shapes; 0 for none
 * @param augmentSRuns about this fraction, in [0, 0.5), of the training N beats is lent runs of
 *     supraventricular prematurity: at the start of training, {@value
 *     io.beatflow.models.internal.PrematureRuns#COPIES} copies of each training record's rhythm are
 *     made in which runs of 3 to 15 regular N beats in a row take the prematurity of a real training
 *     S beat (at least 10% early), and each training batch takes a beat's RR values (and for a run's
 *     beats the class S) from a copy drawn at random ({@link
 *     io.beatflow.models.internal.PrematureRuns}). Inside a run a beat is early against the rhythm
 *     before it, not against its neighbours, which single S beats lent by {@code augmentSTiming}
 *     do not show; DS1 holds few such runs. 0 for none (no number is drawn, so training is as
 *     without it)
 * @param freezeEncoder whether the encoder keeps the weights it starts with and only the head
 *     trains (a probe of a trained encoder); needs a model to start from
 *     ({@link BeatClassifierTrainer#startingFrom}). Off: every weight trains
 * @param freezeEncoderEpochs with a model to start from and {@code freezeEncoder} off: the encoder
 *     is frozen for this many epochs, the head training alone, and then every weight trains (the
 *     two stages of linear probing, then fine-tuning: a new head trained alone first does not send
 *     the large gradients of a random head into the encoder; Kumar et al. 2022, "Fine-Tuning can
 *     Distort Pretrained Features and Underperform Out-of-Distribution", ICLR). The encoder is
 *     unfrozen whole, not layer by layer. 0 (the default): every weight trains from the start; at
 *     least {@code maxEpochs}: frozen throughout, as {@code freezeEncoder} freezes it
 * @param validationRecords records held out of the training data for validation and early
 *     stopping (never test records)
 */
public record TrainingConfig(int maxEpochs, int batchSize, double learningRate, double learningRateDecay,
        double weightDecay, double gradientClip, ClassWeighting classWeighting, double maxClassWeight, long seed,
        int patience, int beatsPerEpoch, int augmentShift, double augmentNoise, double augmentRr, double recordBalance,
        double morphologyDropout, double augmentSTiming, double augmentSRuns, boolean freezeEncoder,
        int freezeEncoderEpochs, List<String> validationRecords) {
    /** Class weights of the loss, from the training class counts {@code n_c} (largest {@code n_max}). */
    public enum ClassWeighting {
        /** Every class weighs 1. */
        NONE,
        /** {@code sqrt(n_max / n_c)}. */
        INVERSE_SQRT_FREQUENCY,
        /** {@code n_max / n_c}. */
        INVERSE_FREQUENCY
    }

    /** Validates every field and copies the record list. */
    public TrainingConfig {
        if (maxEpochs < 1 || maxEpochs > 100_000) {
            throw new IllegalArgumentException("training: maxEpochs must be 1 to 100000, got " + maxEpochs);
        }
        if (batchSize < 1 || batchSize > 65_536) {
            throw new IllegalArgumentException("training: batchSize must be 1 to 65536, got " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 10)) {
            throw new IllegalArgumentException("training: learningRate must be in (0, 10), got " + learningRate);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("training: learningRateDecay must be in (0, 1], got "
                    + learningRateDecay);
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            throw new IllegalArgumentException("training: weightDecay must be in [0, 1), got " + weightDecay);
        }
        if (!(gradientClip >= 0) || !Double.isFinite(gradientClip)) {
            throw new IllegalArgumentException("training: gradientClip must be >= 0, got " + gradientClip);
        }
        Objects.requireNonNull(classWeighting, "classWeighting");
        if (!(maxClassWeight >= 1) || !Double.isFinite(maxClassWeight)) {
            throw new IllegalArgumentException("training: maxClassWeight must be >= 1, got " + maxClassWeight);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("training: patience must be >= 1, got " + patience);
        }
        if (beatsPerEpoch < 0) {
            throw new IllegalArgumentException("training: beatsPerEpoch must be >= 0, got " + beatsPerEpoch);
        }
        if (augmentShift < 0 || augmentShift > 1000) {
            throw new IllegalArgumentException("training: augmentShift must be 0 to 1000, got " + augmentShift);
        }
        if (!(augmentNoise >= 0 && augmentNoise < 10)) {
            throw new IllegalArgumentException("training: augmentNoise must be in [0, 10), got " + augmentNoise);
        }
        if (!(augmentRr >= 0 && augmentRr < 1)) {
            throw new IllegalArgumentException("training: augmentRr must be in [0, 1), got " + augmentRr);
        }
        if (!(recordBalance >= 0 && recordBalance <= 1)) {
            throw new IllegalArgumentException("training: recordBalance must be in [0, 1], got " + recordBalance);
        }
        if (!(morphologyDropout >= 0 && morphologyDropout < 1)) {
            throw new IllegalArgumentException("training: morphologyDropout must be in [0, 1), got "
                    + morphologyDropout);
        }
        if (!(augmentSTiming >= 0 && augmentSTiming < 1)) {
            throw new IllegalArgumentException("training: augmentSTiming must be in [0, 1), got " + augmentSTiming);
        }
        if (!(augmentSRuns >= 0 && augmentSRuns < 0.5)) {
            throw new IllegalArgumentException("training: augmentSRuns must be in [0, 0.5), got " + augmentSRuns);
        }
        if (freezeEncoderEpochs < 0 || freezeEncoderEpochs > 100_000) {
            throw new IllegalArgumentException("training: freezeEncoderEpochs must be 0 to 100000, got "
                    + freezeEncoderEpochs);
        }
        if (freezeEncoder && freezeEncoderEpochs > 0) {
            throw new IllegalArgumentException("training: freezeEncoder keeps the encoder frozen throughout, so"
                    + " freezeEncoderEpochs (" + freezeEncoderEpochs + ", frozen for the first epochs only) cannot be"
                    + " given with it: give one of the two");
        }
        validationRecords = List.copyOf(validationRecords);
    }

    /** Whether the carried encoder is frozen in epoch {@code epoch} (1-based). */
    public boolean encoderFrozenIn(int epoch) {
        return freezeEncoder || epoch <= freezeEncoderEpochs;
    }

    /**
     * Defaults: 12 epochs, batch 128, Adam 1e-3 decaying by 0.85 per epoch, weight decay 1e-4,
     * clipping at 1, inverse-square-root class weights capped at 20, seed 42, patience 4, every
     * beat each epoch, shifts of up to 3 samples and noise of 0.05 (in units of the window's
     * standard deviation), no record balancing, morphology dropout, S timing or S runs, every weight trained, validation records by {@link #validationRecordsOf}.
     */
    public static TrainingConfig defaults(List<String> trainingRecords) {
        return new TrainingConfig(12, 128, 1e-3, 0.85, 1e-4, 1.0, ClassWeighting.INVERSE_SQRT_FREQUENCY, 20, 42, 4, 0,
                3, 0.05, 0, 0, 0, 0, 0, false, 0, validationRecordsOf(trainingRecords));
    }

    /** Record names in numeric order where they are numbers (MIT-BIH's), then by name. */
    public static final Comparator<String> RECORD_ORDER = Comparator
            .comparing((String r) -> r.matches("\\d+") ? Long.parseLong(r) : Long.MAX_VALUE)
            .thenComparing(Comparator.naturalOrder());

    /**
     * The validation records of a training part, by a fixed rule without randomness: the records
     * sorted by name (numerically where they are numbers), then every fifth one starting with the
     * fifth. For de Chazal's DS1 this gives 112, 119, 205 and 220: four patients whose beats include
     * N, S (220), V (119, 205) and F (205), while the records richest in S beats (118, 201, 207,
     * 209, 223) and nearly all F beats (208) stay in training. (Starting with the first record gave
     * 101, 114, 122, 207 and 223; record 207's bundle-branch-block N beats, which look ventricular,
     * then dominated the validation score, and training lost 207's and 223's S and V beats. The
     * rule was changed for that, on DS1 evidence only.)
     */
    public static List<String> validationRecordsOf(List<String> trainingRecords) {
        List<String> sorted = new ArrayList<>(trainingRecords);
        sorted.sort(RECORD_ORDER);
        List<String> out = new ArrayList<>();
        for (int i = 4; i < sorted.size(); i += 5) {
            out.add(sorted.get(i));
        }
        return List.copyOf(out);
    }

    /** This config with another seed. */
    public TrainingConfig withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    /** This config with another number of epochs. */
    public TrainingConfig withMaxEpochs(int e) {
        return toBuilder().maxEpochs(e).build();
    }

    /** This config with another number of beats per epoch (0 for all). */
    public TrainingConfig withBeatsPerEpoch(int b) {
        return toBuilder().beatsPerEpoch(b).build();
    }

    /** This config with another batch size. */
    public TrainingConfig withBatchSize(int b) {
        return toBuilder().batchSize(b).build();
    }

    /** This config with another RR scaling augmentation (see {@code augmentRr}). */
    public TrainingConfig withAugmentRr(double sigma) {
        return toBuilder().augmentRr(sigma).build();
    }

    /** This config with another record balance (see {@code recordBalance}). */
    public TrainingConfig withRecordBalance(double beta) {
        return toBuilder().recordBalance(beta).build();
    }

    /** This config with another morphology dropout (see {@code morphologyDropout}). */
    public TrainingConfig withMorphologyDropout(double p) {
        return toBuilder().morphologyDropout(p).build();
    }

    /** This config with another S timing augmentation (see {@code augmentSTiming}). */
    public TrainingConfig withAugmentSTiming(double p) {
        return toBuilder().augmentSTiming(p).build();
    }

    /** This config with another S runs augmentation (see {@code augmentSRuns}). */
    public TrainingConfig withAugmentSRuns(double fraction) {
        return toBuilder().augmentSRuns(fraction).build();
    }

    /** This config with the encoder frozen or not (see {@code freezeEncoder}). */
    public TrainingConfig withFreezeEncoder(boolean on) {
        return toBuilder().freezeEncoder(on).build();
    }

    /** This config with the encoder frozen for the first {@code epochs} epochs (see {@code freezeEncoderEpochs}). */
    public TrainingConfig withFreezeEncoderEpochs(int epochs) {
        return toBuilder().freezeEncoderEpochs(epochs).build();
    }

    /** This config with other validation records (none: every epoch runs, the last is kept). */
    public TrainingConfig withValidationRecords(List<String> records) {
        return toBuilder().validationRecords(records).build();
    }

    /** This config with another initial learning rate. */
    public TrainingConfig withLearningRate(double lr) {
        return toBuilder().learningRate(lr).build();
    }

    /** A builder holding this config's values, to change several at once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some values of a {@link TrainingConfig}; {@link #build()} validates them all. */
    public static final class Builder {
        private int maxEpochs;
        private int batchSize;
        private double learningRate;
        private double learningRateDecay;
        private double weightDecay;
        private double gradientClip;
        private ClassWeighting classWeighting;
        private double maxClassWeight;
        private long seed;
        private int patience;
        private int beatsPerEpoch;
        private int augmentShift;
        private double augmentNoise;
        private double augmentRr;
        private double recordBalance;
        private double morphologyDropout;
        private double augmentSTiming;
        private double augmentSRuns;
        private boolean freezeEncoder;
        private int freezeEncoderEpochs;
        private List<String> validationRecords;

        private Builder(TrainingConfig c) {
            maxEpochs = c.maxEpochs;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            learningRateDecay = c.learningRateDecay;
            weightDecay = c.weightDecay;
            gradientClip = c.gradientClip;
            classWeighting = c.classWeighting;
            maxClassWeight = c.maxClassWeight;
            seed = c.seed;
            patience = c.patience;
            beatsPerEpoch = c.beatsPerEpoch;
            augmentShift = c.augmentShift;
            augmentNoise = c.augmentNoise;
            augmentRr = c.augmentRr;
            recordBalance = c.recordBalance;
            morphologyDropout = c.morphologyDropout;
            augmentSTiming = c.augmentSTiming;
            augmentSRuns = c.augmentSRuns;
            freezeEncoder = c.freezeEncoder;
            freezeEncoderEpochs = c.freezeEncoderEpochs;
            validationRecords = c.validationRecords;
        }

        /** See {@link TrainingConfig#maxEpochs()}. */
        public Builder maxEpochs(int v) {
            maxEpochs = v;
            return this;
        }

        /** See {@link TrainingConfig#batchSize()}. */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** See {@link TrainingConfig#learningRate()}. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** See {@link TrainingConfig#learningRateDecay()}. */
        public Builder learningRateDecay(double v) {
            learningRateDecay = v;
            return this;
        }

        /** See {@link TrainingConfig#weightDecay()}. */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** See {@link TrainingConfig#gradientClip()}. */
        public Builder gradientClip(double v) {
            gradientClip = v;
            return this;
        }

        /** See {@link TrainingConfig#classWeighting()}. */
        public Builder classWeighting(ClassWeighting v) {
            classWeighting = v;
            return this;
        }

        /** See {@link TrainingConfig#maxClassWeight()}. */
        public Builder maxClassWeight(double v) {
            maxClassWeight = v;
            return this;
        }

        /** See {@link TrainingConfig#seed()}. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** See {@link TrainingConfig#patience()}. */
        public Builder patience(int v) {
            patience = v;
            return this;
        }

        /** See {@link TrainingConfig#beatsPerEpoch()}. */
        public Builder beatsPerEpoch(int v) {
            beatsPerEpoch = v;
            return this;
        }

        /** See {@link TrainingConfig#augmentShift()}. */
        public Builder augmentShift(int v) {
            augmentShift = v;
            return this;
        }

        /** See {@link TrainingConfig#augmentNoise()}. */
        public Builder augmentNoise(double v) {
            augmentNoise = v;
            return this;
        }

        /** See {@link TrainingConfig#augmentRr()}. */
        public Builder augmentRr(double v) {
            augmentRr = v;
            return this;
        }

        /** See {@link TrainingConfig#recordBalance()}. */
        public Builder recordBalance(double v) {
            recordBalance = v;
            return this;
        }

        /** See {@link TrainingConfig#morphologyDropout()}. */
        public Builder morphologyDropout(double v) {
            morphologyDropout = v;
            return this;
        }

        /** See {@link TrainingConfig#augmentSTiming()}. */
        public Builder augmentSTiming(double v) {
            augmentSTiming = v;
            return this;
        }

        /** See {@link TrainingConfig#augmentSRuns()}. */
        public Builder augmentSRuns(double v) {
            augmentSRuns = v;
            return this;
        }

        /** See {@link TrainingConfig#freezeEncoderEpochs()}. */
        public Builder freezeEncoderEpochs(int v) {
            freezeEncoderEpochs = v;
            return this;
        }

        /** See {@link TrainingConfig#freezeEncoder()}. */
        public Builder freezeEncoder(boolean v) {
            freezeEncoder = v;
            return this;
        }

        /** See {@link TrainingConfig#validationRecords()}. */
        public Builder validationRecords(List<String> v) {
            validationRecords = v;
            return this;
        }

        /** The config, validated as the record's constructor validates it. */
        public TrainingConfig build() {
            return new TrainingConfig(maxEpochs, batchSize, learningRate, learningRateDecay, weightDecay, gradientClip,
                    classWeighting, maxClassWeight, seed, patience, beatsPerEpoch, augmentShift, augmentNoise, augmentRr,
                    recordBalance, morphologyDropout, augmentSTiming, augmentSRuns, freezeEncoder, freezeEncoderEpochs,
                    validationRecords);
        }
    }

    /**
     * Class weights of the loss from training class counts: see {@link ClassWeighting}; a class
     * without training beats weighs 0; every weight at most {@link #maxClassWeight()}.
     */
    public float[] classWeights(long[] counts) {
        long max = 0;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        float[] w = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double r = (double) max / counts[i];
            double v = switch (classWeighting) {
                case NONE -> 1;
                case INVERSE_SQRT_FREQUENCY -> Math.sqrt(r);
                case INVERSE_FREQUENCY -> r;
            };
            w[i] = (float) Math.min(v, maxClassWeight);
        }
        return w;
    }
}

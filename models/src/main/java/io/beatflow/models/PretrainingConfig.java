package io.beatflow.models;

/**
 * Settings of masked-signal pretraining ({@link MaskedSignalPretrainer}): an encoder learns to fill
 * in stretches of a beat window that were blanked out, from the rest of the window, with no label.
 *
 * <p>Each beat's window is cut into blocks of {@code spanSamples} samples from its first sample;
 * {@code round(maskFraction * blocks)} blocks, drawn at random for every beat and every epoch, are set
 * to 0 in every signal channel (the inputs are z-scored, so 0 is the window's mean), and the network
 * is scored on how well it gives back the first channel's samples in those blocks alone (mean
 * squared error over the masked samples). The window's random shift ({@code augmentShift}, as in
 * training) moves the beat against the blocks.
 *
 * @param maskFraction share of each window blanked out, in (0, 1), rounded to whole blocks (at least one)
 * @param spanSamples samples per masked block, at least 1 and at most the window's length
 * @param epochs epochs, at least 1
 * @param beatsPerEpoch beats drawn (without replacement) per epoch; 0 for all of them
 * @param batchSize beats per optimiser step
 * @param learningRate Adam's initial learning rate
 * @param learningRateDecay factor on the learning rate after each epoch, in (0, 1]
 * @param weightDecay decoupled weight decay (0 for none)
 * @param gradientClip element-wise gradient clipping (0 for none)
 * @param augmentShift largest random shift of a window, in samples (0 for none)
 * @param hiddenUnits units of the reconstruction head's hidden layer (the head is dropped after pretraining)
 * @param seed seed of the weights, the order of beats, the shifts and the masks
 */
public record PretrainingConfig(double maskFraction, int spanSamples, int epochs, int beatsPerEpoch, int batchSize,
        double learningRate, double learningRateDecay, double weightDecay, double gradientClip, int augmentShift,
        int hiddenUnits, long seed) {

    public PretrainingConfig {
        if (!(maskFraction > 0 && maskFraction < 1)) {
            throw new IllegalArgumentException("maskFraction must be in (0, 1), was " + maskFraction);
        }
        if (spanSamples < 1) {
            throw new IllegalArgumentException("spanSamples must be at least 1, was " + spanSamples);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
        }
        if (beatsPerEpoch < 0) {
            throw new IllegalArgumentException("beatsPerEpoch must be 0 (all beats) or more, was " + beatsPerEpoch);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive, was " + learningRate);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new IllegalArgumentException("learningRateDecay must be in (0, 1], was " + learningRateDecay);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be 0 or more, was " + weightDecay);
        }
        if (!(gradientClip >= 0) || Double.isInfinite(gradientClip)) {
            throw new IllegalArgumentException("gradientClip must be 0 or more, was " + gradientClip);
        }
        if (augmentShift < 0) {
            throw new IllegalArgumentException("augmentShift must be 0 or more, was " + augmentShift);
        }
        if (hiddenUnits < 1) {
            throw new IllegalArgumentException("hiddenUnits must be at least 1, was " + hiddenUnits);
        }
    }

    /**
     * Defaults: 30% of the window masked in blocks of 16 samples (44 ms at 360 Hz, about half a
     * QRS complex), 5 epochs of 16,000 beats in batches of 128, Adam at 0.001 falling by 0.85 per
     * epoch, weight decay 1e-4, clipping at 1, shifts of up to 3 samples (those of training), a
     * hidden layer of 128 units, seed 42.
     */
    public static PretrainingConfig defaults() {
        return new PretrainingConfig(0.3, 16, 5, 16_000, 128, 1e-3, 0.85, 1e-4, 1.0, 3, 128, 42);
    }

    /** Masked blocks per window of {@code windowSamples} samples. */
    public int maskedBlocks(int windowSamples) {
        if (spanSamples > windowSamples) {
            throw new IllegalArgumentException("spanSamples " + spanSamples + " is longer than the window ("
                    + windowSamples + " samples)");
        }
        int blocks = (windowSamples + spanSamples - 1) / spanSamples;
        return Math.max(1, Math.min(blocks - 1, (int) Math.round(maskFraction * blocks)));
    }

    /** This config with another seed. */
    public PretrainingConfig withSeed(long s) {
        return new PretrainingConfig(maskFraction, spanSamples, epochs, beatsPerEpoch, batchSize, learningRate,
                learningRateDecay, weightDecay, gradientClip, augmentShift, hiddenUnits, s);
    }

    /** This config with other mask settings. */
    public PretrainingConfig withMask(double fraction, int span) {
        return new PretrainingConfig(fraction, span, epochs, beatsPerEpoch, batchSize, learningRate,
                learningRateDecay, weightDecay, gradientClip, augmentShift, hiddenUnits, seed);
    }

    /** This config with another length of training. */
    public PretrainingConfig withEpochs(int n, int beats) {
        return new PretrainingConfig(maskFraction, spanSamples, n, beats, batchSize, learningRate,
                learningRateDecay, weightDecay, gradientClip, augmentShift, hiddenUnits, seed);
    }
}

package io.beatflow.models.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * A trainable beat classifier network behind a framework-neutral surface: inputs and outputs are
 * plain float arrays, so nothing outside this package sees an ND4J type.
 *
 * <p>Inputs of {@code n} beats: {@code signal} holds {@code n * windowSamples} normalised samples
 * beat by beat, {@code rr} holds {@code n * rrInputs} RR values (empty when the model has none).
 * Implementations are not thread-safe; callers serialise access.
 */
public interface BeatNetwork {
    /**
     * One optimiser step on a batch; returns the (weighted) mean loss of the batch before the step,
     * without the weight decay term.
     */
    double fit(float[] signal, float[] rr, int[] labels, int n);

    /** Class probabilities, {@code n x classes}. */
    float[][] output(float[] signal, float[] rr, int n);

    /** Writes the weights and network configuration in the framework's own format. */
    void write(OutputStream out) throws IOException;

    /** Name of that format, stored in the model card: {@link GraphNetworks#FORMAT} or {@link TransformerNetwork#FORMAT}. */
    String format();

    /** Number of trainable parameters. */
    long parameterCount();

    /** An independent copy with the same weights (for keeping the best model while training). */
    BeatNetwork copy();

    /** Prefix of the names of encoder layers and variables; the head's are {@code head_*}. */
    String ENCODER_PREFIX = "enc_";

    /**
     * Copies of the encoder's trainable weights (the {@code enc_*} layers or variables), each as a
     * row-major array, by parameter name in name order: what a new head carries over from a
     * trained model.
     *
     * @throws IllegalArgumentException if the network has no single encoder (an ensemble, a model
     *     with class experts: what networks of one encoder override)
     */
    default Map<String, float[]> encoderWeights() {
        throw new IllegalArgumentException(getClass().getSimpleName() + " has no single encoder: give one network");
    }

    /**
     * Sets the encoder's weights to those of another network of the same encoder configuration,
     * as {@link #encoderWeights} gives them; the head keeps its own.
     *
     * @throws IllegalArgumentException if the names or sizes differ from this network's encoder
     *     weights (nothing is changed then), or the network has no single encoder
     */
    default void setEncoderWeights(Map<String, float[]> weights) {
        throw new IllegalArgumentException(getClass().getSimpleName() + " has no single encoder: give one network");
    }

    /**
     * Checks that {@code given} has exactly the parameters of {@code own}, each of the same size.
     *
     * @throws IllegalArgumentException naming the first parameter that is missing, extra or of another size
     */
    static void checkEncoderWeights(Map<String, float[]> own, Map<String, float[]> given) {
        for (Map.Entry<String, float[]> e : own.entrySet()) {
            float[] v = given.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("encoder weights: parameter " + e.getKey()
                        + " is missing from the given weights " + given.keySet());
            }
            if (v.length != e.getValue().length) {
                throw new IllegalArgumentException("encoder weights: parameter " + e.getKey() + " has " + v.length
                        + " values, this encoder's has " + e.getValue().length);
            }
        }
        for (String name : given.keySet()) {
            if (!own.containsKey(name)) {
                throw new IllegalArgumentException("encoder weights: parameter " + name + " is not in this encoder "
                        + own.keySet());
            }
        }
    }
}

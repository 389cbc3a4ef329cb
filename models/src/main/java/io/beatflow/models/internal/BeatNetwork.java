package io.beatflow.models.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A trainable beat classifier network behind a framework-neutral surface: inputs and outputs are
 * plain float arrays, so nothing outside this package sees an ND4J type.
 *
 * <p>Inputs of {@code n} beats: {@code signal} holds {@code n * windowSamples} normalised samples
 * beat by beat, {@code rr} holds {@code n * rrInputs} RR values (empty when the model has none).
 * Implementations are not thread-safe; callers serialise access.
 */
public interface BeatNetwork {
    /** One optimiser step on a batch; returns the (weighted) mean loss of the batch before the step. */
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
}

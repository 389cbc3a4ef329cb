package io.beatflow.models;

import java.util.Locale;

/** The beat classifier families, each an encoder plus a classification head. */
public enum Architecture {
    /** Residual 1D convolutional network ({@link CnnConfig}). */
    CNN,
    /** Bidirectional LSTM behind a down-sampling convolutional front-end ({@link BiLstmConfig}). */
    BILSTM,
    /** Multi-head self-attention over convolutional or BiLSTM features, pooled ({@link AttentionConfig}). */
    ATTENTION,
    /** Transformer encoder over patches of the window, built in SameDiff ({@link TransformerConfig}). */
    TRANSFORMER;

    /** The name as written on the command line and in model cards: {@code cnn}, {@code bilstm}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The architecture of a command-line or model-card name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known ones
     */
    public static Architecture of(String id) {
        for (Architecture a : values()) {
            if (a.id().equalsIgnoreCase(id.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + id + "'; known: cnn, bilstm, attention, transformer");
    }
}

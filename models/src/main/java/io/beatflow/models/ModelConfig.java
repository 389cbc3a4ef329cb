package io.beatflow.models;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An architecture's hyper-parameters: what its input is, how its encoder is built, and its head.
 * Implementations are immutable records validated in their constructors.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "architecture")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CnnConfig.class, name = "cnn"),
    @JsonSubTypes.Type(value = BiLstmConfig.class, name = "bilstm"),
    @JsonSubTypes.Type(value = AttentionConfig.class, name = "attention"),
    @JsonSubTypes.Type(value = TransformerConfig.class, name = "transformer")})
public sealed interface ModelConfig permits CnnConfig, BiLstmConfig, AttentionConfig, TransformerConfig {
    /** The architecture family. */
    Architecture architecture();

    /** Input window and RR features. */
    InputSpec input();

    /** The classification head. */
    HeadConfig head();

    /** This configuration with another head. */
    ModelConfig withHead(HeadConfig head);

    /**
     * This configuration with another input of the same shape (channels, window, RR inputs), so
     * that the same network takes it.
     *
     * @throws IllegalArgumentException if the shape differs
     */
    ModelConfig withInput(InputSpec input);

    /** This configuration with its input's baseline high-pass at {@code hz} (0: none). */
    default ModelConfig withBaselineHighPass(double hz) {
        return withInput(input().withBaselineHighPass(hz));
    }

    /** The default configuration of an architecture for {@code input} and the AAMI head. */
    static ModelConfig defaults(Architecture a, InputSpec input) {
        return switch (a) {
            case CNN -> CnnConfig.defaults(input);
            case BILSTM -> BiLstmConfig.defaults(input);
            case ATTENTION -> AttentionConfig.defaults(input);
            case TRANSFORMER -> TransformerConfig.defaults(input);
        };
    }
}

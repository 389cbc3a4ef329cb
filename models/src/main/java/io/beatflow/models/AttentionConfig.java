package io.beatflow.models;

import java.util.Objects;

/**
 * Attention over sequence features: the strided convolutional front-end of {@link BiLstmConfig}
 * (optionally followed by a BiLSTM), then multi-head dot-product self-attention
 * (DL4J {@code SelfAttentionLayer}, projected inputs), pooled over time (average and maximum) into
 * the embedding. DL4J's {@code LearnedSelfAttentionLayer} (learned queries) fails in 1.0.0-M2.1,
 * so the pooling after self-attention is global.
 *
 * @param input input window and RR features
 * @param frontEndChannels channels of the front-end convolutions
 * @param frontEndStride stride of each front-end convolution, 1 to 8
 * @param lstmUnits units per direction of a BiLSTM between front-end and attention, 0 for none
 * @param heads attention heads, at least 1
 * @param headSize size of each head, at least 1
 * @param head classification head
 */
public record AttentionConfig(InputSpec input, int frontEndChannels, int frontEndStride, int lstmUnits, int heads,
        int headSize, HeadConfig head) implements ModelConfig {
    /** Validates every field. */
    public AttentionConfig {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(head, "head");
        if (frontEndChannels < 1 || frontEndChannels > 1024) {
            throw new IllegalArgumentException("attention: frontEndChannels must be 1 to 1024, got "
                    + frontEndChannels);
        }
        if (frontEndStride < 1 || frontEndStride > 8) {
            throw new IllegalArgumentException("attention: frontEndStride must be 1 to 8, got " + frontEndStride);
        }
        if (lstmUnits < 0 || lstmUnits > 4096) {
            throw new IllegalArgumentException("attention: lstmUnits must be 0 to 4096, got " + lstmUnits);
        }
        if (heads < 1 || heads > 64) {
            throw new IllegalArgumentException("attention: heads must be 1 to 64, got " + heads);
        }
        if (headSize < 1 || headSize > 1024) {
            throw new IllegalArgumentException("attention: headSize must be 1 to 1024, got " + headSize);
        }
        if (BiLstmConfig.recurrentSteps(input.windowSamples(), frontEndStride) < 2) {
            throw new IllegalArgumentException("attention: stride " + frontEndStride
                    + " leaves fewer than 2 steps of a " + input.windowSamples() + "-sample window");
        }
    }

    @Override
    public AttentionConfig withHead(HeadConfig h) {
        return new AttentionConfig(input, frontEndChannels, frontEndStride, lstmUnits, heads, headSize, h);
    }

    @Override
    public AttentionConfig withInput(InputSpec in) {
        return new AttentionConfig(input.sameShape(in), frontEndChannels, frontEndStride, lstmUnits, heads,
                headSize, head);
    }

    /** 32 front-end channels, stride 2 twice, no BiLSTM, 4 heads of 16. */
    public static AttentionConfig defaults(InputSpec input) {
        return new AttentionConfig(input, 32, 2, 0, 4, 16, HeadConfig.aami());
    }

    @Override
    public Architecture architecture() {
        return Architecture.ATTENTION;
    }
}

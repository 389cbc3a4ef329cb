package io.beatflow.models;

import java.util.List;
import java.util.Objects;

/**
 * Residual 1D-CNN: a stem convolution (optionally strided, which halves every later layer's
 * work per factor of 2), then per stage a residual block (two same-padded
 * convolutions, ReLU after the first, their sum with a 1x1-projected shortcut through ReLU) followed by
 * max pooling by 2; the last stage is pooled over time (average and maximum, concatenated) into
 * the embedding. There is no batch normalisation: DL4J 1.0.0-M2.1's {@code BatchNormalization}
 * rejected the 1D convolution activations in this graph ({@code input.size(1) does not match}).
 *
 * @param input input window and RR features
 * @param stemChannels channels of the stem convolution; at least 1
 * @param stemStride stride of the stem convolution, 1 to 4 (bundles before format 3 have 1)
 * @param stageChannels channels per residual stage; 1 to 8 stages, each at least 1
 * @param kernelSize odd convolution kernel length, 3 to 63
 * @param head classification head
 */
public record CnnConfig(InputSpec input, int stemChannels, int stemStride, List<Integer> stageChannels,
        int kernelSize, HeadConfig head) implements ModelConfig {
    /** Validates every field. */
    public CnnConfig {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(head, "head");
        if (stemChannels < 1 || stemChannels > 1024) {
            throw new IllegalArgumentException("cnn: stemChannels must be 1 to 1024, got " + stemChannels);
        }
        if (stemStride < 1 || stemStride > 4) {
            throw new IllegalArgumentException("cnn: stemStride must be 1 to 4, got " + stemStride);
        }
        stageChannels = List.copyOf(stageChannels);
        if (stageChannels.isEmpty() || stageChannels.size() > 8) {
            throw new IllegalArgumentException("cnn: need 1 to 8 stages, got " + stageChannels.size());
        }
        for (int c : stageChannels) {
            if (c < 1 || c > 1024) {
                throw new IllegalArgumentException("cnn: stage channels must be 1 to 1024, got " + stageChannels);
            }
        }
        if (kernelSize < 3 || kernelSize > 63 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("cnn: kernelSize must be odd, 3 to 63, got " + kernelSize);
        }
        int steps = (input.windowSamples() + stemStride - 1) / stemStride;
        if (steps >> stageChannels.size() < 2) {
            throw new IllegalArgumentException("cnn: a stem of stride " + stemStride + " and " + stageChannels.size()
                    + " stages pool a window of " + input.windowSamples() + " samples below 2 steps");
        }
    }

    /** A CNN whose stem has stride 1. */
    public CnnConfig(InputSpec input, int stemChannels, List<Integer> stageChannels, int kernelSize, HeadConfig head) {
        this(input, stemChannels, 1, stageChannels, kernelSize, head);
    }

    @Override
    public CnnConfig withHead(HeadConfig h) {
        return new CnnConfig(input, stemChannels, stemStride, stageChannels, kernelSize, h);
    }

    @Override
    public CnnConfig withInput(InputSpec in) {
        return new CnnConfig(input.sameShape(in), stemChannels, stemStride, stageChannels, kernelSize, head);
    }

    /**
     * Stem 16 channels of stride 2 (the window at half rate from the first layer on), stages
     * 16-32-64, kernel 5, AAMI head.
     */
    public static CnnConfig defaults(InputSpec input) {
        return new CnnConfig(input, 16, 2, List.of(16, 32, 64), 5, HeadConfig.aami());
    }

    @Override
    public Architecture architecture() {
        return Architecture.CNN;
    }
}

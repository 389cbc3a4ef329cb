package io.beatflow.models;

import java.util.Objects;

/**
 * Bidirectional LSTM behind a down-sampling convolutional front-end: two strided convolutions
 * (kernel 7 and 5, ReLU) shorten the window by {@code frontEndStride}^2, so the recurrent layer
 * runs on a few dozen steps (LSTMs are slow on the CPU); the BiLSTM outputs are pooled over time
 * (average and maximum) into the embedding.
 *
 * @param input input window and RR features
 * @param frontEndChannels channels of the front-end convolutions
 * @param frontEndStride stride of each front-end convolution, 1 to 8
 * @param lstmUnits units per direction
 * @param head classification head
 */
public record BiLstmConfig(InputSpec input, int frontEndChannels, int frontEndStride, int lstmUnits, HeadConfig head)
        implements ModelConfig {
    /** Validates every field. */
    public BiLstmConfig {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(head, "head");
        if (frontEndChannels < 1 || frontEndChannels > 1024) {
            throw new IllegalArgumentException("bilstm: frontEndChannels must be 1 to 1024, got " + frontEndChannels);
        }
        if (frontEndStride < 1 || frontEndStride > 8) {
            throw new IllegalArgumentException("bilstm: frontEndStride must be 1 to 8, got " + frontEndStride);
        }
        if (lstmUnits < 1 || lstmUnits > 4096) {
            throw new IllegalArgumentException("bilstm: lstmUnits must be 1 to 4096, got " + lstmUnits);
        }
        if (recurrentSteps(input.windowSamples(), frontEndStride) < 2) {
            throw new IllegalArgumentException("bilstm: stride " + frontEndStride + " leaves fewer than 2 steps of a "
                    + input.windowSamples() + "-sample window");
        }
    }

    @Override
    public BiLstmConfig withHead(HeadConfig h) {
        return new BiLstmConfig(input, frontEndChannels, frontEndStride, lstmUnits, h);
    }

    @Override
    public BiLstmConfig withInput(InputSpec in) {
        return new BiLstmConfig(input.sameShape(in), frontEndChannels, frontEndStride, lstmUnits, head);
    }

    /** 32 front-end channels, stride 2 twice (256 samples give 64 steps), 32 units per direction. */
    public static BiLstmConfig defaults(InputSpec input) {
        return new BiLstmConfig(input, 32, 2, 32, HeadConfig.aami());
    }

    /** Steps the recurrent layer sees: the window length divided by the stride twice, rounded up. */
    public static int recurrentSteps(int windowSamples, int stride) {
        int once = (windowSamples + stride - 1) / stride;
        return (once + stride - 1) / stride;
    }

    @Override
    public Architecture architecture() {
        return Architecture.BILSTM;
    }
}

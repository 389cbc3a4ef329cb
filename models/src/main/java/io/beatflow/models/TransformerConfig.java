package io.beatflow.models;

import java.util.Objects;

/**
 * Transformer encoder (Vaswani et al., "Attention is all you need", NeurIPS 2017) over patches of
 * the window, built in SameDiff: the window is cut into non-overlapping patches of
 * {@code patchSize} samples, each linearly embedded to {@code modelDim}, plus fixed sinusoidal
 * positional encodings; then {@code layers} pre-norm blocks (layer norm, multi-head self-attention,
 * residual; layer norm, feed-forward with GELU, residual); a final layer norm and the mean over
 * patches give the embedding.
 *
 * @param input input window and RR features; its length must be a multiple of the patch size
 * @param patchSize samples per patch
 * @param modelDim embedding width; a multiple of {@code heads}
 * @param heads attention heads
 * @param layers encoder blocks, 1 to 12
 * @param ffDim feed-forward hidden width
 * @param head classification head
 */
public record TransformerConfig(InputSpec input, int patchSize, int modelDim, int heads, int layers, int ffDim,
        HeadConfig head) implements ModelConfig {
    /** Validates every field. */
    public TransformerConfig {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(head, "head");
        if (patchSize < 1 || input.windowSamples() % patchSize != 0 || input.windowSamples() / patchSize < 2) {
            throw new IllegalArgumentException("transformer: patchSize " + patchSize + " must divide the window of "
                    + input.windowSamples() + " samples into at least 2 patches");
        }
        if (heads < 1 || heads > 64) {
            throw new IllegalArgumentException("transformer: heads must be 1 to 64, got " + heads);
        }
        if (modelDim < 1 || modelDim > 4096 || modelDim % heads != 0) {
            throw new IllegalArgumentException("transformer: modelDim " + modelDim
                    + " must be 1 to 4096 and a multiple of heads (" + heads + ")");
        }
        if (layers < 1 || layers > 12) {
            throw new IllegalArgumentException("transformer: layers must be 1 to 12, got " + layers);
        }
        if (ffDim < 1 || ffDim > 16_384) {
            throw new IllegalArgumentException("transformer: ffDim must be 1 to 16384, got " + ffDim);
        }
    }

    @Override
    public TransformerConfig withHead(HeadConfig h) {
        return new TransformerConfig(input, patchSize, modelDim, heads, layers, ffDim, h);
    }

    @Override
    public TransformerConfig withInput(InputSpec in) {
        return new TransformerConfig(input.sameShape(in), patchSize, modelDim, heads, layers, ffDim, head);
    }

    /** Patches of 16 samples, width 32, 4 heads, 2 blocks, feed-forward 64. */
    public static TransformerConfig defaults(InputSpec input) {
        int patch = input.windowSamples() % 16 == 0 ? 16 : largestDivisorAtMost(input.windowSamples(), 16);
        return new TransformerConfig(input, patch, 32, 4, 2, 64, HeadConfig.aami());
    }

    private static int largestDivisorAtMost(int n, int max) {
        for (int d = max; d > 1; d--) {
            if (n % d == 0 && n / d >= 2) {
                return d;
            }
        }
        return 1;
    }

    /** Number of patches (sequence length of the encoder). */
    public int patches() {
        return input.windowSamples() / patchSize;
    }

    @Override
    public Architecture architecture() {
        return Architecture.TRANSFORMER;
    }
}

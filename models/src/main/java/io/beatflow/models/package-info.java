/**
 * Public API of the models module: architecture configurations (each an encoder plus a head:
 * {@code CnnConfig}, {@code BiLstmConfig}, {@code AttentionConfig}, {@code TransformerConfig}),
 * {@code TrainingConfig} and {@code BeatClassifierTrainer}, model bundles ({@code ModelBundle},
 * {@code ModelCard}) and the thread-safe batched {@code Predictor}. No ND4J or DL4J type appears
 * here; those live in {@code io.beatflow.models.internal}.
 */
package io.beatflow.models;

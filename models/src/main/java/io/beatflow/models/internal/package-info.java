/**
 * Internals of the models module: the DL4J graph builders and the SameDiff transformer behind the
 * framework-neutral {@code BeatNetwork}, the one seam turning beat windows into network inputs
 * ({@code WindowTensors}) with the training augmentations that need the whole training set (the
 * copies of {@code PrematureRuns}), class scores for early stopping, and backend detection. Every ND4J and
 * DL4J type of the module lives here; nothing in the public package exposes one.
 */
package io.beatflow.models.internal;

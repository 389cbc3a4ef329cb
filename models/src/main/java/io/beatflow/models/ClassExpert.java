package io.beatflow.models;

import java.util.Objects;

/**
 * A class expert of a bundle ({@link ModelBundle#withExperts}): a model whose probability of one
 * class replaces the base model's, each beat's probabilities then renormalised.
 *
 * @param className the class the expert decides
 * @param bundleSha256 SHA-256 of the expert's own bundle, stored in the zip as
 *     {@code expert-<class>.zip}
 * @param card the expert bundle's card (its input, training and members), for provenance
 */
public record ClassExpert(String className, String bundleSha256, ModelCard card) {
    /** Checks for nulls. */
    public ClassExpert {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(bundleSha256, "bundleSha256");
        Objects.requireNonNull(card, "card");
    }

    /** The zip entry holding the expert's bundle. */
    public String entryName() {
        return "expert-" + className + ".zip";
    }
}

package io.beatflow.models;

import java.util.Map;
import java.util.Objects;

/**
 * One network of an ensemble bundle, as its own bundle described it: the members of an ensemble
 * share the model, input, classes, training data and training settings, and differ in their
 * seed and so in their weights.
 *
 * @param seed training seed of this member
 * @param weightsSha256 SHA-256 of the member's weights entry, checked on loading
 * @param parameters trainable parameters of this member
 * @param epochsTrained epochs run
 * @param bestEpoch epoch whose weights were kept (1-based)
 * @param validationMetrics the member's metrics on its validation records (empty without any)
 * @param created UTC time the member was created, ISO-8601
 */
public record EnsembleMember(long seed, String weightsSha256, long parameters, int epochsTrained, int bestEpoch,
        Map<String, Double> validationMetrics, String created) {
    /** Checks for nulls and copies the metrics. */
    public EnsembleMember {
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        Objects.requireNonNull(created, "created");
        validationMetrics = Map.copyOf(validationMetrics == null ? Map.of() : validationMetrics);
    }

    /** This member with another weights checksum. */
    EnsembleMember withWeightsSha256(String sha) {
        return new EnsembleMember(seed, sha, parameters, epochsTrained, bestEpoch, validationMetrics, created);
    }
}

package io.beatflow.models;

import java.util.Map;
import java.util.Objects;

/**
 * One network of an ensemble bundle, as its own bundle described it: the members of an ensemble
 * share the model, input, classes, training data and training settings, and differ in their
 * seed and so in their weights, and may differ in what built them and in their own decision rule.
 *
 * @param seed training seed of this member
 * @param weightsSha256 SHA-256 of the member's weights entry, checked on loading
 * @param parameters trainable parameters of this member
 * @param epochsTrained epochs run
 * @param bestEpoch epoch whose weights were kept (1-based)
 * @param validationMetrics the member's metrics on its validation records (empty without any)
 * @param created UTC time the member was created, ISO-8601
 * @param versions library and runtime versions the member was trained with, as its own card gave
 *     them; empty where the ensemble's card did not keep them (format 18 and earlier, which kept the
 *     first member's only, as the ensemble's own {@link ModelCard#versions()})
 * @param backend ND4J backend that trained the member; "" where the card did not keep it
 * @param decision the member's own decision rule, fitted for this one network: the ensemble does not
 *     apply it (its probabilities are the members' combined network probabilities), and
 *     {@link ModelBundle#member} gives it back; none for a member without one, and for cards of
 *     format 18 and earlier, which dropped it
 */
public record EnsembleMember(long seed, String weightsSha256, long parameters, int epochsTrained, int bestEpoch,
        Map<String, Double> validationMetrics, String created, Map<String, String> versions, String backend,
        DecisionRule decision) {
    /** Checks for nulls, copies the maps and reads what a card left out as not kept. */
    public EnsembleMember {
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        Objects.requireNonNull(created, "created");
        validationMetrics = Map.copyOf(validationMetrics == null ? Map.of() : validationMetrics);
        versions = Map.copyOf(versions == null ? Map.of() : versions);
        backend = backend == null ? "" : backend;
        decision = decision == null ? DecisionRule.none() : decision;
    }

    /** The member that a one-network card describes: its seed, weights, figures, versions, backend and rule. */
    static EnsembleMember of(ModelCard c) {
        return new EnsembleMember(c.training() == null ? 0 : c.training().seed(), c.weightsSha256(), c.parameters(),
                c.epochsTrained(), c.bestEpoch(), c.validationMetrics(), c.created(), c.versions(), c.backend(),
                c.decision());
    }

    /** Whether the card kept the versions and backend the member was trained with. */
    public boolean keptVersions() {
        return !versions.isEmpty();
    }

    /** This member with another weights checksum. */
    EnsembleMember withWeightsSha256(String sha) {
        return new EnsembleMember(seed, sha, parameters, epochsTrained, bestEpoch, validationMetrics, created, versions,
                backend, decision);
    }
}

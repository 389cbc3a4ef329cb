package io.beatflow.models;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The description stored beside a model's weights in a bundle ({@code model-card.json}).
 *
 * @param formatVersion bundle format version ({@link #FORMAT_VERSION})
 * @param model architecture and hyper-parameters, including the input (lead, window length and
 *     rate) and the head's class names
 * @param networkFormat how the weights are stored ({@code dl4j-computation-graph} or
 *     {@code samediff-flatbuffers})
 * @param weightsSha256 SHA-256 of the weights entry, checked on loading
 * @param parameters number of trainable parameters
 * @param normalisation how windows are normalised before the network (text)
 * @param training training configuration (includes the seed)
 * @param data training data provenance (records, split, dataset checksums)
 * @param epochsTrained epochs run
 * @param bestEpoch epoch whose weights were kept (1-based)
 * @param validationMetrics metrics on the validation records at the best epoch (e.g. {@code macroF1},
 *     {@code F1_S})
 * @param versions library and runtime versions ({@code beatflow}, {@code dl4j}, {@code java})
 * @param backend ND4J backend that trained the model
 * @param created UTC time of creation, ISO-8601
 * @param decision how the reported probabilities are made from the network's ({@link DecisionRule});
 *     cards without one report the network's probabilities
 * @param members the networks of an ensemble (at least two), whose probabilities are combined by
 *     their normalised geometric mean before the decision rule; empty for one network. For an
 *     ensemble, {@code weightsSha256} is the SHA-256 of the members' checksums (joined by
 *     newlines, in order), {@code parameters} their sum, and {@code training}, {@code epochsTrained},
 *     {@code bestEpoch}, {@code versions} and {@code backend} those of the first member; each
 *     member keeps its own versions, backend and decision rule (format 19 and later)
 * @param experts class experts ({@link ModelBundle#withExperts}): models whose probability of one
 *     class each replaces this model's before the decision rule; empty for none. The rest of the
 *     card describes the base model
 * @param takenFrom empty for a model made as it is (trained, or combined from others); for one
 *     network taken out of an ensemble ({@link ModelBundle#member}) or a class expert taken out of
 *     its model ({@link ModelBundle#expert}), where it was taken from and what of its card the
 *     ensemble had not kept
 */
public record ModelCard(int formatVersion, ModelConfig model, String networkFormat, String weightsSha256,
        long parameters, String normalisation, TrainingConfig training, DataProvenance data, int epochsTrained,
        int bestEpoch, Map<String, Double> validationMetrics, Map<String, String> versions, String backend,
        String created, DecisionRule decision, List<EnsembleMember> members, List<ClassExpert> experts,
        String takenFrom) {
    /** The bundle format version this code writes and reads. */
    public static final int FORMAT_VERSION = 19;
    /** The normalisation text of the first input channel (every model). */
    public static final String Z_SCORE = "z-score per window (mean of finite samples removed, divided by their"
            + " population standard deviation; non-finite samples set to 0)";

    /** The normalisation text of a model's input: {@link #Z_SCORE}, and the template channel when it has one. */
    public static String normalisationOf(InputSpec input) {
        if (input.templateBeats() == 0) {
            return Z_SCORE;
        }
        return "channel 1: " + Z_SCORE + "; channel 2: the window less the median beat of the patient's previous "
                + input.templateBeats() + " beats (both median-centred), divided by that median beat's population"
                + " standard deviation";
    }

    /** Checks for nulls and copies the maps. */
    public ModelCard {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(networkFormat, "networkFormat");
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        Objects.requireNonNull(normalisation, "normalisation");
        validationMetrics = Map.copyOf(validationMetrics == null ? Map.of() : validationMetrics);
        versions = Map.copyOf(versions == null ? Map.of() : versions);
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(created, "created");
        decision = decision == null ? DecisionRule.none() : decision;
        decision.checkClasses(model.head().classNames());
        members = List.copyOf(members == null ? List.of() : members);
        if (members.size() == 1) {
            throw new IllegalArgumentException("an ensemble needs at least two members, got one");
        }
        for (EnsembleMember m : members) {
            m.decision().checkClasses(model.head().classNames());
        }
        experts = List.copyOf(experts == null ? List.of() : experts);
        Objects.requireNonNull(takenFrom, "takenFrom");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ClassExpert e : experts) {
            if (!model.head().classNames().contains(e.className())) {
                throw new IllegalArgumentException("class expert for " + e.className() + ": the model has no such class "
                        + model.head().classNames());
            }
            if (!seen.add(e.className())) {
                throw new IllegalArgumentException("two class experts for " + e.className());
            }
        }
    }

    /** A card of a model made as it is (not taken out of another). */
    public ModelCard(int formatVersion, ModelConfig model, String networkFormat, String weightsSha256,
            long parameters, String normalisation, TrainingConfig training, DataProvenance data, int epochsTrained,
            int bestEpoch, Map<String, Double> validationMetrics, Map<String, String> versions, String backend,
            String created, DecisionRule decision, List<EnsembleMember> members, List<ClassExpert> experts) {
        this(formatVersion, model, networkFormat, weightsSha256, parameters, normalisation, training, data,
                epochsTrained, bestEpoch, validationMetrics, versions, backend, created, decision, members, experts,
                "");
    }

    /** A card without class experts. */
    public ModelCard(int formatVersion, ModelConfig model, String networkFormat, String weightsSha256,
            long parameters, String normalisation, TrainingConfig training, DataProvenance data, int epochsTrained,
            int bestEpoch, Map<String, Double> validationMetrics, Map<String, String> versions, String backend,
            String created, DecisionRule decision, List<EnsembleMember> members) {
        this(formatVersion, model, networkFormat, weightsSha256, parameters, normalisation, training, data,
                epochsTrained, bestEpoch, validationMetrics, versions, backend, created, decision, members, List.of());
    }

    /** A card of one network (no ensemble members). */
    public ModelCard(int formatVersion, ModelConfig model, String networkFormat, String weightsSha256,
            long parameters, String normalisation, TrainingConfig training, DataProvenance data, int epochsTrained,
            int bestEpoch, Map<String, Double> validationMetrics, Map<String, String> versions, String backend,
            String created, DecisionRule decision) {
        this(formatVersion, model, networkFormat, weightsSha256, parameters, normalisation, training, data,
                epochsTrained, bestEpoch, validationMetrics, versions, backend, created, decision, List.of());
    }

    /** Whether the bundle holds an ensemble of networks. */
    public boolean ensemble() {
        return !members.isEmpty();
    }

    /** Class names of the model's outputs, in order. */
    public List<String> classNames() {
        return model.head().classNames();
    }

    /** The model's input. */
    public InputSpec input() {
        return model.input();
    }

    /** This card with other weights checksums: the card's, and each member's (none for one network). */
    ModelCard withWeightsSha256(String sha, List<String> memberShas) {
        if (memberShas.size() != members.size()) {
            throw new IllegalArgumentException(memberShas.size() + " member checksums for " + members.size()
                    + " members");
        }
        List<EnsembleMember> m = new java.util.ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            m.add(members.get(i).withWeightsSha256(memberShas.get(i)));
        }
        return new ModelCard(formatVersion, model, networkFormat, sha, parameters, normalisation, training, data,
                epochsTrained, bestEpoch, validationMetrics, versions, backend, created, decision, m, experts,
                takenFrom);
    }

    /** This card with another decision rule (the weights are unchanged) and the format version this code writes. */
    public ModelCard withDecision(DecisionRule rule) {
        return new ModelCard(FORMAT_VERSION, model, networkFormat, weightsSha256, parameters, normalisation, training,
                data, epochsTrained, bestEpoch, validationMetrics, versions, backend, created, rule, members, experts,
                takenFrom);
    }

    /** This card with another model configuration of the same network shape (and the format version this code writes). */
    ModelCard withModel(ModelConfig m) {
        return new ModelCard(FORMAT_VERSION, m, networkFormat, weightsSha256, parameters, normalisation, training, data,
                epochsTrained, bestEpoch, validationMetrics, versions, backend, created, decision, members, experts,
                takenFrom);
    }

    /** This card with class experts (and the format version this code writes). */
    ModelCard withExperts(List<ClassExpert> e) {
        return new ModelCard(FORMAT_VERSION, model, networkFormat, weightsSha256, parameters, normalisation, training,
                data, epochsTrained, bestEpoch, validationMetrics, versions, backend, created, decision, members, e,
                takenFrom);
    }

    /** This card of the base model alone: no class experts, the same format version. */
    ModelCard withoutExperts() {
        return new ModelCard(formatVersion, model, networkFormat, weightsSha256, parameters, normalisation, training, data,
                epochsTrained, bestEpoch, validationMetrics, versions, backend, created, decision, members, List.of(),
                takenFrom);
    }

    /**
     * The card of ensemble member {@code index} as a network of its own: what every member shares
     * (model and input, weights format, normalisation, training data, training settings) with the
     * member's own seed, weights checksum, parameters, epochs, validation metrics, creation time and
     * decision rule, and its own versions and backend where the card kept them (the ensemble's, the
     * first member's, where it did not); not the ensemble's decision rule (fitted to the ensemble's
     * probabilities), no members, no class experts.
     *
     * @param takenFrom where the member was taken from, for {@link #takenFrom()}
     */
    ModelCard member(int index, String takenFrom) {
        EnsembleMember m = members.get(index);
        return new ModelCard(FORMAT_VERSION, model, networkFormat, m.weightsSha256(), m.parameters(), normalisation,
                training == null ? null : training.withSeed(m.seed()), data, m.epochsTrained(), m.bestEpoch(),
                m.validationMetrics(), m.keptVersions() ? m.versions() : versions,
                m.keptVersions() ? m.backend() : backend, m.created(), m.decision(), List.of(), List.of(), takenFrom);
    }

    /** This card with another account of where the model was taken from (and the format version this code writes). */
    ModelCard withTakenFrom(String from) {
        return new ModelCard(FORMAT_VERSION, model, networkFormat, weightsSha256, parameters, normalisation, training,
                data, epochsTrained, bestEpoch, validationMetrics, versions, backend, created, decision, members,
                experts, from);
    }

    /** Whether some classes are decided by class experts. */
    public boolean hasExperts() {
        return !experts.isEmpty();
    }
}

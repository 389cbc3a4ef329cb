package io.beatflow.models;

import java.util.List;
import java.util.Objects;

/**
 * The classification head on top of an encoder: the encoder's embedding joined with the RR
 * features, dropout, one hidden dense layer (ReLU), and a softmax over the classes.
 *
 * <p>With {@code rrToLogits}, the RR features also reach the output layer directly: each class's
 * logit gets a linear term in the RR values besides what the hidden layer makes of the embedding
 * and the RR values together. Prematurity then raises the S and V logits whatever the morphology
 * says, instead of only where the hidden layer learnt to combine it with the morphology of the
 * training patients' ectopic beats (a wide-and-deep head: Cheng et al. 2016, "Wide &amp; Deep
 * Learning for Recommender Systems", DLRS). Without RR inputs the flag changes nothing.
 *
 * @param hiddenUnits units of the hidden layer; at least 1
 * @param dropout probability of dropping an input of the hidden layer while training, in [0, 1)
 * @param classNames output classes in order, e.g. {@code N S V F Q}; at least 2, distinct
 * @param rrToLogits whether the RR features also join the output layer (see above)
 */
public record HeadConfig(int hiddenUnits, double dropout, List<String> classNames, boolean rrToLogits) {
    /** The five AAMI EC57 classes in the order of {@code AamiClass}. */
    public static final List<String> AAMI = List.of("N", "S", "V", "F", "Q");

    /** Validates every field and copies the class names. */
    public HeadConfig {
        if (hiddenUnits < 1 || hiddenUnits > 65_536) {
            throw new IllegalArgumentException("head: hiddenUnits must be 1 to 65536, got " + hiddenUnits);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("head: dropout must be in [0, 1), got " + dropout);
        }
        classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
        if (classNames.size() < 2 || classNames.stream().distinct().count() != classNames.size()) {
            throw new IllegalArgumentException("head: need at least 2 distinct class names, got " + classNames);
        }
    }

    /** A head whose RR features reach only the hidden layer. */
    public HeadConfig(int hiddenUnits, double dropout, List<String> classNames) {
        this(hiddenUnits, dropout, classNames, false);
    }

    /** 64 hidden units, dropout 0.3, the five AAMI classes, RR features only into the hidden layer. */
    public static HeadConfig aami() {
        return new HeadConfig(64, 0.3, AAMI);
    }

    /** This head with {@code rrToLogits} set as given. */
    public HeadConfig withRrToLogits(boolean on) {
        return new HeadConfig(hiddenUnits, dropout, classNames, on);
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }
}

package io.beatflow.models;

import java.util.List;
import java.util.Objects;

/**
 * The classification head on top of an encoder: the encoder's embedding joined with the RR
 * features, one hidden dense layer (ReLU), dropout, and a softmax over the classes.
 *
 * @param hiddenUnits units of the hidden layer; at least 1
 * @param dropout probability of dropping a hidden unit while training, in [0, 1)
 * @param classNames output classes in order, e.g. {@code N S V F Q}; at least 2, distinct
 */
public record HeadConfig(int hiddenUnits, double dropout, List<String> classNames) {
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

    /** 64 hidden units, dropout 0.3, the five AAMI classes. */
    public static HeadConfig aami() {
        return new HeadConfig(64, 0.3, AAMI);
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }
}

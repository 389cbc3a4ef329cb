package io.beatflow.eval;

import java.util.Objects;

/**
 * Options of {@link ClassifierEvaluator}.
 *
 * @param bootstrap record bootstrap options
 * @param calibrationBins equal-width bins of the reliability curve and ECE, at least 2
 * @param bandGridPoints grid points of the ROC and PR confidence bands, at least 2
 * @param targetPositivePredictivity +P floor for "sensitivity at fixed +P", in [0, 1]
 * @param targetSensitivity sensitivity floor for "+P at fixed sensitivity", in [0, 1]
 * @param split name of the data split, for provenance
 * @param macroClasses the classes the macro averages are taken over (those of them whose figure is
 *     defined), e.g. N, S, V, F as AAMI classification studies report; empty for every class
 */
public record EvaluationConfig(BootstrapConfig bootstrap, int calibrationBins, int bandGridPoints,
        double targetPositivePredictivity, double targetSensitivity, String split, java.util.List<String> macroClasses) {

    /** Options with the macro averages over every class. */
    public EvaluationConfig(BootstrapConfig bootstrap, int calibrationBins, int bandGridPoints,
            double targetPositivePredictivity, double targetSensitivity, String split) {
        this(bootstrap, calibrationBins, bandGridPoints, targetPositivePredictivity, targetSensitivity, split,
                java.util.List.of());
    }

    /** Validates the options. */
    public EvaluationConfig {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(split, "split");
        macroClasses = java.util.List.copyOf(Objects.requireNonNull(macroClasses, "macroClasses"));
        if (new java.util.HashSet<>(macroClasses).size() != macroClasses.size()) {
            throw new IllegalArgumentException("macroClasses names a class twice: " + macroClasses);
        }
        if (calibrationBins < 2) {
            throw new IllegalArgumentException("calibrationBins must be >= 2, got " + calibrationBins);
        }
        if (bandGridPoints < 2) {
            throw new IllegalArgumentException("bandGridPoints must be >= 2, got " + bandGridPoints);
        }
        if (!(targetPositivePredictivity >= 0 && targetPositivePredictivity <= 1)) {
            throw new IllegalArgumentException("targetPositivePredictivity must be in [0, 1], got "
                    + targetPositivePredictivity);
        }
        if (!(targetSensitivity >= 0 && targetSensitivity <= 1)) {
            throw new IllegalArgumentException("targetSensitivity must be in [0, 1], got " + targetSensitivity);
        }
    }

    /** Bootstrap defaults, 10 bins, a 101-point band grid, targets 0.90, split "unspecified". */
    public static EvaluationConfig defaults() {
        return new EvaluationConfig(BootstrapConfig.defaults(), 10, 101, 0.90, 0.90, "unspecified");
    }

    /** A copy with other bootstrap options. */
    public EvaluationConfig withBootstrap(BootstrapConfig b) {
        return new EvaluationConfig(b, calibrationBins, bandGridPoints, targetPositivePredictivity,
                targetSensitivity, split, macroClasses);
    }

    /** A copy with another split name. */
    public EvaluationConfig withSplit(String s) {
        return new EvaluationConfig(bootstrap, calibrationBins, bandGridPoints, targetPositivePredictivity,
                targetSensitivity, s, macroClasses);
    }

    /** A copy whose macro averages are over {@code classes} (empty: every class). */
    public EvaluationConfig withMacroClasses(java.util.List<String> classes) {
        return new EvaluationConfig(bootstrap, calibrationBins, bandGridPoints, targetPositivePredictivity,
                targetSensitivity, split, classes);
    }
}

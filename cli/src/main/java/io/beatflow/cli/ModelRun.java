package io.beatflow.cli;

import io.beatflow.eval.Evaluation;
import java.util.List;
import java.util.Objects;

/**
 * One row of the results table: one architecture trained with one seed on DS1 and evaluated on
 * the DS2 reference beats.
 *
 * @param architecture architecture id ({@code cnn}, {@code bilstm}, ...)
 * @param seed training seed
 * @param parameters trainable parameters (from the model card)
 * @param trainingSeconds wall seconds of training (every epoch with its validation pass)
 * @param bestEpoch epoch kept (1-based)
 * @param epochsTrained epochs run
 * @param validationMacroF1 macro F1 on the DS1 validation records at the kept epoch (over the
 *     classes present there); NaN when there was none
 * @param validationRecords the DS1 records held out for validation
 * @param ds2BeatsPerSecond DS2 beats classified per second of prediction
 * @param evaluation the evaluation of the DS2 predictions
 */
record ModelRun(String architecture, long seed, long parameters, double trainingSeconds, int bestEpoch,
        int epochsTrained, double validationMacroF1, List<String> validationRecords, double ds2BeatsPerSecond,
        Evaluation evaluation) {
    /** Validates and copies. */
    ModelRun {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(evaluation, "evaluation");
        validationRecords = List.copyOf(validationRecords);
        if (parameters < 1) {
            throw new IllegalArgumentException("parameters must be >= 1, got " + parameters);
        }
        if (!(trainingSeconds >= 0)) {
            throw new IllegalArgumentException("trainingSeconds must be >= 0, got " + trainingSeconds);
        }
        if (bestEpoch < 1 || bestEpoch > epochsTrained) {
            throw new IllegalArgumentException("bestEpoch must be in [1, epochsTrained = " + epochsTrained + "], got "
                    + bestEpoch);
        }
        if (!(ds2BeatsPerSecond > 0)) {
            throw new IllegalArgumentException("ds2BeatsPerSecond must be > 0, got " + ds2BeatsPerSecond);
        }
    }

    /** The stem of this run's file names: {@code <arch>-s<seed>}. */
    String stem() {
        return stem(architecture, seed);
    }

    /** The stem of a run's file names: {@code <arch>-s<seed>}. */
    static String stem(String architecture, long seed) {
        return architecture + "-s" + seed;
    }
}

package io.beatflow.models;

import java.util.List;
import java.util.Objects;

/**
 * What a training run produced: the bundle of the best epoch and the per-epoch history.
 *
 * @param bundle the model of the best validation epoch, with its card
 * @param history one entry per epoch run
 */
public record TrainingResult(ModelBundle bundle, List<EpochSummary> history) {
    /** Checks for nulls and copies the history. */
    public TrainingResult {
        Objects.requireNonNull(bundle, "bundle");
        history = List.copyOf(history);
    }

    /**
     * One epoch.
     *
     * @param epoch 1-based epoch number
     * @param meanLoss mean training loss of its steps
     * @param beatsPerSecond training throughput
     * @param validationMacroF1 macro F1 on the validation records (NaN without validation beats)
     * @param validationF1 per-class F1 on the validation records, in class order (NaN where undefined)
     */
    public record EpochSummary(int epoch, double meanLoss, double beatsPerSecond, double validationMacroF1,
            List<Double> validationF1) {
        /** Copies the list. */
        public EpochSummary {
            validationF1 = List.copyOf(validationF1);
        }
    }
}

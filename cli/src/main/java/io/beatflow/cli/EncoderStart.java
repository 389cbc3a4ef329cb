package io.beatflow.cli;

import io.beatflow.models.BeatClassifierTrainer;
import io.beatflow.models.ModelBundle;
import io.beatflow.models.ModelConfig;
import io.beatflow.models.PretrainedEncoder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The encoder a classifier starts from ({@code beatflow train --encoder FILE}): a trained model's
 * (a model bundle, or the built-in model's name) or a pretrained encoder file of
 * {@code beatflow pretrain}; exactly one of the two is set.
 */
record EncoderStart(ModelBundle bundle, PretrainedEncoder pretrained) {
    /**
     * Reads {@code arg}: a pretrained encoder file when the file holds an encoder card, else a model
     * bundle (or the built-in model's name).
     *
     * @throws IOException if the file cannot be read or is damaged
     */
    static EncoderStart load(String arg) throws IOException {
        Path p = Path.of(arg);
        if (PretrainedEncoder.isEncoderFile(p)) {
            return new EncoderStart(null, PretrainedEncoder.load(p));
        }
        return new EncoderStart(ModelBundle.load(ModelBundle.resolve(arg)), null);
    }

    /**
     * Checks, before any data is read, that {@code model} has this encoder's architecture, input and
     * encoder settings (and, for a bundle, that it is one network).
     *
     * @throws IllegalArgumentException saying what differs
     */
    void check(ModelConfig model) {
        if (bundle != null) {
            BeatClassifierTrainer.checkStartingPoint(bundle, model);
        } else {
            BeatClassifierTrainer.checkStartingPoint(pretrained, model);
        }
    }

    /** {@code trainer}, starting from this encoder. */
    BeatClassifierTrainer apply(BeatClassifierTrainer trainer) {
        return bundle != null ? trainer.startingFrom(bundle) : trainer.startingFrom(pretrained);
    }
}

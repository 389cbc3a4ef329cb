package io.beatflow.models;

import java.util.List;
import java.util.Objects;

/**
 * Where a model's training data came from.
 *
 * @param corpus database and version, e.g. {@code mitdb 1.0.0}
 * @param split split name and part, e.g. {@code deChazal2004 DS1}
 * @param trainingRecords records whose beats trained the model
 * @param validationRecords records held out for validation and early stopping
 * @param windowing how the beat windows were cut (the window configuration's text)
 * @param trainingSha256 SHA-256 over the training beats (windows, labels, RR features) as used
 * @param validationSha256 SHA-256 over the validation beats
 * @param encoderFrom where the encoder's weights started: empty for random initialisation, else
 *     the model whose trained encoder this one carried on from (its weights' SHA-256 and its own
 *     training data), see {@link BeatClassifierTrainer#startingFrom}
 * @param encoderRecords records whose signals the carried-over encoder had seen before (the
 *     training, validation and encoder records of the model it came from, or the records a
 *     pretrained encoder was pretrained on); empty for random initialisation. A model's figures on
 *     these records are no test of it either
 */
public record DataProvenance(String corpus, String split, List<String> trainingRecords,
        List<String> validationRecords, String windowing, String trainingSha256, String validationSha256,
        String encoderFrom, List<String> encoderRecords) {
    /** Provenance of a model whose encoder started from random weights. */
    public DataProvenance(String corpus, String split, List<String> trainingRecords, List<String> validationRecords,
            String windowing, String trainingSha256, String validationSha256) {
        this(corpus, split, trainingRecords, validationRecords, windowing, trainingSha256, validationSha256, "",
                List.of());
    }

    /** Provenance without the encoder's records. */
    public DataProvenance(String corpus, String split, List<String> trainingRecords, List<String> validationRecords,
            String windowing, String trainingSha256, String validationSha256, String encoderFrom) {
        this(corpus, split, trainingRecords, validationRecords, windowing, trainingSha256, validationSha256,
                encoderFrom, List.of());
    }

    /** Checks for nulls and copies the lists. */
    public DataProvenance {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(split, "split");
        trainingRecords = List.copyOf(trainingRecords);
        validationRecords = List.copyOf(validationRecords);
        Objects.requireNonNull(windowing, "windowing");
        Objects.requireNonNull(trainingSha256, "trainingSha256");
        Objects.requireNonNull(validationSha256, "validationSha256");
        Objects.requireNonNull(encoderFrom, "encoderFrom");
        encoderRecords = encoderRecords == null ? List.of() : List.copyOf(encoderRecords);
    }

    /** This provenance with the encoder's records. */
    public DataProvenance withEncoderRecords(List<String> records) {
        return new DataProvenance(corpus, split, trainingRecords, validationRecords, windowing, trainingSha256,
                validationSha256, encoderFrom, records);
    }
}

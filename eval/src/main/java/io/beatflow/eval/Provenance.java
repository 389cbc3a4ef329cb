package io.beatflow.eval;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where an evaluation came from, so that a report can be reproduced.
 *
 * @param modelCardJson the model's JSON model card, or null when the predictions came without one
 * @param data what was scored (e.g. the predictions file and the corpus it came from)
 * @param split which split of the data (e.g. "DS2 (de Chazal 2004)"), or "unspecified"
 * @param seed the bootstrap seed
 * @param versions software versions (beatflow, Java, ...), sorted by key
 * @param date ISO-8601 instant of the evaluation
 */
public record Provenance(String modelCardJson, String data, String split, long seed,
        Map<String, String> versions, String date) {

    /** Validates and copies. */
    public Provenance {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(date, "date");
        versions = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(versions, "versions")));
    }
}

package io.beatflow.datasets;

import io.beatflow.ingest.Annotation;
import io.beatflow.ingest.Signal;
import java.util.List;
import java.util.Objects;

/**
 * One record of a {@link Corpus}, read from disk.
 *
 * @param corpus the database it belongs to
 * @param name record name
 * @param signal its samples
 * @param annotations its reference annotations (beats and others); copied
 * @param lead index of the lead to analyse ({@link Corpus#leadIndex(Signal)})
 */
public record CorpusRecord(Corpus corpus, String name, Signal signal, List<Annotation> annotations, int lead) {
    public CorpusRecord {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signal, "signal");
        annotations = List.copyOf(annotations);
        if (lead < 0 || lead >= signal.leadCount()) {
            throw new IllegalArgumentException(name + ": lead " + lead + " out of range [0, " + signal.leadCount() + ")");
        }
    }

    /** The beat annotations only. */
    public List<Annotation> beats() {
        return annotations.stream().filter(Annotation::isBeat).toList();
    }
}

package io.beatflow.datasets;

import io.beatflow.ingest.Annotation;
import java.util.List;
import java.util.Objects;

/**
 * A generated record: the signal and its ground-truth beat annotations.
 *
 * @param signal the ECG, in millivolts
 * @param annotations one beat annotation per R peak, in time order: {@code N} normal, {@code V}
 *     premature ventricular, {@code A} premature atrial; copied
 */
public record SyntheticRecord(io.beatflow.ingest.Signal signal, List<Annotation> annotations) {
    public SyntheticRecord {
        Objects.requireNonNull(signal, "signal");
        annotations = List.copyOf(annotations);
    }

    /** The same record under another name (e.g. a record name of a database being imitated). */
    public SyntheticRecord withName(String name) {
        io.beatflow.ingest.Signal s = signal;
        float[][] p = new float[s.leadCount()][];
        for (int l = 0; l < p.length; l++) {
            p[l] = s.physical(l);
        }
        return new SyntheticRecord(io.beatflow.ingest.Signal.ofPhysical(name, s.sampleRateHz(), s.leads(), p,
                s.startTime().orElse(null)), annotations);
    }

    /** The R-peak positions in samples. */
    public long[] beatSamples() {
        return annotations.stream().mapToLong(Annotation::sample).toArray();
    }
}

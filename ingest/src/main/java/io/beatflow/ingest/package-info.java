/**
 * Signals in, windows out: the public API of beatflow's ingest module.
 *
 * <p>Holds the record model ({@link io.beatflow.ingest.Signal}, {@link io.beatflow.ingest.Lead},
 * {@link io.beatflow.ingest.Annotation}), the readers and writers of WFDB, EDF/EDF+ and CSV files,
 * the filters, the incremental beat detectors and the windowing of beats. Implementation details
 * (bit unpacking, filter state) live in {@code io.beatflow.ingest.internal}; no I/O happens in the
 * filters, detectors or windowers.
 */
package io.beatflow.ingest;

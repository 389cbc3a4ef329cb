/**
 * Public API of beatflow's datasets module: the MIT-BIH Arrhythmia catalogue ({@link
 * io.beatflow.datasets.MitBih}), AAMI EC57 classes ({@link io.beatflow.datasets.AamiClass}),
 * record-wise splits ({@link io.beatflow.datasets.Split}), other PhysioNet corpora ({@link
 * io.beatflow.datasets.Corpus}), the PhysioNet downloader, the synthetic ECG generator, beat
 * datasets with their disk cache, and noise stress. Signal reading, filtering, detection and
 * windowing live in the ingest module; metrics live in eval.
 */
package io.beatflow.datasets;

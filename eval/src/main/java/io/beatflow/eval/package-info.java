/**
 * Public API of beatflow's evaluation module: EC57 beat-by-beat comparison of detectors and
 * classifiers, metrics as pure static functions over arrays (confusion matrices, ROC and PR
 * curves, DeLong and record-level bootstrap confidence intervals, calibration), the immutable
 * {@code Evaluation} with its provenance, stateless evaluators that build it, the predictions
 * file reader and the HTML, JSON and CSV renderers. It depends on no other beatflow module: scores,
 * labels, record ids and sample positions come in as plain arrays and strings. Implementation
 * details live in {@code io.beatflow.eval.internal}.
 */
package io.beatflow.eval;

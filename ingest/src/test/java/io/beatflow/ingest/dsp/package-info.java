/**
 * Tests of the filters, the resampler and the windowers: frequency responses measured on
 * synthetic sines against closed-form Butterworth figures, chunked-versus-whole identity, state
 * snapshots, and hand-derived windows.
 */
package io.beatflow.ingest.dsp;

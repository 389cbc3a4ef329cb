/**
 * Tests of the EDF/EDF+/BDF reader and writer, with the byte-by-byte fixture builder they use.
 * Bad-input fixtures are generated here, one per defect; no PhysioNet data is copied.
 */
package io.beatflow.ingest.edf;

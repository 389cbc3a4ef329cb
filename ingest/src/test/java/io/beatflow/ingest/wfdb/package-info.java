/**
 * Tests of the WFDB readers and writers: hand-built fixtures for every storage format and for
 * malformed input (generated beside the tests), and checks against the MIT-BIH database's own
 * header checksums and published beat counts where the reference data is present.
 */
package io.beatflow.ingest.wfdb;

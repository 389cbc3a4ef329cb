/**
 * Test helpers shared with other modules' tests through the ingest test-jar: the locator of the
 * PhysioNet reference data and assumptions that skip a test, with the reason, where it is absent.
 */
package io.beatflow.ingest.testing;

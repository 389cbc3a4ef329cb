/**
 * Implementation details of the ingest module that callers need not see: storage-format decoders,
 * parsing helpers and filter state. Nothing here is API; it may change without notice.
 */
package io.beatflow.ingest.internal;

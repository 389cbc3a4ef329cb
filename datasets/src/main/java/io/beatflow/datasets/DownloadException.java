package io.beatflow.datasets;

import java.io.IOException;

/** A download that could not be completed; {@link #kind()} says why, the message what to do. */
public final class DownloadException extends IOException {
    /** Why a download failed. */
    public enum Kind {
        /** The host could not be reached (no network, DNS failure, connection refused, timeout). */
        UNREACHABLE,
        /** The server answered 404 for a URL. */
        NOT_FOUND,
        /** A file's SHA-256 differs from the published one, on every attempt. */
        CHECKSUM_MISMATCH,
        /** The server kept answering with an HTTP error status, or the connection kept failing. */
        HTTP_ERROR,
        /** The checksum list is malformed or names an unsafe path. */
        BAD_CHECKSUM_LIST,
        /** The target directory could not be written. */
        LOCAL_IO
    }

    private final Kind kind;

    public DownloadException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public DownloadException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** Why the download failed. */
    public Kind kind() {
        return kind;
    }
}

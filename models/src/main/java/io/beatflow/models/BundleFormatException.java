package io.beatflow.models;

import java.io.IOException;

/** A model bundle that cannot be used: damaged, truncated, incomplete or made for something else. */
public final class BundleFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param bundle the bundle (file name or resource) and {@code problem} what is wrong with it */
    public BundleFormatException(String bundle, String problem) {
        super(bundle + ": " + problem);
    }

    /** With the exception that revealed the problem. */
    public BundleFormatException(String bundle, String problem, Throwable cause) {
        super(bundle + ": " + problem, cause);
    }
}

package io.beatflow.datasets;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link PhysioNetDownloader}.
 *
 * @param baseUri root under which databases live as {@code <db>/<version>/<file>}; must end with
 *     {@code /}; default {@code https://physionet.org/files/}
 * @param maxAttempts tries per file (the first plus retries), at least 1
 * @param initialBackoff wait before the first retry; doubled on every further retry (capped at
 *     {@code 32 x initialBackoff}); non-negative
 * @param connectTimeout how long to wait for a connection; positive
 * @param readTimeout how long to wait for a response to start; positive
 */
public record DownloadConfig(URI baseUri, int maxAttempts, Duration initialBackoff, Duration connectTimeout,
        Duration readTimeout) {
    /** PhysioNet's file server. */
    public static final URI PHYSIONET = URI.create("https://physionet.org/files/");

    public DownloadConfig {
        Objects.requireNonNull(baseUri, "baseUri");
        if (baseUri.getScheme() == null || !(baseUri.getScheme().equals("http") || baseUri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("baseUri must be an http or https URL, got " + baseUri);
        }
        if (!baseUri.getPath().endsWith("/")) {
            baseUri = URI.create(baseUri + "/");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must be non-negative, got " + initialBackoff);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive, got connect " + connectTimeout
                    + ", read " + readTimeout);
        }
    }

    /** PhysioNet, 5 attempts, 1 s first backoff, 15 s connect and 60 s read timeouts. */
    public static DownloadConfig defaults() {
        return new DownloadConfig(PHYSIONET, 5, Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    /** A copy with another base URL (a mirror, or a local server). */
    public DownloadConfig withBaseUri(URI uri) {
        return new DownloadConfig(uri, maxAttempts, initialBackoff, connectTimeout, readTimeout);
    }

    /** A copy with other retry settings. */
    public DownloadConfig withRetries(int attempts, Duration backoff) {
        return new DownloadConfig(baseUri, attempts, backoff, connectTimeout, readTimeout);
    }
}

package dev.newsflow.ingest.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of every HTTP fetch, feeds and pages alike.
 *
 * @param connectTimeout longest wait for a connection
 * @param totalTimeout   longest time one fetch may take in all, redirects and body included
 * @param maxBytes       largest body accepted, counted after decompression
 * @param maxRedirects   redirects followed before giving up
 * @param userAgent      User-Agent header
 */
public record FetchLimits(Duration connectTimeout, Duration totalTimeout, long maxBytes, int maxRedirects,
                          String userAgent) {

    public FetchLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (maxBytes < 1 || maxRedirects < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and maxRedirects not negative");
        }
    }

    public static FetchLimits defaults() {
        return new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), 10L * 1024 * 1024, 5,
                "newsflow/0.1 (+https://github.com/newsflow/newsflow)");
    }

    public FetchLimits withTotalTimeout(Duration timeout) {
        return new FetchLimits(connectTimeout, timeout, maxBytes, maxRedirects, userAgent);
    }

    public FetchLimits withMaxBytes(long bytes) {
        return new FetchLimits(connectTimeout, totalTimeout, bytes, maxRedirects, userAgent);
    }

    public FetchLimits withMaxRedirects(int redirects) {
        return new FetchLimits(connectTimeout, totalTimeout, maxBytes, redirects, userAgent);
    }
}

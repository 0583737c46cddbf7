package dev.newsflow.ingest.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Limits of every HTTP fetch, feeds and pages alike.
 *
 * @param connectTimeout        longest wait for a connection
 * @param totalTimeout          longest time one fetch may take in all, redirects and body included
 * @param maxBytes              largest body accepted, counted after decompression
 * @param maxRedirects          redirects followed before giving up
 * @param userAgent             User-Agent header
 * @param allowPrivateAddresses whether hosts that resolve to loopback, private, link-local or other non-public
 *                              addresses may be fetched; false in production, true for feeds served on this host
 *                              (tests, the demo)
 * @param trustedHosts          host names (or address literals) fetched whatever they resolve to, e.g. an internal
 *                              feed server, while every other host must resolve to public addresses only
 */
public record FetchLimits(Duration connectTimeout, Duration totalTimeout, long maxBytes, int maxRedirects,
                          String userAgent, boolean allowPrivateAddresses, List<String> trustedHosts) {

    public FetchLimits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        trustedHosts = List.copyOf(trustedHosts);
        if (maxBytes < 1 || maxRedirects < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and maxRedirects not negative");
        }
    }

    /** Limits that trust no host by name. */
    public FetchLimits(Duration connectTimeout, Duration totalTimeout, long maxBytes, int maxRedirects,
                       String userAgent, boolean allowPrivateAddresses) {
        this(connectTimeout, totalTimeout, maxBytes, maxRedirects, userAgent, allowPrivateAddresses, List.of());
    }

    /** The defaults of the settings: public addresses only. */
    public static FetchLimits defaults() {
        return new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), 10L * 1024 * 1024, 5,
                "newsflow/0.1 (+https://github.com/newsflow/newsflow)", false);
    }

    public FetchLimits withTotalTimeout(Duration timeout) {
        return new FetchLimits(connectTimeout, timeout, maxBytes, maxRedirects, userAgent, allowPrivateAddresses,
                trustedHosts);
    }

    public FetchLimits withMaxBytes(long bytes) {
        return new FetchLimits(connectTimeout, totalTimeout, bytes, maxRedirects, userAgent, allowPrivateAddresses,
                trustedHosts);
    }

    public FetchLimits withMaxRedirects(int redirects) {
        return new FetchLimits(connectTimeout, totalTimeout, maxBytes, redirects, userAgent, allowPrivateAddresses,
                trustedHosts);
    }

    /** These limits, fetching from non-public addresses too: for feeds served on this host. */
    public FetchLimits allowingPrivateAddresses() {
        return new FetchLimits(connectTimeout, totalTimeout, maxBytes, maxRedirects, userAgent, true, trustedHosts);
    }
}

package dev.newsflow.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * One feed as the operator configured it: the value of the compacted topic {@link Topics#FEEDS}, keyed by feed id. A
 * tombstone (null value) removes the feed. Written by {@code newsflow feeds add|disable|enable|import} and by ingest
 * when it seeds the topic from {@code ingest.feeds-file}; read by every ingest instance, which polls the feeds of the
 * partitions assigned to it.
 *
 * @param id              stable feed id (letters, digits, '.', '_', '-'), also the record key
 * @param url             where the feed lives (absolute http or https URL)
 * @param title           a title to use instead of the feed's own, may be null
 * @param language        language hint (ISO 639 or BCP 47) that wins over what the feed declares, may be null
 * @param fullText        when to fetch item pages: {@code auto}, {@code always} or {@code never}; null for ingest's
 *                        default ({@code ingest.full-text})
 * @param enabled         whether the feed is polled
 * @param minPollInterval shortest interval between two polls of this feed, null for ingest's default
 * @param maxPollInterval longest interval between two polls of this healthy feed, null for ingest's default
 */
public record FeedConfig(String id, String url, String title, String language, String fullText, boolean enabled,
                         Duration minPollInterval, Duration maxPollInterval) {

    public FeedConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }

    /** An enabled feed with ingest's defaults for everything but its id and URL. */
    public static FeedConfig of(String id, String url) {
        return new FeedConfig(id, url, null, null, null, true, null, null);
    }

    public FeedConfig withEnabled(boolean value) {
        return new FeedConfig(id, url, title, language, fullText, value, minPollInterval, maxPollInterval);
    }
}

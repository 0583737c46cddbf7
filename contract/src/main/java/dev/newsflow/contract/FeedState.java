package dev.newsflow.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * What ingest remembers of polling one feed, so a restarted or moved instance continues where the last one stopped:
 * the validators for a conditional GET, when to poll next, and how the last polls went. The value of the compacted
 * topic {@link Topics#FEED_STATE}, keyed by feed id.
 *
 * @param feedId              the feed
 * @param configuredUrl       the URL the feed list declares; when the operator changes it, the state starts afresh
 * @param url                 the URL polled now: the configured one, or where a permanent redirect (301, 308) moved it
 * @param etag                the last {@code ETag}, sent as {@code If-None-Match}; may be null
 * @param lastModified        the last {@code Last-Modified}, sent as {@code If-Modified-Since}; may be null
 * @param nextPollAt          when the feed is due; null when it is disabled
 * @param consecutiveFailures failed polls since the last success (a 304 is a success)
 * @param lastError           why the last poll failed, null after a success
 * @param lastStatus          HTTP status of the last poll, 0 when no response came
 * @param disabledReason      why polling stopped for good (e.g. {@code 410 Gone}), null while the feed is polled
 * @param lastPolledAt        when the feed was last polled, null before the first poll
 */
public record FeedState(String feedId, String configuredUrl, String url, String etag, String lastModified,
                        Instant nextPollAt, int consecutiveFailures, String lastError, int lastStatus,
                        String disabledReason, Instant lastPolledAt) {

    public FeedState {
        Objects.requireNonNull(feedId, "feedId");
        Objects.requireNonNull(configuredUrl, "configuredUrl");
        Objects.requireNonNull(url, "url");
    }

    /** A feed never polled: due at {@code dueAt}. */
    public static FeedState initial(String feedId, String configuredUrl, Instant dueAt) {
        return new FeedState(feedId, configuredUrl, configuredUrl, null, null, dueAt, 0, null, 0, null, null);
    }

    public boolean disabled() {
        return disabledReason != null;
    }
}

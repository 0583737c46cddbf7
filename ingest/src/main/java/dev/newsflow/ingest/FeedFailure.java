package dev.newsflow.ingest;

/**
 * Why one feed yielded nothing in a poll cycle.
 *
 * @param feedId the feed
 * @param url    the feed URL, without query string or credentials
 * @param stage  where it failed
 * @param reason why, in words for the operator
 */
public record FeedFailure(String feedId, String url, Stage stage, String reason) {

    /** The step of a poll that failed. */
    public enum Stage {
        /** Fetching the feed over HTTP (timeout, status, size, unreachable...). */
        FETCH,
        /** The body is not a feed (not XML, HTML page, DOCTYPE refused...). */
        PARSE,
        /** Writing to Kafka failed; the batch is retried next cycle. */
        PUBLISH,
        /** A bug: an unexpected exception while handling the feed. */
        INTERNAL
    }

    @Override
    public String toString() {
        return feedId + " (" + url + ") " + stage + ": " + reason;
    }
}

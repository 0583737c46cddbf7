package dev.newsflow.ingest.schedule;

import java.net.URI;
import java.time.Instant;

/** What one poll of a feed came to, as far as its schedule is concerned. */
public sealed interface PollOutcome {

    /** Where an unbroken chain of permanent redirects moved the feed, or null. */
    URI movedTo();

    /** HTTP status of the last response, 0 when none came. */
    int status();

    /**
     * The feed was fetched and its articles written (or the server said 304 Not Modified).
     *
     * @param etag         the validator to send next time, or null to keep the stored one
     * @param lastModified the validator to send next time, or null to keep the stored one
     * @param freshness    how long the publisher says the feed stays fresh
     */
    record Success(int status, String etag, String lastModified, Freshness freshness, URI movedTo)
            implements PollOutcome {

        public Success {
            freshness = freshness == null ? Freshness.NONE : freshness;
        }
    }

    /**
     * The poll failed: no answer, an error status, a body that is not a feed, or a batch Kafka did not take.
     *
     * @param error      why, for the operator
     * @param retryAfter when the server's {@code Retry-After} allows the next request, or null
     */
    record Failure(int status, String error, Instant retryAfter, URI movedTo) implements PollOutcome {
    }
}

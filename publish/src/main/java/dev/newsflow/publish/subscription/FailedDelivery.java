package dev.newsflow.publish.subscription;

import dev.newsflow.contract.EnrichedArticle;
import java.time.Instant;
import java.util.Objects;

/**
 * A webhook delivery that exhausted its attempts, as kept in {@code news.deliveries.failed} under {@link #key()}.
 * It holds the article itself, so a replay needs neither the enriched topic's retention nor its offsets.
 *
 * @param subscriptionId whose delivery failed
 * @param eventId        the article version's CloudEvents id: with the subscription id it makes the
 *                       {@code webhook-id}, so a replay is recognised by a receiver that already got it
 * @param articleId      the article's id
 * @param attempts       attempts made so far, replays included
 * @param lastError      the last attempt's outcome, e.g. {@code HTTP 503}
 * @param failedAt       when the last attempt failed
 * @param article        the article to deliver
 */
public record FailedDelivery(String subscriptionId, String eventId, String articleId, int attempts, String lastError,
                             Instant failedAt, EnrichedArticle article) {

    public FailedDelivery {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(article, "article");
    }

    /** The record key: {@code <subscription id>/<event id>} (ids never contain a slash). */
    public String key() {
        return key(subscriptionId, eventId);
    }

    public static String key(String subscriptionId, String eventId) {
        return subscriptionId + "/" + eventId;
    }

    /** The subscription id of a record key. */
    public static String subscriptionOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    /** The same delivery after one more failed attempt. */
    public FailedDelivery failedAgain(String error, Instant at) {
        return new FailedDelivery(subscriptionId, eventId, articleId, attempts + 1, error, at, article);
    }
}

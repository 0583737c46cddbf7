package dev.newsflow.publish.webhook;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.StandardWebhooks;
import dev.newsflow.publish.subscription.Subscription;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Builds the Standard Webhooks message of an article for a subscription. */
public final class WebhookMessages {

    public static final String EVENT_TYPE = "article.enriched";

    private static final int MESSAGE_ID_HEX_DIGITS = 24;

    private WebhookMessages() {
    }

    /**
     * The Standard Webhooks payload: {@code {"type": "article.enriched", "timestamp": ..., "data": <article>}}.
     *
     * @param timestamp when the event happened
     */
    public record Payload(String type, Instant timestamp, EnrichedArticle data) {
    }

    /**
     * The {@code webhook-id} of an article version for a subscription: the same on every attempt and after a restart,
     * different per subscription, so it serves the subscriber as an idempotency key.
     *
     * @param eventId the article event's CloudEvents id, which changes when the article is republished as an update
     */
    public static String messageId(String subscriptionId, String eventId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((subscriptionId + "/" + eventId).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest).substring(0, MESSAGE_ID_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * The body for an article. Its timestamp is when the article was enriched (the event time), so the body is the
     * same on every attempt; {@code fallbackTime} stands in when that is unknown.
     */
    public static byte[] body(EnrichedArticle article, Instant fallbackTime) {
        Instant eventTime = article.enrichedAt() != null ? article.enrichedAt() : fallbackTime;
        return Json.writeBytes(new Payload(EVENT_TYPE, eventTime, article));
    }

    /**
     * The same body as {@link #body(EnrichedArticle, Instant)}, written around the article's JSON as it was read
     * from the enriched topic instead of serialising the article again: one copy of the bytes per delivery.
     *
     * @param articleJson the record value, a JSON object that was read as {@code article}
     * @param article     the article read from it, for its event time
     */
    public static byte[] body(byte[] articleJson, EnrichedArticle article, Instant fallbackTime) {
        Instant eventTime = article.enrichedAt() != null ? article.enrichedAt() : fallbackTime;
        byte[] head = ("{\"type\":\"" + EVENT_TYPE + "\",\"timestamp\":" + Json.write(eventTime) + ",\"data\":")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + articleJson.length + 1];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(articleJson, 0, body, head.length, articleJson.length);
        body[body.length - 1] = '}';
        return body;
    }

    /**
     * The signed request for one attempt of a body built once per article and subscription.
     *
     * @param messageId the {@code webhook-id}, see {@link #messageId}
     * @param now       the time of this attempt, which becomes {@code webhook-timestamp}
     */
    public static WebhookRequest request(Subscription subscription, String messageId, byte[] body, Instant now) {
        long timestamp = now.getEpochSecond();
        String signature = StandardWebhooks.signatureHeader(subscription.delivery().secrets(), messageId, timestamp,
                body);
        return new WebhookRequest(subscription.delivery().url(), messageId, timestamp, body, signature);
    }

    /**
     * The signed request for one attempt.
     *
     * @param eventId the article event's CloudEvents id ({@code ce_id}), or the article id when it has none
     * @param now     the time of this attempt, which becomes {@code webhook-timestamp}
     */
    public static WebhookRequest request(Subscription subscription, String eventId, EnrichedArticle article,
                                         Instant now) {
        String messageId = messageId(subscription.id(), eventId);
        long timestamp = now.getEpochSecond();
        byte[] body = body(article, now);
        String signature = StandardWebhooks.signatureHeader(subscription.delivery().secrets(), messageId, timestamp,
                body);
        return new WebhookRequest(subscription.delivery().url(), messageId, timestamp, body, signature);
    }
}

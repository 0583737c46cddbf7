package dev.newsflow.publish.webhook;

import dev.newsflow.contract.StandardWebhooks;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One signed webhook request, ready to send.
 *
 * @param url       where it goes
 * @param messageId the {@code webhook-id}, the same on every attempt so the subscriber can drop duplicates
 * @param timestamp the {@code webhook-timestamp}, epoch seconds of this attempt
 * @param body      the JSON body, signed as it is
 * @param signature the {@code webhook-signature}, one {@code v1,...} entry per secret
 */
public record WebhookRequest(URI url, String messageId, long timestamp, byte[] body, String signature) {

    public static final String CONTENT_TYPE = "application/json";
    public static final String USER_AGENT = "newsflow-publish/1 (Standard Webhooks)";

    public WebhookRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
    }

    /** The headers to send with the body, in the order they are sent. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", CONTENT_TYPE);
        headers.put("user-agent", USER_AGENT);
        headers.put(StandardWebhooks.ID_HEADER, messageId);
        headers.put(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(StandardWebhooks.SIGNATURE_HEADER, signature);
        return headers;
    }

    @Override
    public String toString() {
        return "WebhookRequest[messageId=" + messageId + ", timestamp=" + timestamp + ", " + body.length + " bytes]";
    }
}

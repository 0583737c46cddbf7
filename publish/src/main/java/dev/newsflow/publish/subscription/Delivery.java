package dev.newsflow.publish.subscription;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How a stored subscription's articles reach the subscriber.
 *
 * @param type    {@code webhook} (signed POSTs to the URL) or {@code pull} (nothing is pushed: the subscriber reads
 *                the enriched topic, the feeds or the stream with the subscription's filter)
 * @param url     the webhook URL; null for pull
 * @param secrets the Standard Webhooks secrets ({@code whsec_...}); empty for pull
 */
public record Delivery(Type type, URI url, List<String> secrets) {

    public enum Type {
        @JsonProperty("webhook") WEBHOOK,
        @JsonProperty("pull") PULL
    }

    public Delivery {
        Objects.requireNonNull(type, "type");
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        if (type == Type.WEBHOOK && (url == null || secrets.isEmpty())) {
            throw new IllegalArgumentException("a webhook delivery needs a URL and at least one secret");
        }
    }

    public static Delivery webhook(URI url, List<String> secrets) {
        return new Delivery(Type.WEBHOOK, url, secrets);
    }

    public static Delivery pull() {
        return new Delivery(Type.PULL, null, List.of());
    }

    /** The webhook delivery workers use; only for {@link Type#WEBHOOK}. */
    public WebhookDelivery toWebhook() {
        if (type != Type.WEBHOOK) {
            throw new IllegalStateException("not a webhook delivery");
        }
        return new WebhookDelivery(url, secrets);
    }

    /** The URL without user info and query, or {@code pull}: fit for logs and listings. */
    public String describe() {
        return type == Type.WEBHOOK ? WebhookDelivery.redact(url) : "pull";
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "Delivery[" + describe() + ", secrets=" + secrets.size() + " x ******]";
    }
}

package dev.newsflow.publish.subscription;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Delivery by webhook: a signed POST of each article to the subscriber's URL.
 *
 * <p>{@link #toString()} shows neither the secrets nor the URL's user info and query (which often carry tokens),
 * so the value is safe to log and to print with the configuration.
 *
 * @param url     where articles are posted
 * @param secrets Standard Webhooks secrets ({@code whsec_...}); every one signs each message, so a receiver can
 *                rotate its secret without missing a message
 */
public record WebhookDelivery(URI url, List<String> secrets) {

    public WebhookDelivery {
        Objects.requireNonNull(url, "url");
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs at least one secret");
        }
    }

    /** The URL without user info, query and fragment: fit for logs. */
    public String redactedUrl() {
        return redact(url);
    }

    static String redact(URI url) {
        StringBuilder text = new StringBuilder();
        if (url.getScheme() != null) {
            text.append(url.getScheme()).append("://");
        }
        if (url.getHost() != null) {
            text.append(url.getHost());
        }
        if (url.getPort() >= 0) {
            text.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            text.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            text.append("?...");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "WebhookDelivery[url=" + redactedUrl() + ", secrets=" + secrets.size() + " x ******]";
    }
}

package dev.newsflow.publish.webhook;

/** A delivery given up after its last attempt; the reason travels with the dead-letter record. */
public final class WebhookDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WebhookDeliveryException(String message) {
        super(message);
    }
}

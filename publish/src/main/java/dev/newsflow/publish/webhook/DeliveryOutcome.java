package dev.newsflow.publish.webhook;

import java.time.Duration;
import java.util.Objects;

/** What became of one delivery attempt. */
public sealed interface DeliveryOutcome {

    /** The subscriber took the message (2xx). */
    record Delivered(int status) implements DeliveryOutcome {
    }

    /** The subscriber answered 410 Gone: it wants no more messages, so the subscription is disabled. */
    record Gone() implements DeliveryOutcome {
    }

    /**
     * A transient failure (429, 5xx, timeout, connection error): try again on the schedule, and not before
     * {@code minimumDelay} when the subscriber asked for that with {@code Retry-After}.
     */
    record Retry(String reason, Duration minimumDelay) implements DeliveryOutcome {
        public Retry {
            Objects.requireNonNull(reason, "reason");
            minimumDelay = minimumDelay == null ? Duration.ZERO : minimumDelay;
        }

        public Retry(String reason) {
            this(reason, Duration.ZERO);
        }
    }

    /**
     * The subscriber refused the message (3xx, 4xx other than 410 and 429) or its address is not allowed. The
     * Standard Webhooks spec asks senders to retry any non-2xx answer, so this too is retried on the schedule;
     * it is told apart because it usually needs a person to fix the receiver or the subscription.
     */
    record Rejected(String reason) implements DeliveryOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Whether another attempt may succeed where this one failed. */
    default boolean isRetriable() {
        return this instanceof Retry || this instanceof Rejected;
    }

    /** Why the attempt failed, or what succeeded, in words for logs and dead-letter headers. */
    default String describe() {
        if (this instanceof Delivered delivered) {
            return "delivered (HTTP " + delivered.status() + ")";
        }
        if (this instanceof Retry retry) {
            return retry.reason();
        }
        if (this instanceof Rejected rejected) {
            return rejected.reason();
        }
        return "HTTP 410 Gone";
    }

    /** The minimum delay the subscriber asked for before the next attempt; zero when it did not ask. */
    default Duration minimumDelay() {
        return this instanceof Retry retry ? retry.minimumDelay() : Duration.ZERO;
    }
}

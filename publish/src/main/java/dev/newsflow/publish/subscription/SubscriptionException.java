package dev.newsflow.publish.subscription;

import java.util.List;
import java.util.Objects;

/**
 * A subscription operation that cannot be done. The message is newsflow's own words, never the request's input, so
 * it is safe to return to the caller and to log.
 */
public final class SubscriptionException extends RuntimeException {

    /** What went wrong, which decides the answer. */
    public enum Kind {
        /** The request is not a valid subscription or parameter (400). */
        INVALID,
        /** No subscription has that id (404). */
        NOT_FOUND,
        /** The subscription's state or origin does not allow it (409). */
        CONFLICT,
        /** Kafka did not answer in time, or the consumer group stayed busy (503). */
        UNAVAILABLE
    }

    private final Kind kind;
    private final List<String> problems;

    public SubscriptionException(Kind kind, String message) {
        this(kind, List.of(message));
    }

    public SubscriptionException(Kind kind, List<String> problems) {
        super(String.join("; ", problems));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.problems = List.copyOf(problems);
    }

    public static SubscriptionException notFound(String id) {
        return new SubscriptionException(Kind.NOT_FOUND, "no subscription with id '" + id + "'");
    }

    public Kind kind() {
        return kind;
    }

    public List<String> problems() {
        return problems;
    }
}

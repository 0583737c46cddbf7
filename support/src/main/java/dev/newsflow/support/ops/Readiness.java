package dev.newsflow.support.ops;

import java.util.Objects;

/** Whether a service can do its work now: {@code /health/ready} answers 200 for {@link Ready}, 503 otherwise. */
public sealed interface Readiness {

    /** Ready to work: Kafka answers and, for group members, the partitions are assigned. */
    record Ready() implements Readiness {
    }

    /** Not ready, with a short reason for the operator (starting, joining the group, Kafka unreachable...). */
    record NotReady(String reason) implements Readiness {
        public NotReady {
            Objects.requireNonNull(reason, "reason");
        }
    }

    Readiness READY = new Ready();

    static Readiness ready() {
        return READY;
    }

    static Readiness notReady(String reason) {
        return new NotReady(reason);
    }

    default boolean isReady() {
        return this instanceof Ready;
    }

    /** Ready when both are; otherwise the first reason. */
    default Readiness and(Readiness other) {
        return isReady() ? other : this;
    }
}

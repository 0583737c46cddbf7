package dev.newsflow.kafka;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Which broker the integration tests use, and why.
 *
 * @param kind             the kind of broker
 * @param bootstrapServers for {@link KafkaBroker.Kind#EXTERNAL}: where it is; otherwise null
 * @param reason           why, for the log
 */
record BrokerChoice(KafkaBroker.Kind kind, String bootstrapServers, String reason) {

    static final String BOOTSTRAP_SERVERS_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";
    static final String BROKER_VARIABLE = "NEWSFLOW_KAFKA_BROKER";

    /**
     * An external broker if {@value #BOOTSTRAP_SERVERS_VARIABLE} is set; otherwise a Testcontainers broker if
     * Testcontainers is on the class path and Docker is available; otherwise the embedded broker.
     * {@value #BROKER_VARIABLE} set to {@code embedded} or {@code container} skips the Docker question.
     *
     * @param bootstrapServers value of {@value #BOOTSTRAP_SERVERS_VARIABLE}, or null
     * @param requested        value of {@value #BROKER_VARIABLE}, or null
     * @param testcontainers   whether Testcontainers' Kafka module is on the class path
     * @param docker           whether Docker is available; asked only when needed, as it can take a while
     */
    static BrokerChoice choose(String bootstrapServers, String requested, boolean testcontainers,
                               BooleanSupplier docker) {
        if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            return new BrokerChoice(KafkaBroker.Kind.EXTERNAL, bootstrapServers.trim(),
                    BOOTSTRAP_SERVERS_VARIABLE + " is set");
        }
        String request = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        switch (request) {
            case "embedded":
                return embedded(BROKER_VARIABLE + "=embedded");
            case "container":
                if (!testcontainers) {
                    throw new IllegalStateException(BROKER_VARIABLE + "=container, but org.testcontainers:"
                            + "testcontainers-kafka is not on the test class path");
                }
                return new BrokerChoice(KafkaBroker.Kind.CONTAINER, null, BROKER_VARIABLE + "=container");
            case "", "auto":
                break;
            default:
                throw new IllegalArgumentException(BROKER_VARIABLE + " must be embedded, container or auto, not "
                        + requested);
        }
        if (!testcontainers) {
            return embedded("org.testcontainers:testcontainers-kafka is not on the test class path");
        }
        if (docker.getAsBoolean()) {
            return new BrokerChoice(KafkaBroker.Kind.CONTAINER, null, "Docker is available");
        }
        return embedded("Docker is not available");
    }

    private static BrokerChoice embedded(String reason) {
        return new BrokerChoice(KafkaBroker.Kind.EMBEDDED, null, reason);
    }
}

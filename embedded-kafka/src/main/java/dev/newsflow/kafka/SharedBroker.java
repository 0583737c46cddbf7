package dev.newsflow.kafka;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one broker of all the integration tests in a JVM, which JUnit stops when they are done.
 *
 * @param broker the broker
 * @param stop   stops it, unless it is external
 */
record SharedBroker(KafkaBroker broker, Runnable stop) implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedBroker.class);
    private static final String TESTCONTAINERS_KAFKA = "org.testcontainers.kafka.KafkaContainer";

    static SharedBroker start() {
        BrokerChoice choice = BrokerChoice.choose(System.getenv(BrokerChoice.BOOTSTRAP_SERVERS_VARIABLE),
                System.getenv(BrokerChoice.BROKER_VARIABLE), testcontainersPresent(),
                () -> DockerProbe.mayHaveDocker() && ContainerKafkaBroker.dockerAvailable());
        long began = System.nanoTime();
        SharedBroker shared = switch (choice.kind()) {
            case EXTERNAL -> new SharedBroker(new ExternalKafkaBroker(choice.bootstrapServers()), () -> { });
            case CONTAINER -> {
                ContainerKafkaBroker container = ContainerKafkaBroker.start();
                yield new SharedBroker(container, container::close);
            }
            case EMBEDDED -> {
                EmbeddedKafkaBroker embedded = EmbeddedKafkaBroker.builder().build().start();
                yield new SharedBroker(embedded, embedded::close);
            }
        };
        log.info("Integration tests use the {} Kafka broker at {} ({}; ready in {} ms)",
                choice.kind().name().toLowerCase(Locale.ROOT), shared.broker().bootstrapServers(), choice.reason(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        return shared;
    }

    @Override
    public void close() {
        stop.run();
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName(TESTCONTAINERS_KAFKA, false, SharedBroker.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

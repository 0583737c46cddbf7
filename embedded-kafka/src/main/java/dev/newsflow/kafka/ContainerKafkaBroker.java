package dev.newsflow.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A broker in a Docker container of the {@code apache/kafka-native} image of the same version as Kafka's jars, set up
 * like {@link EmbeddedKafkaBroker}. Only loaded when Testcontainers is on the class path.
 */
final class ContainerKafkaBroker implements KafkaBroker, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContainerKafkaBroker.class);
    private static final Duration DOCKER_CHECK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaContainer container;

    private ContainerKafkaBroker(KafkaContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        // Run aside, so that an engine that does not answer delays the tests by a bounded time only.
        CompletableFuture<Boolean> available = CompletableFuture.supplyAsync(
                () -> DockerClientFactory.instance().isDockerAvailable());
        try {
            return available.get(DOCKER_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Docker did not answer within {} s; not using it", DOCKER_CHECK_TIMEOUT.toSeconds());
            return false;
        } catch (ExecutionException e) {
            log.warn("Could not find out whether Docker is available; not using it", e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @SuppressWarnings("resource") // closed by close()
    static ContainerKafkaBroker start() {
        KafkaContainer container = new KafkaContainer(image())
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return new ContainerKafkaBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public Kind kind() {
        return Kind.CONTAINER;
    }

    @Override
    public void close() {
        container.close();
    }

    private static String image() {
        Properties properties = new Properties();
        try (InputStream in = ContainerKafkaBroker.class.getResourceAsStream("kafka-image.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("image");
    }
}

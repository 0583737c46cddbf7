package dev.newsflow.support.kafka;

import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.Setting;
import dev.newsflow.support.config.Validators;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Settings every service shares to reach Kafka. Any other key under {@code kafka.} (or environment variable under
 * {@code NEWSFLOW_KAFKA_}) passes through to the Kafka clients, e.g. {@code kafka.security.protocol: SASL_SSL}.
 */
public final class KafkaSettings {

    public static final String PASS_THROUGH_PREFIX = "kafka.";

    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.string("kafka.bootstrap.servers",
                    "Kafka bootstrap servers, host:port[,host:port...]")
            .withDefault("localhost:9092").validatedBy(Validators.notBlank());

    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("kafka.topics.replication-factor",
                    "replication factor of the topics newsflow creates when they are missing")
            .withDefault(1).validatedBy(Validators.between(1, 32));

    public static final Setting<Integer> PARTITIONS = Setting.integer("kafka.topics.partitions",
                    "partitions of the topics newsflow creates when they are missing (0 = each topic's default)")
            .withDefault(0).validatedBy(Validators.between(0, 10_000));

    private KafkaSettings() {
    }

    /**
     * A service's consumer-group session timeout: how long an instance may be silent before the group moves its work;
     * 10 s by default, at least 1 s (the broker's group.min/max.session.timeout.ms bound it further).
     */
    public static Setting<Duration> sessionTimeout(String name, String doc) {
        return Setting.duration(name, doc).withDefault(Duration.ofSeconds(10))
                .validatedBy(value -> value.compareTo(Duration.ofSeconds(1)) < 0
                        ? Optional.of("must be at least 1s, got " + value) : Optional.empty());
    }

    /**
     * Puts the session timeout into consumer properties unless {@code kafka.session.timeout.ms} set one, and
     * heartbeats a third of whichever applies, as Kafka advises.
     */
    public static void putSessionTimeout(Map<String, Object> consumerProperties, Duration sessionTimeout) {
        consumerProperties.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        consumerProperties.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.parseInt(
                String.valueOf(consumerProperties.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG))) / 3);
    }

    public static List<Setting<?>> all() {
        return List.of(BOOTSTRAP_SERVERS, REPLICATION_FACTOR, PARTITIONS);
    }

    /** Client properties: pass-through settings plus the bootstrap servers. */
    public static Map<String, Object> clientProperties(Config config) {
        Map<String, Object> properties = new HashMap<>(config.passThrough(PASS_THROUGH_PREFIX));
        properties.remove("topics.replication-factor");
        properties.remove("topics.partitions");
        properties.put("bootstrap.servers", config.get(BOOTSTRAP_SERVERS));
        return properties;
    }
}

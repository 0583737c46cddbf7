package dev.newsflow.support.kafka;

import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.Setting;
import dev.newsflow.support.config.Validators;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

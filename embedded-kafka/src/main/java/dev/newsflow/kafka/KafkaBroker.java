package dev.newsflow.kafka;

import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A running Kafka broker that clients reach at {@link #bootstrapServers()}: the {@link EmbeddedKafkaBroker}, a
 * Testcontainers container, or an external cluster (see {@link KafkaBrokerExtension}).
 */
public interface KafkaBroker {

    /** Where the broker runs. */
    enum Kind { EXTERNAL, CONTAINER, EMBEDDED }

    /** The {@code bootstrap.servers} of the broker, e.g. {@code 127.0.0.1:40123}. */
    String bootstrapServers();

    Kind kind();

    /** A new admin client of this broker; the caller closes it. */
    default Admin createAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /**
     * A topic, group or transactional id that no other test uses, so tests can share one broker.
     *
     * @param prefix what the name is for, e.g. {@code "orders"}
     */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

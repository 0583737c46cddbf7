package dev.newsflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerPropertiesTest {

    private final ServerProperties settings =
            new ServerProperties(Path.of("/data"), 9092, 9093, Map.of("log.retention.ms", "1000"));

    @Test
    void shouldRunOneNodeAsBrokerAndControllerOnTheLoopbackInterface() {
        assertThat(settings.asMap())
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092");
        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void shouldReplicateInternalTopicsOnceOnly() {
        assertThat(settings.asMap())
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1");
    }

    @Test
    void shouldLetOverridesWin() {
        ServerProperties overridden = new ServerProperties(Path.of("/data"), 9092, 9093,
                Map.of("auto.create.topics.enable", "true"));

        assertThat(overridden.asMap()).containsEntry("auto.create.topics.enable", "true");
        assertThat(settings.asMap()).containsEntry("log.retention.ms", "1000")
                .containsEntry("auto.create.topics.enable", "false");
    }
}

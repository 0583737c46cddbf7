package dev.newsflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BrokerChoiceTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier MUST_NOT_ASK = () -> {
        throw new AssertionError("asked whether Docker is available");
    };

    @Test
    void shouldUseTheBrokerOfKafkaBootstrapServersWithoutAskingForDocker() {
        BrokerChoice choice = BrokerChoice.choose(" kafka:9092 ", "container", true, MUST_NOT_ASK);

        assertThat(choice.kind()).isEqualTo(KafkaBroker.Kind.EXTERNAL);
        assertThat(choice.bootstrapServers()).isEqualTo("kafka:9092");
    }

    @Test
    void shouldIgnoreABlankKafkaBootstrapServers() {
        assertThat(BrokerChoice.choose(" ", null, true, DOCKER).kind()).isEqualTo(KafkaBroker.Kind.CONTAINER);
    }

    @Test
    void shouldUseAContainerWhenDockerIsAvailable() {
        assertThat(BrokerChoice.choose(null, null, true, DOCKER).kind()).isEqualTo(KafkaBroker.Kind.CONTAINER);
    }

    @Test
    void shouldUseTheEmbeddedBrokerWhenDockerIsNotAvailable() {
        BrokerChoice choice = BrokerChoice.choose(null, "auto", true, NO_DOCKER);

        assertThat(choice.kind()).isEqualTo(KafkaBroker.Kind.EMBEDDED);
        assertThat(choice.reason()).contains("Docker");
    }

    @Test
    void shouldUseTheEmbeddedBrokerWithoutAskingForDockerWhenTestcontainersIsMissing() {
        BrokerChoice choice = BrokerChoice.choose(null, null, false, MUST_NOT_ASK);

        assertThat(choice.kind()).isEqualTo(KafkaBroker.Kind.EMBEDDED);
        assertThat(choice.reason()).contains("testcontainers-kafka");
    }

    @Test
    void shouldUseTheEmbeddedBrokerWithoutAskingForDockerWhenRequested() {
        assertThat(BrokerChoice.choose(null, "Embedded", true, MUST_NOT_ASK).kind())
                .isEqualTo(KafkaBroker.Kind.EMBEDDED);
    }

    @Test
    void shouldUseAContainerWithoutAskingForDockerWhenRequested() {
        assertThat(BrokerChoice.choose(null, "container", true, MUST_NOT_ASK).kind())
                .isEqualTo(KafkaBroker.Kind.CONTAINER);
    }

    @Test
    void shouldRefuseAContainerRequestWithoutTestcontainers() {
        assertThatThrownBy(() -> BrokerChoice.choose(null, "container", false, MUST_NOT_ASK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("testcontainers-kafka");
    }

    @Test
    void shouldRefuseAnUnknownRequest() {
        assertThatThrownBy(() -> BrokerChoice.choose(null, "docker", true, MUST_NOT_ASK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(BrokerChoice.BROKER_VARIABLE);
    }
}

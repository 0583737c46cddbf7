package dev.newsflow.publish;

import static dev.newsflow.publish.TestArticles.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.publish.subscription.Subscription;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishServiceTest {

    @Test
    void shouldReportEverySubscriptionBeforeItStarts() {
        String subscriptions = """
                [{"id": "desk", "url": "https://hooks.example.org/a", "secret": "%s"},
                 {"id": "paused", "url": "https://hooks.example.org/b", "secret": "%s", "enabled": false}]
                """.formatted(SECRET, SECRET);
        Config config = Config.load(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX),
                Optional.empty(), Map.of("NEWSFLOW_PUBLISH_SUBSCRIPTIONS", subscriptions));

        try (PublishService service = PublishService.builder(config).build()) {
            assertThat(service.subscriptions()).extracting(Subscription::id).containsExactly("desk", "paused");
            assertThat(service.stats().values()).containsExactly(
                    new SubscriptionStats("desk", WorkerState.NOT_STARTED, 0, 0, 0, 0),
                    new SubscriptionStats("paused", WorkerState.PAUSED, 0, 0, 0, 0));
        }
    }

    @Test
    void shouldHaveNoHttpPortUntilItStarts() {
        Config config = Config.load(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX),
                Optional.empty(), Map.of("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));

        try (PublishService service = PublishService.builder(config).build()) {
            assertThat(service.httpPort()).isEmpty();
            assertThat(service.isRunning()).isFalse();
            assertThat(service.failure()).isEmpty();
        }
    }
}

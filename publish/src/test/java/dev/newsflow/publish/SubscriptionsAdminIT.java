package dev.newsflow.publish;

import static dev.newsflow.publish.TestArticles.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import dev.newsflow.publish.subscription.SubscriptionState;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The subscriptions command line against a real broker, seen by a running publish service. */
@WithKafka
class SubscriptionsAdminIT {

    private final String id = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldAddPauseResumeReplayAndDeleteASubscriptionThatARunningServiceFollows(KafkaBroker kafka) {
        Config config = Config.of(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(), "publish.allow-private-targets", true,
                "publish.http.enabled", false));
        try (PublishService service = PublishService.builder(config).build()) {
            service.start();

            assertThat(run(config, "add", id, "--url", "http://127.0.0.1:9/hook", "--secret", SECRET,
                    "--tags", "Q36,Q1")).as(text(err)).isZero();
            assertThat(text(out)).contains("created " + id, "active", "http://127.0.0.1:9/hook")
                    .doesNotContain(SECRET);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.stats().containsKey(id));

            assertThat(run(config, "pause", id)).isZero();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(service.stats().get(id).state()).isEqualTo(WorkerState.PAUSED));
            assertThat(run(config, "list")).isZero();
            assertThat(text(out)).contains(id + "\tpaused");
            assertThat(run(config, "resume", id)).isZero();
            assertThat(run(config, "replay", id, "--from", "2020-01-01T00:00:00Z")).as(text(err)).isZero();
            assertThat(text(out)).contains(id + " replays from 2020-01-01T00:00:00Z");
            assertThat(service.subscriptionOperations().orElseThrow().get(id).orElseThrow().state())
                    .isEqualTo(SubscriptionState.ACTIVE);
            assertThat(run(config, "list", "--json")).isZero();
            assertThat(text(out)).contains("\"id\":\"" + id + "\"").doesNotContain(SECRET);

            assertThat(run(config, "delete", id)).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> !service.stats().containsKey(id));
        }
        assertThat(run(config, "pause", "nobody-" + id)).isEqualTo(SubscriptionsAdmin.FAILED);
        assertThat(text(err)).contains("no subscription with id");
        assertThat(run(config, "add", id, "--url", "ftp://x", "--secret", "nope")).isEqualTo(SubscriptionsAdmin.USAGE);
        assertThat(run(config, "frobnicate")).isEqualTo(SubscriptionsAdmin.USAGE);
    }

    private int run(Config config, String... args) {
        out.reset();
        err.reset();
        return SubscriptionsAdmin.run(List.of(args), config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}

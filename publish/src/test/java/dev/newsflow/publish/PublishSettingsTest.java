package dev.newsflow.publish;

import static dev.newsflow.publish.TestArticles.OTHER_SECRET;
import static dev.newsflow.publish.TestArticles.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.publish.subscription.Subscription;
import dev.newsflow.publish.subscription.SubscriptionFilter;
import dev.newsflow.publish.webhook.RetrySchedule;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.ConfigException;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishSettingsTest {

    @TempDir
    Path directory;

    @Test
    void shouldReadSubscriptionsFromYaml() throws IOException {
        Config config = load("""
                publish:
                  subscriptions:
                    - id: poland-desk
                      url: https://hooks.example.org/newsflow?token=abc
                      secret: %s
                      filter:
                        tags: [Q36]
                        languages: [pl, en]
                        sources: Q130879
                        feeds: [pap]
                    - id: everything
                      url: http://hooks.example.org/all
                      secrets: [%s, %s]
                      enabled: false
                """.formatted(SECRET, SECRET, OTHER_SECRET));

        List<Subscription> subscriptions = config.get(PublishSettings.SUBSCRIPTIONS);

        assertThat(subscriptions).hasSize(2);
        Subscription desk = subscriptions.get(0);
        assertThat(desk.id()).isEqualTo("poland-desk");
        assertThat(desk.enabled()).isTrue();
        assertThat(desk.delivery().url()).isEqualTo(URI.create("https://hooks.example.org/newsflow?token=abc"));
        assertThat(desk.delivery().secrets()).containsExactly(SECRET);
        assertThat(desk.filter()).isEqualTo(new SubscriptionFilter(
                Set.of("Q36"), Set.of("pl", "en"), Set.of("Q130879"),
                Set.of("pap")));
        Subscription everything = subscriptions.get(1);
        assertThat(everything.enabled()).isFalse();
        assertThat(everything.delivery().secrets()).containsExactly(SECRET, OTHER_SECRET);
        assertThat(everything.filter().matchesEverything()).isTrue();
    }

    @Test
    void shouldUseTheStandardWebhooksDefaults() {
        Config config = Config.load(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX),
                Optional.empty(), Map.of());

        assertThat(config.get(PublishSettings.SUBSCRIPTIONS)).isEmpty();
        assertThat(config.get(PublishSettings.REQUEST_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.get(PublishSettings.RETRY_SCHEDULE)).containsExactly(Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
                Duration.ofHours(10));
        assertThat(config.get(PublishSettings.MAX_ATTEMPTS)).isEqualTo(RetrySchedule.DEFAULT_MAX_ATTEMPTS)
                .isEqualTo(8);
        assertThat(config.get(PublishSettings.ALLOW_PRIVATE_TARGETS)).isFalse();
    }

    @Test
    void shouldReportEverySubscriptionProblemAtOnceWithoutQuotingSecrets() throws IOException {
        String shortSecret = "whsec_c2hvcnQ=";
        Path file = write("""
                publish:
                  subscriptions:
                    - id: dup
                      url: https://a.example/hook
                      secret: %s
                    - id: dup
                      url: ftp://b.example/hook
                      secret: %s
                    - id: no-secret
                      url: https://c.example/hook
                    - id: bad id!
                      url: https://d.example/hook
                      secrets: [%s, not-a-secret]
                      filter: {tags: [Q1], topics: [x]}
                      enabled: maybe
                      colour: blue
                    - url: https://e.example/hook
                      secret: %s
                      secrets: [%s]
                  webhook:
                    max-attempts: 0
                """.formatted(SECRET, shortSecret, SECRET, SECRET, SECRET));

        assertThatThrownBy(() -> load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(2)
                            .anySatisfy(problem -> assertThat(problem).contains("publish.webhook.max-attempts"));
                    assertThat(e.getMessage()).contains(
                            "11 problems",
                            "subscription #2 ('dup'): url must be an absolute http(s) URL",
                            "subscription #2 ('dup'): secret is not a valid Standard Webhooks secret",
                            "subscription #2 ('dup'): id 'dup' is used by another subscription",
                            "subscription #3 ('no-secret'): a signing secret is required",
                            "subscription #4 ('bad id!'): unknown key 'colour'",
                            "subscription #4 ('bad id!'): id must be",
                            "subscription #4 ('bad id!'): secret #2 is not a valid Standard Webhooks secret",
                            "subscription #4 ('bad id!'): unknown filter key 'topics'",
                            "subscription #4 ('bad id!'): enabled must be true or false",
                            "subscription #5: id is required",
                            "subscription #5: give either secret or secrets, not both");
                    assertThat(e.getMessage()).doesNotContain(shortSecret, SECRET, "not-a-secret");
                });
    }

    @Test
    void shouldMaskSecretsAndUrlTokensWhenDescribingTheConfiguration() throws IOException {
        Config config = load("""
                publish.subscriptions:
                  - id: desk
                    url: https://user:pass@hooks.example.org/newsflow?token=abc
                    secrets: [%s, %s]
                """.formatted(SECRET, OTHER_SECRET));

        assertThat(config.describe())
                .contains("publish.subscriptions = ", "desk", "https://hooks.example.org/newsflow?...",
                        "2 x ******")
                .doesNotContain(SECRET, OTHER_SECRET, "token=abc", "user:pass");
    }

    @Test
    void shouldReadSettingsFromTheEnvironment() {
        String json = "[{\"id\": \"desk\", \"url\": \"https://hooks.example.org/x\", \"secret\": \"" + SECRET + "\"}]";

        Config config = Config.load(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX),
                Optional.empty(), Map.of(
                        "NEWSFLOW_PUBLISH_SUBSCRIPTIONS", json,
                        "NEWSFLOW_PUBLISH_WEBHOOK_RETRY_SCHEDULE", "0s, 100ms, 2s",
                        "NEWSFLOW_PUBLISH_WEBHOOK_MAX_ATTEMPTS", "3",
                        "NEWSFLOW_PUBLISH_ALLOW_PRIVATE_TARGETS", "true",
                        "NEWSFLOW_PUBLISH_WEBHOOK_TIMEOUT", "500ms"));

        assertThat(config.get(PublishSettings.SUBSCRIPTIONS)).extracting(Subscription::id).containsExactly("desk");
        assertThat(config.get(PublishSettings.RETRY_SCHEDULE))
                .containsExactly(Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(2));
        assertThat(config.get(PublishSettings.MAX_ATTEMPTS)).isEqualTo(3);
        assertThat(config.get(PublishSettings.ALLOW_PRIVATE_TARGETS)).isTrue();
        assertThat(config.get(PublishSettings.REQUEST_TIMEOUT)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldRefuseATimeoutLongerThanTheConsumerCanWait() throws IOException {
        Path file = write("publish.webhook.timeout: 10m\npublish.webhook.retry-schedule: [0s, soon]\n");

        assertThatThrownBy(() -> load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(problem -> assertThat(problem).contains("publish.webhook.timeout", "at most"))
                        .anySatisfy(problem -> assertThat(problem).contains("publish.webhook.retry-schedule",
                                "soon")));
    }

    @Test
    void shouldServeFeedsAndTheStreamOnPort8082ByDefault() throws IOException {
        Config config = load("kafka.bootstrap.servers: localhost:9092\n");

        assertThat(config.get(PublishSettings.HTTP_ENABLED)).isTrue();
        assertThat(config.get(PublishSettings.HTTP_HOST)).isEqualTo("0.0.0.0");
        assertThat(config.get(PublishSettings.HTTP_PORT)).isEqualTo(8082);
        assertThat(config.find(PublishSettings.HTTP_PUBLIC_URL)).isEmpty();
        assertThat(config.get(PublishSettings.FEEDS_WINDOW)).isEqualTo(5000);
        assertThat(config.get(PublishSettings.STREAM_KEEP_ALIVE)).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.get(PublishSettings.STREAM_MAX_CLIENTS)).isEqualTo(10_000);
        assertThat(config.get(PublishSettings.STREAM_CLIENT_QUEUE)).isEqualTo(1000);
    }

    @Test
    void shouldReportEveryInvalidHttpSettingAtOnce() throws IOException {
        Path file = write("""
                publish:
                  http: {port: 70000, host: " ", public-url: "ftp://example.org"}
                  feeds: {window: 0}
                  stream: {keep-alive: 0s, max-clients: 0, client-queue: 0}
                """);

        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContainingAll("publish.http.port", "publish.http.host", "publish.http.public-url",
                        "publish.feeds.window", "publish.stream.keep-alive", "publish.stream.max-clients",
                        "publish.stream.client-queue");
    }

    @Test
    void shouldReadApiKeysMaskThemAndRefuseShortOnes() throws IOException {
        Config config = load("""
                publish:
                  api:
                    keys: [first-key-0123456789, second-key-0123456789]
                """);

        assertThat(config.get(PublishSettings.API_KEYS)).containsExactly("first-key-0123456789",
                "second-key-0123456789");
        assertThat(config.describe()).contains("publish.api.keys = ******").doesNotContain("first-key");
        assertThat(load("publish: {webhook: {timeout: 5s}}").get(PublishSettings.API_KEYS)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load("""
                publish:
                  api: {keys: [short]}
                """)).hasMessageContaining("publish.api.keys").hasMessageContaining("at least 16")
                .hasMessageNotContaining("short]");
    }

    private Config load(String yaml) throws IOException {
        return load(write(yaml));
    }

    private Config load(Path file) {
        return Config.load(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), Optional.of(file),
                Map.of());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(directory.resolve("publish.yaml"), yaml);
    }
}

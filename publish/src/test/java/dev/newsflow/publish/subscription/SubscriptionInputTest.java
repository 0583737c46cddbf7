package dev.newsflow.publish.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.Json;
import dev.newsflow.publish.TestArticles;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionInputTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String SECRET = TestArticles.SECRET;

    @Test
    void shouldCreateAnActiveSubscriptionFromTheApiForm() {
        StoredSubscription created = SubscriptionInput.create(json("""
                {"id": "desk", "filter": {"tags": ["Q36"], "tagsAll": ["Q1"], "sources": ["cited"],
                 "languages": ["PL"], "feeds": ["pap"]},
                 "delivery": {"type": "webhook", "url": "https://hooks.example/in?token=x", "secrets": ["%s"]}}
                """.formatted(SECRET)), () -> "generated", SubscriptionInput.TargetCheck.ANY, NOW);

        assertThat(created.id()).isEqualTo("desk");
        assertThat(created.state()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(created.origin()).isEqualTo(StoredSubscription.Origin.API);
        assertThat(created.filter()).isEqualTo(new SubscriptionFilter(Set.of("Q36"), Set.of("Q1"), Set.of("pl"),
                Set.of("cited"), Set.of("pap")));
        assertThat(created.delivery()).isEqualTo(Delivery.webhook(URI.create("https://hooks.example/in?token=x"),
                List.of(SECRET)));
        assertThat(created.createdAt()).isEqualTo(NOW).isEqualTo(created.updatedAt());
    }

    @Test
    void shouldGenerateAnIdWhenNoneIsGivenAndAcceptPullDeliveries() {
        StoredSubscription created = SubscriptionInput.create(json("{\"delivery\": {\"type\": \"pull\"}}"),
                () -> "sub-1", SubscriptionInput.TargetCheck.ANY, NOW);

        assertThat(created.id()).isEqualTo("sub-1");
        assertThat(created.delivery().type()).isEqualTo(Delivery.Type.PULL);
        assertThat(created.delivers()).isFalse();
        assertThat(created.toSubscription()).isEmpty();
    }

    @Test
    void shouldReportEveryProblemWithoutEchoingTheInput() {
        assertThatThrownBy(() -> SubscriptionInput.create(json("""
                {"id": "../etc", "colour": "red", "filter": {"tags": "Q36", "languages": ["polish!"]},
                 "delivery": {"type": "webhook", "url": "javascript:alert(1)", "secrets": ["whsec_short"]}}
                """), () -> "x", SubscriptionInput.TargetCheck.ANY, NOW))
                .isInstanceOfSatisfying(SubscriptionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SubscriptionException.Kind.INVALID);
                    assertThat(e.problems()).hasSize(6);
                    assertThat(e.getMessage()).contains("unknown field", "id must be", "filter.tags",
                                    "filter.languages", "delivery.url", "delivery.secrets #1")
                            .doesNotContain("../etc", "colour", "polish!", "javascript", "whsec_short");
                });
    }

    @Test
    void shouldRequireAUrlAndSecretsForAWebhookAndRefuseThemForPull() {
        assertThatThrownBy(() -> SubscriptionInput.create(json("{\"delivery\": {}}"), () -> "x",
                SubscriptionInput.TargetCheck.ANY, NOW)).hasMessageContaining("delivery.url is required")
                .hasMessageContaining("delivery.secrets is required");
        assertThatThrownBy(() -> SubscriptionInput.create(json("{}"), () -> "x",
                SubscriptionInput.TargetCheck.ANY, NOW)).hasMessageContaining("delivery is required");
        assertThatThrownBy(() -> SubscriptionInput.create(json(
                "{\"delivery\": {\"type\": \"pull\", \"url\": \"https://a.example/\"}}"), () -> "x",
                SubscriptionInput.TargetCheck.ANY, NOW)).hasMessageContaining("pull delivery has no url");
    }

    @Test
    void shouldRefuseTargetsTheCheckRefuses() {
        SubscriptionInput.TargetCheck privateOnly = url -> url.getHost().equals("10.0.0.1")
                ? Optional.of("delivery.url resolves to a non-public address") : Optional.empty();

        assertThatThrownBy(() -> SubscriptionInput.create(json("""
                {"delivery": {"url": "http://10.0.0.1/hook", "secrets": ["%s"]}}""".formatted(SECRET)),
                () -> "x", privateOnly, NOW)).hasMessageContaining("non-public");
    }

    @Test
    void shouldReplaceFilterAndDeliveryOnUpdateAndKeepSecretsLeftOut() {
        StoredSubscription current = SubscriptionInput.create(json("""
                {"id": "desk", "filter": {"tags": ["Q36"]},
                 "delivery": {"url": "https://a.example/hook", "secrets": ["%s"]}}""".formatted(SECRET)),
                () -> "x", SubscriptionInput.TargetCheck.ANY, NOW).pause("paused", NOW);

        StoredSubscription updated = SubscriptionInput.update(current, json("""
                {"filter": {"languages": ["en"]}, "delivery": {"url": "https://b.example/hook"}}"""),
                SubscriptionInput.TargetCheck.ANY, NOW.plusSeconds(60));

        assertThat(updated.filter()).isEqualTo(SubscriptionFilter.ALL.withLanguages(List.of("en")));
        assertThat(updated.delivery().url()).isEqualTo(URI.create("https://b.example/hook"));
        assertThat(updated.delivery().secrets()).containsExactly(SECRET);
        assertThat(updated.state()).isEqualTo(SubscriptionState.PAUSED);
        assertThat(updated.createdAt()).isEqualTo(NOW);
        assertThat(updated.updatedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThatThrownBy(() -> SubscriptionInput.update(current, json("""
                {"id": "other", "delivery": {"url": "https://b.example/hook"}}"""),
                SubscriptionInput.TargetCheck.ANY, NOW)).hasMessageContaining("id must be left out");
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

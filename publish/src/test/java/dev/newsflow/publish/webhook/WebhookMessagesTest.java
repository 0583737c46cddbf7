package dev.newsflow.publish.webhook;

import static dev.newsflow.publish.TestArticles.ENRICHED_AT;
import static dev.newsflow.publish.TestArticles.OTHER_SECRET;
import static dev.newsflow.publish.TestArticles.SECRET;
import static dev.newsflow.publish.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.StandardWebhooks;
import dev.newsflow.publish.subscription.Subscription;
import dev.newsflow.publish.subscription.SubscriptionFilter;
import dev.newsflow.publish.subscription.WebhookDelivery;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookMessagesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void shouldKeepTheWebhookIdStablePerSubscriptionAndArticleVersion() {
        String id = WebhookMessages.messageId("desk", "a1-1700000000000");

        assertThat(id).matches("msg_[0-9a-f]{24}");
        assertThat(WebhookMessages.messageId("desk", "a1-1700000000000")).isEqualTo(id);
        assertThat(WebhookMessages.messageId("other", "a1-1700000000000")).isNotEqualTo(id);
        assertThat(WebhookMessages.messageId("desk", "a1-1700000099999")).isNotEqualTo(id);
    }

    @Test
    void shouldKeepIdAndBodyAcrossAttemptsWhileTheTimestampMoves() {
        Subscription subscription = subscription(List.of(SECRET));
        EnrichedArticle article = article("a1");

        WebhookRequest first = WebhookMessages.request(subscription, "ce-1", article, NOW);
        WebhookRequest retry = WebhookMessages.request(subscription, "ce-1", article, NOW.plusSeconds(300));

        assertThat(retry.messageId()).isEqualTo(first.messageId());
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.timestamp()).isEqualTo(first.timestamp() + 300);
        assertThat(retry.signature()).isNotEqualTo(first.signature());
    }

    @Test
    void shouldWrapTheArticleInTheStandardWebhooksPayload() throws IOException {
        WebhookRequest request = WebhookMessages.request(subscription(List.of(SECRET)), "ce-1", article("a1"), NOW);

        JsonNode body = Json.mapper().readTree(request.body());
        assertThat(body.get("type").asText()).isEqualTo("article.enriched");
        assertThat(body.get("timestamp").asText()).isEqualTo(ENRICHED_AT.toString());
        assertThat(Json.mapper().convertValue(body.get("data"), EnrichedArticle.class)).isEqualTo(article("a1"));
        assertThat(request.timestamp()).isEqualTo(NOW.getEpochSecond());
        assertThat(request.url()).isEqualTo(URI.create("https://hooks.example.org/newsflow"));
        assertThat(request.headers())
                .containsEntry("content-type", "application/json")
                .containsEntry("webhook-id", request.messageId())
                .containsEntry("webhook-timestamp", Long.toString(NOW.getEpochSecond()))
                .containsEntry("webhook-signature", request.signature())
                .containsKey("user-agent");
    }

    @Test
    void shouldWrapTheRecordBytesIntoTheSamePayloadAsTheSerialisedArticle() throws IOException {
        byte[] recordValue = Json.writeBytes(article("a1"));

        byte[] body = WebhookMessages.body(recordValue, article("a1"), Instant.EPOCH);

        assertThat(Json.mapper().readTree(body))
                .isEqualTo(Json.mapper().readTree(WebhookMessages.body(article("a1"), Instant.EPOCH)));
    }

    @Test
    void shouldSignSoThatTheSubscriberCanVerify() {
        WebhookRequest request = WebhookMessages.request(subscription(List.of(SECRET)), "ce-1", article("a1"), NOW);

        assertThat(verify(List.of(SECRET), request, request.body())).isTrue();
        assertThat(verify(List.of(OTHER_SECRET), request, request.body())).isFalse();
        byte[] tampered = new String(request.body(), StandardCharsets.UTF_8).replace("a1", "a2")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verify(List.of(SECRET), request, tampered)).isFalse();
    }

    @Test
    void shouldSignWithEverySecretDuringRotation() {
        WebhookRequest request = WebhookMessages.request(subscription(List.of(OTHER_SECRET, SECRET)), "ce-1",
                article("a1"), NOW);

        assertThat(request.signature().split(" ")).hasSize(2).allMatch(entry -> entry.startsWith("v1,"));
        assertThat(verify(List.of(SECRET), request, request.body())).isTrue();
        assertThat(verify(List.of(OTHER_SECRET), request, request.body())).isTrue();
    }

    @Test
    void shouldMatchTheStandardWebhooksSpecTestVector() {
        String signature = StandardWebhooks.signatureHeader(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    private static boolean verify(List<String> secrets, WebhookRequest request, byte[] body) {
        return StandardWebhooks.verify(secrets, request.messageId(), Long.toString(request.timestamp()),
                request.signature(), body, CLOCK, StandardWebhooks.DEFAULT_TOLERANCE);
    }

    private static Subscription subscription(List<String> secrets) {
        return Subscription.of("desk", SubscriptionFilter.ALL,
                new WebhookDelivery(URI.create("https://hooks.example.org/newsflow"), secrets));
    }
}

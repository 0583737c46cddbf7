package dev.newsflow.publish;

import static dev.newsflow.publish.TestArticles.SECRET;
import static dev.newsflow.publish.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.Topics;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import dev.newsflow.publish.webhook.WebhookMessages;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subscriptions API against a real broker, with real HTTP on 127.0.0.1: subscriptions created, paused, resumed,
 * replayed and deleted through one instance take effect on every instance; exhausted deliveries are kept and
 * replayed; requests without a valid key are refused.
 */
@WithKafka
class SubscriptionsApiIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String KEY = "it-api-key-0123456789abcdef";
    private static final int PARTITION = 0;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @AfterEach
    void closeResources() throws Exception {
        for (int index = resources.size() - 1; index >= 0; index--) {
            resources.get(index).close();
        }
    }

    @Test
    void shouldManageASubscriptionThroughTheApiOfEitherInstance(KafkaBroker kafka) throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.always(200));
        PublishService first = start(config(kafka, List.of(KEY)));
        PublishService second = start(config(kafka, List.of(KEY)));
        String id = "desk-" + run;

        HttpResponse<String> created = call(first, "POST", "", """
                {"id": "%s", "filter": {"tags": ["Q36"]},
                 "delivery": {"type": "webhook", "url": "%s", "secrets": ["%s"]}}
                """.formatted(id, receiver.url(), SECRET), KEY);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/subscriptions/" + id);
        JsonNode view = json(created);
        assertThat(view.path("state").asText()).isEqualTo("active");
        assertThat(view.path("delivery").path("secrets").get(0).asText())
                .isEqualTo("******" + SECRET.substring(SECRET.length() - 4));
        assertThat(created.body()).doesNotContain(SECRET.substring(6, 20));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(call(second, "GET", "/" + id, null, KEY).statusCode()).isEqualTo(200));
        assertThat(json(call(second, "GET", "", null, KEY)).path("subscriptions").findValuesAsText("id"))
                .contains(id);

        Instant beforeArticles = Instant.now();
        EnrichedArticle a1 = article(id("a1"), "pap", "pl", List.of("Q36"), List.of());
        EnrichedArticle a2 = article(id("a2"), "pap", "pl", List.of("Q1"), List.of());
        EnrichedArticle a3 = article(id("a3"), "pap", "pl", List.of("Q36"), List.of());
        publish(kafka, a1, a2, a3);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(articleIds(receiver)).containsExactlyInAnyOrder(a1.id(), a3.id()));
        assertThat(receiver.received()).allSatisfy(received -> assertThat(received.signatureValid()).isTrue());

        assertThat(json(call(first, "POST", "/" + id + "/pause", "", KEY)).path("state").asText())
                .isEqualTo("paused");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(first.stats().get(id).state()).isEqualTo(WorkerState.PAUSED);
            assertThat(second.stats().get(id).state()).isEqualTo(WorkerState.PAUSED);
        });
        EnrichedArticle whilePaused = article(id("paused"), "pap", "pl", List.of("Q36"), List.of());
        publish(kafka, whilePaused);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> !articleIds(receiver).contains(whilePaused.id()));

        assertThat(json(call(second, "POST", "/" + id + "/resume", "", KEY)).path("state").asText())
                .isEqualTo("active");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(articleIds(receiver)).containsExactlyInAnyOrder(a1.id(), a3.id(), whilePaused.id()));

        HttpResponse<String> replayed = call(first, "POST", "/" + id + "/replay?from=" + beforeArticles, "", KEY);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(articleIds(receiver)).containsExactlyInAnyOrder(
                a1.id(), a3.id(), whilePaused.id(), a1.id(), a3.id(), whilePaused.id()));
        List<String> webhookIds = mine(receiver).stream().map(WebhookReceiver.Received::messageId).toList();
        assertThat(webhookIds.subList(3, 6)).as("a replay sends the same webhook-ids")
                .isEqualTo(webhookIds.subList(0, 3))
                .containsExactlyInAnyOrder(messageId(id, a1), messageId(id, a3), messageId(id, whilePaused));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(json(call(second, "GET", "/" + id, null, KEY))
                .path("state").asText()).isEqualTo("active"));

        HttpResponse<String> updated = call(second, "PUT", "/" + id, """
                {"filter": {"tags": ["Q1"]}, "delivery": {"type": "webhook", "url": "%s"}}
                """.formatted(receiver.url()), KEY);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated).path("filter").path("tags").get(0).asText()).isEqualTo("Q1");
        EnrichedArticle a4 = article(id("a4"), "pap", "pl", List.of("Q1"), List.of());
        publish(kafka, a4);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(articleIds(receiver)).endsWith(a4.id()));

        assertThat(call(first, "DELETE", "/" + id, null, KEY).statusCode()).isEqualTo(204);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(call(second, "GET", "/" + id, null, KEY).statusCode()).isEqualTo(404);
            assertThat(second.stats()).doesNotContainKey(id);
        });
    }

    @Test
    void shouldKeepExhaustedDeliveriesAndDeliverThemOnReplay(KafkaBroker kafka) throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.statuses(503, 503, 200));
        PublishService service = start(config(kafka, List.of(KEY)));
        String id = "flaky-" + run;
        assertThat(call(service, "POST", "", """
                {"id": "%s", "delivery": {"url": "%s", "secrets": ["%s"]}}
                """.formatted(id, receiver.url(), SECRET), KEY).statusCode()).isEqualTo(201);
        EnrichedArticle article = article(id("failing"));
        publish(kafka, article);

        JsonNode failed = await().atMost(PATIENCE).until(() -> json(call(service, "GET", "/" + id + "/failed",
                null, KEY)).path("failed"), list -> list.size() == 1);
        assertThat(failed.get(0).path("articleId").asText()).isEqualTo(article.id());
        assertThat(failed.get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(failed.get(0).path("lastError").asText()).contains("503");
        assertThat(failed.get(0).path("webhookId").asText()).isEqualTo(messageId(id, article));
        assertThat(receiver.requestCount()).isEqualTo(2);

        HttpResponse<String> replay = call(service, "POST", "/" + id + "/failed/replay", "", KEY);
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(json(replay).path("replaying").asInt()).isEqualTo(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(json(call(service, "GET", "/" + id + "/failed",
                null, KEY)).path("failed")).isEmpty());
        assertThat(mine(receiver)).hasSize(3).extracting(WebhookReceiver.Received::messageId)
                .containsOnly(messageId(id, article));
        assertThat(call(service, "DELETE", "/" + id, null, KEY).statusCode()).isEqualTo(204);
    }

    @Test
    void shouldRefuseRequestsWithoutAValidKeyAndBadInput(KafkaBroker kafka) throws Exception {
        PublishService service = start(config(kafka, List.of(KEY)));
        HttpResponse<String> missing = call(service, "GET", "", null, null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).startsWith("Bearer"));
        assertThat(json(missing).path("error").asText()).contains("API key");
        assertThat(call(service, "GET", "", null, KEY + "x").statusCode()).isEqualTo(401);
        assertThat(call(service, "POST", "", "{}", "wrong-key-0123456789").statusCode()).isEqualTo(401);
        // refused before its body is read, a request still gets its answer rather than a connection closed under it
        String large = "{\"id\": \"" + "x".repeat(48 * 1024) + "\"}";
        for (int i = 0; i < 20; i++) {
            assertThat(call(service, "POST", "", large, "wrong-key-0123456789").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> invalid = call(service, "POST", "", """
                {"id": "<script>", "filter": {"tags": "Q36"},
                 "delivery": {"type": "webhook", "url": "ftp://example.org/x", "secrets": ["not-a-secret"]}}
                """, KEY);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).doesNotContain("<script>", "ftp://", "not-a-secret");
        assertThat(json(invalid).path("problems")).hasSize(4);
        assertThat(call(service, "POST", "", "{not json", KEY).statusCode()).isEqualTo(400);
        assertThat(call(service, "GET", "/nobody-" + run, null, KEY).statusCode()).isEqualTo(404);
        assertThat(call(service, "POST", "/nobody-" + run + "/replay?from=yesterday", "", KEY).statusCode())
                .isEqualTo(400);

        PublishService withoutKeys = start(config(kafka, List.of()));
        assertThat(call(withoutKeys, "GET", "", null, KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseWebhooksOnPrivateAddressesUnlessAllowed(KafkaBroker kafka) throws Exception {
        Config config = Config.load(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX),
                Optional.of(Files.writeString(directory.resolve("strict.yaml"), """
                        kafka:
                          bootstrap.servers: %s
                        publish:
                          http: {host: 127.0.0.1, port: 0}
                          api: {keys: [%s]}
                        """.formatted(kafka.bootstrapServers(), KEY))), Map.of());
        PublishService service = start(config);
        HttpResponse<String> refused = call(service, "POST", "", """
                {"delivery": {"url": "http://127.0.0.1:9/hook", "secrets": ["%s"]}}
                """.formatted(SECRET), KEY);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("error").asText()).contains("non-public address");
    }

    private Config config(KafkaBroker kafka, List<String> keys) throws IOException {
        Path file = Files.writeString(directory.resolve("publish-" + UUID.randomUUID() + ".yaml"), """
                kafka:
                  bootstrap.servers: %s
                publish:
                  allow-private-targets: true
                  http: {host: 127.0.0.1, port: 0}
                  api: {keys: %s}
                  webhook:
                    timeout: 2s
                    retry-schedule: [0s, 1s]
                    max-attempts: 2
                """.formatted(kafka.bootstrapServers(), keys));
        return Config.load(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), Optional.of(file),
                Map.of());
    }

    private PublishService start(Config config) {
        PublishService service = PublishService.builder(config).build();
        resources.add(service);
        service.start();
        return service;
    }

    private WebhookReceiver receiver(WebhookReceiver.Responder responder) {
        WebhookReceiver receiver = WebhookReceiver.start(List.of(SECRET), responder);
        resources.add(receiver);
        return receiver;
    }

    private HttpResponse<String> call(PublishService service, String method, String path, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + service.httpPort().orElseThrow() + "/api/v1/subscriptions" + path))
                .timeout(PATIENCE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    private void publish(KafkaBroker kafka, EnrichedArticle... articles) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaBroker.uniqueName("api-it")),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (EnrichedArticle article : articles) {
                producer.send(new ProducerRecord<>(Topics.ENRICHED_ARTICLES.name(), PARTITION, null,
                        article.id().getBytes(StandardCharsets.UTF_8), Json.writeBytes(article),
                        CloudEvents.forEnriched(article)));
            }
            producer.commitTransaction();
        }
    }

    private List<WebhookReceiver.Received> mine(WebhookReceiver receiver) {
        return receiver.received().stream().filter(received -> received.article().id().startsWith(run)).toList();
    }

    private List<String> articleIds(WebhookReceiver receiver) {
        return mine(receiver).stream().map(received -> received.article().id()).toList();
    }

    private static String messageId(String subscriptionId, EnrichedArticle article) {
        return WebhookMessages.messageId(subscriptionId,
                CloudEvents.header(CloudEvents.forEnriched(article), CloudEvents.ID));
    }

    private String id(String name) {
        return run + "-" + name;
    }
}

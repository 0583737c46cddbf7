package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.EnrichedArticleConsumer;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.Schemas;
import dev.newsflow.contract.StandardWebhooks;
import dev.newsflow.enrich.service.EnrichService;
import dev.newsflow.enrich.service.EnrichSettings;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.ingest.PollSummary;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import dev.newsflow.publish.PublishService;
import dev.newsflow.support.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three services against a real broker: the sample feeds served over local HTTP (the seed article as an RSS
 * item whose link leads to its full page), through ingest, enrich and publish to a signed webhook.
 */
@WithKafka
class PipelineIT {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "newsflow pipeline test secret!!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @TempDir
    Path workDirectory;

    @Test
    void shouldCarryTheSeedArticleFromItsFeedToASignedWebhookWithItsSourcesAndTags(KafkaBroker kafka) throws Exception {
        SeedGold gold = SeedGold.load();
        Clock clock = Clock.systemUTC();
        String bootstrap = kafka.bootstrapServers();
        try (SampleSite site = SampleSite.start();
             RecordingWebhookReceiver receiver = new RecordingWebhookReceiver();
             Services services = new Services()) {
            Config enrichConfig = Demo.enrichConfig(bootstrap);
            EnrichService enrich = services.add(EnrichService.builder().config(enrichConfig)
                    .enrichment(EnrichSettings.enricher(enrichConfig, clock)::enrich).clock(clock).build());
            enrich.start();
            PublishService publish = services.add(PublishService.builder(
                    Demo.publishConfig(bootstrap, receiver.url(), SECRET)).clock(clock).build());
            publish.start();
            IngestService ingest = services.add(IngestService.create(
                    Demo.ingestConfig(bootstrap, site, workDirectory), clock));

            PollSummary summary = ingest.pollOnce();

            assertThat(summary.failures()).isEmpty();
            assertThat(summary.articlesPublished()).isEqualTo(4);
            assertThat(summary.fullTextFetched()).as("the seed item carries a lead only").isEqualTo(1);

            // Other tests on this broker publish the same sample article from their own sample site: this run's copy
            // is the one whose link points at this run's site.
            String thisSite = site.baseUrl();
            EnrichedArticle fromTopic = readFromEnrichedTopic(bootstrap, gold.title(), thisSite);
            gold.assertMatches(fromTopic);
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Schemas.enrichedArticle()).validate(Json.mapper().valueToTree(fromTopic)))
                    .as("the enriched seed article against the published JSON Schema").isEmpty();
            assertThat(fromTopic.text()).as("page boilerplate is gone")
                    .doesNotContain("Wybrane dla Ciebie", "Akceptuję", "newslettera", "Strona główna");

            RecordingWebhookReceiver.Request delivery = await().atMost(Duration.ofSeconds(60))
                    .until(() -> findDelivery(receiver, gold.title(), thisSite), Optional::isPresent).orElseThrow();
            assertThat(StandardWebhooks.verify(List.of(SECRET), delivery.header(StandardWebhooks.ID_HEADER),
                    delivery.header(StandardWebhooks.TIMESTAMP_HEADER),
                    delivery.header(StandardWebhooks.SIGNATURE_HEADER), delivery.body(), clock,
                    StandardWebhooks.DEFAULT_TOLERANCE)).as("signature").isTrue();
            assertThat(delivery.header(StandardWebhooks.ID_HEADER)).startsWith("msg_");
            JsonNode event = Json.mapper().readTree(delivery.body());
            assertThat(event.get("type").asText()).isEqualTo("article.enriched");
            EnrichedArticle delivered = Json.mapper().treeToValue(event.get("data"), EnrichedArticle.class);
            assertThat(delivered).isEqualTo(fromTopic);

            String atom = await().atMost(Duration.ofSeconds(30)).until(() -> get("http://127.0.0.1:"
                    + publish.httpPort().orElseThrow() + "/feeds/tag/Q423.atom"), feed -> feed.contains(thisSite));
            assertThat(atom).as("the North Korea feed").contains("<feed", "38 North", "term=\"Q423\"");
        }
    }

    private static String get(String url) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }

    private static EnrichedArticle readFromEnrichedTopic(String bootstrap, String title, String site) {
        try (EnrichedArticleConsumer articles = EnrichedArticleConsumer.builder(bootstrap, KafkaBroker.uniqueName("it"))
                .filter(article -> article.title().equals(title) && article.article().url().startsWith(site))
                .build()) {
            List<EnrichedArticle> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                found.addAll(articles.poll(Duration.ofMillis(200)));
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static Optional<RecordingWebhookReceiver.Request> findDelivery(RecordingWebhookReceiver receiver,
                                                                          String title, String site)
            throws Exception {
        for (RecordingWebhookReceiver.Request request : receiver.requests()) {
            JsonNode article = Json.mapper().readTree(request.body()).at("/data/article");
            if (article.path("title").asText().equals(title) && article.path("url").asText().startsWith(site)) {
                return Optional.of(request);
            }
        }
        return Optional.empty();
    }

    /** Closes the services in reverse order of start. */
    private static final class Services implements AutoCloseable {
        private final List<AutoCloseable> started = new ArrayList<>();

        <T extends AutoCloseable> T add(T service) {
            started.add(0, service);
            return service;
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable service : started) {
                service.close();
            }
        }
    }
}

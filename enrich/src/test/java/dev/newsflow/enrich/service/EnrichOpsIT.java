package dev.newsflow.enrich.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.ops.OpsMetrics;
import dev.newsflow.support.ops.OpsServer;
import dev.newsflow.support.ops.OpsSettings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Enrich's ops endpoint against a real broker: ready once its loop has partitions, and its meters count. */
@WithKafka
class EnrichOpsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldTurnReadyOnceAssignedAndCountWhatItEnriched(KafkaBroker kafka) throws Exception {
        String group = KafkaBroker.uniqueName("enrich-ops");
        Map<String, Object> values = new HashMap<>();
        values.put(KafkaSettings.BOOTSTRAP_SERVERS.name(), kafka.bootstrapServers());
        values.put(EnrichSettings.GROUP_ID.name(), group);
        values.put(EnrichSettings.INSTANCE_ID.name(), group);
        values.put(EnrichSettings.LANGUAGES.name(), List.of("pl", "en"));
        values.put(OpsSettings.PORT.name(), 0);
        values.put(OpsSettings.HOST.name(), "127.0.0.1");
        Config config = Config.of(EnrichSettings.all(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), values);

        try (OpsMetrics metrics = OpsMetrics.create("enrich");
             EnrichService service = EnrichService.builder().config(config)
                     .enrichment(EnrichSettings.enricher(config, Clock.systemUTC())::enrich)
                     .meterRegistry(metrics.registry()).build();
             OpsServer ops = OpsServer.start(config, metrics.registry(), service::readiness).orElseThrow()) {
            HttpResponse<String> before = get(ops, "health/ready");
            assertThat(before.statusCode()).isEqualTo(503);
            assertThat(before.body()).contains("starting");

            service.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> get(ops, "health/ready").statusCode() == 200);
            produce(kafka, 5);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                String text = get(ops, "metrics").body();
                assertThat(value(text, "newsflow_enrich_articles_enriched_total{service=\"enrich\"}"))
                        .isGreaterThanOrEqualTo(5);
                assertThat(value(text, "newsflow_enrich_dead_letters_total{service=\"enrich\"}"))
                        .isGreaterThanOrEqualTo(1);
            });
            String text = get(ops, "metrics").body();
            assertThat(text)
                    .contains("newsflow_enrich_latency_seconds{service=\"enrich\",quantile=\"0.99\"}")
                    .contains("newsflow_enrich_latency_seconds_count{service=\"enrich\"}")
                    .contains("newsflow_enrich_consumer_lag_records{service=\"enrich\"}")
                    .contains("newsflow_enrich_transactions_aborted_total{service=\"enrich\"} 0.0")
                    .contains("kafka_consumer_fetch_manager_records_consumed_total")
                    .contains("kafka_producer_record_send_total")
                    .contains("jvm_memory_used_bytes");

            service.close();
            HttpResponse<String> closed = get(ops, "health/ready");
            assertThat(closed.statusCode()).isEqualTo(503);
            assertThat(closed.body()).contains("stopping");
        }
    }

    /** The value of the sample with exactly this name and labels. */
    private static double value(String text, String sample) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
        assertThat(matcher.find()).as("sample %s in%n%s", sample, text).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static void produce(KafkaBroker kafka, int count) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String url = "https://example.com/ops/" + i + "/" + System.nanoTime();
                String id = ArticleId.of(url, null).orElseThrow();
                RawArticle article = RawArticle.builder().id(id).feedId("ops-feed").url(url)
                        .title("Markets steady in London " + i)
                        .content("<p>LONDON (Reuters) - British shares were steady on Tuesday, traders said.</p>")
                        .fetched(Instant.now()).declaredLanguage("en").build();
                producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), null,
                        id.getBytes(StandardCharsets.UTF_8),
                        Topics.RAW_ARTICLES.valueSerde().serializer().serialize("", article),
                        CloudEvents.forRaw(article)));
            }
            producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(),
                    "ops-poison".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private HttpResponse<String> get(OpsServer ops, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(ops.localUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

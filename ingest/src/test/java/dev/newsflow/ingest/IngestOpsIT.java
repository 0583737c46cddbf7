package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedList;
import dev.newsflow.ingest.fetch.FetchLimits;
import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.ingest.kafka.IngestTopics;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import dev.newsflow.support.ops.OpsMetrics;
import dev.newsflow.support.ops.OpsServer;
import dev.newsflow.support.ops.Readiness;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest's ops endpoint against a real broker: ready once opened, and its meters count what a poll did. */
@WithKafka
class IngestOpsIT {

    private static final String LONG_TEXT = "A sentence long enough to count as the full text of a story. ".repeat(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaBroker kafka;
    private TestHttpServer server;
    private OpsMetrics metrics;
    private OpsServer ops;

    @TempDir
    Path directory;

    @BeforeEach
    void setUp() throws IOException {
        server = new TestHttpServer();
        metrics = OpsMetrics.create("ingest");
    }

    @AfterEach
    void tearDown() {
        if (ops != null) {
            ops.close();
        }
        metrics.close();
        server.close();
    }

    @Test
    void shouldTurnReadyAgainstTheBrokerAndCountWhatAPollDid() throws Exception {
        server.serve("/good.xml", "application/rss+xml",
                Feeds.rss("Good", "https://news.example.org", List.of("a", "b", "c"), slug -> LONG_TEXT));
        server.serve("/page.html", "text/html", Feeds.htmlPage());
        List<FeedDefinition> feeds = List.of(FeedDefinition.of("good", server.uri("/good.xml").toString()),
                FeedDefinition.of("html", server.uri("/page.html").toString()),
                FeedDefinition.of("down", TestHttpServer.unreachable().toString()));
        AtomicReference<IngestService> service = new AtomicReference<>();
        ops = OpsServer.start("127.0.0.1", 0, metrics.registry(),
                () -> service.get() == null ? Readiness.notReady("starting") : service.get().readiness());

        try (IngestService ingest = service(feeds)) {
            service.set(ingest);
            assertThat(get("health/ready").statusCode()).isEqualTo(503);
            assertThat(get("health/ready").body()).contains("starting");

            ingest.open();
            assertThat(get("health/ready").statusCode()).isEqualTo(200);
            ingest.pollOnce();
            ingest.pollOnce();

            String text = get("metrics").body();
            assertThat(text)
                    .contains("newsflow_ingest_feeds_polled_total{result=\"fetched\",service=\"ingest\"} 2.0")
                    .contains("newsflow_ingest_feeds_polled_total{result=\"failed\",service=\"ingest\"} 4.0")
                    .contains("newsflow_ingest_fetch_errors_total{kind=\"parse\",service=\"ingest\"} 2.0")
                    .contains("newsflow_ingest_fetch_errors_total{kind=\"unreachable\",service=\"ingest\"} 2.0")
                    .contains("newsflow_ingest_articles_produced_total{service=\"ingest\"} 3.0")
                    .contains("newsflow_ingest_duplicates_dropped_total{service=\"ingest\"} 3.0")
                    .contains("newsflow_ingest_feeds_owned{service=\"ingest\"} 3.0")
                    .contains("kafka_producer_record_send_total");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> closed = get("health/ready");
            assertThat(closed.statusCode()).isEqualTo(503);
            assertThat(closed.body()).contains("stopping");
        });
        assertThat(get("health/live").statusCode()).isEqualTo(200);
    }

    private IngestService service(List<FeedDefinition> feeds) {
        IngestSettings settings = new IngestSettings(directory.resolve("unused.yaml"), Duration.ofMinutes(5),
                FetchLimits.defaults().withTotalTimeout(Duration.ofSeconds(5)).allowingPrivateAddresses(), 4,
                FullTextMode.AUTO, 1200, "newsflow-ingest", KafkaBroker.uniqueName("ops-it"),
                Map.of("bootstrap.servers", kafka.bootstrapServers()), 2, 1);
        return IngestService.builder(settings, Clock.systemUTC()).feeds(new FeedList(feeds))
                .topics(IngestTopics.prefixed(KafkaBroker.uniqueName("ingest-ops-it") + "."))
                .meterRegistry(metrics.registry()).build();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(ops.localUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

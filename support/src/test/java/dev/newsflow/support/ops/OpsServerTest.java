package dev.newsflow.support.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.support.config.Config;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Readiness> readiness =
            new AtomicReference<>(Readiness.notReady("joining the consumer group"));
    private OpsMetrics metrics;
    private OpsServer server;

    @BeforeEach
    void startServer() {
        metrics = OpsMetrics.create("test");
        server = OpsServer.start("127.0.0.1", 0, metrics.registry(), readiness::get);
    }

    @AfterEach
    void stopServer() {
        server.close();
        metrics.close();
    }

    @Test
    void shouldServeRegisteredMetersInPrometheusText() throws Exception {
        metrics.registry().counter("newsflow.test.articles.produced").increment(3);

        HttpResponse<String> response = get("metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body())
                .contains("newsflow_test_articles_produced_total{service=\"test\"} 3.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void shouldAnswerLiveWhileRunning() throws Exception {
        assertThat(get("health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldTurnReadyOnlyWhenTheServiceSaysSo() throws Exception {
        HttpResponse<String> starting = get("health/ready");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.body()).contains("joining the consumer group");

        readiness.set(Readiness.ready());

        HttpResponse<String> ready = get("health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\n");
    }

    @Test
    void shouldReportAFailingCheckAsNotReady() throws Exception {
        OpsServer failing = OpsServer.start("127.0.0.1", 0, metrics.registry(), () -> {
            throw new IllegalStateException("boom");
        });
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    failing.localUri().resolve("health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("boom");
        } finally {
            failing.close();
        }
    }

    @Test
    void shouldAnswerUnknownPathsWithNotFound() throws Exception {
        assertThat(get("admin").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldNotListenWhenThePortIsOff() {
        Config config = Config.of(OpsSettings.forService(OpsSettings.ENRICH_PORT), List.of(),
                Map.of("ops.port", "off"));

        assertThat(OpsServer.start(config, metrics.registry(), Readiness::ready)).isEmpty();
    }

    @Test
    void shouldListenOnAFreePortWhenThePortIsZero() {
        Config config = Config.of(OpsSettings.forService(OpsSettings.ENRICH_PORT), List.of(),
                Map.of("ops.port", 0, "ops.host", "127.0.0.1"));

        try (OpsServer any = OpsServer.start(config, metrics.registry(), Readiness::ready).orElseThrow()) {
            assertThat(any.port()).isPositive().isNotEqualTo(OpsSettings.ENRICH_PORT);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = server.localUri().resolve(path);
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.newsflow.publish.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.publish.SseTestClient;
import dev.newsflow.publish.TestArticles;
import dev.newsflow.publish.feed.ArticleWindow;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP server on its own, fed straight into its window (no broker): admission and slow clients. */
class PublishHttpServerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int CLIENT_QUEUE = 50;

    private final ArticleWindow window = new ArticleWindow(1000);
    private final PublishHttpServer server = new PublishHttpServer(new PublishHttpServer.Options("127.0.0.1", 0,
            Duration.ofSeconds(1), 2, CLIENT_QUEUE, Optional.empty()), window);
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(clientThreads).build();

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        clientThreads.shutdownNow();
    }

    @Test
    void shouldRefuseStreamClientsBeyondTheMaximumWith503AndAdmitOnceOneLeaves() throws Exception {
        SseTestClient first = SseTestClient.connect(http, uri("/stream"), Map.of());
        try (SseTestClient second = SseTestClient.connect(http, uri("/stream"), Map.of())) {
            await().atMost(PATIENCE).until(() -> first.connected() && second.connected());

            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri("/stream")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(refused.body()).startsWith("too many stream clients");
            first.close();
            await().atMost(PATIENCE).until(() -> server.streamClients() == 1);
            try (SseTestClient third = SseTestClient.connect(http, uri("/stream"), Map.of())) {
                await().atMost(PATIENCE).until(third::connected);
            }
        }
    }

    @Test
    void shouldDisconnectAClientThatStopsReadingWithoutDelayingTheOthers() throws Exception {
        String bigBody = "<p>" + "news ".repeat(13_000) + "</p>";
        int articles = 400;
        try (Socket stalled = new Socket();
             SseTestClient healthy = SseTestClient.connect(http, uri("/stream"), Map.of())) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
            OutputStream out = stalled.getOutputStream();
            out.write("GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(PATIENCE).until(() -> healthy.connected() && server.streamClients() == 2);

            // 25 MB in all, at the pace of the healthy client: the stalled one can absorb its socket buffers and
            // its queue of 50 events (some 3 MB), no more.
            for (int index = 0; index < articles; index++) {
                window.add(big("big-" + index, bigBody));
                if (index % 10 == 9) {
                    int sent = index + 1;
                    await().atMost(PATIENCE).until(() -> healthy.events().size() == sent);
                }
            }

            await().atMost(PATIENCE).until(() -> server.streamClients() == 1);
            List<String> expected = new ArrayList<>();
            for (int index = 0; index < articles; index++) {
                expected.add("big-" + index);
            }
            assertThat(healthy.eventIds()).isEqualTo(expected);
            assertThat(healthy.ended()).isFalse();
        }
    }

    @Test
    void shouldAnswerHealthAndHeadWithoutABody() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri("/feeds/all.atom"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void shouldLinkFeedsToThePublicUrlWhenOneIsConfigured() throws Exception {
        ArticleWindow own = new ArticleWindow(10);
        own.add(TestArticles.tagged("p1", "Q36"));
        try (PublishHttpServer behindProxy = new PublishHttpServer(new PublishHttpServer.Options("127.0.0.1", 0,
                Duration.ofSeconds(1), 2, CLIENT_QUEUE, Optional.of("https://news.example.org/newsflow/")), own)) {
            behindProxy.start();
            URI feed = URI.create("http://127.0.0.1:" + behindProxy.port() + "/feeds/tag/Q36.json?limit=5");

            String body = http.send(HttpRequest.newBuilder(feed).build(), HttpResponse.BodyHandlers.ofString()).body();

            assertThat(body).contains("\"feed_url\":\"https://news.example.org/newsflow/feeds/tag/Q36.json?limit=5\"",
                    "\"home_page_url\":\"https://news.example.org/newsflow/\"", "\"id\":\"p1\"");
        }
    }

    private static EnrichedArticle big(String id, String body) {
        EnrichedArticle article = TestArticles.article(id);
        RawArticle raw = article.article().toBuilder().content(body).build();
        return new EnrichedArticle(article.schemaVersion(), id, raw, article.language(), article.text(),
                article.captions(), article.tags(), article.sources(), article.enrichedAt());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}

package dev.newsflow.publish;

import static dev.newsflow.publish.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds and the live stream over real HTTP, fed from a real broker. Every test tags its articles with a tag of its
 * own, as the broker (and so the window) is shared with other tests.
 */
@WithKafka
class PublishHttpIT {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int PARTITION = 0;

    static KafkaBroker kafka;
    private static PublishService service;
    private static KafkaProducer<byte[], byte[]> producer;
    private static ExecutorService clientThreads;
    private static HttpClient http;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String tag = "newsflow:it-" + run;

    @BeforeAll
    static void start() {
        service = startService(kafka, Map.of());
        producer = transactionalProducer(kafka);
        clientThreads = Executors.newFixedThreadPool(2);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (clientThreads != null) {
            clientThreads.shutdownNow();
        }
    }

    @Test
    void shouldServeAtomAndRssThatRomeParsesBackWithTheTaggedEntriesNewestFirstAndTheirCategories()
            throws Exception {
        EnrichedArticle first = at(article(id("a1"), "http-it", "pl", List.of(tag, "Q36"), List.of()), 1);
        EnrichedArticle untagged = at(article(id("a2"), "http-it", "pl", List.of("Q36"), List.of()), 2);
        EnrichedArticle second = at(article(id("a3"), "http-it", "en", List.of(tag), List.of("Q130879")), 3);
        publish(first, untagged, second);

        String encoded = "/feeds/tag/" + tag.replace(":", "%3A");
        SyndFeed atom = await().atMost(PATIENCE).until(() -> parse(get(encoded + ".atom").body()),
                feed -> feed.getEntries().size() == 2);
        SyndFeed rss = parse(get("/feeds/tag/" + tag + ".rss").body());

        for (SyndFeed feed : List.of(atom, rss)) {
            assertThat(feed.getEntries()).extracting(SyndEntry::getLink)
                    .containsExactly("https://news.example/" + second.id(), "https://news.example/" + first.id());
            assertThat(feed.getEntries().get(1).getCategories()).extracting(SyndCategory::getName)
                    .containsExactly(tag, "Q36");
            assertThat(feed.getEntries().get(0).getContents().get(0).getValue())
                    .contains("Body of " + second.id(), "Source Q130879 (cited, Q130879)");
        }
        assertThat(atom.getFeedType()).isEqualTo("atom_1.0");
        assertThat(rss.getFeedType()).isEqualTo("rss_2.0");
        assertThat(atom.getTitle()).isEqualTo("newsflow: tag " + tag);
        HttpResponse<String> combined = get("/feeds/all.atom?tag=" + tag + "&language=en&source=Source+Q130879");
        assertThat(combined.headers().firstValue("Content-Type")).hasValue("application/atom+xml; charset=utf-8");
        assertThat(parse(combined.body()).getEntries()).extracting(SyndEntry::getLink)
                .containsExactly("https://news.example/" + second.id());
        assertThat(parse(get("/feeds/language/en.rss?tag=" + tag + "&limit=1").body()).getEntries()).hasSize(1);
        assertThat(parse(get("/feeds/source/Q130879.atom?tag=" + tag).body()).getEntries()).hasSize(1);
    }

    @Test
    void shouldServeAJsonFeed11WithItems() throws Exception {
        EnrichedArticle article = article(id("j1"), "http-it", "pl", List.of(tag), List.of());
        publish(article);

        HttpResponse<String> response = await().atMost(PATIENCE).until(() -> get("/feeds/tag/" + tag + ".json"),
                answer -> answer.body().contains(article.id()));

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/feed+json; charset=utf-8");
        JsonNode feed = Json.mapper().readTree(response.body());
        assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.path("title").asText()).isNotBlank();
        assertThat(feed.path("items")).hasSize(1);
        assertThat(feed.path("items").get(0).path("id").asText()).isEqualTo(article.id());
        assertThat(feed.path("items").get(0).path("content_html").asText()).isEqualTo("<p>Body of " + article.id()
                + "</p>");
        assertThat(feed.path("items").get(0).path("tags")).extracting(JsonNode::asText).containsExactly(tag);
    }

    @Test
    void shouldAnswer304ToAMatchingEtagOrIfModifiedSinceAndAFreshFeedOnceItChanged() throws Exception {
        publish(article(id("e1"), "http-it", "pl", List.of(tag), List.of()));
        String path = "/feeds/tag/" + tag + ".atom";
        HttpResponse<String> first = await().atMost(PATIENCE).until(() -> get(path),
                answer -> answer.body().contains(id("e1")));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<String> cached = get(path, Map.of("If-None-Match", etag));
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();
        assertThat(cached.headers().firstValue("ETag")).hasValue(etag);
        assertThat(get(path, Map.of("If-Modified-Since", lastModified)).statusCode()).isEqualTo(304);
        assertThat(get(path.replace(".atom", ".rss"), Map.of("If-None-Match", etag)).statusCode()).isEqualTo(200);

        publish(article(id("e2"), "http-it", "pl", List.of(tag), List.of()));
        HttpResponse<String> changed = await().atMost(PATIENCE).until(() -> get(path, Map.of("If-None-Match", etag)),
                answer -> answer.statusCode() == 200);
        assertThat(changed.body()).contains(id("e2"));
        assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(etag);
    }

    @Test
    void shouldNeverLetAScriptOrEventHandlerInArticleHtmlReachAnyOutput() throws Exception {
        String payload = "<p>Hi<script>alert(document.cookie)</script><img src=x onerror=alert(1)>"
                + "<a href=\"javascript:alert(2)\" onclick=\"alert(3)\">x</a><svg onload=alert(4)></svg></p>";
        EnrichedArticle base = article(id("xss"), "http-it", "en", List.of(tag), List.of());
        RawArticle raw = base.article().toBuilder().summary(payload).content(payload)
                .title("<script>alert('title')</script>").build();
        EnrichedArticle hostile = new EnrichedArticle(base.schemaVersion(), base.id(), raw, base.language(),
                base.text(), base.captions(), base.tags(), base.sources(), base.enrichedAt());
        try (SseTestClient stream = SseTestClient.connect(http, uri("/stream?tag=" + tag), Map.of())) {
            await().atMost(PATIENCE).until(stream::connected);
            publish(hostile);
            await().atMost(PATIENCE).until(() -> stream.events().size() == 1);

            String event = stream.events().get(0).data();
            assertThat(event).doesNotContain("<", "onerror", "onclick", "onload", "javascript:");
            assertThat(Json.read(event, EnrichedArticle.class).article().content()).isEqualTo("<p>Hi<a rel=\""
                    + "nofollow noopener noreferrer\">x</a></p>");
        }
        for (String format : List.of("atom", "rss", "json")) {
            String body = get("/feeds/tag/" + tag + "." + format).body();
            assertThat(body).as(format).contains(hostile.id())
                    .doesNotContain("<script", "<img", "<svg", "onerror=", "onclick=", "onload=", "javascript:");
        }
        SyndFeed atom = parse(get("/feeds/tag/" + tag + ".atom").body());
        assertThat(atom.getEntries().get(0).getTitle()).isEqualTo("<script>alert('title')</script>");
        assertThat(atom.getEntries().get(0).getContents().get(0).getValue())
                .doesNotContain("script", "onerror", "onclick", "onload", "javascript:", "<img", "<svg");
    }

    @Test
    void shouldSendTheSafetyHeadersOnEveryResponseAndPlainTextErrorsThatEchoNothing() throws Exception {
        List<HttpResponse<String>> responses = List.of(get("/feeds/all.atom"), get("/health/live"),
                get("/feeds/%3Cscript%3Ealert(1)%3C%2Fscript%3E.atom"), get("/%3Cimg%20src=x%20onerror=alert(1)%3E"),
                get("/feeds/all.atom?limit=%3Cscript%3E"), get("/feeds/language/%3Cb%3E.json"));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 200, 400, 404, 400, 400);
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        });
        assertThat(responses.get(1).body()).isEqualTo("ok\n");
        assertThat(responses.subList(2, responses.size())).allSatisfy(response -> {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(response.body()).doesNotContain("<", "script", "onerror", "%3C");
        });
        HttpResponse<String> notFound = get("/nothing-here");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).startsWith("not found").doesNotContain("nothing-here");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/feeds/all.atom"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void shouldStreamNewArticlesLiveAndResumeAfterTheLastEventIdWithoutDuplicates() throws Exception {
        EnrichedArticle a1 = article(id("s1"), "http-it", "pl", List.of(tag), List.of());
        EnrichedArticle a2 = article(id("s2"), "http-it", "pl", List.of(tag), List.of());
        EnrichedArticle other = article(id("s-other"), "http-it", "pl", List.of("Q1"), List.of());
        EnrichedArticle a3 = article(id("s3"), "http-it", "pl", List.of(tag), List.of());
        EnrichedArticle a4 = article(id("s4"), "http-it", "pl", List.of(tag), List.of());
        EnrichedArticle a5 = article(id("s5"), "http-it", "pl", List.of(tag), List.of());

        try (SseTestClient first = SseTestClient.connect(http, uri("/stream?tag=" + tag), Map.of())) {
            await().atMost(PATIENCE).until(first::connected);
            publish(a1);
            await().atMost(PATIENCE).until(() -> first.eventIds().equals(List.of(a1.id())));
            publish(a2, other);
            await().atMost(PATIENCE).until(() -> first.eventIds().equals(List.of(a1.id(), a2.id())));
            SseTestClient.Event event = first.events().get(1);
            assertThat(event.event()).isEqualTo("article");
            assertThat(event.data()).doesNotContain("\n");
            assertThat(Json.read(event.data(), EnrichedArticle.class)).isEqualTo(a2);
        }
        publish(a3, a4);
        await().atMost(PATIENCE).until(() -> get("/feeds/tag/" + tag + ".json").body().contains(a4.id()));

        try (SseTestClient resumed = SseTestClient.connect(http, uri("/stream?tag=" + tag),
                Map.of("Last-Event-ID", a2.id()));
             SseTestClient byParameter = SseTestClient.connect(http, uri("/stream?tag=" + tag + "&lastEventId="
                     + a3.id()), Map.of())) {
            await().atMost(PATIENCE).until(() -> resumed.eventIds().equals(List.of(a3.id(), a4.id()))
                    && byParameter.eventIds().equals(List.of(a4.id())));
            HttpResponse<java.io.InputStream> headers = http.send(HttpRequest.newBuilder(uri("/stream")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            headers.body().close();
            assertThat(headers.statusCode()).isEqualTo(200);
            assertThat(headers.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(headers.headers().firstValue("Content-Security-Policy")).isPresent();

            publish(a5);
            await().atMost(PATIENCE).until(() -> resumed.eventIds().equals(List.of(a3.id(), a4.id(), a5.id()))
                    && byParameter.eventIds().equals(List.of(a4.id(), a5.id())));
        }
    }

    @Test
    void shouldSendKeepAliveCommentsOnAnIdleStream() {
        try (SseTestClient idle = SseTestClient.connect(http, uri("/stream?tag=" + tag), Map.of())) {
            await().atMost(PATIENCE).until(() -> idle.comments().contains("keep-alive"));
            assertThat(idle.events()).isEmpty();
            assertThat(idle.ended()).isFalse();
        }
    }

    @Test
    void shouldRebuildTheFeedsFromKafkaAfterARestart() throws Exception {
        publish(article(id("r1"), "http-it", "pl", List.of(tag), List.of()),
                article(id("r2"), "http-it", "pl", List.of(tag), List.of()));
        await().atMost(PATIENCE).until(() -> parse(get("/feeds/tag/" + tag + ".atom").body()).getEntries().size() == 2);

        try (PublishService restarted = startService(kafka, Map.of())) {
            String url = "http://127.0.0.1:" + restarted.httpPort().orElseThrow() + "/feeds/tag/" + tag + ".atom";
            SyndFeed feed = await().atMost(PATIENCE).until(() -> parse(http.send(HttpRequest.newBuilder(URI.create(url))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()), rebuilt -> rebuilt.getEntries().size() == 2);
            assertThat(feed.getEntries()).extracting(SyndEntry::getLink).containsExactlyInAnyOrder(
                    "https://news.example/" + id("r1"), "https://news.example/" + id("r2"));
        }
    }

    static PublishService startService(KafkaBroker kafka, Map<String, Object> extra) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS.name(), kafka.bootstrapServers(),
                PublishSettings.HTTP_HOST.name(), "127.0.0.1",
                PublishSettings.HTTP_PORT.name(), 0,
                PublishSettings.FEEDS_WINDOW.name(), 1000,
                PublishSettings.STREAM_KEEP_ALIVE.name(), "1s"));
        values.putAll(extra);
        Config config = Config.of(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), values);
        PublishService started = PublishService.builder(config).build();
        started.start();
        assertThat(started.isRunning()).as("serving feeds with no subscription").isTrue();
        return started;
    }

    static KafkaProducer<byte[], byte[]> transactionalProducer(KafkaBroker kafka) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaBroker.uniqueName("publish-http-it")),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    static void publish(KafkaProducer<byte[], byte[]> producer, EnrichedArticle... articles) {
        synchronized (producer) {
            producer.beginTransaction();
            for (EnrichedArticle article : articles) {
                producer.send(new ProducerRecord<>(Topics.ENRICHED_ARTICLES.name(), PARTITION, null,
                        article.id().getBytes(StandardCharsets.UTF_8), Json.writeBytes(article),
                        CloudEvents.forEnriched(article)));
            }
            producer.commitTransaction();
        }
    }

    private void publish(EnrichedArticle... articles) {
        publish(producer, articles);
    }

    private static EnrichedArticle at(EnrichedArticle article, int minutes) {
        return new EnrichedArticle(article.schemaVersion(), article.id(), article.article(), article.language(),
                article.text(), article.captions(), article.tags(), article.sources(),
                article.enrichedAt().plusSeconds(60L * minutes));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, Map.of());
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.httpPort().orElseThrow() + path);
    }

    private static SyndFeed parse(String xml) throws Exception {
        return new SyndFeedInput().build(new StringReader(xml));
    }

    private String id(String name) {
        return run + "-" + name;
    }
}

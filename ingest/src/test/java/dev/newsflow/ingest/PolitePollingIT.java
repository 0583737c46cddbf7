package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.Headers;
import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.Topics;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedList;
import dev.newsflow.ingest.fetch.FetchLimits;
import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.ingest.kafka.IngestTopics;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polite polling against a real broker and a local HTTP server: conditional GET, Retry-After, backoff, permanent
 * redirects and 410, each surviving a restart through the feed-state topic. The clock is a test clock.
 */
@WithKafka
class PolitePollingIT {

    private static final Instant START = Instant.parse("2026-03-03T12:00:00Z");
    private static final String ETAG = "\"v1\"";
    private static final String LAST_MODIFIED = "Tue, 03 Mar 2026 09:00:00 GMT";

    private KafkaBroker kafka;
    private TestHttpServer server;
    private IngestTopics topics;
    private String instanceId;
    private final TestClock clock = new TestClock(START);
    private final List<Headers> requests = new CopyOnWriteArrayList<>();

    @TempDir
    Path directory;

    @BeforeEach
    void setUp() throws IOException {
        server = new TestHttpServer();
        topics = IngestTopics.prefixed(KafkaBroker.uniqueName("polite-it") + ".");
        instanceId = KafkaBroker.uniqueName("polite");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldSendStoredValidatorsAndPublishNothingOn304EvenAfterRestart() {
        byte[] body = Feeds.rss("Good", "https://news.example.org", List.of("a", "b"), slug -> "Text " + slug)
                .getBytes(StandardCharsets.UTF_8);
        server.handle("/feed.xml", exchange -> {
            requests.add(exchange.getRequestHeaders());
            if (ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                TestHttpServer.respond(exchange, 304, null, new byte[0]);
                return;
            }
            exchange.getResponseHeaders().set("ETag", ETAG);
            exchange.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
            TestHttpServer.respond(exchange, 200, "application/rss+xml", body);
        });
        List<FeedDefinition> feeds = List.of(feed("good", "/feed.xml"));

        try (IngestService first = service(feeds)) {
            assertThat(first.pollOnce().articlesPublished()).isEqualTo(2);
            PollSummary second = first.pollOnce();
            assertThat(second.feedsUnchanged()).isEqualTo(1);
            assertThat(second.articlesPublished()).isZero();
        }
        PollSummary afterRestart;
        try (IngestService restarted = service(feeds)) {
            afterRestart = restarted.pollOnce();
        }

        assertThat(afterRestart.feedsUnchanged()).isEqualTo(1);
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).getFirst("If-None-Match")).isNull();
        assertThat(requests.subList(1, 3)).allSatisfy(headers -> {
            assertThat(headers.getFirst("If-None-Match")).isEqualTo(ETAG);
            assertThat(headers.getFirst("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
        });
        assertThat(readCommitted(topics.raw())).hasSize(2);
        FeedState state = latestStates().get("good");
        assertThat(state.lastStatus()).isEqualTo(304);
        assertThat(state.etag()).isEqualTo(ETAG);
    }

    @Test
    void shouldNotPollBeforeRetryAfterOn429() {
        server.handle("/busy.xml", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "120");
            TestHttpServer.respond(exchange, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
        });

        try (IngestService ingest = service(List.of(feed("busy", "/busy.xml")))) {
            ingest.pollOnce();
        }

        FeedState state = latestStates().get("busy");
        assertThat(state.lastStatus()).isEqualTo(429);
        assertThat(state.consecutiveFailures()).isEqualTo(1);
        assertThat(state.nextPollAt()).isAfterOrEqualTo(START.plusSeconds(120));
    }

    @Test
    void shouldCountFailuresAndBackOffFurtherEachTime() {
        server.handle("/broken.xml", exchange -> TestHttpServer.respond(exchange, 500, "text/plain",
                "oops".getBytes(StandardCharsets.UTF_8)));
        List<Duration> delays = new ArrayList<>();

        try (IngestService ingest = service(List.of(feed("broken", "/broken.xml")))) {
            for (int poll = 0; poll < 3; poll++) {
                ingest.pollOnce();
                FeedState state = ingest.feedState("broken").orElseThrow();
                delays.add(Duration.between(clock.instant(), state.nextPollAt()));
            }
        }

        FeedState stored = latestStates().get("broken");
        assertThat(stored.consecutiveFailures()).isEqualTo(3);
        assertThat(stored.lastError()).contains("HTTP 500");
        assertThat(delays).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20));
    }

    @Test
    void shouldFollowAPermanentRedirectToTheNewUrlFromThenOn() {
        AtomicInteger oldHits = new AtomicInteger();
        server.handle("/old.xml", exchange -> {
            oldHits.incrementAndGet();
            exchange.getResponseHeaders().set("Location", server.uri("/new.xml").toString());
            TestHttpServer.respond(exchange, 301, null, new byte[0]);
        });
        server.serve("/new.xml", "application/rss+xml",
                Feeds.rss("Moved", "https://news.example.org", List.of("a"), slug -> "Text"));
        List<FeedDefinition> feeds = List.of(feed("moved", "/old.xml"));

        try (IngestService first = service(feeds)) {
            assertThat(first.pollOnce().articlesPublished()).isEqualTo(1);
        }
        try (IngestService restarted = service(feeds)) {
            restarted.pollOnce();
        }

        assertThat(oldHits).hasValue(1);
        FeedState state = latestStates().get("moved");
        assertThat(state.url()).isEqualTo(server.uri("/new.xml").toString());
        assertThat(state.configuredUrl()).isEqualTo(server.uri("/old.xml").toString());
    }

    @Test
    void shouldDisableAGoneFeedForGoodEvenAfterRestart() {
        AtomicInteger hits = new AtomicInteger();
        server.handle("/gone.xml", exchange -> {
            hits.incrementAndGet();
            TestHttpServer.respond(exchange, 410, "text/plain", "gone".getBytes(StandardCharsets.UTF_8));
        });
        List<FeedDefinition> feeds = List.of(feed("gone", "/gone.xml"));

        try (IngestService first = service(feeds)) {
            first.pollOnce();
            assertThat(first.pollOnce().feedsPolled()).isZero();
        }
        try (IngestService restarted = service(feeds)) {
            assertThat(restarted.pollOnce().feedsPolled()).isZero();
        }

        assertThat(hits).hasValue(1);
        FeedState state = latestStates().get("gone");
        assertThat(state.disabled()).isTrue();
        assertThat(state.nextPollAt()).isNull();
    }

    @Test
    void shouldScheduleEachFeedByItsOwnStateAndHonourItAfterRestart() {
        AtomicInteger hits = new AtomicInteger();
        server.handle("/feed.xml", exchange -> {
            hits.incrementAndGet();
            TestHttpServer.respond(exchange, 200, "application/rss+xml",
                    Feeds.rss("Good", "https://news.example.org", List.of("a"), slug -> "Text")
                            .getBytes(StandardCharsets.UTF_8));
        });
        List<FeedDefinition> feeds = List.of(feed("good", "/feed.xml"));

        try (IngestService first = service(feeds)) {
            first.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> first.feedState("good").orElseThrow().lastPolledAt() != null);
        }
        try (IngestService restarted = service(feeds)) {
            restarted.start();
            // due only 5 minutes later on the test clock: the restart must not poll it
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> hits.get() == 1);
            clock.advance(Duration.ofMinutes(6));
            await().atMost(Duration.ofSeconds(20)).until(() -> hits.get() == 2);
        }
    }

    private Map<String, FeedState> latestStates() {
        Map<String, FeedState> latest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readCommitted(topics.feedState())) {
            latest.put(record.key(), Topics.FEED_STATE.valueSerde().deserializer().deserialize(record.topic(),
                    record.value()));
        }
        return latest;
    }

    private List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
        return CommittedRecords.readAll(kafka.bootstrapServers(), topic);
    }

    private FeedDefinition feed(String id, String path) {
        return FeedDefinition.of(id, server.uri(path).toString()).withFullText(FullTextMode.NEVER);
    }

    private IngestService service(List<FeedDefinition> feeds) {
        IngestSettings settings = new IngestSettings(directory.resolve("unused.yaml"), Duration.ofMinutes(5),
                FetchLimits.defaults().withTotalTimeout(Duration.ofSeconds(5)).allowingPrivateAddresses(), 2,
                FullTextMode.NEVER, 1200, "newsflow-ingest", instanceId,
                Map.of("bootstrap.servers", kafka.bootstrapServers()), 2, 1);
        return IngestService.builder(settings, clock).feeds(new FeedList(feeds)).topics(topics).random(() -> 0.0)
                .build();
    }

    /** A clock the test moves forward by hand. */
    private static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

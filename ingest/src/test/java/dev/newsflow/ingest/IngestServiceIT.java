package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SeenArticle;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest against a real broker. Each test writes to its own topics (the contract's names behind a unique prefix)
 * under its own transactional id, so tests sharing the broker do not see each other's records.
 */
@WithKafka
class IngestServiceIT {

    private static final String LONG_TEXT = "A sentence long enough to count as the full text of a story. ".repeat(30);

    private KafkaBroker kafka;
    private TestHttpServer server;
    private IngestTopics topics;
    private String instanceId;

    @TempDir
    Path directory;

    @BeforeEach
    void setUp() throws IOException {
        server = new TestHttpServer();
        topics = IngestTopics.prefixed(KafkaBroker.uniqueName("ingest-it") + ".");
        instanceId = KafkaBroker.uniqueName("it");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldPublishGoodArticlesWithCloudEventsHeadersAndReportBadFeeds() throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-4242");
        server.serve("/good.xml", "application/rss+xml",
                Feeds.rss("Good", "https://news.example.org", List.of("a", "b", "c"), slug -> LONG_TEXT));
        server.serve("/page.html", "text/html", Feeds.htmlPage());
        server.serve("/xxe.xml", "application/rss+xml", Feeds.doctypeAttack(secret.toUri().toString()));
        List<FeedDefinition> feeds = List.of(feed("good", "/good.xml"), feed("html", "/page.html"),
                feed("xxe", "/xxe.xml"), FeedDefinition.of("down", TestHttpServer.unreachable().toString()));

        PollSummary summary;
        try (IngestService ingest = service(feeds)) {
            summary = ingest.pollOnce();
        }

        assertThat(summary.articlesPublished()).isEqualTo(3);
        assertThat(summary.feedsOk()).isEqualTo(1);
        assertThat(summary.failures()).extracting(FeedFailure::feedId, FeedFailure::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("html", "not a feed: the body is an HTML page"),
                org.assertj.core.groups.Tuple.tuple("xxe",
                        "DOCTYPE declarations are refused (they enable external-entity and entity-expansion attacks)"),
                org.assertj.core.groups.Tuple.tuple("down", "UNREACHABLE: cannot connect to "
                        + feeds.get(3).url().getHost() + ":" + feeds.get(3).url().getPort() + ": Connection refused"));
        List<ConsumerRecord<String, byte[]>> records = readCommitted(topics.raw());
        assertThat(records).hasSize(3).allSatisfy(record -> {
            RawArticle article = Topics.RAW_ARTICLES.valueSerde().deserializer().deserialize(record.topic(), record.value());
            assertThat(record.key()).isEqualTo(article.id());
            assertThat(article.feedId()).isEqualTo("good");
            assertThat(CloudEvents.header(record.headers(), CloudEvents.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(CloudEvents.header(record.headers(), CloudEvents.TYPE)).isEqualTo(CloudEvents.RAW_ARTICLE_TYPE);
            assertThat(CloudEvents.header(record.headers(), CloudEvents.SOURCE)).isEqualTo("/newsflow/ingest/good");
            assertThat(CloudEvents.header(record.headers(), CloudEvents.ID)).startsWith(article.id() + "-");
            assertThat(CloudEvents.header(record.headers(), CloudEvents.CONTENT_TYPE)).isEqualTo("application/json");
        });
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).doesNotContain("TOP-SECRET");
        assertThat(readCommitted(topics.seen())).hasSize(3);
    }

    @Test
    void shouldNotRepublishArticlesAfterRestart() {
        server.serve("/good.xml", "application/rss+xml",
                Feeds.rss("Good", "https://news.example.org", List.of("a", "b", "c"), slug -> LONG_TEXT));
        List<FeedDefinition> feeds = List.of(feed("good", "/good.xml"));

        try (IngestService first = service(feeds)) {
            assertThat(first.pollOnce().articlesPublished()).isEqualTo(3);
        }
        PollSummary afterRestart;
        try (IngestService second = service(feeds)) {
            afterRestart = second.pollOnce();
        }

        assertThat(afterRestart.articlesPublished()).isZero();
        assertThat(afterRestart.duplicatesDropped()).isEqualTo(3);
        assertThat(readCommitted(topics.raw())).hasSize(3);
    }

    @Test
    void shouldPublishTheSameItemInTwoFeedsOnce() {
        server.serve("/one.xml", "application/rss+xml",
                Feeds.rss("One", "https://news.example.org", List.of("shared", "own"), slug -> LONG_TEXT));
        server.serve("/two.xml", "application/rss+xml",
                Feeds.rss("Two", "https://news.example.org", List.of("shared"), slug -> "Reworded. " + LONG_TEXT));

        PollSummary summary;
        try (IngestService ingest = service(List.of(feed("one", "/one.xml"), feed("two", "/two.xml")))) {
            summary = ingest.pollOnce();
        }

        assertThat(summary.articlesPublished()).isEqualTo(2);
        assertThat(summary.duplicatesDropped()).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> raw = readCommitted(topics.raw());
        assertThat(raw).extracting(ConsumerRecord::key).doesNotHaveDuplicates().hasSize(2);
        String sharedId = raw.stream().map(record -> Topics.RAW_ARTICLES.valueSerde().deserializer()
                        .deserialize(record.topic(), record.value()))
                .filter(article -> article.title().equals("Story shared")).findFirst().orElseThrow().id();
        SeenArticle marker = latestMarker(sharedId);
        assertThat(marker.feedIds()).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void shouldStopAnInstanceFencedByItsSuccessor() {
        AtomicReference<String> body = new AtomicReference<>(
                Feeds.rss("Good", "https://news.example.org", List.of("a"), slug -> LONG_TEXT));
        server.handle("/good.xml", exchange -> TestHttpServer.respond(exchange, 200, "application/rss+xml",
                body.get().getBytes(StandardCharsets.UTF_8)));
        List<FeedDefinition> feeds = List.of(feed("good", "/good.xml"));

        try (IngestService old = service(feeds); IngestService successor = service(feeds)) {
            old.pollOnce();
            successor.open();
            body.set(Feeds.rss("Good", "https://news.example.org", List.of("a", "b"), slug -> LONG_TEXT));

            assertThatThrownBy(old::pollOnce).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ingest stopped");
            assertThat(old.isRunning()).isFalse();
            assertThat(successor.pollOnce().articlesPublished()).isEqualTo(1);
        }
        assertThat(readCommitted(topics.raw())).hasSize(2);
    }

    private SeenArticle latestMarker(String id) {
        SeenArticle latest = null;
        for (ConsumerRecord<String, byte[]> record : readCommitted(topics.seen())) {
            if (record.key().equals(id)) {
                latest = Topics.INGEST_SEEN.valueSerde().deserializer().deserialize(record.topic(), record.value());
            }
        }
        return latest;
    }

    private List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
        return CommittedRecords.readAll(kafka.bootstrapServers(), topic);
    }

    private FeedDefinition feed(String id, String path) {
        return FeedDefinition.of(id, server.uri(path).toString());
    }

    private IngestService service(List<FeedDefinition> feeds) {
        IngestSettings settings = new IngestSettings(directory.resolve("unused.yaml"), Duration.ofMinutes(5),
                FetchLimits.defaults().withTotalTimeout(Duration.ofSeconds(5)).allowingPrivateAddresses(), 4, FullTextMode.AUTO, 1200,
                "newsflow-ingest", instanceId, Map.of("bootstrap.servers", kafka.bootstrapServers()), 2, 1);
        return IngestService.builder(settings, Clock.systemUTC()).feeds(new FeedList(feeds)).topics(topics).build();
    }
}

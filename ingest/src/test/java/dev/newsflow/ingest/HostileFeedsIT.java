package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedList;
import dev.newsflow.ingest.fetch.FetchLimits;
import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.ingest.kafka.IngestTopics;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input suite in one poll: feeds crafted to hurt served next to good ones from a real local server,
 * polled by a real ingest against a real broker. Every bad feed ends with its own clear reason, the good feeds are
 * published as if nothing happened, and memory stays bounded by the fetch limits.
 */
@WithKafka
class HostileFeedsIT {

    private static final String LONG_TEXT = "A sentence long enough to count as the full text of a story. ".repeat(30);
    private static final long MAX_BYTES = 2L * 1024 * 1024;

    private KafkaBroker kafka;
    private TestHttpServer server;
    private IngestTopics topics;

    @TempDir
    Path directory;

    @BeforeEach
    void setUp(KafkaBroker kafka) throws IOException {
        this.kafka = kafka;
        server = new TestHttpServer();
        topics = IngestTopics.prefixed(KafkaBroker.uniqueName("hostile") + ".");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldGiveEachHostileFeedItsOwnReasonAndPublishTheGoodOnes() throws IOException {
        server.serve("/good-1.xml", "application/rss+xml",
                Feeds.rss("Good one", "https://one.example.org", List.of("a", "b"), slug -> LONG_TEXT));
        server.serve("/good-2.xml", "application/rss+xml",
                Feeds.rss("Good two", "https://two.example.org", List.of("c"), slug -> LONG_TEXT));
        server.serve("/doctype.xml", "application/rss+xml", Feeds.doctypeAttack("file:///etc/passwd"));
        server.serve("/laughs.xml", "application/rss+xml", """
                <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title>
                </channel></rss>""");
        byte[] bomb = gzip(new byte[1024 * 1024], 64);
        server.handle("/bomb.xml", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            TestHttpServer.respond(exchange, 200, "application/rss+xml", bomb);
        });
        server.handle("/endless.xml", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = ("<item><title>x</title></item>".repeat(1000)).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>".getBytes(StandardCharsets.UTF_8));
                for (long sent = 0; sent < 1024L * 1024 * 1024; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        });
        server.handle("/slow.xml", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 60; i++) {
                    out.write('<');
                    out.flush();
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                }
            }
        });
        StringBuilder huge = new StringBuilder(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>");
        for (int i = 0; i < 100_000; i++) {
            huge.append("<item><title>Item ").append(i).append("</title><link>https://huge.example.org/")
                    .append(i).append("</link></item>");
        }
        server.serve("/huge.xml", "application/rss+xml", huge.append("</channel></rss>").toString());
        server.serve("/page.html", "text/html", Feeds.htmlPage());
        server.serve("/empty.xml", "application/rss+xml", "");
        server.serve("/bad-utf8.xml", "application/rss+xml; charset=utf-8", new byte[] {'<', '?', 'x', 'm', 'l', ' ',
            'v', 'e', 'r', 's', 'i', 'o', 'n', '=', '"', '1', '.', '0', '"', '?', '>', '<', 'r', 's', 's', '>',
            '<', 't', 'i', 't', 'l', 'e', '>', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '<', '/', 't', 'i', 't', 'l',
            'e', '>'});
        server.handle("/loop-a.xml", exchange -> {
            exchange.getResponseHeaders().set("Location", server.uri("/loop-b.xml").toString());
            exchange.sendResponseHeaders(302, -1);
        });
        server.handle("/loop-b.xml", exchange -> {
            exchange.getResponseHeaders().set("Location", server.uri("/loop-a.xml").toString());
            exchange.sendResponseHeaders(302, -1);
        });
        List<String> hostile = List.of("doctype", "laughs", "bomb", "endless", "slow", "huge", "page", "empty",
                "bad-utf8", "loop-a");
        List<FeedDefinition> feeds = new ArrayList<>(List.of(feed("good-1", "/good-1.xml"),
                feed("good-2", "/good-2.xml")));
        hostile.forEach(id -> feeds.add(feed(id, "/" + id + (id.equals("page") ? ".html" : ".xml"))));
        long heapBefore = usedHeapAfterGc();

        PollSummary summary;
        long started = System.nanoTime();
        try (IngestService ingest = service(feeds)) {
            summary = ingest.pollOnce();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        Map<String, String> reasons = summary.failures().stream()
                .collect(Collectors.toMap(FeedFailure::feedId, FeedFailure::reason));
        System.out.printf("hostile poll took %d ms; reasons:%n", took.toMillis());
        reasons.forEach((feed, reason) -> System.out.printf("  %-9s %s%n", feed, reason));
        assertThat(reasons).as("every hostile feed fails, with a reason of its own").containsOnlyKeys(hostile);
        assertThat(reasons.get("doctype")).contains("DOCTYPE");
        assertThat(reasons.get("laughs")).contains("DOCTYPE");
        assertThat(reasons.get("bomb")).contains("TOO_LARGE", "after decompression");
        assertThat(reasons.get("endless")).contains("TOO_LARGE");
        assertThat(reasons.get("huge")).contains("TOO_LARGE");
        assertThat(reasons.get("slow")).contains("TIMEOUT");
        assertThat(reasons.get("page")).contains("HTML page");
        assertThat(reasons.get("empty")).containsIgnoringCase("empty");
        assertThat(reasons.get("bad-utf8")).isNotBlank();
        assertThat(reasons.get("loop-a")).containsIgnoringCase("redirect");
        assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason).doesNotContain("Exception:"));
        assertThat(summary.feedsOk()).isEqualTo(2);
        assertThat(summary.articlesPublished()).isEqualTo(3);
        assertThat(took).as("the slow feed is cut at the fetch timeout, the others do not wait for it")
                .isLessThan(Duration.ofSeconds(30));

        List<RawArticle> published = CommittedRecords.readAll(kafka.bootstrapServers(), topics.raw()).stream()
                .map(record -> Topics.RAW_ARTICLES.valueSerde().deserializer().deserialize(record.topic(),
                        record.value())).toList();
        assertThat(published).extracting(RawArticle::feedId).containsOnly("good-1", "good-2").hasSize(3);
        assertThat(usedHeapAfterGc() - heapBefore).as("heap kept after the poll, bytes")
                .isLessThan(64L * 1024 * 1024);
    }

    private IngestService service(List<FeedDefinition> feeds) {
        FetchLimits limits = FetchLimits.defaults().withTotalTimeout(Duration.ofSeconds(5)).withMaxBytes(MAX_BYTES)
                .withMaxRedirects(5).allowingPrivateAddresses();
        IngestSettings settings = new IngestSettings(directory.resolve("unused.yaml"), Duration.ofMinutes(5), limits,
                4, FullTextMode.NEVER, 1200, "newsflow-ingest", KafkaBroker.uniqueName("hostile"),
                Map.of("bootstrap.servers", kafka.bootstrapServers()), 16, 1);
        return IngestService.builder(settings, Clock.systemUTC()).feeds(new FeedList(feeds)).topics(topics).build();
    }

    private FeedDefinition feed(String id, String path) {
        return FeedDefinition.of(id, server.uri(path).toString());
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static byte[] gzip(byte[] data, int times) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            for (int i = 0; i < times; i++) {
                gzip.write(data);
            }
        }
        return out.toByteArray();
    }
}

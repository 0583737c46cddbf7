package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.FullTextStatus;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedList;
import dev.newsflow.ingest.fetch.FetchLimits;
import dev.newsflow.ingest.fetch.HttpFetcher;
import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.support.net.TargetGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-03T12:00:00Z"), ZoneOffset.UTC);
    private static final String LONG_TEXT = "A sentence long enough to count as the full text of a story. ".repeat(30);

    @TempDir
    Path directory;

    private TestHttpServer server;
    private final InMemoryArticleStore store = new InMemoryArticleStore();

    @BeforeEach
    void startServer() throws IOException {
        server = new TestHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldPublishGoodFeedsAndReportEachBadFeedWithAReason() throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-4242");
        server.serve("/good.xml", "application/rss+xml", Feeds.rss("Good", "https://news.example.org",
                List.of("a", "b", "c"), slug -> LONG_TEXT));
        server.serve("/page.html", "text/html", Feeds.htmlPage());
        server.serve("/xxe.xml", "application/rss+xml", Feeds.doctypeAttack(secret.toUri().toString()));
        server.handle("/gone.xml", exchange -> TestHttpServer.respond(exchange, 404, "text/plain", "no".getBytes()));
        List<FeedDefinition> feeds = List.of(feed("good", "/good.xml"), feed("html", "/page.html"),
                feed("xxe", "/xxe.xml"), feed("gone", "/gone.xml"),
                FeedDefinition.of("down", TestHttpServer.unreachable().toString()));

        PollSummary summary;
        try (IngestService ingest = service(feeds)) {
            summary = ingest.pollOnce();
        }

        assertThat(summary.feedsPolled()).isEqualTo(5);
        assertThat(summary.feedsOk()).isEqualTo(1);
        assertThat(summary.articlesPublished()).isEqualTo(3);
        assertThat(summary.failures()).extracting(FeedFailure::feedId, FeedFailure::stage).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("html", FeedFailure.Stage.PARSE),
                org.assertj.core.groups.Tuple.tuple("xxe", FeedFailure.Stage.PARSE),
                org.assertj.core.groups.Tuple.tuple("gone", FeedFailure.Stage.FETCH),
                org.assertj.core.groups.Tuple.tuple("down", FeedFailure.Stage.FETCH));
        assertThat(reason(summary, "html")).isEqualTo("not a feed: the body is an HTML page");
        assertThat(reason(summary, "xxe")).contains("DOCTYPE").doesNotContain("TOP-SECRET");
        assertThat(reason(summary, "gone")).contains("HTTP_STATUS", "404");
        assertThat(reason(summary, "down")).contains("UNREACHABLE");
        assertThat(store.published()).extracting(RawArticle::title).containsExactlyInAnyOrder("Story a", "Story b", "Story c");
        assertThat(store.published()).allSatisfy(article -> {
            assertThat(article.feedId()).isEqualTo("good");
            assertThat(article.fetched()).isEqualTo(CLOCK.instant());
            assertThat(article.fullText()).isEqualTo(FullTextStatus.FROM_FEED);
            assertThat(article.canonicalUrl()).doesNotContain("utm_source");
        });
    }

    @Test
    void shouldNotRepublishArticlesAfterRestart() {
        server.serve("/good.xml", "application/rss+xml", Feeds.rss("Good", "https://news.example.org",
                List.of("a", "b"), slug -> LONG_TEXT));

        try (IngestService first = service(List.of(feed("good", "/good.xml")))) {
            assertThat(first.pollOnce().articlesPublished()).isEqualTo(2);
        }
        PollSummary afterRestart;
        try (IngestService second = service(List.of(feed("good", "/good.xml")))) {
            afterRestart = second.pollOnce();
        }

        assertThat(afterRestart.articlesPublished()).isZero();
        assertThat(afterRestart.duplicatesDropped()).isEqualTo(2);
        assertThat(store.published()).hasSize(2);
        assertThat(store.opens()).isEqualTo(2);
    }

    @Test
    void shouldDropDuplicateItemsAcrossFeeds() {
        server.serve("/one.xml", "application/rss+xml", Feeds.rss("One", "https://news.example.org",
                List.of("shared", "only-one"), slug -> LONG_TEXT));
        server.serve("/two.xml", "application/rss+xml", Feeds.rss("Two", "https://news.example.org",
                List.of("shared"), slug -> "Another feed's own wording of the same story. " + LONG_TEXT));

        PollSummary first;
        PollSummary second;
        try (IngestService ingest = service(List.of(feed("one", "/one.xml"), feed("two", "/two.xml")))) {
            first = ingest.pollOnce();
            second = ingest.pollOnce();
        }

        assertThat(first.articlesPublished()).isEqualTo(2);
        assertThat(first.duplicatesDropped()).isEqualTo(1);
        assertThat(second.articlesPublished()).isZero();
        assertThat(store.published()).extracting(RawArticle::title).containsExactlyInAnyOrder("Story shared", "Story only-one");
        String sharedId = store.published().stream().filter(article -> article.title().equals("Story shared"))
                .findFirst().orElseThrow().id();
        assertThat(store.seen().get(sharedId).feedIds()).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void shouldRepublishAnItemWhoseContentChangedAsAnUpdate() {
        AtomicReference<String> feed = new AtomicReference<>(Feeds.rss("Good", "https://news.example.org",
                List.of("a"), slug -> LONG_TEXT));
        server.handle("/good.xml", exchange -> TestHttpServer.respond(exchange, 200, "application/rss+xml",
                feed.get().getBytes(StandardCharsets.UTF_8)));

        PollSummary afterChange;
        try (IngestService ingest = service(List.of(feed("good", "/good.xml")))) {
            ingest.pollOnce();
            feed.set(Feeds.rss("Good", "https://news.example.org", List.of("a"), slug -> "Corrected. " + LONG_TEXT));
            afterChange = ingest.pollOnce();
        }

        assertThat(afterChange.articlesPublished()).isEqualTo(1);
        assertThat(afterChange.articlesUpdated()).isEqualTo(1);
        assertThat(store.published()).hasSize(2).extracting(RawArticle::id).containsOnly(store.published().get(0).id());
        assertThat(store.published().get(1).content()).contains("Corrected.");
    }

    @Test
    void shouldFetchTheFullTextOfLeadsAndKeepTheLeadWhenThePageFails() throws IOException {
        String base = server.uri("").toString();
        server.serve("/leads.xml", "application/rss+xml", Feeds.rss("Leads", base, List.of("ok", "missing")));
        server.serve("/articles/ok", "text/html; charset=utf-8", resource("/pages/article-pl.html"));
        server.handle("/articles/missing", exchange -> TestHttpServer.respond(exchange, 404, "text/html", "no".getBytes()));

        PollSummary summary;
        try (IngestService ingest = service(List.of(feed("leads", "/leads.xml")))) {
            summary = ingest.pollOnce();
        }

        assertThat(summary.articlesPublished()).isEqualTo(2);
        assertThat(summary.fullTextFetched()).isEqualTo(1);
        assertThat(summary.fullTextFailed()).isEqualTo(1);
        RawArticle fetched = article("Story ok");
        assertThat(fetched.fullText()).isEqualTo(FullTextStatus.FETCHED);
        assertThat(fetched.content()).contains("<p>Rząd przyjął w poniedziałek projekt ustawy");
        assertThat(fetched.summary()).isEqualTo("<p>Lead of ok.</p>");
        assertThat(fetched.authors()).containsExactly("Anna Nowak");
        assertThat(fetched.declaredLanguage()).isEqualTo("pl");
        RawArticle failed = article("Story missing");
        assertThat(failed.fullText()).isEqualTo(FullTextStatus.FAILED);
        assertThat(failed.content()).isEqualTo("<p>Lead of missing.</p>");
    }

    @Test
    void shouldFillWhatTheFeedLacksFromTheFetchedPagesMetadata() throws IOException {
        String base = server.uri("").toString();
        server.serve("/bare.xml", "application/rss+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title></title><link>%s</link><description>test</description>
                <item><title>Neue Brücke</title><link>%s/lokal/bruecke</link><guid>b-1</guid>
                <description>Kurz.</description></item>
                </channel></rss>
                """.formatted(base, base));
        server.serve("/lokal/bruecke", "text/html; charset=utf-8", resource("/pages/article-meta.html"));

        try (IngestService ingest = service(List.of(feed("bare", "/bare.xml")))) {
            assertThat(ingest.pollOnce().fullTextFetched()).isEqualTo(1);
        }

        RawArticle article = article("Neue Brücke");
        assertThat(article.fullText()).isEqualTo(FullTextStatus.FETCHED);
        assertThat(article.content()).contains("zwei Jahren Bauzeit");
        assertThat(article.authors()).containsExactly("Lena Huber");
        assertThat(article.published()).isEqualTo(Instant.parse("2026-03-01T06:15:00Z"));
        assertThat(article.declaredLanguage()).isEqualTo("de-AT");
        assertThat(article.feedTitle()).isEqualTo("Tagblatt Example");
    }

    @Test
    void shouldPreferTheFeedAndTheFeedListOverThePagesMetadata() throws IOException {
        String base = server.uri("").toString();
        server.serve("/leads.xml", "application/rss+xml", Feeds.rss("Leads", base, List.of("b")));
        server.serve("/articles/b", "text/html; charset=utf-8", resource("/pages/article-meta.html"));

        try (IngestService ingest = service(List.of(feed("leads", "/leads.xml").withLanguage("de")))) {
            assertThat(ingest.pollOnce().fullTextFetched()).isEqualTo(1);
        }

        RawArticle article = article("Story b");
        assertThat(article.fullText()).isEqualTo(FullTextStatus.FETCHED);
        assertThat(article.published()).isEqualTo(Instant.parse("2026-03-03T10:00:00Z"));
        assertThat(article.declaredLanguage()).isEqualTo("de");
        assertThat(article.feedTitle()).isEqualTo("Leads");
        assertThat(article.authors()).containsExactly("Lena Huber");
    }

    @Test
    void shouldTakeTheIdOfAFetchedPageFromItsCanonicalUrlWhenTheFeedLinkingThroughComesFirst() {
        canonicalStory("through", "direct");
    }

    @Test
    void shouldTakeTheIdOfAFetchedPageFromItsCanonicalUrlWhenTheFeedLinkingDirectlyComesFirst() {
        canonicalStory("direct", "through");
    }

    /**
     * Feed "through" links to the story with a parameter that is not a known tracking parameter, "direct" links to
     * its canonical URL; the page declares the canonical URL. One article records both feeds, whichever is polled
     * first, and a restart neither republishes nor fetches the page again.
     */
    private void canonicalStory(String firstFeed, String secondFeed) {
        String base = server.uri("").toString();
        String canonical = base + "/story/a";
        AtomicInteger pageRequests = new AtomicInteger();
        String page = """
                <!DOCTYPE html><html lang="en"><head><title>Story a</title>
                <link rel="canonical" href="%s"></head>
                <body><article><p>%s</p><p>%s</p></article></body></html>
                """.formatted(canonical, LONG_TEXT, LONG_TEXT);
        server.handle("/story/a", exchange -> {
            pageRequests.incrementAndGet();
            TestHttpServer.respond(exchange, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
        });
        server.serve("/feeds/through.xml", "application/rss+xml", itemFeed("Through", base, canonical + "?ref=feed"));
        server.serve("/feeds/direct.xml", "application/rss+xml", itemFeed("Direct", base, canonical));
        FeedDefinition first = feed(firstFeed, "/feeds/" + firstFeed + ".xml");
        FeedDefinition second = feed(secondFeed, "/feeds/" + secondFeed + ".xml");

        try (IngestService ingest = service(List.of(first))) {
            assertThat(ingest.pollOnce().articlesPublished()).isEqualTo(1);
        }
        PollSummary both;
        try (IngestService ingest = service(List.of(first, second))) {
            both = ingest.pollOnce();
        }

        assertThat(both.articlesPublished()).isZero();
        assertThat(store.published()).hasSize(1);
        RawArticle article = store.published().get(0);
        String canonicalId = ArticleId.of(canonical, null).orElseThrow();
        assertThat(article.id()).isEqualTo(canonicalId);
        assertThat(article.canonicalUrl()).isEqualTo(canonical);
        assertThat(article.fullText()).isEqualTo(FullTextStatus.FETCHED);
        assertThat(store.seen().get(canonicalId).feedIds()).containsExactly(firstFeed, secondFeed);
        String linkId = ArticleId.of(canonical + "?ref=feed", null).orElseThrow();
        assertThat(store.seen()).containsKey(linkId);
        assertThat(pageRequests.get()).isEqualTo(firstFeed.equals("through") ? 1 : 2);

        int pagesBeforeRestart = pageRequests.get();
        PollSummary afterRestart;
        try (IngestService ingest = service(List.of(first, second))) {
            afterRestart = ingest.pollOnce();
        }
        assertThat(afterRestart.articlesPublished()).isZero();
        assertThat(afterRestart.duplicatesDropped()).isEqualTo(2);
        assertThat(afterRestart.fullTextFetched() + afterRestart.fullTextFailed()).isZero();
        assertThat(pageRequests.get()).isEqualTo(pagesBeforeRestart);
        assertThat(store.published()).hasSize(1);
    }

    private static String itemFeed(String title, String base, String link) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>%s</title><link>%s</link><description>test</description>
                <item><title>Story a</title><link>%s</link><description>A lead only.</description></item>
                </channel></rss>
                """.formatted(title, base, link);
    }

    @Test
    void shouldNotFetchPagesWhenTheFeedSaysNever() {
        server.serve("/leads.xml", "application/rss+xml", Feeds.rss("Leads", server.uri("").toString(), List.of("x")));

        try (IngestService ingest = service(List.of(feed("leads", "/leads.xml").withFullText(FullTextMode.NEVER)))) {
            ingest.pollOnce();
        }

        assertThat(article("Story x").fullText()).isEqualTo(FullTextStatus.DISABLED);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void shouldRetryABatchAfterARetriableKafkaError() {
        server.serve("/good.xml", "application/rss+xml", Feeds.rss("Good", "https://news.example.org",
                List.of("a", "b"), slug -> LONG_TEXT));

        PollSummary failed;
        PollSummary retried;
        try (IngestService ingest = service(List.of(feed("good", "/good.xml")))) {
            store.failNextWrite(false);
            failed = ingest.pollOnce();
            retried = ingest.pollOnce();
            assertThat(ingest.isRunning()).isTrue();
        }

        assertThat(failed.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.stage()).isEqualTo(FeedFailure.Stage.PUBLISH);
            assertThat(failure.reason()).contains("broker not available");
        });
        assertThat(failed.articlesPublished()).isZero();
        assertThat(retried.articlesPublished()).isEqualTo(2);
        assertThat(store.published()).hasSize(2);
    }

    @Test
    void shouldStopOnAFatalKafkaError() {
        server.serve("/good.xml", "application/rss+xml", Feeds.rss("Good", "https://news.example.org",
                List.of("a"), slug -> LONG_TEXT));

        try (IngestService ingest = service(List.of(feed("good", "/good.xml")))) {
            store.failNextWrite(true);

            assertThatThrownBy(ingest::pollOnce).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("producer fenced");
            assertThat(ingest.isRunning()).isFalse();
            assertThat(ingest.failure()).isPresent();
            assertThatThrownBy(ingest::pollOnce).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stopped after a fatal error");
        }
    }

    @Test
    void shouldStopPollingOnAFatalKafkaErrorAndSayWhy() {
        server.serve("/good.xml", "application/rss+xml", Feeds.rss("Good", "https://news.example.org",
                List.of("a"), slug -> LONG_TEXT));

        try (IngestService ingest = service(List.of(feed("good", "/good.xml")))) {
            store.failNextWrite(true);
            ingest.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> !ingest.isRunning());
            assertThat(ingest.failure()).hasValueSatisfying(failure ->
                    assertThat(failure).hasMessageContaining("producer fenced"));
        }
        assertThat(store.published()).isEmpty();
    }

    @Test
    void shouldStopPollingAndSayWhyWhenTheStoreFailsUnexpectedly() {
        server.serve("/good.xml", "application/rss+xml", Feeds.rss("Good", "https://news.example.org",
                List.of("a"), slug -> LONG_TEXT));

        try (IngestService ingest = service(List.of(feed("good", "/good.xml")))) {
            store.failNextWriteWith(new IllegalStateException("store bug"));
            ingest.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> !ingest.isRunning());
            assertThat(ingest.failure()).hasValueSatisfying(failure ->
                    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("store bug"));
            int requestsWhenStopped = server.requests();
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                    .until(() -> server.requests() == requestsWhenStopped);
        }
    }

    @Test
    void shouldStopPollingAndSayWhyWhenACycleThrowsAnError() {
        server.serve("/good.xml", "application/rss+xml", Feeds.rss("Good", "https://news.example.org",
                List.of("a"), slug -> LONG_TEXT));

        try (IngestService ingest = service(List.of(feed("good", "/good.xml")))) {
            store.failNextWriteWith(new StackOverflowError("deep"));
            ingest.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> !ingest.isRunning());
            assertThat(ingest.failure()).hasValueSatisfying(failure ->
                    assertThat(failure).isInstanceOf(StackOverflowError.class));
            assertThatThrownBy(ingest::pollOnce).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stopped after a fatal error");
        }
    }

    @Test
    void shouldFailAFeedOnALoopbackAddressByDefaultWithAClearReason() {
        server.serve("/good.xml", "application/rss+xml", Feeds.rss("Good", "https://news.example.org",
                List.of("a"), slug -> LONG_TEXT));
        FeedDefinition local = FeedDefinition.of("local", server.uri("/good.xml?api-key=K-123").toString());

        PollSummary summary;
        try (IngestService ingest = IngestService.builder(settings(directory.resolve("unused.yaml"),
                FetchLimits.defaults()), CLOCK).feeds(new FeedList(List.of(local))).store(store).build()) {
            summary = ingest.pollOnce();
            assertThat(ingest.isRunning()).isTrue();
        }

        assertThat(summary.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.feedId()).isEqualTo("local");
            assertThat(failure.stage()).isEqualTo(FeedFailure.Stage.FETCH);
            assertThat(failure.reason()).contains("FORBIDDEN_ADDRESS", "127.0.0.1", "loopback",
                    "ingest.fetch.allow-private-addresses=true").doesNotContain("K-123");
            assertThat(failure.toString()).doesNotContain("K-123");
        });
        assertThat(server.requests()).isZero();
        assertThat(store.published()).isEmpty();
    }

    @Test
    void shouldNotFetchThePageOfAnItemLinkOnAPrivateAddress() {
        // the feed is on "localhost", a trusted host; its items link to 127.0.0.1, which is not
        int port = server.uri("").getPort();
        server.serve("/leads.xml", "application/rss+xml", Feeds.rss("Leads", "http://127.0.0.1:" + port,
                List.of("x")));
        server.serve("/articles/x", "text/html", "<html><body><p>" + LONG_TEXT + "</p></body></html>");
        HttpFetcher fetcher = new HttpFetcher(FetchLimits.defaults(),
                TargetGuard.refusingPrivateTargets().trusting(List.of("localhost")));
        FeedDefinition feed = FeedDefinition.of("leads", "http://localhost:" + port + "/leads.xml");

        PollSummary summary;
        try (fetcher; IngestService ingest = IngestService.builder(settings(directory.resolve("unused.yaml"),
                FetchLimits.defaults()), CLOCK).feeds(new FeedList(List.of(feed))).store(store).fetcher(fetcher)
                .build()) {
            summary = ingest.pollOnce();
        }

        assertThat(summary.failures()).isEmpty();
        assertThat(summary.fullTextFailed()).isEqualTo(1);
        assertThat(article("Story x").fullText()).isEqualTo(FullTextStatus.FAILED);
        assertThat(article("Story x").content()).isEqualTo("<p>Lead of x.</p>");
        assertThat(server.requests()).as("only the feed was fetched").isEqualTo(1);
    }

    @Test
    void shouldSendConditionalGetsAndCountUnchangedFeeds() {
        server.handle("/etag.xml", exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                TestHttpServer.respond(exchange, 304, null, new byte[0]);
                return;
            }
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            TestHttpServer.respond(exchange, 200, "application/rss+xml", Feeds.rss("E", "https://e.example.org",
                    List.of("a"), slug -> LONG_TEXT).getBytes(StandardCharsets.UTF_8));
        });

        PollSummary second;
        try (IngestService ingest = service(List.of(feed("etag", "/etag.xml")))) {
            ingest.pollOnce();
            second = ingest.pollOnce();
        }

        assertThat(second.feedsUnchanged()).isEqualTo(1);
        assertThat(second.feedsOk()).isEqualTo(1);
        assertThat(second.failures()).isEmpty();
    }

    @Test
    void shouldWriteTheStatesOfUnchangedFeedsTogether() {
        server.handle("/etag.xml", exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                TestHttpServer.respond(exchange, 304, null, new byte[0]);
                return;
            }
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            TestHttpServer.respond(exchange, 200, "application/rss+xml", Feeds.rss("E", "https://e.example.org",
                    List.of("a"), slug -> LONG_TEXT).getBytes(StandardCharsets.UTF_8));
        });
        List<FeedDefinition> feeds = List.of(feed("one", "/etag.xml?1"), feed("two", "/etag.xml?2"),
                feed("three", "/etag.xml?3"));

        try (IngestService ingest = service(feeds)) {
            ingest.pollOnce();
            assertThat(store.stateBatches()).isEmpty();

            ingest.pollOnce();
        }

        assertThat(store.stateBatches()).containsExactly(3);
        assertThat(store.states()).hasSize(3);
        assertThat(store.states().values()).allSatisfy(state -> assertThat(state.lastStatus()).isEqualTo(304));
    }

    @Test
    void shouldPollPeriodicallyOnceStarted() {
        server.serve("/good.xml", "application/rss+xml", Feeds.rss("Good", "https://news.example.org",
                List.of("a"), slug -> LONG_TEXT));

        try (IngestService ingest = IngestService.builder(settings(directory.resolve("unused.yaml"))
                        .withPerHostLimits(2, Duration.ZERO), Clock.systemUTC())
                .feeds(new FeedList(List.of(feed("good", "/good.xml")))).store(store).build()) {
            ingest.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> server.requests() >= 3);
            assertThat(store.published()).hasSize(1);
            assertThat(ingest.isRunning()).isTrue();
            assertThat(store.states().get("good").lastStatus()).isEqualTo(200);
        }
    }

    @Test
    void shouldWaitForTheHostsSpacingBetweenFeedsOfOneHost() {
        server.serve("/one.xml", "application/rss+xml", Feeds.rss("One", "https://news.example.org",
                List.of("a"), slug -> LONG_TEXT));
        server.serve("/two.xml", "application/rss+xml", Feeds.rss("Two", "https://news.example.org",
                List.of("b"), slug -> LONG_TEXT));
        AtomicReference<Instant> now = new AtomicReference<>(CLOCK.instant());
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };

        try (IngestService ingest = IngestService.builder(settings(directory.resolve("unused.yaml"))
                        .withPerHostLimits(2, Duration.ofMinutes(1)), clock)
                .feeds(new FeedList(List.of(feed("one", "/one.xml"), feed("two", "/two.xml")))).store(store).build()) {
            ingest.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> server.requests() == 1);
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> server.requests() == 1);
            now.set(CLOCK.instant().plus(Duration.ofMinutes(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.requests() == 2);
        }
    }

    @Test
    void shouldReadTheFeedListFileNamedInTheSettings() throws IOException {
        server.serve("/good.xml", "application/rss+xml", Feeds.rss("Good", "https://news.example.org",
                List.of("a"), slug -> LONG_TEXT));
        Path feeds = Files.writeString(directory.resolve("feeds.yaml"), """
                feeds:
                  - {id: good, url: "%s"}
                  - {id: off, url: "https://example.org/off.xml", enabled: false}
                """.formatted(server.uri("/good.xml")));

        try (IngestService ingest = IngestService.builder(settings(feeds), CLOCK).store(store).build()) {
            assertThat(ingest.pollOnce().feedsPolled()).isEqualTo(1);
        }
    }

    private RawArticle article(String title) {
        return store.published().stream().filter(article -> article.title().equals(title)).findFirst().orElseThrow();
    }

    private static String reason(PollSummary summary, String feedId) {
        return summary.failures().stream().filter(failure -> failure.feedId().equals(feedId)).findFirst()
                .orElseThrow().reason();
    }

    private FeedDefinition feed(String id, String path) {
        return FeedDefinition.of(id, server.uri(path).toString());
    }

    private IngestService service(List<FeedDefinition> feeds) {
        return IngestService.builder(settings(directory.resolve("unused.yaml")), CLOCK)
                .feeds(new FeedList(feeds)).store(store).build();
    }

    /** Settings for feeds on the test server, which listens on 127.0.0.1: private addresses allowed. */
    static IngestSettings settings(Path feedsFile) {
        return settings(feedsFile, FetchLimits.defaults().withTotalTimeout(Duration.ofSeconds(3))
                .allowingPrivateAddresses());
    }

    static IngestSettings settings(Path feedsFile, FetchLimits limits) {
        return new IngestSettings(feedsFile, Duration.ofMillis(100), limits, 4, FullTextMode.AUTO, 1200,
                "newsflow-ingest", "test", Map.of("bootstrap.servers", "127.0.0.1:1"), 0, 1);
    }

    private static byte[] resource(String name) throws IOException {
        try (var in = IngestServiceTest.class.getResourceAsStream(name)) {
            return java.util.Objects.requireNonNull(in, name).readAllBytes();
        }
    }

}

package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.FeedConfig;
import dev.newsflow.contract.Topics;
import dev.newsflow.ingest.fetch.FetchLimits;
import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.ingest.kafka.IngestTopics;
import dev.newsflow.ingest.kafka.KafkaFeedCatalog;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two ingest instances in one consumer group against a real broker and a local HTTP server: they split the feeds
 * of the feeds topic, never poll a feed at the same time, take over each other's feeds, and follow the topic
 * without a restart. Requests are told apart by the User-Agent of each instance.
 */
@WithKafka
class FeedOwnershipIT {

    private static final int FEEDS = 8;
    /** The broker's smallest allowed session timeout ({@code group.min.session.timeout.ms}, by default 6 s). */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private KafkaBroker kafka;
    private TestHttpServer server;
    private String topicPrefix;
    private IngestTopics topics;
    private String group;
    private KafkaFeedCatalog catalog;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Request> allRequests = new CopyOnWriteArrayList<>();
    /** Feeds serve a second story once set. */
    private volatile boolean fresh;
    /** The feed whose request from the instance named "paused" is held until {@link #release}. */
    private volatile String heldFeed;
    private final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    /** One request of a feed, by an instance, from its start to its end (nanoTime). */
    private record Request(String feedId, String instance, long start, long end) {
    }

    @BeforeEach
    void setUp() throws IOException {
        server = new TestHttpServer();
        topicPrefix = KafkaBroker.uniqueName("ownership-it") + ".";
        topics = IngestTopics.prefixed(topicPrefix);
        group = KafkaBroker.uniqueName("ownership-group");
        server.handle("/feeds/", exchange -> {
            long start = System.nanoTime();
            String path = exchange.getRequestURI().getPath();
            String feedId = path.substring(path.lastIndexOf('/') + 1);
            String instance = exchange.getRequestHeaders().getFirst("User-Agent");
            byte[] body = Feeds.rss("Feed " + feedId, "https://news.example.org/" + feedId,
                    fresh ? List.of(feedId + "-story", feedId + "-fresh") : List.of(feedId + "-story"))
                    .getBytes(StandardCharsets.UTF_8);
            if (feedId.equals(heldFeed) && "paused".equals(instance)) {
                held.countDown();
                awaitRelease();
            }
            TestHttpServer.respond(exchange, 200, "application/rss+xml", body);
            Request request = new Request(feedId, exchange.getRequestHeaders().getFirst("User-Agent"), start,
                    System.nanoTime());
            requests.add(request);
            allRequests.add(request);
        });
        catalog = new KafkaFeedCatalog(Map.of("bootstrap.servers", kafka.bootstrapServers()), topics, 6, 1,
                Duration.ofSeconds(30));
        catalog.put(IntStream.range(0, FEEDS).mapToObj(this::feed).toList());
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        catalog.close();
        server.close();
    }

    @Test
    void shouldSplitFeedsBetweenTwoInstancesAndHandThemOverWhenOneStops() {
        try (IngestService first = instance("first"); IngestService second = instance("second")) {
            first.start();
            second.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !first.ownedFeeds().isEmpty()
                    && !second.ownedFeeds().isEmpty()
                    && first.ownedFeeds().size() + second.ownedFeeds().size() == FEEDS);
            assertThat(first.ownedFeeds()).doesNotContainAnyElementsOf(second.ownedFeeds());

            requests.clear();
            awaitEveryFeedPolledTwice(allFeedIds());
            Map<String, Set<String>> pollers = pollersByFeed();
            assertThat(pollers).allSatisfy((feedId, instances) -> assertThat(instances)
                    .as("instances polling %s", feedId).hasSize(1));
            first.ownedFeeds().forEach(feedId -> assertThat(pollers.get(feedId)).containsExactly("first"));
            second.ownedFeeds().forEach(feedId -> assertThat(pollers.get(feedId)).containsExactly("second"));

            second.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.ownedFeeds().size() == FEEDS);
            requests.clear();
            awaitEveryFeedPolledTwice(allFeedIds());
            assertThat(pollersByFeed()).allSatisfy((feedId, instances) -> assertThat(instances)
                    .containsExactly("first"));
            assertThat(first.isRunning()).isTrue();
        }
        assertNoFeedPolledByTwoInstancesAtOnce();
    }

    /**
     * The other instance runs in a JVM of its own and is killed (SIGKILL): it neither leaves the group nor revokes
     * its feeds, it just stops heartbeating. The group moves its partitions only when its session times out, and
     * the survivor then polls all feeds; no feed is ever polled by both.
     */
    @Test
    void shouldTakeOverTheFeedsOfAnInstanceThatStoppedHeartbeatingWithoutLeaving() throws Exception {
        try (IngestService survivor = instance("survivor")) {
            survivor.start();
            java.nio.file.Path log = java.nio.file.Path.of("target", "crashed-instance-" + group + ".log");
            Process crashed = ChildIngestInstance.start(kafka.bootstrapServers(), topicPrefix, group, "crashed",
                    SESSION_TIMEOUT, log);
            Set<String> crashedFeeds;
            try {
                await().atMost(Duration.ofSeconds(90))
                        .failFast("the other instance's JVM exited; its output is in " + log, () -> !crashed.isAlive())
                        .until(() -> !survivor.ownedFeeds().isEmpty() && survivor.ownedFeeds().size() < FEEDS
                                && polledBy("crashed").containsAll(others(survivor.ownedFeeds())));
                crashedFeeds = others(survivor.ownedFeeds());
            } finally {
                crashed.destroyForcibly();
            }
            long killed = System.nanoTime();
            assertThat(crashed.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            await().atMost(Duration.ofSeconds(60)).until(() -> survivor.ownedFeeds().size() == FEEDS);
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            // the member's last heartbeat came at most a quarter of the session timeout before the kill
            assertThat(takeover).as("a crashed member keeps its partitions until its session times out")
                    .isGreaterThanOrEqualTo(SESSION_TIMEOUT.multipliedBy(3).dividedBy(4).minusMillis(500));
            requests.clear();
            awaitEveryFeedPolledTwice(crashedFeeds);
            assertThat(pollersByFeed()).allSatisfy((feedId, instances) -> assertThat(instances)
                    .containsExactly("survivor"));
            assertThat(survivor.isRunning()).isTrue();
        }
        assertNoFeedPolledByTwoInstancesAtOnce();
    }

    /**
     * The other instance, in a JVM of its own, is paused (SIGSTOP) in the middle of fetching a feed, long enough for
     * the group to give its feeds to the survivor, which publishes the feed's new story. When it resumes, its fetch
     * completes and it tries to write the same story: the batch carries its stale group generation, so the write
     * is refused (by the group coordinator, or before that because it learnt its partitions were lost) and the
     * story is in the raw topic once.
     */
    @Test
    void shouldRefuseTheLateBatchOfAPausedInstanceWhoseFeedsMovedOn() throws Exception {
        try (IngestService survivor = instance("survivor")) {
            survivor.start();
            java.nio.file.Path log = java.nio.file.Path.of("target", "paused-instance-" + group + ".log");
            Process paused = ChildIngestInstance.start(kafka.bootstrapServers(), topicPrefix, group, "paused",
                    SESSION_TIMEOUT, Duration.ofSeconds(90), log);
            try {
                await().atMost(Duration.ofSeconds(90))
                        .failFast("the other instance's JVM exited; its output is in " + log, () -> !paused.isAlive())
                        .until(() -> !survivor.ownedFeeds().isEmpty() && survivor.ownedFeeds().size() < FEEDS
                                && polledBy("paused").containsAll(others(survivor.ownedFeeds())));
                String feed = others(survivor.ownedFeeds()).iterator().next();
                heldFeed = feed;
                fresh = true;
                assertThat(held.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("the paused instance fetches %s",
                        feed).isTrue();
                signal(paused, "STOP");

                await().atMost(Duration.ofSeconds(60)).until(() -> survivor.ownedFeeds().size() == FEEDS);
                await().atMost(Duration.ofSeconds(60)).until(() -> storiesPublished(feed + "-fresh") == 1);

                release.countDown();
                signal(paused, "CONT");
                await().atMost(Duration.ofSeconds(60))
                        .failFast("the paused instance's JVM exited; its output is in " + log, () -> !paused.isAlive())
                        .until(() -> java.nio.file.Files.readString(log).lines().anyMatch(line -> line.contains(
                                "Feed " + feed + ": ") && (line.contains("no longer this instance's")
                                || line.contains("the group moved on since this instance claimed"))));
                assertThat(storiesPublished(feed + "-fresh")).isEqualTo(1);
                assertThat(java.nio.file.Files.readString(log)).doesNotContain("Feed " + feed + ": 2 items, 1 published");
            } finally {
                paused.destroyForcibly();
            }
        }
    }

    private static void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %s", signal, process.pid()).isZero();
    }

    private long storiesPublished(String slug) {
        return CommittedRecords.readAll(kafka.bootstrapServers(), topics.raw()).stream()
                .map(record -> Topics.RAW_ARTICLES.valueSerde().deserializer().deserialize(record.topic(),
                        record.value()))
                .filter(article -> article.title().equals("Story " + slug))
                .count();
    }

    private void awaitRelease() {
        try {
            release.await(120, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldPollAFeedAddedWhileRunningAndStopPollingADisabledOne() {
        try (IngestService ingest = instance("only")) {
            ingest.start();
            awaitEveryFeedPolledTwice(allFeedIds());

            catalog.put(List.of(feed(FEEDS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> polled("feed-" + FEEDS) > 0);

            catalog.put(List.of(feed(0).withEnabled(false)));
            await().atMost(Duration.ofSeconds(30)).until(() -> !ingest.ownedFeeds().contains("feed-0"));
            requests.clear();
            awaitEveryFeedPolledTwice(Set.of("feed-1", "feed-2", "feed-" + FEEDS));
            // a poll of feed-0 running when it was disabled may have ended in the first window
            requests.clear();
            awaitEveryFeedPolledTwice(Set.of("feed-1", "feed-2", "feed-" + FEEDS));
            assertThat(polled("feed-0")).isZero();
        }
    }

    @Test
    void shouldSeedTheFeedsTopicFromTheFeedListLettingTheFileWinAndKeepingFeedsOnlyInTheTopic(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(directory.resolve("feeds.yaml"), """
                feeds:
                  - id: feed-1
                    url: %s
                    enabled: false
                  - id: seeded
                    url: %s
                """.formatted(server.uri("/feeds/feed-1"), server.uri("/feeds/seeded")));

        try (IngestService ingest = instance("seeder", file)) {
            ingest.open();
            assertThat(ingest.ownedFeeds()).contains("seeded", "feed-2").doesNotContain("feed-1");
        }

        Map<String, FeedConfig> feeds = catalog.feeds();
        assertThat(feeds.get("feed-1").enabled()).isFalse();
        assertThat(feeds).containsKeys("seeded", "feed-2", "feed-7");
    }

    private IngestService instance(String name) {
        return instance(name, null);
    }

    private IngestService instance(String name, java.nio.file.Path feedsFile) {
        IngestSettings settings = settings(kafka.bootstrapServers(), group, name, feedsFile, SESSION_TIMEOUT);
        return IngestService.builder(settings, Clock.systemUTC()).topics(topics).random(() -> 0.0).build();
    }

    /** An instance's settings: polls every 300 ms, its name as User-Agent; shared with {@link ChildIngestInstance}. */
    static IngestSettings settings(String bootstrapServers, String group, String name, java.nio.file.Path feedsFile,
                                   Duration sessionTimeout) {
        return settings(bootstrapServers, group, name, feedsFile, sessionTimeout, FETCH_TIMEOUT);
    }

    static IngestSettings settings(String bootstrapServers, String group, String name, java.nio.file.Path feedsFile,
                                   Duration sessionTimeout, Duration fetchTimeout) {
        FetchLimits limits = new FetchLimits(Duration.ofSeconds(2), fetchTimeout, 1024 * 1024, 2, name, true);
        return new IngestSettings(feedsFile, Duration.ofMillis(300), limits, 4, FullTextMode.NEVER,
                1200, "newsflow-ingest", KafkaBroker.uniqueName(name),
                Map.of("bootstrap.servers", bootstrapServers), 6, 1)
                .withPerHostLimits(16, Duration.ZERO).withGroup(group, sessionTimeout);
    }

    private FeedConfig feed(int index) {
        String id = "feed-" + index;
        return FeedConfig.of(id, server.uri("/feeds/" + id).toString());
    }

    private static Set<String> allFeedIds() {
        return IntStream.range(0, FEEDS).mapToObj(index -> "feed-" + index).collect(Collectors.toSet());
    }

    private void awaitEveryFeedPolledTwice(Set<String> feedIds) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> feedIds.stream().allMatch(feedId -> polled(feedId) >= 2));
    }

    /** The feeds not in {@code owned}. */
    private static Set<String> others(Set<String> owned) {
        Set<String> others = new HashSet<>(allFeedIds());
        others.removeAll(owned);
        return others;
    }

    private Set<String> polledBy(String instance) {
        return allRequests.stream().filter(request -> request.instance().equals(instance)).map(Request::feedId)
                .collect(Collectors.toSet());
    }

    private long polled(String feedId) {
        return requests.stream().filter(request -> request.feedId().equals(feedId)).count();
    }

    private Map<String, Set<String>> pollersByFeed() {
        return requests.stream().collect(Collectors.groupingBy(Request::feedId,
                Collectors.mapping(Request::instance, Collectors.toCollection(HashSet::new))));
    }

    private void assertNoFeedPolledByTwoInstancesAtOnce() {
        for (Request one : allRequests) {
            for (Request other : allRequests) {
                if (one.feedId().equals(other.feedId()) && !one.instance().equals(other.instance())) {
                    assertThat(one.end() < other.start() || other.end() < one.start())
                            .as("%s and %s overlap", one, other).isTrue();
                }
            }
        }
    }
}

package dev.newsflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.Topics;
import dev.newsflow.kafka.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection (c): the real {@code newsflow ingest} in a child JVM polls many local feeds for the first time and
 * is killed with SIGKILL partway through that poll cycle (as one feed request arrives, with others in flight and
 * some feeds' transactions committed), then restarted with the same instance id, several times. The raw topic,
 * read {@code read_committed}, then holds every feed item exactly once: the feeds committed before a kill are not
 * published again, the others are polled again and published once.
 */
class IngestKill9IT {

    private static final Pattern PRODUCED = Pattern.compile(
            "(?m)^newsflow_ingest_articles_produced_total\\{[^}]*} (\\S+)$");

    @TempDir
    Path directory;

    @Test
    void shouldPublishEachFeedItemOnceAcrossAnIngestKill9DuringAPollCycle() throws Exception {
        FaultScale scale = FaultScale.current();
        int kills = scale.ingestKills();
        Random random = new Random(13);
        Recoveries recoveries = new Recoveries();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             FeedSite site = new FeedSite(scale.ingestFeeds(), 1_000, scale.ingestItems(), Duration.ofMillis(20),
                     13)) {
            site.addToEveryFeed(scale.ingestItems());
            Set<String> ids = site.ids();
            Path config = Files.writeString(directory.resolve("ingest.yaml"), """
                    kafka.bootstrap.servers: %s
                    ingest.feeds-file: %s
                    ingest.instance-id: faults-ingest
                    ingest.group-id: faults-ingest
                    ingest.session-timeout: 6s
                    ingest.poll-interval: 10m
                    ingest.fetch.allow-private-addresses: true
                    ingest.fetch.parallelism: 4
                    ingest.fetch.per-host-concurrency: 4
                    ingest.fetch.per-host-spacing: 0s
                    ops.port: 0
                    ops.host: 127.0.0.1
                    """.formatted(broker.bootstrapServers(), site.writeFeedsFile(directory.resolve("feeds.yaml"))));
            int share = site.feedCount() / (kills + 1);
            ChildService ingest = ChildService.start("ingest", config, directory.resolve("ingest-0.log"));
            for (int kill = 1; kill <= kills; kill++) {
                ChildService current = ingest;
                int target = site.requests() + 1 + random.nextInt(Math.max(1, share));
                CompletableFuture<Long> killed = new CompletableFuture<>();
                AtomicBoolean killing = new AtomicBoolean();
                site.onRequest(count -> {
                    if (count >= target && killing.compareAndSet(false, true)) {
                        long at = System.nanoTime();
                        current.kill9(); // during the poll cycle: this feed's request is being answered
                        killed.complete(at);
                    }
                });
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .failFast("ingest exited; its log is " + current.log(), () -> !current.isAlive()
                                && !killing.get())
                        .until(killed::isDone);
                ChildService restarted = ChildService.start("ingest", config,
                        directory.resolve("ingest-" + kill + ".log"));
                ingest = restarted;
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .failFast("ingest exited; its log is " + restarted.log(), () -> !restarted.isAlive())
                        .until(() -> restarted.metric(PRODUCED) >= 1);
                recoveries.since(killed.get());
            }
            site.onRequest(count -> { });
            CommittedKeys raw = CommittedKeys.read(broker.bootstrapServers(), Topics.RAW_ARTICLES.name(), ids,
                    Duration.ofSeconds(180));
            int exit = ingest.stop();

            FaultSummary summary = new FaultSummary("faults (c) ingest kill -9 x" + recoveries.count(), ids.size(),
                    raw.records(), raw.missing(ids).size(), raw.duplicates(), recoveries.max(),
                    site.feedCount() + " feeds, " + site.requests() + " feed requests, " + recoveries.describe()
                            + ", last instance exit " + exit).print();
            assertThat(raw.stalled()).as("read_committed reached every item; logs in %s", directory).isEmpty();
            assertThat(summary.lost()).as("items never published, e.g. %s",
                    raw.missing(ids).stream().limit(5).toList()).isZero();
            assertThat(summary.duplicated()).as("items published twice: %s", raw.duplicated()).isZero();
            assertThat(recoveries.count()).isEqualTo(kills);
            assertThat(exit).as("clean exit on SIGTERM; log %s", ingest.log()).isZero();
        }
    }
}

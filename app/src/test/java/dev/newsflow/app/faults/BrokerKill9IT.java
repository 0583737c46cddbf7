package dev.newsflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.Topics;
import dev.newsflow.kafka.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection (b): the whole pipeline (the real {@code newsflow ingest}, {@code enrich} and {@code publish},
 * each in a child JVM) runs against a broker of its own while local feeds gain items at a steady rate; the broker
 * is killed with SIGKILL mid-stream and started again on the same ports and data directory. No service is
 * restarted: each must resume by itself. Afterwards, read {@code read_committed}, the raw and the enriched topics
 * hold every feed item exactly once, and the webhook receiver got every article, exactly once after dedup by
 * {@code webhook-id}.
 */
class BrokerKill9IT {

    private static final Pattern PRODUCED = Pattern.compile(
            "(?m)^newsflow_ingest_articles_produced_total\\{[^}]*} (\\S+)$");
    private static final Pattern ENRICHED = Pattern.compile(
            "(?m)^newsflow_enrich_articles_enriched_total\\{[^}]*} (\\S+)$");
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "newsflow fault injection secret!".getBytes(StandardCharsets.US_ASCII));
    private static final int FEEDS = 10;
    /** Feed items added per second, over all feeds. */
    private static final int ITEMS_PER_SECOND = 20;

    @TempDir
    Path directory;

    @Test
    void shouldRecoverFromABrokerKill9MidStream() throws Exception {
        FaultScale scale = FaultScale.current();
        int items = scale.brokerItems();
        int kills = scale.brokerKills();
        Recoveries recoveries = new Recoveries();
        List<ChildService> services = new ArrayList<>();
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        // each feed lists 40 items: at 2 items a second per feed, enough for 20 s without a poll
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDirectory(directory.resolve("kafka"))
                .build().start();
             FeedSite site = new FeedSite(FEEDS, 600, 40, Duration.ZERO, 17);
             WebhookSink sink = new WebhookSink(Duration.ZERO)) {
            String kafka = """
                    kafka.bootstrap.servers: %s
                    kafka.session.timeout.ms: 6000
                    ops.port: 0
                    ops.host: 127.0.0.1
                    """.formatted(broker.bootstrapServers());
            Path enrichConfig = Files.writeString(directory.resolve("enrich.yaml"), kafka + """
                    enrich.group-id: faults-enrich
                    enrich.instance-id: faults-enrich
                    enrich.languages: [pl, en]
                    enrich.max-poll-records: 50
                    """);
            Path publishConfig = Files.writeString(directory.resolve("publish.yaml"), kafka + """
                    publish.subscriptions:
                      - id: faults-sink
                        url: %s
                        secret: %s
                    publish.allow-private-targets: true
                    publish.http.enabled: false
                    """.formatted(sink.url(), SECRET));
            Path ingestConfig = Files.writeString(directory.resolve("ingest.yaml"), kafka + """
                    ingest.feeds-file: %s
                    ingest.instance-id: faults-ingest
                    ingest.group-id: faults-ingest
                    ingest.session-timeout: 6s
                    ingest.poll-interval: 1s
                    ingest.poll.min-interval: 1s
                    ingest.poll.jitter: 0
                    ingest.poll.max-backoff: 5s
                    ingest.fetch.allow-private-addresses: true
                    ingest.fetch.per-host-concurrency: 4
                    ingest.fetch.per-host-spacing: 0s
                    """.formatted(site.writeFeedsFile(directory.resolve("feeds.yaml"))));
            ChildService enrich = start(services, "enrich", enrichConfig);
            ChildService publish = start(services, "publish", publishConfig);
            ChildService ingest = start(services, "ingest", ingestConfig);
            services.forEach(service -> service.awaitReady(Duration.ofSeconds(120)));

            AtomicInteger added = new AtomicInteger();
            feeder.scheduleAtFixedRate(() -> {
                int next = added.get();
                if (next < items) {
                    site.add(next % FEEDS);
                    added.incrementAndGet();
                }
            }, 0, 1_000_000 / ITEMS_PER_SECOND, TimeUnit.MICROSECONDS);

            List<String> outages = new ArrayList<>();
            for (int kill = 1; kill <= kills; kill++) {
                int due = items * kill / (kills + 1);
                await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(50))
                        .failFast("a service exited; logs in " + directory, () -> !allAlive(services))
                        .until(() -> added.get() >= due && sink.count() > 0);
                double produced = ingest.metric(PRODUCED);
                double enriched = enrich.metric(ENRICHED);
                int delivered = sink.count();
                long killed = System.nanoTime();
                broker.kill();
                long down = System.nanoTime();
                broker.start();
                outages.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down) + "ms");
                try {
                    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
                            .failFast("a service exited; logs in " + directory, () -> !allAlive(services))
                            .until(() -> ingest.metric(PRODUCED) > produced && enrich.metric(ENRICHED) > enriched
                                    && sink.count() > delivered);
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("the services did not all resume within 180 s of broker restart "
                            + kill + ": ingest produced " + ingest.metric(PRODUCED) + " (was " + produced
                            + "), enrich enriched " + enrich.metric(ENRICHED) + " (was " + enriched
                            + "), webhooks " + sink.count() + " (was " + delivered + "); logs in " + directory
                            + CommittedKeys.transactions(broker.bootstrapServers()), e);
                }
                recoveries.since(killed);
            }
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(100))
                    .until(() -> added.get() >= items);
            Set<String> ids = site.ids();
            CommittedKeys raw = CommittedKeys.read(broker.bootstrapServers(), Topics.RAW_ARTICLES.name(), ids,
                    Duration.ofSeconds(180));
            CommittedKeys enriched = CommittedKeys.read(broker.bootstrapServers(),
                    Topics.ENRICHED_ARTICLES.name(), ids, Duration.ofSeconds(180));
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                        .until(() -> sink.articles().containsAll(ids));
            } catch (ConditionTimeoutException e) {
                // reported below as articles not delivered
            }
            boolean neverRestarted = allAlive(services);
            Map<String, Integer> kept = sink.keptAfterDedup();
            long notDelivered = ids.stream().filter(id -> !kept.containsKey(id)).count();
            long keptTwice = kept.values().stream().mapToLong(count -> count - 1L).sum();
            List<Integer> exits = services.stream().map(ChildService::stop).toList();

            FaultSummary summary = new FaultSummary("faults (b) broker kill -9 x" + recoveries.count(), ids.size(),
                    enriched.records(), enriched.missing(ids).size(), enriched.duplicates(), recoveries.max(),
                    "raw lost " + raw.missing(ids).size() + " duplicated " + raw.duplicates() + ", webhooks "
                            + sink.count() + " lost " + notDelivered + " duplicated after dedup " + keptTwice
                            + ", broker restart took " + outages + ", " + recoveries.describe()
                            + ", service exits " + exits).print();
            assertThat(neverRestarted).as("ingest, enrich and publish ran through without a restart").isTrue();
            assertThat(raw.stalled()).as("read_committed reached every raw article").isEmpty();
            assertThat(enriched.stalled()).as("read_committed reached every enriched article").isEmpty();
            assertThat(raw.missing(ids)).as("items never published").isEmpty();
            assertThat(raw.duplicated()).as("items published twice").isEmpty();
            assertThat(summary.lost()).as("articles never enriched").isZero();
            assertThat(summary.duplicated()).as("articles enriched twice: %s", enriched.duplicated()).isZero();
            assertThat(notDelivered).as("articles never delivered").isZero();
            assertThat(keptTwice).as("articles kept twice after dedup by webhook-id").isZero();
            assertThat(sink.sharedWebhookIds()).as("webhook-ids shared by two articles").isEmpty();
            assertThat(exits).as("clean exits on SIGTERM; logs in %s", directory).containsOnly(0);
        } finally {
            feeder.shutdownNow();
            services.forEach(ChildService::close);
        }
    }

    private ChildService start(List<ChildService> services, String service, Path config) {
        ChildService child = ChildService.start(service, config, directory.resolve(service + ".log"));
        services.add(child);
        return child;
    }

    private static boolean allAlive(List<ChildService> services) {
        return services.stream().allMatch(ChildService::isAlive);
    }
}

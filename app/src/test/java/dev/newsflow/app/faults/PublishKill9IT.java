package dev.newsflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.enrich.bench.ArticleMix;
import dev.newsflow.kafka.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection (d): the real {@code newsflow publish} in a child JVM delivers enriched articles to a local
 * webhook receiver and is killed with SIGKILL mid-delivery (the receiver has the request and has not answered),
 * then restarted, several times. Every article reaches the
 * receiver at least once (publish commits its position only after a delivery), and a receiver that drops repeated
 * {@code webhook-id}s keeps exactly one delivery per article: the id is the same on every redelivery and differs
 * between articles.
 */
class PublishKill9IT {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "newsflow fault injection secret!".getBytes(StandardCharsets.US_ASCII));
    /** How long the receiver takes to answer, as a receiver doing a little work. */
    private static final Duration ANSWER_DELAY = Duration.ofMillis(1);

    @TempDir
    Path directory;

    @Test
    void shouldDeliverEveryArticleAtLeastOnceAcrossAPublishKill9() throws Exception {
        FaultScale scale = FaultScale.current();
        int kills = scale.publishKills();
        Random random = new Random(11);
        List<EnrichedArticle> articles = articles(scale.publishArticles());
        Set<String> ids = articles.stream().map(EnrichedArticle::id).collect(Collectors.toSet());
        Recoveries recoveries = new Recoveries();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             WebhookSink sink = new WebhookSink(ANSWER_DELAY)) {
            Path config = Files.writeString(directory.resolve("publish.yaml"), """
                    kafka.bootstrap.servers: %s
                    kafka.session.timeout.ms: 6000
                    publish.subscriptions:
                      - id: faults-sink
                        url: %s
                        secret: %s
                    publish.allow-private-targets: true
                    publish.http.enabled: false
                    ops.port: 0
                    ops.host: 127.0.0.1
                    """.formatted(broker.bootstrapServers(), sink.url(), SECRET));
            ChildService publish = ChildService.start("publish", config, directory.resolve("publish-0.log"))
                    .awaitReady(Duration.ofSeconds(90)); // it creates the topics
            try (TopicWriter writer = new TopicWriter(broker.bootstrapServers())) {
                writer.enriched(articles);
            }
            int share = articles.size() / (kills + 1);
            for (int kill = 1; kill <= kills; kill++) {
                ChildService current = publish;
                int target = sink.count() + 1 + random.nextInt(Math.max(1, share / 2));
                CompletableFuture<Long> killed = new CompletableFuture<>();
                AtomicBoolean killing = new AtomicBoolean();
                sink.onArrival(count -> {
                    if (count >= target && killing.compareAndSet(false, true)) {
                        long at = System.nanoTime();
                        current.kill9(); // while publish waits for this request's answer
                        killed.complete(at);
                    }
                });
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .failFast("publish exited; its log is " + current.log(), () -> !current.isAlive()
                                && !killing.get())
                        .until(killed::isDone);
                int before = sink.count();
                ChildService restarted = ChildService.start("publish", config,
                        directory.resolve("publish-" + kill + ".log"));
                publish = restarted;
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .failFast("publish exited; its log is " + restarted.log(), () -> !restarted.isAlive())
                        .until(() -> sink.count() > before);
                recoveries.since(killed.get());
            }
            ChildService last = publish;
            try {
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                        .failFast("publish exited; its log is " + last.log(), () -> !last.isAlive())
                        .until(() -> sink.articles().containsAll(ids));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported below as lost articles
            }
            int exit = last.stop();

            Map<String, Integer> kept = sink.keptAfterDedup();
            long delivered = ids.stream().filter(kept::containsKey).count();
            long duplicated = kept.values().stream().mapToLong(count -> count - 1L).sum();
            FaultSummary summary = new FaultSummary("faults (d) publish kill -9 x" + recoveries.count(), ids.size(),
                    delivered, ids.size() - delivered, duplicated, recoveries.max(),
                    "requests " + sink.count() + ", redelivered " + (sink.count() - delivered)
                            + " and dropped by webhook-id, " + recoveries.describe() + ", last instance exit " + exit)
                    .print();
            assertThat(summary.lost()).as("articles never delivered; logs in %s", directory).isZero();
            assertThat(summary.duplicated()).as("articles kept twice after dedup by webhook-id").isZero();
            assertThat(sink.sharedWebhookIds()).as("webhook-ids shared by two articles").isEmpty();
            assertThat(sink.count()).as("requests, redeliveries included").isGreaterThanOrEqualTo(ids.size());
            assertThat(recoveries.count()).isEqualTo(kills);
            assertThat(exit).as("clean exit on SIGTERM; log %s", last.log()).isZero();
        }
    }

    private static List<EnrichedArticle> articles(int count) {
        ArticleMix mix = ArticleMix.bundled(1_500, 11);
        List<EnrichedArticle> articles = new ArrayList<>(count);
        Instant enrichedAt = Instant.now();
        for (int i = 0; i < count; i++) {
            RawArticle raw = mix.next();
            articles.add(EnrichedArticle.of(raw, raw.declaredLanguage(), raw.title(), "", List.of(), List.of(),
                    enrichedAt));
        }
        return articles;
    }
}

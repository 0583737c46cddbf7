package dev.newsflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.enrich.bench.ArticleMix;
import dev.newsflow.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection (a): the real {@code newsflow enrich} in a child JVM is killed with SIGKILL again and again while
 * raw articles stream in, and restarted each time with the same instance id, so its transactional id fences and
 * aborts what the dead one left open. Afterwards a {@code read_committed} consumer finds every raw article exactly
 * once in the enriched topic.
 *
 * <p>Each kill comes while enrich has a backlog and is partway through it, after a random number of committed
 * articles, so almost every kill lands inside a transaction (50 articles each). The broker is a child JVM of its
 * own, not the shared test broker, so no other test's articles are in the topics.
 */
class EnrichKill9IT {

    private static final Pattern ENRICHED = Pattern.compile(
            "(?m)^newsflow_enrich_articles_enriched_total\\{[^}]*} (\\S+)$");
    private static final int ARTICLE_CHARS = 3_000;

    @TempDir
    Path directory;

    @Test
    void shouldEnrichEveryArticleExactlyOnceThroughRepeatedKill9() throws IOException {
        FaultScale scale = FaultScale.current();
        int kills = scale.enrichKills();
        ArticleMix mix = ArticleMix.bundled(ARTICLE_CHARS, 7);
        Random random = new Random(7);
        Set<String> ids = new LinkedHashSet<>();
        Recoveries recoveries = new Recoveries();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            Path config = Files.writeString(directory.resolve("enrich.yaml"), """
                    kafka.bootstrap.servers: %s
                    kafka.session.timeout.ms: 6000
                    enrich.group-id: faults-enrich
                    enrich.instance-id: faults-enrich
                    enrich.languages: [pl, en]
                    enrich.max-poll-records: 50
                    ops.port: 0
                    ops.host: 127.0.0.1
                    """.formatted(broker.bootstrapServers()));
            int chunk = scale.enrichArticles() / (kills + 1);
            ChildService enrich = ChildService.start("enrich", config, directory.resolve("enrich-0.log"))
                    .awaitReady(Duration.ofSeconds(90)); // it creates the topics
            try (TopicWriter writer = new TopicWriter(broker.bootstrapServers())) {
                for (int kill = 1; kill <= kills; kill++) {
                    writer.raw(next(mix, chunk, ids));
                    ChildService current = enrich;
                    int target = 1 + random.nextInt(Math.max(1, chunk / 2));
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                            .failFast("enrich exited; its log is " + current.log(), () -> !current.isAlive())
                            .until(() -> current.metric(ENRICHED) >= target);
                    current.kill9();
                    long killed = System.nanoTime();
                    ChildService restarted = ChildService.start("enrich", config,
                            directory.resolve("enrich-" + kill + ".log"));
                    enrich = restarted;
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                            .failFast("enrich exited; its log is " + restarted.log(), () -> !restarted.isAlive())
                            .until(() -> restarted.metric(ENRICHED) >= 1);
                    recoveries.since(killed);
                }
                writer.raw(next(mix, scale.enrichArticles() - ids.size(), ids));
            }
            CommittedKeys enriched = CommittedKeys.read(broker.bootstrapServers(), Topics.ENRICHED_ARTICLES.name(),
                    ids, Duration.ofSeconds(180));
            int exit = enrich.stop();

            FaultSummary summary = new FaultSummary("faults (a) enrich kill -9 x" + recoveries.count(), ids.size(),
                    enriched.records(), enriched.missing(ids).size(), enriched.duplicates(), recoveries.max(),
                    recoveries.describe() + ", last instance exit " + exit).print();
            assertThat(enriched.stalled()).as("read_committed reached every article; logs in %s", directory)
                    .isEmpty();
            assertThat(summary.lost()).as("lost, e.g. %s", enriched.missing(ids).stream().limit(5).toList()).isZero();
            assertThat(summary.duplicated()).as("duplicated: %s", enriched.duplicated()).isZero();
            assertThat(recoveries.count()).isEqualTo(kills);
        }
    }

    private static List<RawArticle> next(ArticleMix mix, int count, Set<String> ids) {
        List<RawArticle> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RawArticle article = mix.next();
            ids.add(article.id());
            articles.add(article);
        }
        return articles;
    }
}

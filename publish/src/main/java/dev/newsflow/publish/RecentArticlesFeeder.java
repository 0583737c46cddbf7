package dev.newsflow.publish;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.Topics;
import dev.newsflow.publish.feed.ArticleWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ArticleWindow} filled from {@link Topics#ENRICHED_ARTICLES}: its own {@code read_committed}
 * consumer with no group (partitions assigned, nothing committed). On start it seeks each partition to its end minus
 * the window size, reads up to the end, and adds what it read newest-last by enrichment time, so a restarted instance
 * rebuilds its window from Kafka; then it follows the topic. Records that are not enriched articles are skipped with
 * a log line (the webhook workers dead-letter them).
 */
final class RecentArticlesFeeder implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RecentArticlesFeeder.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<String, byte[]> consumer;
    private final ArticleWindow window;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Throwable failure;

    RecentArticlesFeeder(Consumer<String, byte[]> consumer, ArticleWindow window) {
        this.consumer = consumer;
        this.window = window;
    }

    static RecentArticlesFeeder create(Map<String, Object> clientProperties, ArticleWindow window) {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-publish-window");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return new RecentArticlesFeeder(new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer()), window);
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ENRICHED_ARTICLES.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                consumer.seek(partition, Math.max(beginnings.getOrDefault(partition, 0L),
                        end - window.capacity()));
            }
            catchUp(ends);
            log.info("Article window holds the {} most recent articles; following {}", window.size(),
                    Topics.ENRICHED_ARTICLES.name());
            caughtUp.countDown();
            while (!stopping) {
                window.addAll(articles(consumer.poll(POLL)));
            }
        } catch (WakeupException e) {
            if (!stopping) {
                failure = e;
            }
        } catch (KafkaException | IllegalStateException e) {
            failure = e;
            log.error("The article window stopped following {}: feeds and stream no longer update",
                    Topics.ENRICHED_ARTICLES.name(), e);
        } finally {
            caughtUp.countDown();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Reads every partition up to the end it had on start, and adds the articles ordered by enrichment time. */
    private void catchUp(Map<TopicPartition, Long> ends) {
        List<EnrichedArticle> backlog = new ArrayList<>();
        while (!stopping && ends.entrySet().stream()
                .anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            backlog.addAll(articles(consumer.poll(POLL)));
        }
        backlog.sort(Comparator.comparing(EnrichedArticle::enrichedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        window.addAll(backlog.subList(Math.max(0, backlog.size() - window.capacity()), backlog.size()));
    }

    private static List<EnrichedArticle> articles(ConsumerRecords<String, byte[]> records) {
        List<EnrichedArticle> articles = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                articles.add(Json.read(record.value(), EnrichedArticle.class));
            } catch (RuntimeException e) {
                log.warn("Skipping a record that is not an enriched article at {}-{} offset {}: {}",
                        record.topic(), record.partition(), record.offset(), e.toString());
            }
        }
        return articles;
    }

    /** Waits until the window holds what the topic had on start (or the feeder ended); true if it did in time. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }
}

package dev.newsflow.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A typed consumer of {@link Topics#ENRICHED_ARTICLES} for backend services.
 *
 * <p>It reads committed transactions only, commits offsets when told to (after the caller has processed what
 * {@link #poll} returned, which gives at-least-once processing), and steps over records that are not valid
 * enriched articles after reporting them, so one bad record never stops a subscriber.
 *
 * <pre>{@code
 * try (var articles = EnrichedArticleConsumer.builder("localhost:9092", "my-service")
 *         .filter(article -> article.hasTag("Q159"))
 *         .build()) {
 *     while (running) {
 *         articles.poll(Duration.ofSeconds(1)).forEach(article -> store(article));
 *         articles.commit();
 *     }
 * }
 * }</pre>
 */
public final class EnrichedArticleConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EnrichedArticleConsumer.class);

    private final KafkaConsumer<String, EnrichedArticle> consumer;
    private final Predicate<EnrichedArticle> filter;
    private final Consumer<RecordDeserializationException> onInvalidRecord;

    private EnrichedArticleConsumer(Builder builder) {
        Map<String, Object> config = new HashMap<>(builder.properties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, builder.groupId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        TopicSpec<String, EnrichedArticle> topic = Topics.ENRICHED_ARTICLES;
        this.consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        this.filter = builder.filter;
        this.onInvalidRecord = builder.onInvalidRecord;
        consumer.subscribe(List.of(topic.name()));
    }

    public static Builder builder(String bootstrapServers, String groupId) {
        return new Builder(bootstrapServers, groupId);
    }

    /** The next articles that pass the filter; may be empty. */
    public List<EnrichedArticle> poll(Duration timeout) {
        List<EnrichedArticle> articles = new ArrayList<>();
        try {
            for (ConsumerRecord<String, EnrichedArticle> record : consumer.poll(timeout)) {
                if (record.value() != null && filter.test(record.value())) {
                    articles.add(record.value());
                }
            }
        } catch (RecordDeserializationException e) {
            onInvalidRecord.accept(e);
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        return articles;
    }

    /** Commits the position after everything {@link #poll} has returned so far. */
    public void commit() {
        consumer.commitSync();
    }

    /** The partitions currently assigned to this member of the group. */
    public List<TopicPartition> assignment() {
        return List.copyOf(consumer.assignment());
    }

    /** Makes a blocked {@link #poll} return early; safe to call from another thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** Options of an {@link EnrichedArticleConsumer}. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String groupId;
        private final Map<String, Object> properties = new HashMap<>();
        private Predicate<EnrichedArticle> filter = article -> true;
        private Consumer<RecordDeserializationException> onInvalidRecord = e -> log.error(
                "Skipping invalid record at {}-{} offset {}: {}",
                e.topicPartition().topic(), e.topicPartition().partition(), e.offset(), e.getMessage());

        private Builder(String bootstrapServers, String groupId) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            this.groupId = Objects.requireNonNull(groupId, "groupId");
        }

        /** Only articles that pass this predicate are returned (the others are still consumed). */
        public Builder filter(Predicate<EnrichedArticle> filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** Any Kafka consumer setting, such as security settings for a managed cluster. */
        public Builder property(String name, Object value) {
            properties.put(name, value);
            return this;
        }

        /** What to do with a record that is not a valid enriched article; the default logs it. */
        public Builder onInvalidRecord(Consumer<RecordDeserializationException> handler) {
            this.onInvalidRecord = Objects.requireNonNull(handler, "handler");
            return this;
        }

        public EnrichedArticleConsumer build() {
            return new EnrichedArticleConsumer(this);
        }
    }
}

package dev.newsflow.ingest.kafka;

import dev.newsflow.contract.FeedConfig;
import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.Topics;
import dev.newsflow.ingest.FeedCatalog;
import dev.newsflow.support.kafka.TopicCreator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The feeds topic and the feed-state topic on Kafka. Creates both when missing (same partition count, so a feed's
 * config and state are co-partitioned); writes with an idempotent producer, {@code acks=all}, keyed by feed id with
 * the default partitioner, as ingest writes the state.
 */
public final class KafkaFeedCatalog implements FeedCatalog {

    private final Map<String, Object> clientProperties;
    private final IngestTopics topics;
    private final Duration timeout;
    private final Serializer<FeedConfig> serializer = Topics.FEEDS.valueSerde().serializer();
    private KafkaProducer<String, byte[]> producer;

    /**
     * @param partitions        partitions of the topics created here, 0 for the contract's
     * @param replicationFactor replication factor of the topics created here
     */
    public KafkaFeedCatalog(Map<String, Object> clientProperties, IngestTopics topics, int partitions,
                            int replicationFactor, Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topics = topics;
        this.timeout = timeout;
        TopicCreator.ensureTopics(this.clientProperties, topics.feedSpecs(), partitions, replicationFactor);
    }

    @Override
    public Map<String, FeedConfig> feeds() {
        return CompactedTopicReader.readAll(clientProperties, topics.feeds(),
                Topics.FEEDS.valueSerde().deserializer(), timeout);
    }

    @Override
    public Map<String, FeedState> states() {
        return CompactedTopicReader.readAll(clientProperties, topics.feedState(),
                Topics.FEED_STATE.valueSerde().deserializer(), timeout);
    }

    @Override
    public synchronized void put(Iterable<FeedConfig> configs) {
        if (producer == null) {
            Map<String, Object> properties = new HashMap<>();
            properties.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-feeds");
            properties.putAll(clientProperties);
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (FeedConfig config : configs) {
            sent.add(producer.send(new ProducerRecord<>(topics.feeds(), config.id(),
                    serializer.serialize(topics.feeds(), config))));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new KafkaException("cannot write to " + topics.feeds() + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing to " + topics.feeds(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}

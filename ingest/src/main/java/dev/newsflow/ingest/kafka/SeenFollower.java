package dev.newsflow.ingest.kafka;

import dev.newsflow.contract.SeenArticle;
import dev.newsflow.contract.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps reading the seen topic (every partition, committed records only) from where the start-up read ended, so an
 * instance learns what the other instances published and deduplicates against it. Its own markers come back too;
 * they change nothing.
 */
final class SeenFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SeenFollower.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<SeenArticle> deserializer = Topics.INGEST_SEEN.valueSerde().deserializer();
    private final Thread thread;
    private volatile boolean closing;

    SeenFollower(Map<String, Object> clientProperties, String topic, Map<TopicPartition, Long> from,
                 Consumer<SeenArticle> listener) {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-ingest-follow-" + topic);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        thread = new Thread(() -> run(topic, listener), "ingest-seen-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String topic, Consumer<SeenArticle> listener) {
        try {
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || record.value() == null) {
                        continue;
                    }
                    try {
                        listener.accept(deserializer.deserialize(topic, record.value()));
                    } catch (SerializationException e) {
                        log.warn("Skipping unreadable record of {} at partition {} offset {}: {}", topic,
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Following {} stopped; articles other instances publish from now on are not known here: {}",
                    topic, e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

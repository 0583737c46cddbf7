package dev.newsflow.ingest.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole compacted topic (the seen topic, the feed-state topic) into memory, latest value per key, up to the
 * end offsets taken when reading starts. Reads only committed records, so a batch whose transaction was aborted (or
 * never committed before a crash) is not remembered: its articles get published again, its feed polled again.
 */
final class CompactedTopicReader {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private CompactedTopicReader() {
    }

    /**
     * What a read found: the latest value per key, the partition of each key, and the offsets read up to.
     */
    record Snapshot<V>(Map<String, V> values, Map<String, Integer> partitionOf, Map<TopicPartition, Long> ends) {
    }

    /** Receives a topic's records in order, so a later value of a key replaces an earlier one. */
    interface Sink<V> {
        /** Called once before the first record: how many records the partitions hold at most. */
        default void expect(long records) {
        }

        void put(String key, V value);

        /** A tombstone: the key is deleted. */
        void remove(String key);
    }

    static <V> Map<String, V> readAll(Map<String, Object> clientProperties, String topic,
                                      Deserializer<V> valueDeserializer, Duration timeout) {
        return read(clientProperties, topic, null, valueDeserializer, timeout).values();
    }

    /** Reads the given partitions of a topic (all of them when {@code only} is null) to their end. */
    static <V> Snapshot<V> read(Map<String, Object> clientProperties, String topic, java.util.Collection<Integer> only,
                                Deserializer<V> valueDeserializer, Duration timeout) {
        Map<String, V> seen = new HashMap<>();
        Map<String, Integer> partitionOf = new HashMap<>();
        Map<TopicPartition, Long> end = read(clientProperties, topic, only, valueDeserializer, timeout, new Sink<V>() {
            @Override
            public void put(String key, V value) {
                seen.put(key, value);
            }

            @Override
            public void remove(String key) {
                seen.remove(key);
            }
        }, partitionOf::put);
        return new Snapshot<>(seen, partitionOf, end);
    }

    /**
     * Reads the given partitions of a topic (all of them when {@code only} is null) to their end, handing each
     * record to {@code sink} as it comes, with nothing kept here; {@code partitionOf} learns each key's partition.
     *
     * @return the offsets read up to
     */
    static <V> Map<TopicPartition, Long> read(Map<String, Object> clientProperties, String topic,
                                              java.util.Collection<Integer> only, Deserializer<V> valueDeserializer,
                                              Duration timeout, Sink<V> sink,
                                              java.util.function.ObjIntConsumer<String> partitionOf) {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-ingest-reader-" + topic);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .filter(partition -> only == null || only.contains(partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            sink.expect(end.entrySet().stream()
                    .mapToLong(partition -> partition.getValue() - begin.getOrDefault(partition.getKey(), 0L)).sum());
            int records = 0;
            int unreadable = 0;
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read topic " + topic + " to its end within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    records++;
                    if (record.key() == null) {
                        continue;
                    }
                    partitionOf.accept(record.key(), record.partition());
                    if (record.value() == null) {
                        sink.remove(record.key());
                        continue;
                    }
                    try {
                        sink.put(record.key(), valueDeserializer.deserialize(topic, record.value()));
                    } catch (SerializationException e) {
                        unreadable++;
                        log.warn("Skipping unreadable record of {} at partition {} offset {}: {}", topic,
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
            log.info("Read {} records of {} partitions {} ({} unreadable)", records, topic,
                    only == null ? "all" : only, unreadable);
            return end;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}

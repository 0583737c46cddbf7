package dev.newsflow.enrich.service.bench;

import dev.newsflow.enrich.service.EnrichService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's own ceiling for the enrich loop on this machine: the same read-process-write with transactions, the same
 * threads, batch size and producer settings as the enrich service, but copying each record unchanged instead of
 * enriching it. Enrich throughput divided by this is the share of the ceiling enrichment leaves.
 */
final class TransactionalCopy {

    private TransactionalCopy() {
    }

    /**
     * Copies {@code expected} records from {@code from} to {@code to}; returns records per second from the first
     * records polled to the last commit (so a run that fits in one transaction still has a duration).
     */
    static double run(Map<String, Object> kafka, String from, String to, int threads, int maxPollRecords,
                      long expected) throws InterruptedException {
        AtomicLong copied = new AtomicLong();
        AtomicLong firstRecords = new AtomicLong();
        AtomicLong lastCommit = new AtomicLong();
        String group = "bench-copy-" + System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int lane = 0; lane < threads; lane++) {
            int index = lane;
            Thread worker = new Thread(() -> {
                try {
                    copy(kafka, from, to, group, index, maxPollRecords, expected, copied, firstRecords, lastCommit);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "bench-copy-" + lane);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join(Duration.ofMinutes(15).toMillis());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("transactional copy failed", failures.get(0));
        }
        if (copied.get() < expected) {
            throw new IllegalStateException("transactional copy moved only " + copied.get() + " of " + expected);
        }
        return expected / ((lastCommit.get() - firstRecords.get()) / 1e9);
    }

    private static void copy(Map<String, Object> kafka, String from, String to, String group, int lane,
                             int maxPollRecords, long expected, AtomicLong copied, AtomicLong firstRecords,
                             AtomicLong lastCommit) {
        Map<String, Object> consumerProperties = new HashMap<>(kafka);
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        Map<String, Object> producerProperties = new HashMap<>(kafka);
        producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-" + lane);
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerProperties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producerProperties.put(ProducerConfig.BATCH_SIZE_CONFIG, EnrichService.PRODUCER_BATCH_BYTES);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties,
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            consumer.subscribe(List.of(from));
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            while (copied.get() < expected && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                firstRecords.compareAndSet(0, System.nanoTime());
                producer.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    producer.send(new ProducerRecord<>(to, null, record.key(), record.value(), record.headers()));
                    offsets.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
                lastCommit.set(System.nanoTime());
                copied.addAndGet(records.count());
            }
        }
    }
}

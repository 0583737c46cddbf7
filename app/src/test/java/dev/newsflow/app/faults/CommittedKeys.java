package dev.newsflow.app.faults;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a {@code read_committed} consumer finds in a topic: how many committed records each wanted key has. It reads
 * from the beginning, without a group, until every wanted key is there (or the time is up), then a little longer,
 * so a duplicate committed meanwhile is counted too.
 *
 * @param copies  committed records per wanted key that has any
 * @param stalled when not every wanted key came in time: where the committed read stopped and why (positions,
 *                last stable and log end offsets, open transactions), else empty
 */
record CommittedKeys(Map<String, Integer> copies, String stalled) {

    private static final Duration LINGER = Duration.ofSeconds(2);

    static CommittedKeys read(String bootstrapServers, String topic, Set<String> wanted, Duration atMost) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        Map<String, Integer> copies = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            String stalled = "";
            try {
                await().atMost(atMost).pollInterval(Duration.ofMillis(10)).until(() -> {
                    count(consumer, wanted, copies);
                    return copies.keySet().containsAll(wanted);
                });
                long until = System.nanoTime() + LINGER.toNanos();
                while (System.nanoTime() < until) {
                    count(consumer, wanted, copies);
                }
            } catch (ConditionTimeoutException e) {
                stalled = diagnose(bootstrapServers, consumer, partitions);
            }
            return new CommittedKeys(Map.copyOf(copies), stalled);
        }
    }

    /** Wanted keys with no committed record. */
    Set<String> missing(Collection<String> wanted) {
        return wanted.stream().filter(key -> !copies.containsKey(key)).collect(Collectors.toSet());
    }

    /** Committed records of wanted keys. */
    long records() {
        return copies.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Records beyond the first of each key. */
    long duplicates() {
        return copies.values().stream().mapToLong(count -> count - 1L).sum();
    }

    /** Keys with more than one committed record, with their counts. */
    Map<String, Integer> duplicated() {
        return copies.entrySet().stream().filter(entry -> entry.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void count(KafkaConsumer<byte[], byte[]> consumer, Set<String> wanted,
                              Map<String, Integer> copies) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.key() != null) {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (wanted.contains(key)) {
                    copies.merge(key, 1, Integer::sum);
                }
            }
        }
    }

    /** Where the committed read stands against the log, and which transactions the coordinators hold open. */
    static String diagnose(String bootstrapServers, KafkaConsumer<byte[], byte[]> consumer,
                           List<TopicPartition> partitions) {
        StringBuilder report = new StringBuilder();
        try {
            Map<TopicPartition, Long> stable = consumer.endOffsets(partitions);
            Properties uncommitted = new Properties();
            uncommitted.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            try (KafkaConsumer<byte[], byte[]> ends = new KafkaConsumer<>(uncommitted, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                Map<TopicPartition, Long> logEnd = ends.endOffsets(partitions);
                for (TopicPartition partition : partitions) {
                    report.append(String.format("%n  %s: position %d, last stable offset %d, log end %d", partition,
                            consumer.position(partition), stable.get(partition), logEnd.get(partition)));
                }
            }
            report.append(transactions(bootstrapServers));
        } catch (RuntimeException e) {
            report.append(" (diagnosis failed: ").append(e).append(')');
        }
        return report.toString();
    }

    static String transactions(String bootstrapServers) {
        StringBuilder report = new StringBuilder();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Collection<TransactionListing> listings = admin.listTransactions().all().get(10, TimeUnit.SECONDS);
            List<String> ids = listings.stream().map(TransactionListing::transactionalId).toList();
            var descriptions = admin.describeTransactions(ids).all().get(10, TimeUnit.SECONDS);
            descriptions.forEach((id, description) -> report.append(String.format(
                    "%n  transaction %s: %s, producer %d epoch %d, started %d, timeout %d ms, partitions %s", id,
                    description.state(), description.producerId(), description.producerEpoch(),
                    description.transactionStartTimeMs().orElse(-1), description.transactionTimeoutMs(),
                    description.topicPartitions())));
        } catch (Exception e) {
            report.append(String.format("%n  (listing transactions failed: %s)", e));
        }
        return report.toString();
    }
}

package dev.newsflow.publish.store;

import dev.newsflow.contract.Json;
import dev.newsflow.contract.Topics;
import dev.newsflow.publish.subscription.FailedDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries that exhausted their attempts, in the compacted {@code news.deliveries.failed}: written when a
 * worker gives up, removed (a tombstone) when a replay delivers them, listed by reading the topic to its end.
 */
public final class FailedDeliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailedDeliveries.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    private final Map<String, Object> client;
    private final KafkaProducer<String, byte[]> producer;

    public FailedDeliveries(Map<String, Object> client) {
        this.client = Map.copyOf(client);
        this.producer = KafkaClients.writer(client, "newsflow-publish-failed-deliveries");
    }

    /**
     * Keeps the delivery; returns once Kafka acknowledged it.
     *
     * @throws KafkaException when it cannot be written
     */
    public void record(FailedDelivery failed) {
        write(failed.key(), Json.writeBytes(failed));
    }

    /** Forgets the delivery (it was delivered after all). */
    public void remove(FailedDelivery failed) {
        write(failed.key(), null);
    }

    private void write(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.DELIVERIES_FAILED.name(), key, value))
                    .get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot write to " + Topics.DELIVERIES_FAILED.name(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("cannot write to " + Topics.DELIVERIES_FAILED.name() + " within "
                    + WRITE_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    /** The subscription's failed deliveries, oldest failure first. */
    public List<FailedDelivery> list(String subscriptionId) {
        Map<String, FailedDelivery> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.reader(client,
                "newsflow-publish-failed-deliveries-reader")) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERIES_FAILED.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.key() == null || !FailedDelivery.subscriptionOf(record.key()).equals(subscriptionId)) {
                        continue;
                    }
                    if (record.value() == null) {
                        latest.remove(record.key());
                        continue;
                    }
                    try {
                        latest.put(record.key(), Json.read(record.value(), FailedDelivery.class));
                    } catch (RuntimeException e) {
                        log.warn("Ignoring the unreadable failed delivery at offset {} of {}-{}: {}",
                                record.offset(), record.topic(), record.partition(), e.toString());
                    }
                }
            }
        }
        List<FailedDelivery> failed = new ArrayList<>(latest.values());
        failed.sort(Comparator.comparing(FailedDelivery::failedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return List.copyOf(failed);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

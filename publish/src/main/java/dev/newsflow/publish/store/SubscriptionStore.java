package dev.newsflow.publish.store;

import dev.newsflow.contract.Json;
import dev.newsflow.contract.Topics;
import dev.newsflow.publish.subscription.StoredSubscription;
import dev.newsflow.publish.subscription.SubscriptionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions in {@code news.subscriptions}, read from the beginning when opened and then followed on a thread
 * of their own; each change is passed to the listener by id. Writes wait until the store has read them back, so a
 * caller reads its own writes. Concurrent writers of one id (two API calls on two instances) race: the last write
 * wins.
 */
public final class SubscriptionStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionStore.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, StoredSubscription> current = new ConcurrentSkipListMap<>();
    /** Next offset to read, per partition; guarded by itself for waiting. */
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private volatile Consumer<String> listener = id -> { };
    private volatile boolean running = true;
    private volatile Throwable failure;
    private Thread thread;

    private SubscriptionStore(Map<String, Object> client) {
        this.consumer = KafkaClients.reader(client, "newsflow-publish-subscriptions");
        this.producer = KafkaClients.writer(client, "newsflow-publish-subscriptions-writer");
    }

    /** Opens the store and reads the topic to its end; the topic must exist. */
    public static SubscriptionStore open(Map<String, Object> client) {
        SubscriptionStore store = new SubscriptionStore(client);
        try {
            store.load();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void load() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SUBSCRIPTIONS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            consumer.poll(POLL).forEach(this::apply);
        }
        partitions.forEach(partition -> advance(partition.partition(), consumer.position(partition)));
        log.info("Read {} subscriptions from {}", current.size(), Topics.SUBSCRIPTIONS.name());
    }

    /** Follows the topic on a daemon thread, passing the id of every changed subscription to the listener. */
    public synchronized void follow(Consumer<String> onChange) {
        if (thread != null) {
            throw new IllegalStateException("already following");
        }
        listener = onChange;
        thread = new Thread(this::run, "publish-subscriptions");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        apply(record);
                        notifyChanged(record.key());
                    }
                    for (TopicPartition partition : consumer.assignment()) {
                        advance(partition.partition(), consumer.position(partition));
                    }
                } catch (WakeupException e) {
                    // close() woke the consumer
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            log.error("Stopped following {}; subscription changes are no longer seen", Topics.SUBSCRIPTIONS.name(), e);
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                log.warn("The subscriptions reader did not close cleanly", e);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() != null) {
            if (record.value() == null) {
                current.remove(record.key());
            } else {
                try {
                    StoredSubscription subscription = Json.read(record.value(), StoredSubscription.class);
                    if (subscription.id().equals(record.key())) {
                        current.put(record.key(), subscription);
                    } else {
                        log.warn("Ignoring {} at offset {}: its id does not match its key",
                                Topics.SUBSCRIPTIONS.name(), record.offset());
                    }
                } catch (RuntimeException e) {
                    log.warn("Ignoring the unreadable subscription {} at offset {} of {}: {}", record.key(),
                            record.offset(), Topics.SUBSCRIPTIONS.name(), e.toString());
                }
            }
        }
        advance(record.partition(), record.offset() + 1);
    }

    private void advance(int partition, long next) {
        synchronized (positions) {
            positions.merge(partition, next, Math::max);
            positions.notifyAll();
        }
    }

    private void notifyChanged(String id) {
        if (id == null) {
            return;
        }
        try {
            listener.accept(id);
        } catch (RuntimeException e) {
            log.warn("The listener failed for subscription {}", id, e);
        }
    }

    /** Every subscription, by id. */
    public List<StoredSubscription> all() {
        return List.copyOf(current.values());
    }

    public Optional<StoredSubscription> get(String id) {
        return Optional.ofNullable(current.get(id));
    }

    /** Stores the subscription and waits until this store has read it back. */
    public StoredSubscription put(StoredSubscription subscription) {
        write(subscription.id(), Json.writeBytes(subscription));
        return subscription;
    }

    /** Deletes the subscription (a tombstone) and waits until this store has read that. */
    public void delete(String id) {
        write(id, null);
    }

    private void write(String id, byte[] value) {
        RecordMetadata written;
        try {
            written = producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS.name(), id, value))
                    .get(WRITE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not store subscription {}: {}", id, e.toString());
            throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE,
                    "could not store the subscription in " + Topics.SUBSCRIPTIONS.name() + "; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE, "interrupted");
        }
        awaitRead(written.partition(), written.offset());
    }

    private void awaitRead(int partition, long offset) {
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        synchronized (positions) {
            while (positions.getOrDefault(partition, 0L) <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || thread == null || !thread.isAlive()) {
                    throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE,
                            "the subscription was stored but not yet read back; it takes effect shortly");
                }
                try {
                    positions.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE, "interrupted");
                }
            }
        }
    }

    /** Whether the store still follows the topic. */
    public boolean isFollowing() {
        Thread current = thread;
        return current != null && current.isAlive();
    }

    /** The error that stopped the following, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        running = false;
        Thread following;
        synchronized (this) {
            following = thread;
        }
        if (following != null) {
            consumer.wakeup();
            try {
                following.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close();
        }
        producer.close(Duration.ofSeconds(5));
    }
}

package dev.newsflow.ingest.kafka;

import dev.newsflow.contract.FeedConfig;
import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.Topics;
import dev.newsflow.support.ops.KafkaClientMeters;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which feeds this ingest instance owns: the feeds of the partitions of the feeds topic that the consumer group
 * assigns it. Kafka is the coordinator; there is no other.
 *
 * <p>On assignment, the new partitions of the feeds topic and the same partitions of the feed-state topic
 * (co-partitioned: same key, same partitioner, same partition count) are read to their end, and the listener gets
 * those feeds with their state; then the group consumer watches the partitions for changes. On revocation the
 * listener must stop polling those feeds and wait for their running polls before it returns, so the next owner,
 * which only gets the partitions after this returns, never polls a feed at the same time.
 *
 * <p>The classic group protocol with the cooperative-sticky assignor: partitions that stay are not revoked at every
 * rebalance (so adding an instance does not pause every feed), it works on any broker this project supports, and
 * its listener semantics (revocation completes before reassignment) are exactly what is needed. Each assignment
 * reads its partitions from the beginning, the state of truth being the compacted topics.
 *
 * <p>Ownership is also what fences a paused instance (a long GC pause, a stopped container): its group generation
 * is out of date once the group moved its partitions, and every batch it writes carries a {@link Claim} of the
 * feed's partition and that generation into its transaction ({@code sendOffsetsToTransaction}, KIP-447), which the
 * group coordinator refuses for a stale generation, so the paused instance's transaction aborts and nothing it
 * fetched before the pause is published twice. The positions thus committed are this group's real positions in the
 * feeds topic, so its lag means something; they are not read back.
 */
public final class FeedOwnership implements AutoCloseable {

    /**
     * What entitles this instance to write a batch of a feed: the partition of the feeds topic that holds the feed,
     * the position reached in it, and the group generation that assigned the partition.
     */
    public record Claim(TopicPartition partition, OffsetAndMetadata position, ConsumerGroupMetadata generation) {
    }

    /** What the owner of the feeds does when ownership changes; called on the ownership thread. */
    public interface Listener {
        /** These feeds (and their stored states) are now this instance's. */
        void assigned(Map<String, FeedConfig> feeds, Map<String, FeedState> states);

        /** An owned feed was added, changed or (config null) removed. */
        void changed(String feedId, FeedConfig config);

        /** These feeds are no longer this instance's; return only once none of them is being polled. */
        void revoked(Set<String> feedIds);
    }

    private static final Logger log = LoggerFactory.getLogger(FeedOwnership.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, Object> clientProperties;
    private final IngestTopics topics;
    private final Listener listener;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<FeedConfig> deserializer = Topics.FEEDS.valueSerde().deserializer();
    private final Map<Integer, Set<String>> owned = new HashMap<>();
    /** The partition of every owned feed; read by the threads that write batches. */
    private final Map<String, TopicPartition> claims = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile ConsumerGroupMetadata generation;
    private final CountDownLatch firstAssignment = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private final AutoCloseable consumerMeters;
    private volatile boolean closing;

    /**
     * @param groupId        consumer group of the ingest instances
     * @param instanceId     this instance, for the client id and logs
     * @param sessionTimeout how long the group waits for a silent instance before moving its partitions
     * @param onFailure      told when the ownership thread dies (the instance then owns nothing)
     */
    public FeedOwnership(Map<String, Object> clientProperties, IngestTopics topics, String groupId,
                         String instanceId, Duration sessionTimeout, Listener listener,
                         Consumer<Throwable> onFailure) {
        this(clientProperties, topics, groupId, instanceId, sessionTimeout, listener, onFailure,
                KafkaClientMeters.NONE);
    }

    /** As above, with the group consumer's metrics bound through {@code meters} while it lives. */
    public FeedOwnership(Map<String, Object> clientProperties, IngestTopics topics, String groupId,
                         String instanceId, Duration sessionTimeout, Listener listener,
                         Consumer<Throwable> onFailure, KafkaClientMeters meters) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topics = topics;
        this.listener = listener;
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-ingest-feeds-" + instanceId);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                List.of(CooperativeStickyAssignor.class.getName()));
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.max(100, sessionTimeout.toMillis() / 4));
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.consumerMeters = meters.bind(consumer);
        this.thread = new Thread(() -> run(onFailure), "ingest-feed-ownership-" + instanceId);
        thread.setDaemon(true);
    }

    /**
     * Joins the group and waits until the first assignment (possibly empty) has been read and handed over.
     *
     * @throws IllegalStateException when that does not happen within {@code timeout}, or ownership failed
     */
    public void start(Duration timeout) {
        checkCoPartitioned();
        thread.start();
        try {
            if (!firstAssignment.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no partitions of " + topics.feeds() + " assigned within "
                        + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the ingest group", e);
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("feed ownership failed: " + failed.getMessage(), failed);
        }
    }

    private void checkCoPartitioned() {
        int feeds = consumer.partitionsFor(topics.feeds(), READ_TIMEOUT).size();
        int states = consumer.partitionsFor(topics.feedState(), READ_TIMEOUT).size();
        if (feeds != states) {
            throw new IllegalStateException(topics.feeds() + " has " + feeds + " partitions and "
                    + topics.feedState() + " has " + states + "; they must have as many, so that the instance owning"
                    + " a feed also reads its state");
        }
    }

    private void run(Consumer<Throwable> onFailure) {
        try {
            consumer.subscribe(List.of(topics.feeds()), new Rebalance());
            while (!closing) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                generation = consumer.groupMetadata();
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    positions.put(partition, record.offset() + 1);
                    if (record.key() == null) {
                        continue;
                    }
                    FeedConfig config = config(record.key(), record.value(), record.partition(), record.offset());
                    Set<String> ids = owned.computeIfAbsent(record.partition(), key -> new HashSet<>());
                    if (config == null) {
                        ids.remove(record.key());
                        claims.remove(record.key());
                    } else {
                        ids.add(record.key());
                        claims.put(record.key(), partition);
                    }
                    listener.changed(record.key(), config);
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                fail(e, onFailure);
            }
        } catch (RuntimeException | Error e) {
            fail(e, onFailure);
        } finally {
            KafkaClientMeters.unbind(consumerMeters);
            try {
                // leaving the group revokes what is owned, through the listener, before the others get it
                consumer.close(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                log.warn("Closing the feed ownership consumer failed: {}", e.toString());
            }
            firstAssignment.countDown();
        }
    }

    /**
     * This instance's claim to write a batch of the feed, or empty when it does not own the feed (any more). Safe
     * to call from any thread.
     */
    public Optional<Claim> claim(String feedId) {
        TopicPartition partition = claims.get(feedId);
        ConsumerGroupMetadata current = generation;
        if (partition == null || current == null) {
            return Optional.empty();
        }
        return Optional.of(new Claim(partition, new OffsetAndMetadata(positions.getOrDefault(partition, 0L)),
                current));
    }

    private void fail(Throwable e, Consumer<Throwable> onFailure) {
        failure.compareAndSet(null, e);
        log.error("Feed ownership stopped: {}", e.getMessage(), e);
        firstAssignment.countDown();
        onFailure.accept(e);
    }

    private FeedConfig config(String feedId, byte[] value, int partition, long offset) {
        if (value == null) {
            return null;
        }
        try {
            return deserializer.deserialize(topics.feeds(), value);
        } catch (SerializationException e) {
            log.warn("Feed {}: unreadable config in {} partition {} offset {}, treated as removed: {}", feedId,
                    topics.feeds(), partition, offset, e.getMessage());
            return null;
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            generation = consumer.groupMetadata();
            if (!partitions.isEmpty()) {
                List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
                CompactedTopicReader.Snapshot<FeedConfig> feeds = CompactedTopicReader.read(clientProperties,
                        topics.feeds(), numbers, Topics.FEEDS.valueSerde().deserializer(), READ_TIMEOUT);
                CompactedTopicReader.Snapshot<FeedState> states = CompactedTopicReader.read(clientProperties,
                        topics.feedState(), numbers, Topics.FEED_STATE.valueSerde().deserializer(), READ_TIMEOUT);
                for (Map.Entry<String, FeedConfig> feed : feeds.values().entrySet()) {
                    int partition = feeds.partitionOf().get(feed.getKey());
                    owned.computeIfAbsent(partition, key -> new HashSet<>()).add(feed.getKey());
                    claims.put(feed.getKey(), new TopicPartition(topics.feeds(), partition));
                }
                feeds.ends().forEach(consumer::seek);
                positions.putAll(feeds.ends());
                log.info("Assigned partitions {} of {}: {} feeds", numbers, topics.feeds(), feeds.values().size());
                listener.assigned(feeds.values(), states.values());
            }
            firstAssignment.countDown();
        }

        /**
         * Partitions handed over in a rebalance: this instance is still a member, of the new generation, and polls
         * of these feeds still running may write their batches until the listener returns.
         */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            generation = consumer.groupMetadata();
            Set<String> released = release(partitions, "revoked");
            claims.keySet().removeAll(released);
        }

        /**
         * Partitions taken away because this instance was out of the group (its session timed out): another
         * instance may already poll these feeds, so their claims end before the polls still running can write.
         */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            Set<String> lost = feedsOf(partitions);
            claims.keySet().removeAll(lost);
            release(partitions, "lost");
        }

        private Set<String> feedsOf(Collection<TopicPartition> partitions) {
            Set<String> feedIds = new HashSet<>();
            partitions.forEach(partition -> feedIds.addAll(owned.getOrDefault(partition.partition(), Set.of())));
            return feedIds;
        }

        private Set<String> release(Collection<TopicPartition> partitions, String how) {
            if (partitions.isEmpty()) {
                return Set.of();
            }
            Set<String> feedIds = feedsOf(partitions);
            partitions.forEach(partition -> {
                owned.remove(partition.partition());
                positions.remove(partition);
            });
            log.info("Partitions {} of {} {}: releasing {} feeds", partitions.stream()
                    .map(TopicPartition::partition).toList(), topics.feeds(), how, feedIds.size());
            listener.revoked(feedIds);
            return feedIds;
        }
    }

    /** Leaves the group (releasing the owned feeds through the listener) and stops watching. */
    @Override
    public void close() {
        closing = true;
        if (thread.getState() == Thread.State.NEW) {
            KafkaClientMeters.unbind(consumerMeters);
            consumer.close(Duration.ofSeconds(10));
            return;
        }
        consumer.wakeup();
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.newsflow.publish.store;

import dev.newsflow.contract.Topics;
import dev.newsflow.publish.subscription.SubscriptionException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moves a subscription's consumer group on the enriched topic to a point in time. */
public final class GroupOffsets {

    private static final Logger log = LoggerFactory.getLogger(GroupOffsets.class);
    private static final long TIMEOUT_SECONDS = 30;

    private GroupOffsets() {
    }

    /**
     * Waits until the group has no members, then sets its offset on every partition of the enriched topic to the
     * first record written at or after {@code from} (the end of a partition that has none).
     *
     * @return how many partitions moved
     * @throws SubscriptionException UNAVAILABLE when the group keeps members for {@code waitForEmpty}, or Kafka
     *                               does not answer
     */
    public static int moveTo(Map<String, Object> client, String groupId, Instant from, Duration waitForEmpty) {
        try (Admin admin = Admin.create(client);
             KafkaConsumer<byte[], byte[]> offsets = KafkaClients.offsetReader(client, "newsflow-publish-replay")) {
            awaitEmpty(admin, groupId, waitForEmpty);
            List<TopicPartition> partitions = offsets.partitionsFor(Topics.ENRICHED_ARTICLES.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = offsets.offsetsForTimes(times);
            Map<TopicPartition, Long> ends = offsets.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = found.get(partition);
                target.put(partition, new OffsetAndMetadata(offset != null ? offset.offset() : ends.get(partition)));
            }
            admin.alterConsumerGroupOffsets(groupId, target).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Moved consumer group {} to {}: {}", groupId, from, target);
            return target.size();
        } catch (ExecutionException e) {
            log.warn("Could not move consumer group {} to {}: {}", groupId, from, e.getCause().toString());
            throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE,
                    "Kafka refused to move the subscription's offsets; try again");
        } catch (TimeoutException e) {
            throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE,
                    "Kafka did not answer within " + TIMEOUT_SECONDS + " s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE, "interrupted");
        }
    }

    private static void awaitEmpty(Admin admin, String groupId, Duration wait)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups()
                        .get(groupId).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (group.members().isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return;
                }
                throw e;
            }
            if (System.nanoTime() > deadline) {
                throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE, "the subscription's "
                        + "workers did not leave its consumer group within " + wait.toSeconds() + " s; try again");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}

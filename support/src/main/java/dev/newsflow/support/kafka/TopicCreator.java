package dev.newsflow.support.kafka;

import dev.newsflow.contract.TopicSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service needs when they are missing, with their declared settings, and refuses to run
 * against an existing topic whose cleanup policy contradicts the declaration (a compacted state topic that
 * deletes old records would silently lose state).
 */
public final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);
    private static final long TIMEOUT_SECONDS = 60;

    private TopicCreator() {
    }

    /**
     * Ensures every topic exists with a compatible cleanup policy.
     *
     * @param partitions        partitions for new topics, or 0 for each topic's default
     * @param replicationFactor replication factor for new topics
     */
    public static void ensureTopics(Map<String, Object> clientProperties, Collection<TopicSpec<?, ?>> topics,
                                    int partitions, int replicationFactor) {
        try (Admin admin = Admin.create(clientProperties)) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (TopicSpec<?, ?> topic : topics) {
                int count = partitions > 0 ? partitions : topic.defaultPartitions();
                newTopics.add(new NewTopic(topic.name(), Optional.of(count), Optional.of((short) replicationFactor))
                        .configs(topic.configs()));
            }
            admin.createTopics(newTopics).values().forEach((name, future) -> {
                try {
                    future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    log.info("Created topic {}", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(),
                                e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topic " + name, e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS
                            + " s while creating topic " + name + "; is it reachable at "
                            + clientProperties.get("bootstrap.servers") + "?", e);
                }
            });
            checkCleanupPolicies(admin, topics);
        }
    }

    /**
     * Right after creation a topic may not be known yet to the broker answering, so an unknown topic is asked about
     * again, with a short pause, for a bounded time.
     */
    private static Map<ConfigResource, Config> describeConfigs(Admin admin, List<ConfigResource> resources) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                return admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking topic configs", e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read topic configs: " + e.getCause().getMessage(), e);
                }
                log.debug("Topics not visible yet after creation; asking again");
                pauseBriefly();
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot read topic configs: " + e.getMessage(), e);
            }
        }
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topic configs", e);
        }
    }

    private static void checkCleanupPolicies(Admin admin, Collection<TopicSpec<?, ?>> topics) {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name())).toList();
        Map<ConfigResource, Config> configs = describeConfigs(admin, resources);
        List<String> problems = new ArrayList<>();
        for (TopicSpec<?, ?> topic : topics) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            String policy = config == null || config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null
                    ? "delete" : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            boolean compacted = policy.contains("compact");
            if (compacted != topic.compacted()) {
                problems.add("topic " + topic.name() + " has cleanup.policy=" + policy + " but newsflow needs "
                        + (topic.compacted() ? "compact" : "delete"));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("incompatible topics: " + String.join("; ", problems));
        }
    }
}

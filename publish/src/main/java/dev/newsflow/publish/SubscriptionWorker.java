package dev.newsflow.publish;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.publish.store.FailedDeliveries;
import dev.newsflow.publish.subscription.FailedDelivery;
import dev.newsflow.publish.subscription.Subscription;
import dev.newsflow.publish.webhook.DeliveryOutcome;
import dev.newsflow.publish.webhook.RetrySchedule;
import dev.newsflow.publish.webhook.WebhookDeliveryException;
import dev.newsflow.publish.webhook.WebhookMessages;
import dev.newsflow.publish.webhook.WebhookSender;
import dev.newsflow.support.kafka.DeadLetterRecords;
import dev.newsflow.support.ops.LogContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers the enriched articles one subscription wants, in offset order, on its own thread with its own consumer
 * group, so a slow or failing subscriber delays nobody else.
 *
 * <p>An article's offset is committed once it was delivered or given up (dead-lettered), which makes delivery
 * at-least-once. While a failed delivery waits for its next attempt, the worker pauses its partitions and keeps
 * polling, so the group does not evict it however long the wait ({@code max.poll.interval.ms}); the consumer must
 * be configured with {@code max.poll.records=1} so nothing fetched waits behind the record in flight.
 */
final class SubscriptionWorker implements Runnable {

    static final String STAGE = "publish.webhook";
    static final String SUBSCRIPTION_HEADER = "newsflow.dlq.subscription";

    private static final Logger log = LoggerFactory.getLogger(SubscriptionWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration LONGEST_POLL_WHILE_WAITING = Duration.ofSeconds(1);
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** What became of the delivery of one article. */
    private sealed interface Result {
        /** The subscriber accepted it. */
        record Delivered() implements Result {
        }

        /** The last attempt failed; it went to the dead-letter topic. */
        record GaveUp() implements Result {
        }

        /** The subscriber answered 410 Gone. */
        record Gone() implements Result {
        }

        /** The worker stopped or lost the partition before the delivery ended; the record stays uncommitted. */
        record Abandoned() implements Result {
        }

        /** Building or sending the request failed with an exception: a bug or a bad record, not a bad answer. */
        record Unprocessable(RuntimeException cause) implements Result {
        }
    }

    private final Subscription subscription;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> deadLetters;
    private final WebhookSender sender;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final BiConsumer<Subscription, EnrichedArticle> onDelivered;
    private final DeliveryCounters counters = new DeliveryCounters();
    /** Where deliveries that exhausted their attempts are kept; null: the dead-letter topic. */
    private final FailedDeliveries failedDeliveries;
    /** Told of a 410 Gone answer (subscription, article id), to disable the subscription durably. */
    private final BiConsumer<Subscription, String> onGone;

    /** Offsets after the records finished but not yet committed; touched by the worker thread only. */
    private final Map<TopicPartition, OffsetAndMetadata> finished = new HashMap<>();
    private Instant lastCommit;
    private TopicPartition inFlight;
    private boolean inFlightRevoked;
    private boolean waitingToRetry;

    private volatile boolean assigned;
    private volatile boolean running = true;
    private volatile WorkerState state = WorkerState.NOT_STARTED;
    private volatile Throwable failure;

    SubscriptionWorker(Subscription subscription, Consumer<byte[], byte[]> consumer,
                       Producer<byte[], byte[]> deadLetters, WebhookSender sender, RetrySchedule schedule,
                       Clock clock, BiConsumer<Subscription, EnrichedArticle> onDelivered) {
        this(subscription, consumer, deadLetters, sender, schedule, clock, onDelivered, null, (gone, article) -> { });
    }

    SubscriptionWorker(Subscription subscription, Consumer<byte[], byte[]> consumer,
                       Producer<byte[], byte[]> deadLetters, WebhookSender sender, RetrySchedule schedule,
                       Clock clock, BiConsumer<Subscription, EnrichedArticle> onDelivered,
                       FailedDeliveries failedDeliveries, BiConsumer<Subscription, String> onGone) {
        this.failedDeliveries = failedDeliveries;
        this.onGone = Objects.requireNonNull(onGone, "onGone");
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onDelivered = Objects.requireNonNull(onDelivered, "onDelivered");
        this.lastCommit = clock.instant();
    }

    Subscription subscription() {
        return subscription;
    }

    SubscriptionStats stats() {
        return counters.snapshot(subscription.id(), state);
    }

    /** Whether the worker has not ended by itself or been stopped: it delivers, waits for articles or retries. */
    /** Whether the subscription's consumer group has given this worker its share (maybe none) at least once. */
    boolean hasBeenAssigned() {
        return assigned;
    }

    boolean isActive() {
        WorkerState current = state;
        return current == WorkerState.NOT_STARTED || current == WorkerState.RUNNING
                || current == WorkerState.RETRYING;
    }

    /** The error that stopped the worker ({@link WorkerState#FAILED}), if any. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Asks the worker to finish: it stops at the next poll or after the request in flight, and commits. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        state = WorkerState.RUNNING;
        // the worker's thread serves this one subscription: its id goes with every log line of the thread
        MDC.put(LogContext.SUBSCRIPTION_ID, subscription.id());
        try {
            consumer.subscribe(List.of(Topics.ENRICHED_ARTICLES.name()), new RebalanceListener());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = poll(POLL_TIMEOUT);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (running && consumer.assignment().contains(partitionOf(record))) {
                        handle(record);
                    }
                }
                if (records.isEmpty() || !clock.instant().isBefore(lastCommit.plus(COMMIT_INTERVAL))) {
                    commitFinished();
                }
            }
            if (state != WorkerState.GONE) {
                state = WorkerState.STOPPED;
            }
        } catch (InterruptException e) {
            state = WorkerState.STOPPED;
        } catch (RuntimeException | Error e) {
            // records that fail are dead-lettered in handle(); what gets here is Kafka failing (the consumer, the
            // dead-letter producer) or the JVM
            failure = e;
            state = WorkerState.FAILED;
            log.error("Subscription {} stopped on an error it cannot recover from; it resumes from its last committed "
                    + "article when the service restarts", subscription.id(), e);
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            closeConsumer();
            MDC.remove(LogContext.SUBSCRIPTION_ID);
        }
    }

    /**
     * Delivers one record, or dead-letters it. An exception that belongs to the record (it cannot be read, the
     * filter or the request cannot be built from it, sending it throws) sends the record to the dead-letter topic
     * and the worker goes on with the next one; only Kafka failing (the consumer, the dead-letter producer) stops it.
     */
    private void handle(ConsumerRecord<byte[], byte[]> record) {
        EnrichedArticle article;
        try {
            article = Topics.ENRICHED_ARTICLES.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            log.error("Subscription {}: record {}-{} at offset {} is not a valid enriched article; sending it to {}: {}",
                    subscription.id(), record.topic(), record.partition(), record.offset(), Topics.DEAD_LETTER.name(),
                    e.getMessage());
            deadLetterAndGoOn(record, e);
            return;
        } catch (RuntimeException e) {
            unprocessable(record, "cannot be read", e);
            return;
        }
        boolean wanted;
        try {
            wanted = article != null && subscription.wants(article);
        } catch (RuntimeException e) {
            unprocessable(record, "cannot be matched against the filter", e);
            return;
        }
        if (!wanted) {
            counters.filteredOut();
            finish(record, false);
            return;
        }
        Result result = deliver(record, article);
        if (result instanceof Result.Delivered) {
            counters.delivered();
            finish(record, true);
            notifyDelivered(article);
        } else if (result instanceof Result.GaveUp) {
            counters.deadLettered();
            finish(record, true);
        } else if (result instanceof Result.Gone) {
            log.error("Subscription {} answered 410 Gone for article {}: disabling the subscription; resume it "
                    + "once the receiver is back", subscription.id(), article.id());
            state = WorkerState.GONE;
            running = false;
            try {
                onGone.accept(subscription, article.id());
            } catch (RuntimeException e) {
                log.error("Subscription {}: could not store that it is disabled; it is disabled until the service "
                        + "restarts", subscription.id(), e);
            }
        } else if (result instanceof Result.Unprocessable unprocessable) {
            unprocessable(record, "(article " + article.id() + ") cannot be delivered", unprocessable.cause());
        }
        // Abandoned: not finished, the record stays uncommitted and is delivered again by whoever consumes it next.
    }

    private void unprocessable(ConsumerRecord<byte[], byte[]> record, String what, RuntimeException e) {
        log.error("Subscription {}: record {}-{} at offset {} {}; sending it to {} and going on", subscription.id(),
                record.topic(), record.partition(), record.offset(), what, Topics.DEAD_LETTER.name(), e);
        deadLetterAndGoOn(record, e);
    }

    private void deadLetterAndGoOn(ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
        deadLetter(record, e);
        counters.deadLettered();
        finish(record, true);
    }

    private Result deliver(ConsumerRecord<byte[], byte[]> record, EnrichedArticle article) {
        inFlight = partitionOf(record);
        inFlightRevoked = false;
        try {
            String eventId;
            try {
                eventId = Optional.ofNullable(CloudEvents.header(record.headers(), CloudEvents.ID)).orElse(article.id());
            } catch (RuntimeException e) {
                return new Result.Unprocessable(e);
            }
            Instant attemptAt = clock.instant().plus(schedule.delayBefore(1));
            for (int attempt = 1; ; attempt++) {
                if (!waitUntil(attemptAt)) {
                    return new Result.Abandoned();
                }
                DeliveryOutcome outcome;
                try {
                    outcome = sender.send(WebhookMessages.request(subscription, eventId, article, clock.instant()));
                } catch (RuntimeException e) {
                    return new Result.Unprocessable(e);
                }
                if (outcome instanceof DeliveryOutcome.Delivered) {
                    log.debug("Subscription {}: delivered article {} on attempt {}", subscription.id(), article.id(),
                            attempt);
                    return new Result.Delivered();
                }
                if (outcome instanceof DeliveryOutcome.Gone) {
                    return new Result.Gone();
                }
                Optional<Instant> next = schedule.nextAttemptAt(attempt, outcome.minimumDelay(), clock.instant());
                if (next.isEmpty()) {
                    giveUp(record, article, eventId, attempt, outcome);
                    return new Result.GaveUp();
                }
                counters.retried();
                log.warn("Subscription {}: attempt {} of {} to deliver article {} failed: {}; next attempt at {}",
                        subscription.id(), attempt, schedule.maxAttempts(), article.id(), outcome.describe(),
                        next.get());
                attemptAt = next.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return new Result.Abandoned();
        } finally {
            inFlight = null;
        }
    }

    private void giveUp(ConsumerRecord<byte[], byte[]> record, EnrichedArticle article, String eventId, int attempts,
                        DeliveryOutcome last) {
        if (failedDeliveries != null) {
            log.error("Subscription {}: gave up delivering article {} after {} attempts; last: {}; keeping it in {}",
                    subscription.id(), article.id(), attempts, last.describe(), Topics.DELIVERIES_FAILED.name());
            failedDeliveries.record(new FailedDelivery(subscription.id(), eventId, article.id(), attempts,
                    last.describe(), clock.instant(), article));
            return;
        }
        String reason = "gave up delivering article " + article.id() + " to subscription " + subscription.id()
                + " at " + subscription.delivery().redactedUrl() + " after " + attempts + " attempts; last: "
                + last.describe();
        log.error("Subscription {}: {}; sending it to {}", subscription.id(), reason, Topics.DEAD_LETTER.name());
        deadLetter(record, new WebhookDeliveryException(reason));
    }

    /**
     * Waits until the instant while keeping the consumer in its group, or until the worker is stopped or loses the
     * partition of the record in flight.
     *
     * @return whether to go on with the attempt
     */
    private boolean waitUntil(Instant attemptAt) {
        if (!clock.instant().isBefore(attemptAt)) {
            return running;
        }
        commitFinished();
        state = WorkerState.RETRYING;
        waitingToRetry = true;
        consumer.pause(consumer.assignment());
        try {
            while (running && !inFlightRevoked) {
                Duration remaining = Duration.between(clock.instant(), attemptAt);
                if (remaining.isNegative() || remaining.isZero()) {
                    return true;
                }
                rewind(poll(remaining.compareTo(LONGEST_POLL_WHILE_WAITING) < 0 ? remaining
                        : LONGEST_POLL_WHILE_WAITING));
            }
            return false;
        } finally {
            waitingToRetry = false;
            consumer.resume(consumer.paused());
            if (state == WorkerState.RETRYING) {
                state = WorkerState.RUNNING;
            }
        }
    }

    /** Puts back records a poll returned while the worker was waiting (paused partitions should return none). */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        try {
            return consumer.poll(timeout);
        } catch (WakeupException e) {
            // stop() woke the consumer; the caller sees running == false
            return ConsumerRecords.empty();
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        ProducerRecord<byte[], byte[]> letter = DeadLetterRecords.of(STAGE, record, failure, clock.instant());
        letter.headers().add(SUBSCRIPTION_HEADER, subscription.id().getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(letter).get();
        } catch (ExecutionException e) {
            throw new KafkaException("cannot write to " + Topics.DEAD_LETTER.name() + " the record "
                    + record.topic() + "-" + record.partition() + "@" + record.offset(), e.getCause());
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    private void notifyDelivered(EnrichedArticle article) {
        try {
            onDelivered.accept(subscription, article);
        } catch (RuntimeException e) {
            log.warn("Subscription {}: the delivery listener failed for article {}", subscription.id(), article.id(), e);
        }
    }

    private void finish(ConsumerRecord<byte[], byte[]> record, boolean commitNow) {
        finished.put(partitionOf(record), new OffsetAndMetadata(record.offset() + 1));
        if (commitNow) {
            commitFinished();
        }
    }

    private void commitFinished() {
        commit(Map.copyOf(finished));
        finished.clear();
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        lastCommit = clock.instant();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                // the wake-up was meant for poll(); the work is done, so commit it all the same
                consumer.commitSync(offsets);
            }
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            log.warn("Subscription {}: could not commit offsets {}; those articles will be delivered again: {}",
                    subscription.id(), offsets, e.getMessage());
        }
    }

    private void closeConsumer() {
        boolean interrupted = Thread.interrupted();
        try {
            commitFinished();
        } catch (RuntimeException e) {
            log.warn("Subscription {}: could not commit on close; the last articles will be delivered again",
                    subscription.id(), e);
        }
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            log.warn("Subscription {}: consumer did not close cleanly", subscription.id(), e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** Commits finished work before partitions move, and keeps the worker waiting on every partition it gets. */
    private final class RebalanceListener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
            partitions.forEach(partition -> Optional.ofNullable(finished.remove(partition))
                    .ifPresent(offset -> leaving.put(partition, offset)));
            commit(leaving);
            noteRevoked(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(finished::remove);
            noteRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            if (waitingToRetry) {
                consumer.pause(partitions);
            }
        }

        private void noteRevoked(Collection<TopicPartition> partitions) {
            if (inFlight != null && partitions.contains(inFlight)) {
                inFlightRevoked = true;
                log.info("Subscription {}: partition {} moved to another instance while a delivery waited to be "
                        + "retried; that instance delivers it", subscription.id(), inFlight);
            }
        }
    }
}

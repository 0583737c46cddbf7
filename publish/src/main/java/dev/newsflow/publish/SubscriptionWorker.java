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
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * Delivers the enriched articles one subscription wants, on its own thread with its own consumer group, so a slow or
 * failing subscriber delays nobody else.
 *
 * <p>Up to a window of deliveries are in flight at once, sent without blocking ({@link WebhookSender#sendAsync});
 * the window starts at one request, grows by one with each delivery up to {@code maxInFlight} and halves on each
 * failed attempt, so a new, recovering or failing subscriber is probed with few requests and a healthy one gets the
 * whole window. A record waiting to be retried keeps its place in the window but does not stop the others; when
 * the window is full the worker pauses its partitions and keeps polling, so the group does not evict it however
 * long the wait ({@code max.poll.interval.ms}).
 *
 * <p>Records finish out of order; a partition's offset is committed up to its lowest unfinished record
 * ({@link OffsetTracker}), every second, when the worker idles, before partitions are revoked and on stop, which
 * waits for the requests in flight. Delivery is at-least-once: a record is committed once it was delivered or
 * given up (kept in failed deliveries or dead-lettered).
 */
final class SubscriptionWorker implements Runnable {

    static final String STAGE = "publish.webhook";
    static final String SUBSCRIPTION_HEADER = "newsflow.dlq.subscription";

    private static final Logger log = LoggerFactory.getLogger(SubscriptionWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration POLL_WHILE_STOPPING = Duration.ofMillis(100);
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** One record in work: sending, or waiting for its next attempt. Touched by the worker thread only. */
    private static final class Delivery {
        final ConsumerRecord<byte[], byte[]> record;
        final EnrichedArticle article;
        final OffsetTracker.Ticket ticket;
        final String eventId;
        final String messageId;
        final byte[] body;
        int attempt;
        Instant dueAt;

        Delivery(ConsumerRecord<byte[], byte[]> record, EnrichedArticle article, OffsetTracker.Ticket ticket,
                 String eventId, String messageId, byte[] body) {
            this.record = record;
            this.article = article;
            this.ticket = ticket;
            this.eventId = eventId;
            this.messageId = messageId;
            this.body = body;
        }
    }

    /** What an attempt came to, handed from the HTTP client's thread to the worker's. */
    private record Completion(Delivery delivery, DeliveryOutcome outcome, Throwable failure) {
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
    private final int maxInFlight;
    /** The instance's articles decoded from records, shared by its workers. */
    private final DecodedArticles decoded;

    // touched by the worker thread only
    private final OffsetTracker offsets = new OffsetTracker();
    /** Records polled and not yet taken into work because the window was full. */
    private final Deque<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
    /** Deliveries waiting for their next attempt, soonest first. */
    private final Queue<Delivery> waiting = new PriorityQueue<>(Comparator.comparing((Delivery d) -> d.dueAt));
    /** Deliveries in work: sending or waiting. */
    private int inWork;
    /** Requests sent and not answered. */
    private int sending;
    private int window = 1;
    private Instant lastCommit;

    /** Attempts that ended, from the HTTP client's threads. */
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    /** Whether the worker is in poll(), to be woken when an attempt ends. */
    private volatile boolean polling;

    private volatile boolean assigned;
    private volatile boolean running = true;
    private volatile WorkerState state = WorkerState.NOT_STARTED;
    private volatile Throwable failure;

    SubscriptionWorker(Subscription subscription, Consumer<byte[], byte[]> consumer,
                       Producer<byte[], byte[]> deadLetters, WebhookSender sender, RetrySchedule schedule,
                       Clock clock, BiConsumer<Subscription, EnrichedArticle> onDelivered) {
        this(subscription, consumer, deadLetters, sender, schedule, clock, onDelivered, null, (gone, article) -> { },
                PublishSettings.MAX_IN_FLIGHT.defaultValue(), new DecodedArticles(DecodedArticles.DEFAULT_CAPACITY));
    }

    SubscriptionWorker(Subscription subscription, Consumer<byte[], byte[]> consumer,
                       Producer<byte[], byte[]> deadLetters, WebhookSender sender, RetrySchedule schedule,
                       Clock clock, BiConsumer<Subscription, EnrichedArticle> onDelivered,
                       FailedDeliveries failedDeliveries, BiConsumer<Subscription, String> onGone, int maxInFlight,
                       DecodedArticles decoded) {
        this.decoded = Objects.requireNonNull(decoded, "decoded");
        this.failedDeliveries = failedDeliveries;
        this.onGone = Objects.requireNonNull(onGone, "onGone");
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onDelivered = Objects.requireNonNull(onDelivered, "onDelivered");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.lastCommit = clock.instant();
    }

    Subscription subscription() {
        return subscription;
    }

    SubscriptionStats stats() {
        return counters.snapshot(subscription.id(), state);
    }

    /** Whether the subscription's consumer group has given this worker its share (maybe none) at least once. */
    boolean hasBeenAssigned() {
        return assigned;
    }

    /** Whether the worker has not ended by itself or been stopped: it delivers, waits for articles or retries. */
    boolean isActive() {
        WorkerState current = state;
        return current == WorkerState.NOT_STARTED || current == WorkerState.RUNNING
                || current == WorkerState.RETRYING;
    }

    /** The error that stopped the worker ({@link WorkerState#FAILED}), if any. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Asks the worker to finish: it sends nothing more, waits for the requests in flight (each bounded by the
     * request timeout), commits and closes.
     */
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
                handleCompletions();
                startDueRetries();
                startPending();
                if (!running) {
                    break;
                }
                boolean full = pauseWhileFull();
                ConsumerRecords<byte[], byte[]> records = poll(pollTimeout());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    pending.add(record);
                }
                if (running) {
                    startPending();
                }
                if (state != WorkerState.GONE) {
                    state = waiting.isEmpty() ? WorkerState.RUNNING : WorkerState.RETRYING;
                }
                if ((records.isEmpty() && !full) || !clock.instant().isBefore(lastCommit.plus(COMMIT_INTERVAL))) {
                    commitFinished();
                }
            }
            finishInFlight();
            if (state != WorkerState.GONE) {
                state = WorkerState.STOPPED;
            }
        } catch (InterruptException e) {
            state = WorkerState.STOPPED;
        } catch (RuntimeException | Error e) {
            // records that fail are dead-lettered; what gets here is Kafka failing (the consumer, the dead-letter
            // producer) or the JVM
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

    /** On stop: waits for the answers to the requests in flight, so what they delivered is committed. */
    private void finishInFlight() {
        consumer.pause(consumer.assignment());
        while (sending > 0) {
            // the request timeout ends every request; the service interrupts a worker that takes longer
            poll(POLL_WHILE_STOPPING);
            handleCompletions();
        }
    }

    /** Pauses the partitions while the window is full or records wait for room, resumes them once not. */
    private boolean pauseWhileFull() {
        boolean full = !pending.isEmpty() || inWork >= window;
        if (full) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
        return full;
    }

    private Duration pollTimeout() {
        Duration timeout = POLL_TIMEOUT;
        Delivery next = waiting.peek();
        if (next != null) {
            Duration untilDue = Duration.between(clock.instant(), next.dueAt);
            if (untilDue.compareTo(timeout) < 0) {
                timeout = untilDue.isNegative() ? Duration.ZERO : untilDue;
            }
        }
        return timeout;
    }

    /** Takes polled records into work while the window has room. */
    private void startPending() {
        while (running && inWork < window && !pending.isEmpty()) {
            handle(pending.poll());
        }
    }

    private void startDueRetries() {
        Instant now = clock.instant();
        while (running && !waiting.isEmpty() && !waiting.peek().dueAt.isAfter(now)) {
            Delivery delivery = waiting.poll();
            if (offsets.isCurrent(delivery.ticket)) {
                attempt(delivery);
            } else {
                inWork--;
            }
        }
    }

    /**
     * Takes one record into work: delivers it, or dead-letters it. An exception that belongs to the record (it cannot
     * be read, the filter or the request cannot be built from it, sending it throws) sends the record to the
     * dead-letter topic and the worker goes on with the next one; only Kafka failing (the consumer, the dead-letter
     * producer) stops it.
     */
    private void handle(ConsumerRecord<byte[], byte[]> record) {
        OffsetTracker.Ticket ticket = offsets.started(partitionOf(record), record.offset());
        EnrichedArticle article;
        try {
            article = decoded.decode(record);
        } catch (SerializationException e) {
            log.error("Subscription {}: record {}-{} at offset {} is not a valid enriched article; sending it to {}: {}",
                    subscription.id(), record.topic(), record.partition(), record.offset(), Topics.DEAD_LETTER.name(),
                    e.getMessage());
            deadLetterAndGoOn(record, ticket, e);
            return;
        } catch (RuntimeException e) {
            unprocessable(record, ticket, "cannot be read", e);
            return;
        }
        boolean wanted;
        try {
            wanted = article != null && subscription.wants(article);
        } catch (RuntimeException e) {
            unprocessable(record, ticket, "cannot be matched against the filter", e);
            return;
        }
        if (!wanted) {
            counters.filteredOut();
            offsets.finished(ticket);
            return;
        }
        Delivery delivery;
        try {
            String eventId = Optional.ofNullable(CloudEvents.header(record.headers(), CloudEvents.ID))
                    .orElse(article.id());
            delivery = new Delivery(record, article, ticket, eventId,
                    WebhookMessages.messageId(subscription.id(), eventId),
                    WebhookMessages.body(record.value(), article, clock.instant()));
        } catch (RuntimeException e) {
            unprocessable(record, ticket, "(article " + article.id() + ") cannot be delivered", e);
            return;
        }
        inWork++;
        delivery.attempt = 1;
        Duration first = schedule.delayBefore(1);
        if (first.isZero() || first.isNegative()) {
            attempt(delivery);
        } else {
            delivery.dueAt = clock.instant().plus(first);
            waiting.add(delivery);
        }
    }

    /** Sends the delivery's current attempt; the answer comes back through {@link #completions}. */
    private void attempt(Delivery delivery) {
        CompletableFuture<DeliveryOutcome> outcome;
        try {
            outcome = sender.sendAsync(WebhookMessages.request(subscription, delivery.messageId, delivery.body,
                    clock.instant()), subscription.id());
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        sending++;
        outcome.whenComplete((result, error) -> {
            completions.add(new Completion(delivery, result, error));
            if (polling) {
                consumer.wakeup();
            }
        });
    }

    /** Acts on the attempts that ended: finishes, retries or gives up their records. */
    private void handleCompletions() {
        Completion completion;
        while ((completion = completions.poll()) != null) {
            sending--;
            Delivery delivery = completion.delivery();
            if (!offsets.isCurrent(delivery.ticket)) {
                // the partition moved to another instance meanwhile; it delivers the record again
                inWork--;
                continue;
            }
            if (completion.failure() != null) {
                inWork--;
                Throwable cause = completion.failure() instanceof CompletionException wrapped
                        && wrapped.getCause() != null ? wrapped.getCause() : completion.failure();
                unprocessable(delivery.record, delivery.ticket, "(article " + delivery.article.id()
                        + ") cannot be delivered", cause instanceof RuntimeException runtime ? runtime
                        : new WebhookDeliveryException(cause.toString()));
                continue;
            }
            outcomeOf(delivery, completion.outcome());
        }
    }

    private void outcomeOf(Delivery delivery, DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Delivered) {
            log.debug("Subscription {}: delivered article {} on attempt {}", subscription.id(), delivery.article.id(),
                    delivery.attempt);
            inWork--;
            window = Math.min(maxInFlight, window + 1);
            counters.delivered();
            offsets.finished(delivery.ticket);
            notifyDelivered(delivery.article);
            return;
        }
        if (outcome instanceof DeliveryOutcome.Gone) {
            inWork--;
            if (state != WorkerState.GONE) {
                log.error("Subscription {} answered 410 Gone for article {}: disabling the subscription; resume it "
                        + "once the receiver is back", subscription.id(), delivery.article.id());
                state = WorkerState.GONE;
                running = false;
                try {
                    onGone.accept(subscription, delivery.article.id());
                } catch (RuntimeException e) {
                    log.error("Subscription {}: could not store that it is disabled; it is disabled until the "
                            + "service restarts", subscription.id(), e);
                }
            }
            // not finished: the record stays uncommitted for when the subscription is resumed
            return;
        }
        window = Math.max(1, window / 2);
        Optional<Instant> next = schedule.nextAttemptAt(delivery.attempt, outcome.minimumDelay(), clock.instant());
        if (next.isEmpty()) {
            inWork--;
            giveUp(delivery, outcome);
            counters.deadLettered();
            offsets.finished(delivery.ticket);
            return;
        }
        counters.retried();
        log.warn("Subscription {}: attempt {} of {} to deliver article {} failed: {}; next attempt at {}",
                subscription.id(), delivery.attempt, schedule.maxAttempts(), delivery.article.id(),
                outcome.describe(), next.get());
        delivery.attempt++;
        delivery.dueAt = next.get();
        waiting.add(delivery);
    }

    private void unprocessable(ConsumerRecord<byte[], byte[]> record, OffsetTracker.Ticket ticket, String what,
                               RuntimeException e) {
        log.error("Subscription {}: record {}-{} at offset {} {}; sending it to {} and going on", subscription.id(),
                record.topic(), record.partition(), record.offset(), what, Topics.DEAD_LETTER.name(), e);
        deadLetterAndGoOn(record, ticket, e);
    }

    private void deadLetterAndGoOn(ConsumerRecord<byte[], byte[]> record, OffsetTracker.Ticket ticket,
                                   RuntimeException e) {
        deadLetter(record, e);
        counters.deadLettered();
        offsets.finished(ticket);
    }

    private void giveUp(Delivery delivery, DeliveryOutcome last) {
        EnrichedArticle article = delivery.article;
        int attempts = delivery.attempt;
        if (failedDeliveries != null) {
            log.error("Subscription {}: gave up delivering article {} after {} attempts; last: {}; keeping it in {}",
                    subscription.id(), article.id(), attempts, last.describe(), Topics.DELIVERIES_FAILED.name());
            failedDeliveries.record(new FailedDelivery(subscription.id(), delivery.eventId, article.id(), attempts,
                    last.describe(), clock.instant(), article));
            return;
        }
        String reason = "gave up delivering article " + article.id() + " to subscription " + subscription.id()
                + " at " + subscription.delivery().redactedUrl() + " after " + attempts + " attempts; last: "
                + last.describe();
        log.error("Subscription {}: {}; sending it to {}", subscription.id(), reason, Topics.DEAD_LETTER.name());
        deadLetter(delivery.record, new WebhookDeliveryException(reason));
    }

    private ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        polling = true;
        try {
            return consumer.poll(completions.isEmpty() ? timeout : Duration.ZERO);
        } catch (WakeupException e) {
            // stop() or an answer woke the consumer; the caller looks at both
            return ConsumerRecords.empty();
        } finally {
            polling = false;
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

    private void commitFinished() {
        commit(offsets.toCommit());
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> positions) {
        lastCommit = clock.instant();
        if (positions.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(positions);
            } catch (WakeupException e) {
                // the wake-up was meant for poll(); the work is done, so commit it all the same
                consumer.commitSync(positions);
            }
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            log.warn("Subscription {}: could not commit offsets {}; those articles will be delivered again: {}",
                    subscription.id(), positions, e.getMessage());
        }
    }

    private void closeConsumer() {
        boolean interrupted = Thread.interrupted();
        try {
            handleCompletionsQuietly();
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

    /** Takes in the answers that came, unless the worker failed (then what it finished is committed as it is). */
    private void handleCompletionsQuietly() {
        if (state != WorkerState.FAILED) {
            handleCompletions();
        }
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /**
     * Commits finished work before partitions move and drops their work in progress (the new owner delivers it
     * again), and keeps the worker paused on every partition it gets while its window is full.
     */
    private final class RebalanceListener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            handleCompletions();
            commit(offsets.toCommit(partitions));
            drop(partitions, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions, false);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            if (!pending.isEmpty() || inWork >= window) {
                consumer.pause(partitions);
            }
        }

        private void drop(Collection<TopicPartition> partitions, boolean revoked) {
            int waited = 0;
            for (Iterator<Delivery> it = waiting.iterator(); it.hasNext(); ) {
                Delivery delivery = it.next();
                if (partitions.contains(delivery.ticket.partition())) {
                    it.remove();
                    inWork--;
                    waited++;
                }
            }
            pending.removeIf(record -> partitions.contains(partitionOf(record)));
            offsets.forget(partitions);
            if (waited > 0) {
                log.info("Subscription {}: partitions {} {} while {} deliveries waited to be retried; their new owner "
                        + "delivers them", subscription.id(), partitions, revoked ? "moved to another instance"
                        : "were lost", waited);
            }
        }
    }
}

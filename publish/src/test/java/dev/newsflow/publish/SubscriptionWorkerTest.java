package dev.newsflow.publish;

import static dev.newsflow.publish.TestArticles.SECRET;
import static dev.newsflow.publish.TestArticles.article;
import static dev.newsflow.publish.TestArticles.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.DeadLetters;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.Topics;
import dev.newsflow.publish.subscription.Subscription;
import dev.newsflow.publish.subscription.SubscriptionFilter;
import dev.newsflow.publish.subscription.WebhookDelivery;
import dev.newsflow.publish.webhook.RetrySchedule;
import dev.newsflow.publish.webhook.WebhookMessages;
import dev.newsflow.publish.webhook.WebhookSender;
import dev.newsflow.support.net.TargetGuard;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker loop against Kafka's mock clients and a real HTTP receiver: no broker needed. */
class SubscriptionWorkerTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.ENRICHED_ARTICLES.name(), 0);
    /** Long enough that a loaded machine never turns an answer into a timeout (and an hour's wait). */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final TestConsumer consumer = new TestConsumer();
    private final MockProducer<byte[], byte[]> deadLetters =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<EnrichedArticle> delivered = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;
    private SubscriptionWorker worker;
    private Thread thread;

    private final List<WebhookSender> senders = new CopyOnWriteArrayList<>();

    private WebhookSender track(WebhookSender sender) {
        senders.add(sender);
        return sender;
    }

    @AfterEach
    void stopSenders() {
        senders.forEach(WebhookSender::close);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.stop();
            thread.join(5_000);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldDeliverWhatTheFilterWantsAndCommitEverything() {
        start(WebhookReceiver.always(200), SubscriptionFilter.tags("Q36"), List.of(Duration.ZERO), 3,
                valid(tagged("a1", "Q36")), valid(tagged("a2", "Q1")), valid(tagged("a3", "Q36", "Q1")));

        await().untilAsserted(() -> assertThat(consumer.committedOffset()).isEqualTo(3));
        assertThat(receiver.received()).extracting(received -> received.article().id()).containsExactly("a1", "a3");
        assertThat(receiver.received()).allSatisfy(received -> assertThat(received.signatureValid()).isTrue());
        assertThat(delivered).extracting(EnrichedArticle::id).containsExactly("a1", "a3");
        assertThat(worker.stats()).isEqualTo(new SubscriptionStats("desk", WorkerState.RUNNING, 2, 0, 0, 1));
    }

    @Test
    void shouldUseTheEventIdForAStableWebhookId() {
        start(WebhookReceiver.always(200), SubscriptionFilter.ALL, List.of(Duration.ZERO), 3,
                valid(article("a1")));

        await().untilAsserted(() -> assertThat(receiver.received()).hasSize(1));
        String eventId = CloudEvents.header(CloudEvents.forEnriched(article("a1")), CloudEvents.ID);
        assertThat(receiver.received().get(0).messageId()).isEqualTo(WebhookMessages.messageId("desk", eventId));
    }

    @Test
    void shouldRetryUntilTheSubscriberAccepts() {
        start(WebhookReceiver.statuses(500, 503, 200), SubscriptionFilter.ALL,
                List.of(Duration.ZERO, Duration.ofMillis(20)), 5, valid(article("a1")));

        await().untilAsserted(() -> assertThat(consumer.committedOffset()).isEqualTo(1));
        assertThat(receiver.received()).hasSize(3)
                .extracting(WebhookReceiver.Received::messageId).containsOnly(receiver.received().get(0).messageId());
        assertThat(worker.stats()).extracting(SubscriptionStats::delivered, SubscriptionStats::retried,
                SubscriptionStats::deadLettered).containsExactly(1L, 2L, 0L);
        assertThat(deadLetters.history()).isEmpty();
    }

    @Test
    void shouldDeadLetterAnArticleAfterTheLastAttemptAndGoOn() {
        start((number, released) -> WebhookReceiver.Response.status(number <= 3 ? 503 : 200), SubscriptionFilter.ALL,
                List.of(Duration.ZERO, Duration.ofMillis(10)), 3, valid(article("a1")), valid(article("a2")));

        await().untilAsserted(() -> assertThat(consumer.committedOffset()).isEqualTo(2));
        assertThat(deadLetters.history()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(Topics.DEAD_LETTER.name());
            assertThat(letter.value()).isEqualTo(Json.writeBytes(article("a1")));
            assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("publish.webhook");
            assertThat(header(letter, SubscriptionWorker.SUBSCRIPTION_HEADER)).isEqualTo("desk");
            assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(header(letter, DeadLetters.EXCEPTION_MESSAGE)).contains("after 3 attempts", "HTTP 503");
            assertThat(letter.headers().lastHeader(CloudEvents.ID)).as("a dead letter is not a CloudEvent").isNull();
        });
        assertThat(delivered).extracting(EnrichedArticle::id).containsExactly("a2");
        assertThat(worker.stats()).extracting(SubscriptionStats::delivered, SubscriptionStats::retried,
                SubscriptionStats::deadLettered).containsExactly(1L, 2L, 1L);
    }

    @Test
    void shouldDeadLetterARecordThatIsNotAnArticleAndGoOn() {
        ConsumerRecord<byte[], byte[]> poison = record(0, "a0", "{\"not\": \"an article\"".getBytes(
                StandardCharsets.UTF_8), new RecordHeaders());
        start(WebhookReceiver.always(200), SubscriptionFilter.ALL, List.of(Duration.ZERO), 3,
                poison, valid(article("a1")));

        await().untilAsserted(() -> assertThat(consumer.committedOffset()).isEqualTo(2));
        assertThat(deadLetters.history()).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("a0".getBytes(StandardCharsets.UTF_8));
            assertThat(letter.value()).isEqualTo(poison.value());
            assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.ENRICHED_ARTICLES.name());
            assertThat(header(letter, DeadLetters.EXCEPTION_CLASS)).contains("SerializationException");
        });
        assertThat(delivered).extracting(EnrichedArticle::id).containsExactly("a1");
    }

    @Test
    void shouldDisableTheSubscriptionWhenTheSubscriberIsGone() throws InterruptedException {
        start(WebhookReceiver.always(410), SubscriptionFilter.ALL, List.of(Duration.ZERO), 3,
                valid(article("a1")), valid(article("a2")));

        thread.join(5_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(worker.stats().state()).isEqualTo(WorkerState.GONE);
        assertThat(receiver.requestCount()).isEqualTo(1);
        assertThat(consumer.commits).isEmpty();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void shouldStopPromptlyWhileWaitingToRetryAndLeaveTheArticleUncommitted() throws InterruptedException {
        start(WebhookReceiver.always(503), SubscriptionFilter.ALL, List.of(Duration.ZERO, Duration.ofHours(1)), 3,
                valid(article("a1")));
        await().untilAsserted(() -> assertThat(worker.stats().state()).isEqualTo(WorkerState.RETRYING));
        assertThat(consumer.paused()).contains(PARTITION);

        long stopping = System.nanoTime();
        worker.stop();
        thread.join(5_000);

        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(2));
        assertThat(worker.stats().state()).isEqualTo(WorkerState.STOPPED);
        assertThat(consumer.commits).isEmpty();
        assertThat(deadLetters.history()).isEmpty();
    }

    @Test
    void shouldGoOnWithLaterArticlesWhileOneWaitsToBeRetriedAndCommitOnlyUpToIt() {
        List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) {
            records.add(valid(article("a" + i)));
        }
        // a10 is sent once ten records were started, so at least five were delivered and the window is 6 or more;
        // its failure halves it, which leaves room for the next ones while a10 waits an hour
        start(WebhookReceiver.failingFirstAttemptOf("a10", 503), SubscriptionFilter.ALL,
                List.of(Duration.ZERO, Duration.ofHours(1)), 3, records.toArray(ConsumerRecord[]::new));

        await().untilAsserted(() -> assertThat(delivered).hasSize(14));
        assertThat(delivered).extracting(EnrichedArticle::id).doesNotContain("a10")
                .contains("a11", "a12", "a13", "a14");
        await().untilAsserted(() -> assertThat(consumer.committedOffset()).isEqualTo(10));
        assertThat(worker.stats().state()).isEqualTo(WorkerState.RETRYING);
        assertThat(worker.stats().retried()).isEqualTo(1);
    }

    @Test
    void shouldWaitForTheRequestsInFlightWhenStoppedAndCommitWhatTheyDelivered() throws InterruptedException {
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        start((number, released) -> {
            answer.await();
            return WebhookReceiver.Response.status(200);
        }, SubscriptionFilter.ALL, List.of(Duration.ZERO), 3, valid(article("a0")));
        await().untilAsserted(() -> assertThat(receiver.requestCount()).isEqualTo(1));

        worker.stop();
        assertThat(thread.isAlive()).as("waits for the answer").isTrue();
        answer.countDown();
        thread.join(5_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(delivered).extracting(EnrichedArticle::id).containsExactly("a0");
        assertThat(consumer.committedOffset()).isEqualTo(1);
        assertThat(worker.stats().state()).isEqualTo(WorkerState.STOPPED);
    }

    @Test
    void shouldDeadLetterARecordWhoseDeliveryThrowsAndGoOnWithTheNext() {
        AtomicInteger lookups = new AtomicInteger();
        TargetGuard flaky = TargetGuard.allowingPrivateTargets(host -> {
            if (lookups.incrementAndGet() == 1) {
                throw new IllegalArgumentException("resolver bug");
            }
            // the client connects to the addresses the guard resolved: the receiver's, from the second lookup on
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        });
        start(flaky, WebhookReceiver.always(200), SubscriptionFilter.ALL, List.of(Duration.ZERO), 3,
                valid(article("a1")), valid(article("a2")));

        await().untilAsserted(() -> assertThat(consumer.committedOffset()).isEqualTo(2));
        assertThat(deadLetters.history()).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo("a1".getBytes(StandardCharsets.UTF_8));
            assertThat(header(letter, DeadLetters.EXCEPTION_CLASS)).endsWith("IllegalArgumentException");
            assertThat(header(letter, DeadLetters.EXCEPTION_MESSAGE)).contains("resolver bug");
            assertThat(header(letter, SubscriptionWorker.SUBSCRIPTION_HEADER)).isEqualTo("desk");
        });
        assertThat(delivered).extracting(EnrichedArticle::id).containsExactly("a2");
        assertThat(worker.stats()).isEqualTo(new SubscriptionStats("desk", WorkerState.RUNNING, 1, 0, 1, 0));
        assertThat(worker.isActive()).isTrue();
        assertThat(worker.failure()).isEmpty();
    }

    @Test
    void shouldFailAndSayWhyWhenTheDeadLetterTopicCannotBeWritten() throws InterruptedException {
        deadLetters.sendException = new KafkaException("dead-letter topic unavailable");
        start(WebhookReceiver.always(200), SubscriptionFilter.ALL, List.of(Duration.ZERO), 3,
                record(0, "a0", "not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders()));

        thread.join(5_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(worker.stats().state()).isEqualTo(WorkerState.FAILED);
        assertThat(worker.isActive()).isFalse();
        assertThat(worker.failure()).hasValueSatisfying(failure ->
                assertThat(failure).hasMessageContaining("dead-letter topic unavailable"));
        assertThat(consumer.commits).isEmpty();
    }

    @SafeVarargs
    private void start(WebhookReceiver.Responder responder, SubscriptionFilter filter, List<Duration> delays,
                       int maxAttempts, ConsumerRecord<byte[], byte[]>... records) {
        start(TargetGuard.allowingPrivateTargets(), responder, filter, delays, maxAttempts, records);
    }

    @SafeVarargs
    private void start(TargetGuard guard, WebhookReceiver.Responder responder, SubscriptionFilter filter,
                       List<Duration> delays, int maxAttempts, ConsumerRecord<byte[], byte[]>... records) {
        receiver = WebhookReceiver.start(List.of(SECRET), responder);
        Subscription subscription = Subscription.of("desk", filter,
                new WebhookDelivery(receiver.url(), List.of(SECRET)));
        Clock clock = Clock.systemUTC();
        WebhookSender sender = track(WebhookSender.start(TIMEOUT, guard, clock,
                PublishSettings.MAX_IN_FLIGHT.defaultValue()));
        worker = new SubscriptionWorker(subscription, consumer, deadLetters, sender,
                new RetrySchedule(delays, maxAttempts, new Random(1)), clock,
                (target, article) -> delivered.add(article));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                consumer.addRecord(record);
            }
        });
        thread = new Thread(worker, "test-worker");
        thread.start();
    }

    private int offset;

    private ConsumerRecord<byte[], byte[]> valid(EnrichedArticle article) {
        return record(offset, article.id(), Json.writeBytes(article),
                (RecordHeaders) CloudEvents.forEnriched(article));
    }

    private ConsumerRecord<byte[], byte[]> record(int at, String key, byte[] value, RecordHeaders headers) {
        offset = at + 1;
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), at, 0L,
                TimestampType.CREATE_TIME, 0, 0,
                key.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return CloudEvents.header(record.headers(), name);
    }

    /** A mock consumer whose poll waits a little when it has nothing, as the real one does, and records commits. */
    private static final class TestConsumer extends MockConsumer<byte[], byte[]> {
        final List<Map<TopicPartition, OffsetAndMetadata>> commits = new CopyOnWriteArrayList<>();
        private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

        TestConsumer() {
            super("earliest");
            setMaxPollRecords(1);
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                LockSupport.parkNanos(Math.min(timeout.toNanos(), Duration.ofMillis(5).toNanos()));
            }
            return records;
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            commits.add(offsets);
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        }

        long committedOffset() {
            return committed.getOrDefault(PARTITION, -1L);
        }
    }
}

package dev.newsflow.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.SeenArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.ingest.ArticleStoreException;
import dev.newsflow.ingest.dedup.BatchPlan;
import dev.newsflow.ingest.dedup.SeenIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The store's transaction handling on Kafka's mock producer: no broker needed. */
class KafkaArticleStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-03T12:00:00Z");
    private static final RawArticle ARTICLE = RawArticle.builder().id("a1").feedId("pap").title("Story")
            .url("https://news.example/a1").fetched(NOW).build();
    private static final BatchPlan PLAN = new BatchPlan(List.of(ARTICLE),
            List.of(new SeenArticle("a1", "hash", List.of("pap"), NOW)), 0, 0);

    private static final FeedOwnership.Claim CLAIM = new FeedOwnership.Claim(
            new TopicPartition(Topics.FEEDS.name(), 3), new OffsetAndMetadata(42),
            new ConsumerGroupMetadata("newsflow-ingest", 7, "member-1", Optional.empty()));

    private final FakeKafka kafka = new FakeKafka();

    @Test
    void shouldWriteTheArticleAndItsMarkerInOneTransaction() {
        KafkaArticleStore store = open(kafka);

        store.write("pap", PLAN);

        TestProducer producer = kafka.last();
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).extracting(record -> record.topic() + "/" + record.key())
                .containsExactly(Topics.RAW_ARTICLES.name() + "/a1", Topics.INGEST_SEEN.name() + "/a1");
    }

    @Test
    void shouldWriteTheStatesOfSeveralFeedsInOneTransaction() {
        KafkaArticleStore store = open(kafka);
        Map<String, FeedState> states = new java.util.LinkedHashMap<>();
        for (String feedId : List.of("pap", "bbc", "ap")) {
            states.put(feedId, FeedState.initial(feedId, "https://" + feedId + ".example/feed", NOW));
        }

        store.writeStates(states);

        TestProducer producer = kafka.last();
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).extracting(record -> record.topic() + "/" + record.key()).containsExactly(
                Topics.FEED_STATE.name() + "/pap", Topics.FEED_STATE.name() + "/bbc", Topics.FEED_STATE.name() + "/ap");
    }

    @Test
    void shouldCommitTheClaimOfTheFeedsPartitionWithItsGroupGenerationInTheBatchTransaction() {
        KafkaArticleStore store = open(kafka);
        store.fenceWith(feedId -> feedId.equals("pap") ? Optional.of(CLAIM) : Optional.empty());

        store.write("pap", PLAN);

        TestProducer producer = kafka.last();
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.consumerGroupOffsetsHistory()).containsExactly(
                Map.of("newsflow-ingest", Map.of(CLAIM.partition(), CLAIM.position())));
    }

    @Test
    void shouldWriteNothingOfAFeedThisInstanceNoLongerOwns() {
        KafkaArticleStore store = open(kafka);
        store.fenceWith(feedId -> Optional.empty());

        ArticleStoreException failure = catchThrowableOfType(ArticleStoreException.class,
                () -> store.write("pap", PLAN));

        assertThat(failure.notOwned()).isTrue();
        assertThat(failure.fatal()).isFalse();
        assertThat(kafka.last().history()).isEmpty();
        assertThat(kafka.last().transactionInFlight()).isFalse();
    }

    @Test
    void shouldAbortTheBatchOfAPausedInstanceWhoseGroupGenerationIsStale() {
        KafkaArticleStore store = open(kafka);
        store.fenceWith(feedId -> Optional.of(CLAIM));
        kafka.last().sendOffsetsToTransactionException = new CommitFailedException("generation 7 is stale");

        ArticleStoreException failure = catchThrowableOfType(ArticleStoreException.class,
                () -> store.write("pap", PLAN));

        assertThat(failure.notOwned()).isTrue();
        assertThat(failure.fatal()).isFalse();
        assertThat(failure).hasMessageContaining("feed pap", "not written");
        assertThat(kafka.last().abortCalls).hasValue(1);
        assertThat(kafka.last().transactionCommitted()).isFalse();
    }

    @Test
    void shouldLeaveTheStatesOfFeedsNoLongerOwnedToTheirNewOwner() {
        KafkaArticleStore store = open(kafka);
        store.fenceWith(feedId -> feedId.equals("bbc") ? Optional.empty() : Optional.of(CLAIM));
        Map<String, FeedState> states = new java.util.LinkedHashMap<>();
        for (String feedId : List.of("pap", "bbc")) {
            states.put(feedId, FeedState.initial(feedId, "https://" + feedId + ".example/feed", NOW));
        }

        store.writeStates(states);

        assertThat(kafka.last().history()).extracting(record -> record.key()).containsExactly("pap");
        assertThat(kafka.last().consumerGroupOffsetsHistory()).hasSize(1);
    }

    @Test
    void shouldCommitAgainAfterACommitTimeoutAndNeverAbort() {
        KafkaArticleStore store = open(kafka);
        kafka.last().commitTimeouts = 2;

        store.write("pap", PLAN);

        TestProducer producer = kafka.last();
        assertThat(producer.commitCalls).hasValue(3);
        assertThat(producer.abortCalls).hasValue(0);
        assertThat(producer.transactionCommitted()).isTrue();
    }

    @Test
    void shouldStopWhenTheCommitKeepsTimingOutWithoutAborting() {
        KafkaArticleStore store = open(kafka);
        kafka.last().commitTimeouts = Integer.MAX_VALUE;

        ArticleStoreException failure = catchThrowableOfType(ArticleStoreException.class,
                () -> store.write("pap", PLAN));

        assertThat(failure.fatal()).isTrue();
        assertThat(failure).hasMessageContaining("feed pap", "timed out 3 times", "unknown")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(kafka.last().commitCalls).hasValue(KafkaArticleStore.COMMIT_ATTEMPTS);
        assertThat(kafka.last().abortCalls).hasValue(0);
    }

    @Test
    void shouldStopWhenACommitFailsAfterTimingOutWithoutAborting() {
        KafkaArticleStore store = open(kafka);
        TestProducer producer = kafka.last();
        producer.commitTimeouts = 1;
        producer.commitFailureAfterTimeouts = new KafkaException("coordinator lost");

        ArticleStoreException failure = catchThrowableOfType(ArticleStoreException.class,
                () -> store.write("pap", PLAN));

        assertThat(failure.fatal()).isTrue();
        assertThat(failure).hasMessageContaining("after timing out");
        assertThat(producer.abortCalls).hasValue(0);
    }

    @Test
    void shouldAbortAndRetryNextCycleOnARetriableError() {
        KafkaArticleStore store = open(kafka);
        kafka.last().commitTransactionException = new NotEnoughReplicasException("replicas down");

        ArticleStoreException failure = catchThrowableOfType(ArticleStoreException.class,
                () -> store.write("pap", PLAN));

        assertThat(failure.fatal()).isFalse();
        assertThat(failure).hasMessageContaining("batch of feed pap not written, retrying next cycle");
        assertThat(kafka.last().abortCalls).hasValue(1);
        assertThat(kafka.last().transactionAborted()).isTrue();
    }

    @Test
    void shouldReportAnAbortThatThrowsIllegalStateAsFatalInsteadOfLettingItEscape() {
        KafkaArticleStore store = open(kafka);
        TestProducer producer = kafka.last();
        producer.commitTransactionException = new KafkaException("broker went away");
        producer.abortTransactionException = new IllegalStateException("Invalid transition attempted");

        ArticleStoreException failure = catchThrowableOfType(ArticleStoreException.class,
                () -> store.write("pap", PLAN));

        assertThat(failure.fatal()).isTrue();
        assertThat(failure).hasMessageContaining("cannot abort the transaction of feed pap", "unusable");
        assertThat(failure.getCause().getSuppressed()).singleElement()
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldStopOnAFatalErrorWithoutAborting() {
        KafkaArticleStore store = open(kafka);
        kafka.last().commitTransactionException = new KafkaException("error state",
                new ProducerFencedException("a newer instance took over"));

        ArticleStoreException failure = catchThrowableOfType(ArticleStoreException.class,
                () -> store.write("pap", PLAN));

        assertThat(failure.fatal()).isTrue();
        assertThat(failure).hasMessageContaining("cannot go on");
        assertThat(kafka.last().abortCalls).hasValue(0);
    }

    @Test
    void shouldFailABatchThatCannotBeSerialisedAloneWithoutBeginningATransaction() {
        Serializer<RawArticle> broken = (topic, article) -> {
            throw new SerializationException("cannot serialise " + article.id());
        };
        KafkaArticleStore store = new KafkaArticleStore("newsflow-ingest-test", IngestTopics.CONTRACT, kafka, broken);
        store.open(new SeenIndex());

        ArticleStoreException failure = catchThrowableOfType(ArticleStoreException.class,
                () -> store.write("pap", PLAN));

        assertThat(failure.fatal()).isFalse();
        assertThat(failure).hasMessageContaining("batch of feed pap cannot be serialised", "cannot serialise a1");
        assertThat(kafka.last().transactionInFlight()).isFalse();
        assertThat(kafka.last().history()).isEmpty();
        assertThat(kafka.last().abortCalls).hasValue(0);
    }

    @Test
    void shouldCloseTheProducerOfAFailedOpenBeforeOpeningAgain() {
        kafka.readFailures = 1;
        KafkaArticleStore store = store(kafka);

        ArticleStoreException failure = catchThrowableOfType(ArticleStoreException.class, () -> store.open(new SeenIndex()));
        store.open(new SeenIndex());

        assertThat(failure.fatal()).isTrue();
        assertThat(failure).hasMessageContaining("cannot prepare Kafka for ingest", "seen topic unreadable");
        assertThat(kafka.producers).hasSize(2);
        assertThat(kafka.producers.get(0).closed()).isTrue();
        assertThat(kafka.producers.get(1).closed()).isFalse();
        store.close();
        assertThat(kafka.producers.get(1).closed()).isTrue();
    }

    @Test
    void shouldNameTheProducerWhenItCannotStart() {
        kafka.initFailure = new ProducerFencedException("fenced at start");
        KafkaArticleStore store = store(kafka);

        ArticleStoreException failure = catchThrowableOfType(ArticleStoreException.class, () -> store.open(new SeenIndex()));

        assertThat(failure.fatal()).isTrue();
        assertThat(failure).hasMessageContaining("cannot start the Kafka producer newsflow-ingest-test");
        assertThat(kafka.last().closed()).isTrue();
    }

    private static KafkaArticleStore store(FakeKafka kafka) {
        return new KafkaArticleStore("newsflow-ingest-test", IngestTopics.CONTRACT, kafka,
                Topics.RAW_ARTICLES.valueSerde().serializer());
    }

    private static KafkaArticleStore open(FakeKafka kafka) {
        KafkaArticleStore store = store(kafka);
        store.open(new SeenIndex());
        return store;
    }

    /** Opening without a broker: topics "exist", producers are mock ones, the seen topic is empty. */
    private static final class FakeKafka implements KafkaArticleStore.Kafka {
        final List<TestProducer> producers = new ArrayList<>();
        int readFailures;
        RuntimeException initFailure;
        Map<String, FeedState> feedStates = Map.of();

        @Override
        public void ensureTopics() {
            // nothing to create
        }

        @Override
        public Producer<String, byte[]> newProducer() {
            TestProducer producer = new TestProducer();
            producer.initTransactionException = initFailure;
            producers.add(producer);
            return producer;
        }

        @Override
        public void readSeen(SeenIndex into) {
            if (readFailures > 0) {
                readFailures--;
                throw new IllegalStateException("seen topic unreadable");
            }
        }

        @Override
        public Map<String, FeedState> readFeedStates() {
            return feedStates;
        }

        TestProducer last() {
            return producers.get(producers.size() - 1);
        }
    }

    /**
     * A mock producer whose commit times out a given number of times, as the real one does when the coordinator
     * does not answer within max.block.ms, and which refuses an abort after a commit timeout as the real one does.
     */
    private static final class TestProducer extends MockProducer<String, byte[]> {
        final AtomicInteger commitCalls = new AtomicInteger();
        final AtomicInteger abortCalls = new AtomicInteger();
        int commitTimeouts;
        RuntimeException commitFailureAfterTimeouts;
        private boolean commitPending;

        TestProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public void commitTransaction() {
            int call = commitCalls.incrementAndGet();
            if (call <= commitTimeouts) {
                commitPending = true;
                throw new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(COMMIT)");
            }
            if (commitPending && commitFailureAfterTimeouts != null) {
                throw commitFailureAfterTimeouts;
            }
            commitPending = false;
            super.commitTransaction();
        }

        @Override
        public void abortTransaction() {
            abortCalls.incrementAndGet();
            if (commitPending) {
                throw new IllegalStateException("Cannot attempt operation `abortTransaction` because the previous "
                        + "call to `commitTransaction` timed out and must be retried");
            }
            super.abortTransaction();
        }
    }
}

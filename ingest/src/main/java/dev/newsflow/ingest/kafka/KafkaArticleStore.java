package dev.newsflow.ingest.kafka;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.FullTextStatus;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SeenArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.ingest.ArticleStore;
import dev.newsflow.ingest.ArticleStoreException;
import dev.newsflow.ingest.dedup.BatchPlan;
import dev.newsflow.ingest.dedup.SeenIndex;
import dev.newsflow.support.kafka.KafkaErrors;
import dev.newsflow.support.kafka.TopicCreator;
import dev.newsflow.support.ops.KafkaClientMeters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka {@link ArticleStore}: raw articles (key = article id, CloudEvents headers), their seen-markers and the
 * feed's state (key = feed id) are written in one transaction per feed batch by an idempotent transactional producer ({@code acks=all}). Its
 * transactional id is stable per instance, so a restarted instance fences its predecessor and aborts whatever
 * that one left open; then it reads the committed seen-markers and feed states. Together this is why a restart publishes nothing
 * twice, even after a crash between the two writes.
 *
 * <p>Errors:
 * <ul>
 *   <li>fatal ({@link KafkaErrors#isFatal}: fenced, unauthorised, unsupported, out of sequence): ingest stops;</li>
 *   <li>a commit that times out is committed again, up to {@value #COMMIT_ATTEMPTS} attempts in all (Kafka allows
 *       that, and forbids an abort while a timed-out commit may still complete). If it still fails, whether the
 *       batch was written is unknown: ingest stops rather than guess, and the restart reads what was committed;</li>
 *   <li>a batch that cannot be serialised fails alone: nothing was sent, the feed is retried next cycle;</li>
 *   <li>any other error aborts the transaction and the batch is retried next cycle; if the abort fails too, the
 *       producer is unusable and ingest stops.</li>
 * </ul>
 */
public final class KafkaArticleStore implements ArticleStore {

    /** Attempts at committing one transaction when the commit times out. */
    static final int COMMIT_ATTEMPTS = 3;
    /** Under the broker's default message.max.bytes (about 1 MB), leaving room for headers and batch overhead. */
    static final int MAX_ARTICLE_BYTES = 900 * 1024;

    private static final Logger log = LoggerFactory.getLogger(KafkaArticleStore.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** What opening the store asks of Kafka, apart so tests can run the store on a mock producer. */
    interface Kafka {
        /** Creates the topics when missing. */
        void ensureTopics();

        /** A new transactional producer, not yet initialised. */
        Producer<String, byte[]> newProducer();

        /** Puts every committed seen-marker into {@code into}, in topic order. */
        void readSeen(SeenIndex into);

        /** Every committed feed state, by feed id. */
        Map<String, FeedState> readFeedStates();

        /** Follows the seen topic from where {@link #readSeen()} ended; nothing by default. */
        default AutoCloseable followSeen(java.util.function.Consumer<SeenArticle> listener) {
            return () -> { };
        }
    }

    private final String transactionalId;
    private final IngestTopics topics;
    private final Kafka kafka;
    private final Serializer<RawArticle> articleSerializer;
    private final Serializer<SeenArticle> seenSerializer = Topics.INGEST_SEEN.valueSerde().serializer();
    private final Serializer<FeedState> stateSerializer = Topics.FEED_STATE.valueSerde().serializer();
    private Producer<String, byte[]> producer;
    private Map<String, FeedState> feedStates = Map.of();
    private AutoCloseable follower;
    private final KafkaClientMeters meters;
    private AutoCloseable producerMeters = () -> { };
    /** This instance's claims on feeds ({@link FeedOwnership#claim}); null: no fencing (a store of its own). */
    private Function<String, Optional<FeedOwnership.Claim>> claims;

    /**
     * @param clientProperties  Kafka client properties (bootstrap servers, security...)
     * @param transactionalId   stable id of this ingest instance
     * @param topics            topic names, usually {@link IngestTopics#CONTRACT}
     * @param partitions        partitions of topics created here, 0 for each topic's default
     * @param replicationFactor replication factor of topics created here
     * @param readTimeout       longest time to read the seen topic at start
     */
    public KafkaArticleStore(Map<String, Object> clientProperties, String transactionalId, IngestTopics topics,
                             int partitions, int replicationFactor, Duration readTimeout) {
        this(clientProperties, transactionalId, topics, partitions, replicationFactor, readTimeout,
                KafkaClientMeters.NONE);
    }

    /** As above, with the producer's metrics bound through {@code meters} while it is open. */
    public KafkaArticleStore(Map<String, Object> clientProperties, String transactionalId, IngestTopics topics,
                             int partitions, int replicationFactor, Duration readTimeout, KafkaClientMeters meters) {
        this(transactionalId, topics, kafka(Map.copyOf(clientProperties), transactionalId, topics, partitions,
                replicationFactor, readTimeout), Topics.RAW_ARTICLES.valueSerde().serializer(), meters);
    }

    KafkaArticleStore(String transactionalId, IngestTopics topics, Kafka kafka,
                      Serializer<RawArticle> articleSerializer) {
        this(transactionalId, topics, kafka, articleSerializer, KafkaClientMeters.NONE);
    }

    private KafkaArticleStore(String transactionalId, IngestTopics topics, Kafka kafka,
                              Serializer<RawArticle> articleSerializer, KafkaClientMeters meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.transactionalId = Objects.requireNonNull(transactionalId, "transactionalId");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.articleSerializer = Objects.requireNonNull(articleSerializer, "articleSerializer");
    }

    /**
     * Creates the topics, starts the transactional producer (fencing a predecessor) and reads the seen topic. May
     * be called again after it failed: the producer of the failed attempt is closed first.
     */
    @Override
    public synchronized void open(SeenIndex seen) {
        closeProducer();
        try {
            kafka.ensureTopics();
            producer = kafka.newProducer();
            producerMeters = meters.bind(producer);
            // fences a previous instance with the same id and aborts its open transaction, so the seen topic's
            // last stable offset covers everything that will ever be committed before reading it
            producer.initTransactions();
            log.info("Transactional producer {} ready", transactionalId);
            kafka.readSeen(seen);
            feedStates = Map.copyOf(kafka.readFeedStates());
        } catch (RuntimeException e) {
            closeProducer();
            String what = KafkaErrors.isFatal(e) ? "cannot start the Kafka producer " + transactionalId
                    : "cannot prepare Kafka for ingest";
            throw new ArticleStoreException(what + ": " + e.getMessage(), e, true);
        }
    }

    /**
     * From now on writes only batches of feeds the claims say this instance owns, each in a transaction that also
     * commits the claim's position with its group generation, so the group coordinator refuses (and the producer
     * aborts) the batch of an instance that was paused while the group moved the feed elsewhere.
     */
    public synchronized void fenceWith(Function<String, Optional<FeedOwnership.Claim>> ownership) {
        this.claims = Objects.requireNonNull(ownership, "ownership");
    }

    @Override
    public synchronized Map<String, FeedState> feedStates() {
        return feedStates;
    }

    @Override
    public synchronized void write(String feedId, BatchPlan plan, FeedState state) {
        if (producer == null) {
            throw new IllegalStateException("open() the store before writing");
        }
        if (plan.isEmpty() && state == null) {
            return;
        }
        Optional<FeedOwnership.Claim> claim = claims == null ? Optional.empty() : claims.apply(feedId);
        if (claims != null && claim.isEmpty()) {
            throw ArticleStoreException.notOwned("feed " + feedId + " is no longer this instance's; its batch is "
                    + "not written (its new owner polls it)", null);
        }
        List<ProducerRecord<String, byte[]>> records;
        try {
            records = records(feedId, plan, state);
        } catch (RuntimeException e) {
            // nothing was sent and no transaction begun: the feed fails alone and is tried again next cycle
            throw new ArticleStoreException("batch of feed " + feedId + " cannot be serialised, retrying next cycle: "
                    + e, e, false);
        }
        send(feedId, records, claim.map(List::of).orElse(List.of()));
    }

    /** Writes the feeds' states in one transaction, as their latest values in the feed-state topic. */
    @Override
    public synchronized void writeStates(Map<String, FeedState> states) {
        if (producer == null) {
            throw new IllegalStateException("open() the store before writing");
        }
        List<FeedOwnership.Claim> claimed = new ArrayList<>();
        Map<String, FeedState> owned = new java.util.LinkedHashMap<>();
        states.forEach((feedId, state) -> {
            Optional<FeedOwnership.Claim> claim = claims == null ? Optional.empty() : claims.apply(feedId);
            if (claims == null || claim.isPresent()) {
                owned.put(feedId, state);
                claim.ifPresent(claimed::add);
            } else {
                log.debug("Feed {} is no longer this instance's; its state is left to its new owner", feedId);
            }
        });
        if (owned.isEmpty()) {
            return;
        }
        String what = "(states of " + owned.size() + " feeds)";
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(owned.size());
        try {
            owned.forEach((feedId, state) -> records.add(new ProducerRecord<>(topics.feedState(), feedId,
                    stateSerializer.serialize(topics.feedState(), state))));
        } catch (RuntimeException e) {
            throw new ArticleStoreException("feed states cannot be serialised: " + e, e, false);
        }
        send(what, records, claimed);
    }

    /**
     * Sends the records in one transaction, with the claims' positions and group generation when there are claims,
     * and commits it.
     */
    private void send(String feedId, List<ProducerRecord<String, byte[]>> records,
                      List<FeedOwnership.Claim> claimed) {
        try {
            producer.beginTransaction();
        } catch (RuntimeException e) {
            throw new ArticleStoreException("Kafka producer " + transactionalId + " cannot begin a transaction: " + e,
                    e, true);
        }
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            if (!claimed.isEmpty()) {
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                claimed.forEach(claim -> positions.merge(claim.partition(), claim.position(),
                        (a, b) -> a.offset() >= b.offset() ? a : b));
                // every claim was read within the same instant; the newest generation among them is the one to show
                producer.sendOffsetsToTransaction(positions, claimed.get(claimed.size() - 1).generation());
            }
        } catch (RuntimeException e) {
            throw abandoned(feedId, e);
        }
        commit(feedId);
    }

    /**
     * Commits, committing again while the commit times out. After a timeout the commit may still complete, so the
     * transaction is never aborted then: a commit that fails after a timeout stops ingest.
     */
    private void commit(String feedId) {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                if (attempt > 1) {
                    log.info("Feed {}: the batch committed on attempt {}", feedId, attempt);
                }
                return;
            } catch (TimeoutException e) {
                if (attempt >= COMMIT_ATTEMPTS) {
                    throw new ArticleStoreException("committing the batch of feed " + feedId + " timed out "
                            + attempt + " times; whether it was written is unknown, so ingest stops (a restart reads "
                            + "what was committed): " + e.getMessage(), e, true);
                }
                log.warn("Feed {}: committing the batch timed out (attempt {} of {}); committing again: {}", feedId,
                        attempt, COMMIT_ATTEMPTS, e.getMessage());
            } catch (InterruptException e) {
                // like a timeout, the commit may still complete: no abort
                throw new ArticleStoreException("interrupted while committing the batch of feed " + feedId
                        + "; whether it was written is unknown, so ingest stops", e, true);
            } catch (RuntimeException e) {
                if (attempt > 1) {
                    throw new ArticleStoreException("committing the batch of feed " + feedId + " failed after timing "
                            + "out; whether it was written is unknown, so ingest stops: " + e, e, true);
                }
                throw abandoned(feedId, e);
            }
        }
    }

    /** The transaction failed before its commit was sent: aborts it, and says whether ingest can go on. */
    private ArticleStoreException abandoned(String feedId, RuntimeException cause) {
        if (KafkaErrors.isFatal(cause)) {
            return new ArticleStoreException("Kafka producer " + transactionalId + " cannot go on: " + cause, cause,
                    true);
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException abortFailure) {
            cause.addSuppressed(abortFailure);
            return new ArticleStoreException("cannot abort the transaction of feed " + feedId
                    + "; the producer is unusable: " + abortFailure, cause, true);
        }
        if (isStaleGeneration(cause)) {
            return ArticleStoreException.notOwned("the group moved on since this instance claimed feed " + feedId
                    + " (it was paused or is rebalancing); its batch is not written, the feed's owner polls it: "
                    + cause.getMessage(), cause);
        }
        return new ArticleStoreException("batch of feed " + feedId + " not written, retrying next cycle: " + cause,
                cause, false);
    }

    private static boolean isStaleGeneration(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CommitFailedException || t instanceof IllegalGenerationException
                    || t instanceof UnknownMemberIdException || t instanceof RebalanceInProgressException) {
                return true;
            }
        }
        return false;
    }

    private List<ProducerRecord<String, byte[]>> records(String feedId, BatchPlan plan, FeedState state) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (RawArticle article : plan.publish()) {
            RawArticle fitting = fitting(feedId, article);
            records.add(new ProducerRecord<>(topics.raw(), null, fitting.id(),
                    articleSerializer.serialize(topics.raw(), fitting), CloudEvents.forRaw(fitting)));
        }
        for (SeenArticle marker : plan.markers()) {
            records.add(new ProducerRecord<>(topics.seen(), marker.id(), seenSerializer.serialize(topics.seen(), marker)));
        }
        if (state != null) {
            records.add(new ProducerRecord<>(topics.feedState(), feedId,
                    stateSerializer.serialize(topics.feedState(), state)));
        }
        return records;
    }

    /** An article too large for a Kafka record loses its page text, then its feed text, rather than block the feed. */
    private RawArticle fitting(String feedId, RawArticle article) {
        if (articleSerializer.serialize(topics.raw(), article).length <= MAX_ARTICLE_BYTES) {
            return article;
        }
        RawArticle lead = article.toBuilder().content(article.summary()).fullText(FullTextStatus.FAILED).build();
        if (articleSerializer.serialize(topics.raw(), lead).length <= MAX_ARTICLE_BYTES) {
            log.warn("Feed {}: article {} is larger than {} bytes; publishing its summary as content", feedId,
                    article.id(), MAX_ARTICLE_BYTES);
            return lead;
        }
        log.warn("Feed {}: article {} is larger than {} bytes even without content; publishing it without text",
                feedId, article.id(), MAX_ARTICLE_BYTES);
        return lead.toBuilder().content("").summary("").build();
    }

    @Override
    public synchronized void followSeen(java.util.function.Consumer<SeenArticle> listener) {
        if (follower == null) {
            follower = kafka.followSeen(listener);
        }
    }

    @Override
    public synchronized void close() {
        if (follower != null) {
            try {
                follower.close();
            } catch (Exception e) {
                log.warn("Stopping to follow the seen topic failed: {}", e.toString());
            }
            follower = null;
        }
        closeProducer();
    }

    private void closeProducer() {
        KafkaClientMeters.unbind(producerMeters);
        producerMeters = () -> { };
        if (producer != null) {
            try {
                producer.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("Closing the Kafka producer {} failed: {}", transactionalId, e.toString());
            }
            producer = null;
        }
    }

    private static Kafka kafka(Map<String, Object> clientProperties, String transactionalId, IngestTopics topics,
                               int partitions, int replicationFactor, Duration readTimeout) {
        return new Kafka() {
            private volatile Map<org.apache.kafka.common.TopicPartition, Long> seenEnds = Map.of();

            @Override
            public void ensureTopics() {
                TopicCreator.ensureTopics(clientProperties, topics.specs(), partitions, replicationFactor);
            }

            @Override
            public Producer<String, byte[]> newProducer() {
                Map<String, Object> properties = new HashMap<>();
                properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
                properties.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
                properties.putAll(clientProperties);
                properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                properties.put(ProducerConfig.ACKS_CONFIG, "all");
                properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
                return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
            }

            @Override
            public void readSeen(SeenIndex into) {
                Map<org.apache.kafka.common.TopicPartition, Long> ends = CompactedTopicReader.read(clientProperties,
                        topics.seen(), null, Topics.INGEST_SEEN.valueSerde().deserializer(), readTimeout,
                        new CompactedTopicReader.Sink<SeenArticle>() {
                            @Override
                            public void expect(long records) {
                                into.expect(records);
                            }

                            @Override
                            public void put(String key, SeenArticle value) {
                                into.put(value);
                            }

                            @Override
                            public void remove(String key) {
                                into.remove(key);
                            }
                        }, (key, partition) -> { });
                seenEnds = Map.copyOf(ends);
            }

            @Override
            public AutoCloseable followSeen(java.util.function.Consumer<SeenArticle> listener) {
                return new SeenFollower(clientProperties, topics.seen(), seenEnds, listener);
            }

            @Override
            public Map<String, FeedState> readFeedStates() {
                return CompactedTopicReader.readAll(clientProperties, topics.feedState(),
                        Topics.FEED_STATE.valueSerde().deserializer(), readTimeout);
            }
        };
    }
}

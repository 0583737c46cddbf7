package dev.newsflow.ingest.kafka;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.FullTextStatus;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SeenArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.ingest.ArticleStore;
import dev.newsflow.ingest.ArticleStoreException;
import dev.newsflow.ingest.dedup.BatchPlan;
import dev.newsflow.support.kafka.TopicCreator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka {@link ArticleStore}: raw articles (key = article id, CloudEvents headers) and their seen-markers are
 * written in one transaction per feed batch by an idempotent transactional producer ({@code acks=all}). Its
 * transactional id is stable per instance, so a restarted instance fences its predecessor and aborts whatever
 * that one left open; then it reads the committed seen-markers. Together this is why a restart publishes nothing
 * twice, even after a crash between the two writes.
 *
 * <p>Errors: fenced, unauthorised, unsupported or out-of-sequence producers are fatal (ingest stops); any other
 * Kafka error aborts the transaction and the batch is retried next cycle.
 */
public final class KafkaArticleStore implements ArticleStore {

    private static final Logger log = LoggerFactory.getLogger(KafkaArticleStore.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Under the broker's default message.max.bytes (about 1 MB), leaving room for headers and batch overhead. */
    static final int MAX_ARTICLE_BYTES = 900 * 1024;

    private final Map<String, Object> clientProperties;
    private final String transactionalId;
    private final IngestTopics topics;
    private final int partitions;
    private final int replicationFactor;
    private final Duration readTimeout;
    private final Serializer<RawArticle> articleSerializer = Topics.RAW_ARTICLES.valueSerde().serializer();
    private final Serializer<SeenArticle> seenSerializer = Topics.INGEST_SEEN.valueSerde().serializer();
    private Producer<String, byte[]> producer;

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
        this.clientProperties = Map.copyOf(clientProperties);
        this.transactionalId = Objects.requireNonNull(transactionalId, "transactionalId");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.readTimeout = readTimeout;
    }

    @Override
    public synchronized Map<String, SeenArticle> open() {
        try {
            TopicCreator.ensureTopics(clientProperties, topics.specs(), partitions, replicationFactor);
            producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
            // fences a previous instance with the same id and aborts its open transaction, so the seen topic's
            // last stable offset covers everything that will ever be committed before reading it
            producer.initTransactions();
            log.info("Transactional producer {} ready", transactionalId);
            return SeenTopicReader.readAll(clientProperties, topics.seen(), readTimeout);
        } catch (ProducerFencedException | AuthorizationException | AuthenticationException
                 | UnsupportedVersionException e) {
            throw new ArticleStoreException("cannot start the Kafka producer " + transactionalId + ": " + e.getMessage(),
                    e, true);
        } catch (KafkaException | IllegalStateException e) {
            throw new ArticleStoreException("cannot prepare Kafka for ingest: " + e.getMessage(), e, true);
        }
    }

    @Override
    public synchronized void write(String feedId, BatchPlan plan) {
        if (producer == null) {
            throw new IllegalStateException("open() the store before writing");
        }
        if (plan.isEmpty()) {
            return;
        }
        List<ProducerRecord<String, byte[]>> records = records(feedId, plan);
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | AuthenticationException | UnsupportedVersionException e) {
            throw new ArticleStoreException("Kafka producer " + transactionalId + " cannot go on: " + e, e, true);
        } catch (KafkaException e) {
            abort(feedId, e);
            throw new ArticleStoreException("batch of feed " + feedId + " not written, retrying next cycle: " + e, e,
                    false);
        }
    }

    private void abort(String feedId, KafkaException cause) {
        try {
            producer.abortTransaction();
        } catch (KafkaException abortFailure) {
            cause.addSuppressed(abortFailure);
            throw new ArticleStoreException("cannot abort the transaction of feed " + feedId
                    + "; the producer is unusable: " + abortFailure, cause, true);
        }
    }

    private List<ProducerRecord<String, byte[]>> records(String feedId, BatchPlan plan) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (RawArticle article : plan.publish()) {
            RawArticle fitting = fitting(feedId, article);
            records.add(new ProducerRecord<>(topics.raw(), null, fitting.id(),
                    articleSerializer.serialize(topics.raw(), fitting), CloudEvents.forRaw(fitting)));
        }
        for (SeenArticle marker : plan.markers()) {
            records.add(new ProducerRecord<>(topics.seen(), marker.id(), seenSerializer.serialize(topics.seen(), marker)));
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

    private Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        properties.putAll(clientProperties);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return properties;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            try {
                producer.close(CLOSE_TIMEOUT);
            } catch (KafkaException e) {
                log.warn("Closing the Kafka producer {} failed: {}", transactionalId, e.toString());
            }
            producer = null;
        }
    }
}

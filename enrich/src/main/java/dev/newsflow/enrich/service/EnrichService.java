package dev.newsflow.enrich.service;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.enrich.bench.ArticleMix;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.DeadLetterRecords;
import dev.newsflow.support.kafka.KafkaErrors;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.kafka.TopicCreator;
import dev.newsflow.support.ops.KafkaClientMeters;
import dev.newsflow.support.ops.LogContext;
import dev.newsflow.support.ops.Readiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads raw articles and writes enriched ones exactly once: each batch of enriched articles, dead letters and the
 * consumed offsets commit in one Kafka transaction (the read-process-write loop of Kafka's
 * {@code ExactlyOnceMessageProcessor}). A kill -9 at any moment leaves every article exactly once in the
 * enriched topic for {@code read_committed} readers.
 *
 * <p>Errors are sorted as Kafka's example does: fencing, authorisation and unsupported versions are fatal and stop
 * the service; other Kafka errors abort the transaction, rewind to the last committed offsets and retry, a bounded
 * number of times in a row. A record that cannot be read or enriched is poison: enrichment is a pure function, so
 * retrying cannot help, and the record goes to the dead-letter topic in the same transaction.
 *
 * <p>Metrics (to the registry given to the {@link Builder}): {@code newsflow.enrich.articles.enriched} and
 * {@code newsflow.enrich.dead.letters} count what committed, {@code newsflow.enrich.transactions.aborted} the aborted
 * transactions, {@code newsflow.enrich.latency} times the enrichment of each article (p50, p95, p99), and
 * {@code newsflow.enrich.consumer.lag} is how many raw records the loops are behind; each loop's Kafka clients are
 * bound too. Logs during an article's enrichment carry its id in the MDC ({@code article_id}).
 */
public final class EnrichService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EnrichService.class);
    private static final String STAGE = "enrich";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int COMMIT_ATTEMPTS = 5;
    /**
     * The producer's batch size. An enriched article is about 22 KB of JSON, over Kafka's default of 16 KB, so with
     * the default every record went out as a batch of its own: compressed alone, and appended, validated and
     * written alone by the broker, which shares this machine's cores. Public so that the ceiling benchmark copies
     * with the same setting.
     */
    public static final int PRODUCER_BATCH_BYTES = 256 * 1024;
    /** The feed id of the generated articles of the warm-up, see {@code enrich.warm-up-articles}. */
    public static final String WARM_UP_FEED = "newsflow-enrich-warm-up";
    private static final int WARM_UP_ARTICLE_CHARS = 5_000;
    /** How long each loop's producer and consumer may take to close: leaving the group, flushing. */
    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> kafka;
    private final Config config;
    private final Function<RawArticle, EnrichedArticle> enrichment;
    private final Clock clock;
    private final Consumer<EnrichedArticle> onCommitted;
    private final AtomicLong enrichedCount = new AtomicLong();
    private final AtomicLong deadLetteredCount = new AtomicLong();
    private final int maxRecordBytes;
    /** Written once by {@link #start()}; volatile so that close never waits for a start still creating topics. */
    private volatile List<Lane> lanes = List.of();
    private final KafkaClientMeters clientMeters;
    private final Counter enrichedMeter;
    private final Counter deadLetterMeter;
    private final Counter abortedMeter;
    private final Timer latency;
    private volatile boolean closing;

    private EnrichService(Builder builder) {
        this.config = Objects.requireNonNull(builder.config, "config");
        this.enrichment = Objects.requireNonNull(builder.enrichment, "enrichment");
        this.clock = builder.clock;
        this.onCommitted = builder.onCommitted;
        this.kafka = KafkaSettings.clientProperties(config);
        this.maxRecordBytes = config.get(EnrichSettings.MAX_RECORD_BYTES);
        MeterRegistry registry = builder.registry != null ? builder.registry : new CompositeMeterRegistry();
        this.clientMeters = builder.registry != null ? KafkaClientMeters.of(registry) : KafkaClientMeters.NONE;
        this.enrichedMeter = Counter.builder("newsflow.enrich.articles.enriched")
                .description("raw articles enriched and committed to the enriched topic").register(registry);
        this.deadLetterMeter = Counter.builder("newsflow.enrich.dead.letters")
                .description("raw records committed to the dead-letter topic (unreadable, unenrichable, too large)")
                .register(registry);
        this.abortedMeter = Counter.builder("newsflow.enrich.transactions.aborted")
                .description("enrich transactions aborted after a retriable Kafka error").register(registry);
        this.latency = Timer.builder("newsflow.enrich.latency")
                .description("time to enrich one article (language, cleaning, tags, attribution)")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        Gauge.builder("newsflow.enrich.consumer.lag", this, EnrichService::consumerLag)
                .description("raw records not yet read by this instance's loops, summed over their partitions")
                .baseUnit("records").register(registry);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates missing topics and starts {@code enrich.threads} loops, each a member of the consumer group with its own
     * transactional producer, so the raw topic's partitions spread over the threads as over instances.
     */
    public synchronized void start() {
        if (!lanes.isEmpty()) {
            throw new IllegalStateException("already started");
        }
        TopicCreator.ensureTopics(kafka, List.of(Topics.RAW_ARTICLES, Topics.ENRICHED_ARTICLES, Topics.DEAD_LETTER),
                config.get(KafkaSettings.PARTITIONS), config.get(KafkaSettings.REPLICATION_FACTOR));
        warmUp(config.get(EnrichSettings.WARM_UP_ARTICLES));
        if (closing) {
            throw new IllegalStateException("closed while starting");
        }
        int threads = config.get(EnrichSettings.THREADS);
        List<Lane> created = new ArrayList<>();
        for (int index = 0; index < threads; index++) {
            created.add(new Lane(index));
        }
        lanes = List.copyOf(created);
        created.forEach(Lane::start);
        if (closing) {
            // close() ran meanwhile and may have seen no loops: stop them here
            created.forEach(Lane::stop);
        }
    }

    /**
     * Runs the per-record work of the loops (read the raw JSON, enrich, write the enriched JSON and its headers) on
     * generated articles, writing nothing to Kafka. Cold, the first few thousand articles run interpreted or in
     * lightly optimised code and the JIT spends seconds of CPU compiling; without a warm-up that lands on the first
     * partitions this instance takes. The articles come from {@link ArticleMix} with feed id {@link #WARM_UP_FEED}.
     */
    private void warmUp(int articles) {
        if (articles <= 0) {
            return;
        }
        long started = System.nanoTime();
        ArticleMix mix = ArticleMix.bundled(WARM_UP_ARTICLE_CHARS, 1);
        for (int i = 0; i < articles && !closing; i++) {
            RawArticle generated = mix.next().toBuilder().feedId(WARM_UP_FEED).build();
            byte[] raw = Topics.RAW_ARTICLES.valueSerde().serializer().serialize(Topics.RAW_ARTICLES.name(), generated);
            EnrichedArticle enriched = enrichment.apply(
                    Topics.RAW_ARTICLES.valueSerde().deserializer().deserialize(Topics.RAW_ARTICLES.name(), raw));
            Topics.ENRICHED_ARTICLES.valueSerde().serializer().serialize(Topics.ENRICHED_ARTICLES.name(), enriched);
            CloudEvents.forEnriched(enriched);
        }
        log.info("Warmed up on {} generated articles in {} ms", articles,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    public long enrichedCount() {
        return enrichedCount.get();
    }

    public long deadLetteredCount() {
        return deadLetteredCount.get();
    }

    /**
     * Ready when every loop runs and has had its first partition assignment (possibly empty, with more loops than
     * partitions); not ready while starting, joining the group, after a fatal error and while closing.
     */
    public Readiness readiness() {
        List<Lane> current = lanes;
        if (closing) {
            return Readiness.notReady("stopping");
        }
        if (current.isEmpty()) {
            return Readiness.notReady("starting");
        }
        Throwable failed = failure();
        if (failed != null) {
            return Readiness.notReady("stopped after a fatal error: " + failed);
        }
        if (!isRunning()) {
            return Readiness.notReady("stopped");
        }
        long waiting = current.stream().filter(lane -> !lane.assigned).count();
        return waiting == 0 ? Readiness.ready()
                : Readiness.notReady(waiting + " of " + current.size() + " enrich loops wait for partitions of "
                + Topics.RAW_ARTICLES.name() + " (group " + config.get(EnrichSettings.GROUP_ID) + ")");
    }

    private double consumerLag() {
        double lag = 0;
        for (Lane lane : lanes) {
            KafkaConsumer<byte[], byte[]> consumer = lane.consumer;
            if (consumer != null) {
                try {
                    lag += KafkaClientMeters.recordsLag(consumer);
                } catch (RuntimeException e) {
                    // closing meanwhile
                }
            }
        }
        return lag;
    }

    /**
     * Whether every loop is running; false before {@link #start()}, after {@link #close()}, and once any loop stopped
     * on a fatal error (see {@link #failure()}).
     */
    public boolean isRunning() {
        List<Lane> current = lanes;
        return !current.isEmpty() && current.stream().allMatch(Lane::isRunning);
    }

    /** The fatal error that stopped a loop, if any. */
    public Throwable failure() {
        return lanes.stream().map(lane -> lane.failure).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** One read-process-write loop: a consumer, a transactional producer and the thread that drives them. */
    private final class Lane {
        private final int index;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Throwable failure;
        private volatile KafkaConsumer<byte[], byte[]> consumer;
        /** Whether the group assigned this loop its partitions at least once (possibly none). */
        private volatile boolean assigned;

        Lane(int index) {
            this.index = index;
            this.thread = new Thread(this::run, "newsflow-enrich-" + index);
        }

        void start() {
            thread.start();
        }

        boolean isRunning() {
            return running && stopped.getCount() > 0;
        }

        void stop() {
            running = false;
            KafkaConsumer<byte[], byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        boolean awaitStopped(long millis) throws InterruptedException {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        }

        private void run() {
            KafkaProducer<byte[], byte[]> producer = null;
            KafkaConsumer<byte[], byte[]> kafkaConsumer = null;
            AutoCloseable producerMeters = () -> { };
            AutoCloseable consumerMeters = () -> { };
            try {
                producer = createProducer(index);
                producerMeters = clientMeters.bind(producer);
                kafkaConsumer = createConsumer(index);
                consumerMeters = clientMeters.bind(kafkaConsumer);
                this.consumer = kafkaConsumer;
                producer.initTransactions();
                kafkaConsumer.subscribe(List.of(Topics.RAW_ARTICLES.name()), new LoggingRebalanceListener(this));
                int consecutiveAborts = 0;
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = kafkaConsumer.poll(
                            config.get(EnrichSettings.POLL_TIMEOUT));
                    if (records.isEmpty()) {
                        continue;
                    }
                    try {
                        List<EnrichedArticle> committed = processInTransaction(producer, kafkaConsumer, records);
                        consecutiveAborts = 0;
                        notifyCommitted(committed);
                    } catch (KafkaException e) {
                        if (KafkaErrors.isFatal(e)) {
                            throw e;
                        }
                        consecutiveAborts++;
                        abortedMeter.increment();
                        log.warn("Aborting enrich transaction of thread {} ({} in a row): {}", index,
                                consecutiveAborts, e.toString());
                        producer.abortTransaction();
                        if (consecutiveAborts >= config.get(EnrichSettings.MAX_TRANSACTION_RETRIES)) {
                            throw new IllegalStateException("gave up after " + consecutiveAborts
                                    + " aborted transactions in a row", e);
                        }
                        rewindToCommitted(kafkaConsumer);
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    failure = e;
                    log.error("Enrich thread {} woken up unexpectedly", index, e);
                }
            } catch (RuntimeException | Error e) {
                failure = e;
                log.error("Enrich thread {} stopped by a fatal error", index, e);
            } finally {
                running = false;
                this.consumer = null;
                KafkaClientMeters.unbind(consumerMeters);
                KafkaClientMeters.unbind(producerMeters);
                closeClients(producer, kafkaConsumer);
                stopped.countDown();
            }
        }

        /** Closes the consumer (leaving the group, so its partitions move at once) and the producer, bounded. */
        private void closeClients(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> kafkaConsumer) {
            if (kafkaConsumer != null) {
                try {
                    kafkaConsumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
                } catch (RuntimeException e) {
                    log.warn("Closing the consumer of enrich thread {} failed: {}", index, e.toString());
                }
            }
            if (producer != null) {
                try {
                    producer.close(CLIENT_CLOSE_TIMEOUT);
                } catch (RuntimeException e) {
                    log.warn("Closing the producer of enrich thread {} failed: {}", index, e.toString());
                }
            }
        }
    }

    private List<EnrichedArticle> processInTransaction(KafkaProducer<byte[], byte[]> producer,
                                                       KafkaConsumer<byte[], byte[]> kafkaConsumer,
                                                       ConsumerRecords<byte[], byte[]> records) {
        producer.beginTransaction();
        List<EnrichedArticle> enriched = new java.util.ArrayList<>(records.count());
        long deadLettered = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() != null) {
                MDC.put(LogContext.ARTICLE_ID, new String(record.key(), java.nio.charset.StandardCharsets.UTF_8));
            }
            try {
                EnrichedArticle article = enrich(record);
                byte[] value = Topics.ENRICHED_ARTICLES.valueSerde().serializer()
                        .serialize(Topics.ENRICHED_ARTICLES.name(), article);
                if (value.length > maxRecordBytes) {
                    // A record over the producer's limit would fail the whole transaction again and again.
                    throw new RecordTooLargeForTopicException("enriched article " + article.id() + " is "
                            + value.length + " bytes, over enrich.max-record-bytes=" + maxRecordBytes);
                }
                producer.send(new ProducerRecord<>(Topics.ENRICHED_ARTICLES.name(), null, record.key(), value,
                        CloudEvents.forEnriched(article)));
                enriched.add(article);
            } catch (RuntimeException e) {
                if (e instanceof KafkaException && !(e instanceof org.apache.kafka.common.errors.SerializationException)) {
                    throw e;
                }
                log.error("Dead-lettering raw record {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.toString());
                producer.send(DeadLetterRecords.of(STAGE, record, e, clock.instant()));
                deadLettered++;
            } finally {
                MDC.remove(LogContext.ARTICLE_ID);
            }
        }
        producer.sendOffsetsToTransaction(nextOffsets(records), kafkaConsumer.groupMetadata());
        commit(producer);
        enrichedCount.addAndGet(enriched.size());
        deadLetteredCount.addAndGet(deadLettered);
        enrichedMeter.increment(enriched.size());
        deadLetterMeter.increment(deadLettered);
        log.debug("Committed {} enriched articles and {} dead letters", enriched.size(), deadLettered);
        return enriched;
    }

    /**
     * Commits, repeating the commit after a timeout: the client allows that (and refuses an abort then), and the
     * transaction's outcome is decided only once the commit call returns.
     */
    private static void commit(KafkaProducer<byte[], byte[]> producer) {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (attempt >= COMMIT_ATTEMPTS) {
                    throw new IllegalStateException("commit of an enrich transaction timed out " + attempt
                            + " times in a row", e);
                }
                log.warn("Commit of an enrich transaction timed out (attempt {} of {}); committing again", attempt,
                        COMMIT_ATTEMPTS);
            }
        }
    }

    private void notifyCommitted(List<EnrichedArticle> committed) {
        for (EnrichedArticle article : committed) {
            try {
                onCommitted.accept(article);
            } catch (RuntimeException e) {
                log.warn("Listener failed on committed article {}: {}", article.id(), e.toString());
            }
        }
    }

    private EnrichedArticle enrich(ConsumerRecord<byte[], byte[]> record) {
        RawArticle raw = Topics.RAW_ARTICLES.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (raw == null) {
            throw new IllegalArgumentException("empty raw article record (tombstone)");
        }
        long started = System.nanoTime();
        EnrichedArticle article = enrichment.apply(raw);
        latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        log.debug("Enriched article {} ({}): {} tags, {} sources", article.id(), article.language(),
                article.tags().size(), article.sources().size());
        return article;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(partition);
            long last = partitionRecords.get(partitionRecords.size() - 1).offset();
            offsets.put(partition, new OffsetAndMetadata(last + 1));
        }
        return offsets;
    }

    private static void rewindToCommitted(KafkaConsumer<byte[], byte[]> kafkaConsumer) {
        Set<TopicPartition> assignment = kafkaConsumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = kafkaConsumer.committed(assignment);
        for (TopicPartition partition : assignment) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                kafkaConsumer.seekToBeginning(List.of(partition));
            } else {
                kafkaConsumer.seek(partition, offset);
            }
        }
    }

    private KafkaProducer<byte[], byte[]> createProducer(int lane) {
        Map<String, Object> properties = new HashMap<>(kafka);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(EnrichSettings.instanceId(config), lane));
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, PRODUCER_BATCH_BYTES);
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-enrich-producer-" + lane);
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Stable per instance and thread, so a restarted instance fences what each of its threads left open. (An instance
     * restarted with fewer threads leaves the surplus ids' open transactions to the broker's transaction timeout.)
     */
    static String transactionalId(String instanceId, int lane) {
        return "newsflow-enrich-" + instanceId + "-" + lane;
    }

    private KafkaConsumer<byte[], byte[]> createConsumer(int lane) {
        Map<String, Object> properties = new HashMap<>(kafka);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.get(EnrichSettings.GROUP_ID));
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.get(EnrichSettings.MAX_POLL_RECORDS));
        KafkaSettings.putSessionTimeout(properties, config.get(EnrichSettings.SESSION_TIMEOUT));
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-enrich-consumer-" + lane);
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Stops every loop after its current transaction and closes the clients; bounded in time. */
    @Override
    public void close() {
        closing = true;
        List<Lane> started = lanes;
        started.forEach(Lane::stop);
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            for (Lane lane : started) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!lane.awaitStopped(Math.max(0, left))) {
                    log.warn("Enrich thread {} did not stop within {}", lane.index, CLOSE_TIMEOUT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An enriched article too large to write; dead-lettered with its raw record. */
    static final class RecordTooLargeForTopicException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecordTooLargeForTopicException(String message) {
            super(message);
        }
    }

    private record LoggingRebalanceListener(Lane lane) implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
            log.info("Enrich thread {} gave up partitions {}", lane.index, partitions);
        }

        @Override
        public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
            lane.assigned = true;
            log.info("Enrich thread {} took partitions {}", lane.index, partitions);
        }
    }

    /** Options of an {@link EnrichService}. */
    public static final class Builder {
        private Config config;
        private Function<RawArticle, EnrichedArticle> enrichment;
        private Clock clock = Clock.systemUTC();
        private Consumer<EnrichedArticle> onCommitted = article -> { };
        private MeterRegistry registry;

        private Builder() {
        }

        /** Where the service's meters and its Kafka clients' metrics go; none when not given. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.registry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** The loaded configuration, declared by {@link EnrichSettings#all()}. */
        public Builder config(Config config) {
            this.config = config;
            return this;
        }

        /** The pure enrichment of one article, usually {@code enricher::enrich}. */
        public Builder enrichment(Function<RawArticle, EnrichedArticle> enrichment) {
            this.enrichment = enrichment;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Called on the committing loop's thread with each article after its transaction committed. */
        public Builder onCommitted(Consumer<EnrichedArticle> listener) {
            this.onCommitted = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public EnrichService build() {
            return new EnrichService(this);
        }
    }
}

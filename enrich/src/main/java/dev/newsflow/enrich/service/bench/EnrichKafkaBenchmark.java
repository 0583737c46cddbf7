package dev.newsflow.enrich.service.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.TopicSpec;
import dev.newsflow.contract.Topics;
import dev.newsflow.enrich.Enricher;
import dev.newsflow.enrich.bench.ArticleMix;
import dev.newsflow.enrich.service.EnrichService;
import dev.newsflow.enrich.service.EnrichSettings;
import dev.newsflow.support.bench.Pacer;
import dev.newsflow.support.bench.Timings;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.kafka.TopicCreator;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The enrich service through Kafka with exactly-once on, measured on a generated article mix ({@link ArticleMix}):
 * <ol>
 *   <li>a backlog of N raw articles is produced, copied unchanged by a transactional read-process-write loop
 *       ({@link TransactionalCopy}: Kafka's ceiling on this machine), then the service (with {@code enrich.threads} loops) drains it;
 *       throughput is counted from the first commit to the last, so group joining is not in the figure;</li>
 *   <li>a {@code read_committed} reader checks the enriched topic holds each article exactly once;</li>
 *   <li>articles are then produced at a fixed rate and the time from send to visible-after-commit is taken for
 *       each, p50 and p99;</li>
 * </ol>
 * with the throughput of the run's second half (once the JIT has compiled the hot code: the rate a long run
 * keeps), the time spent inside enrichment per article (p50, p99), CPU per article of this process, the largest heap
 * left after a garbage collection (young collections leave dead old objects in it, so it overstates) and the heap
 * left after a full collection at the end (the live set). Prints progress to {@code progress} and returns {@code key=value} lines.
 */
public final class EnrichKafkaBenchmark {

    private static final int ARTICLE_CHARS = 5_000;
    /** Where Kafka's ceiling run copies the raw articles to; deleted with the benchmark's broker. */
    private static final TopicSpec<byte[], byte[]> COPY_TOPIC = new TopicSpec<>("bench.transactional-copy", 1, false,
            Serdes.ByteArray(), Serdes.ByteArray());
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(15);

    private EnrichKafkaBenchmark() {
    }

    /**
     * What to run.
     *
     * @param warmUpArticles {@code enrich.warm-up-articles} of the service: generated articles it enriches before
     *                       joining the group; their CPU counts in {@code enrich.cpuMsPerArticle}, not their time in
     *                       the throughput, which starts at the first raw record enriched
     */
    public record Options(int articles, int threads, int partitions, int rate, Duration latencyDuration,
                          int warmUpArticles, List<RawArticle> given) {
        public Options {
            if (articles < 100 || threads < 1 || partitions < 1 || rate < 0 || latencyDuration.isNegative()
                    || warmUpArticles < 0) {
                throw new IllegalArgumentException(
                        "articles >= 100, threads >= 1, partitions >= 1, rate >= 0, warm-up >= 0");
            }
            given = List.copyOf(given);
        }

        public static Options defaults() {
            return new Options(20_000, 2, 4, 0, Duration.ofSeconds(20), 0, List.of());
        }

        /** Articles to send in turn (see {@link ArticleMix#cycling}) instead of the generated mix; empty: the mix. */
        public Options withArticlesFrom(List<RawArticle> value) {
            return new Options(articles, threads, partitions, rate, latencyDuration, warmUpArticles, value);
        }

        public Options withArticles(int value) {
            return new Options(value, threads, partitions, rate, latencyDuration, warmUpArticles, given);
        }

        public Options withThreads(int value) {
            return new Options(articles, value, Math.max(partitions, value), rate, latencyDuration, warmUpArticles,
                    given);
        }

        public Options withPartitions(int value) {
            return new Options(articles, threads, value, rate, latencyDuration, warmUpArticles, given);
        }

        /** Articles per second in the latency phase; 0 = half the measured throughput. */
        public Options withRate(int value) {
            return new Options(articles, threads, partitions, value, latencyDuration, warmUpArticles, given);
        }

        public Options withLatencyDuration(Duration value) {
            return new Options(articles, threads, partitions, rate, value, warmUpArticles, given);
        }

        public Options withWarmUpArticles(int value) {
            return new Options(articles, threads, partitions, rate, latencyDuration, value, given);
        }
    }

    public static String run(Options options, String bootstrapServers, PrintStream progress) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Map<String, Object> values = new HashMap<>();
        values.put(KafkaSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers);
        values.put(KafkaSettings.PARTITIONS.name(), options.partitions());
        values.put(EnrichSettings.THREADS.name(), options.threads());
        values.put(EnrichSettings.GROUP_ID.name(), "bench-enrich-" + System.nanoTime());
        values.put(EnrichSettings.INSTANCE_ID.name(), "bench-" + ProcessHandle.current().pid());
        values.put(EnrichSettings.WARM_UP_ARTICLES.name(), options.warmUpArticles());
        Config config = Config.of(EnrichSettings.all(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), values);
        Map<String, Object> kafka = KafkaSettings.clientProperties(config);
        TopicCreator.ensureTopics(kafka, List.of(Topics.RAW_ARTICLES, Topics.ENRICHED_ARTICLES, Topics.DEAD_LETTER),
                options.partitions(), config.get(KafkaSettings.REPLICATION_FACTOR));

        StringBuilder report = new StringBuilder();
        line(report, "java", System.getProperty("java.version"));
        line(report, "cores", Runtime.getRuntime().availableProcessors());
        line(report, "maxHeapMb", Runtime.getRuntime().maxMemory() / 1024 / 1024);
        line(report, "articles", options.articles());
        line(report, "threads", options.threads());
        line(report, "partitions", options.partitions());
        line(report, "warmUpArticles", options.warmUpArticles());

        HeapWatch heap = HeapWatch.start();
        ArticleMix mix = options.given().isEmpty() ? ArticleMix.bundled(ARTICLE_CHARS, 42)
                : ArticleMix.cycling(options.given());
        line(report, "articleSource", options.given().isEmpty() ? "generated mix"
                : options.given().size() + " given articles in turn");
        Enricher enricher = EnrichSettings.enricher(config, Clock.systemUTC());
        Timings enrichTimes = new Timings();
        try (KafkaProducer<String, byte[]> producer = rawProducer(kafka)) {
            progress.printf(Locale.ROOT, "producing %d raw articles ...%n", options.articles());
            long produceStart = System.nanoTime();
            long bytes = 0;
            for (int i = 0; i < options.articles(); i++) {
                RawArticle article = mix.next();
                byte[] value = serialize(article);
                bytes += value.length;
                producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), article.id(), value));
            }
            producer.flush();
            double produceSeconds = seconds(System.nanoTime() - produceStart);
            line(report, "rawRecordBytesAvg", bytes / options.articles());
            line(report, "produce.articlesPerSecond", format(options.articles() / produceSeconds));
            progress.println("Kafka's ceiling: copying the raw articles unchanged in transactions ...");
            TopicCreator.ensureTopics(kafka, List.of(COPY_TOPIC), options.partitions(),
                    config.get(KafkaSettings.REPLICATION_FACTOR));
            double ceiling;
            try {
                ceiling = TransactionalCopy.run(kafka, Topics.RAW_ARTICLES.name(), COPY_TOPIC.name(),
                        options.threads(), config.get(EnrichSettings.MAX_POLL_RECORDS), options.articles());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            line(report, "ceiling.transactionalCopy.articlesPerSecond", format(ceiling));

            AtomicLong firstRecord = new AtomicLong();
            AtomicLong lastCommit = new AtomicLong();
            // the second half of the run: the JIT has compiled the hot code by then, so it is the rate a long run keeps
            AtomicLong committed = new AtomicLong();
            AtomicLong halfCommitted = new AtomicLong();
            long half = options.articles() / 2;
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Timings endToEnd = new Timings();
            EnrichService service = EnrichService.builder().config(config)
                    .enrichment(raw -> {
                        if (EnrichService.WARM_UP_FEED.equals(raw.feedId())) {
                            return enricher.enrich(raw);
                        }
                        long start = System.nanoTime();
                        firstRecord.compareAndSet(0, start);
                        EnrichedArticle enriched = enricher.enrich(raw);
                        enrichTimes.add(System.nanoTime() - start);
                        return enriched;
                    })
                    .onCommitted(article -> {
                        long now = System.nanoTime();
                        lastCommit.set(now);
                        if (committed.incrementAndGet() == half) {
                            halfCommitted.set(now);
                        }
                        Long sent = sentAt.remove(article.id());
                        if (sent != null) {
                            endToEnd.add(now - sent);
                        }
                    })
                    .build();
            long cpuStart = processCpuNanos();
            try {
                service.start();
                awaitCount(service, options.articles(), progress);
                long cpu = processCpuNanos() - cpuStart;
                double throughput = options.articles() / seconds(lastCommit.get() - firstRecord.get());
                line(report, "enrich.articlesPerSecond", format(throughput));
                line(report, "enrich.shareOfCeiling", ratio(throughput / ceiling));
                long secondHalfNanos = lastCommit.get() - halfCommitted.get();
                // a short run can commit its whole second half in one transaction: no time to divide by
                line(report, "enrich.secondHalf.articlesPerSecond", secondHalfNanos > 0
                        ? format((options.articles() - half) / seconds(secondHalfNanos)) : "n/a");
                line(report, "enrich.cpuMsPerArticle", format(cpu / 1e6 / options.articles()));
                line(report, "enrich.inEnricherMs.p50", format(enrichTimes.percentile(50) / 1e6));
                line(report, "enrich.inEnricherMs.p99", format(enrichTimes.percentile(99) / 1e6));
                line(report, "enrich.deadLettered", service.deadLetteredCount());
                Verification verification = verify(kafka, options.articles(), progress);
                line(report, "verify.distinctArticles", verification.distinct());
                line(report, "verify.duplicates", verification.duplicates());

                int rate = options.rate() > 0 ? options.rate() : Math.max(1, (int) (throughput / 2));
                if (!options.latencyDuration().isZero()) {
                    progress.printf(Locale.ROOT, "latency: %d articles/s for %d s ...%n", rate,
                            options.latencyDuration().toSeconds());
                    long sent = paced(producer, mix, rate, options.latencyDuration(), sentAt);
                    awaitCount(service, options.articles() + sent, progress);
                    line(report, "latency.rate", rate);
                    line(report, "latency.articles", sent);
                    line(report, "latency.sendToCommittedMs.p50", format(endToEnd.percentile(50) / 1e6));
                    line(report, "latency.sendToCommittedMs.p99", format(endToEnd.percentile(99) / 1e6));
                }
                line(report, "heapAfterGcMaxMb", format(heap.maxAfterGcBytes() / 1024.0 / 1024.0));
                line(report, "heapLiveAfterFullGcMb", format(liveHeapBytes() / 1024.0 / 1024.0));
            } finally {
                service.close();
                heap.stop();
            }
        }
        return report.toString();
    }

    private static KafkaProducer<String, byte[]> rawProducer(Map<String, Object> kafka) {
        Map<String, Object> properties = new HashMap<>(kafka);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-bench-raw");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] serialize(RawArticle article) {
        return Topics.RAW_ARTICLES.valueSerde().serializer().serialize(Topics.RAW_ARTICLES.name(), article);
    }

    /** Sends at {@code rate} per second for {@code duration}; returns how many were sent. */
    private static long paced(KafkaProducer<String, byte[]> producer, ArticleMix mix, int rate, Duration duration,
                              Map<String, Long> sentAt) {
        long sent = Pacer.run(rate, duration, count -> {
            RawArticle article = mix.next();
            byte[] value = serialize(article);
            sentAt.put(article.id(), System.nanoTime());
            producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), article.id(), value));
        });
        producer.flush();
        return sent;
    }

    private static void awaitCount(EnrichService service, long expected, PrintStream progress) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (service.enrichedCount() + service.deadLetteredCount() < expected) {
            if (!service.isRunning()) {
                throw new IllegalStateException("enrich service stopped", service.failure());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + service.enrichedCount() + " of " + expected
                        + " articles enriched within " + DRAIN_TIMEOUT);
            }
            if (System.nanoTime() > nextReport) {
                progress.printf(Locale.ROOT, "  enriched %,d of %,d%n", service.enrichedCount(), expected);
                nextReport += PROGRESS_EVERY.toNanos();
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        progress.printf(Locale.ROOT, "  enriched %,d of %,d%n", service.enrichedCount(), expected);
    }

    private record Verification(long distinct, long duplicates) {
    }

    private static Verification verify(Map<String, Object> kafka, long expected, PrintStream progress) {
        progress.println("verifying with a read_committed reader ...");
        Map<String, Object> properties = new HashMap<>(kafka);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-verify-" + System.nanoTime());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Set<String> seen = new HashSet<>();
        long records = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ENRICHED_ARTICLES.name()));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (seen.size() < expected || emptyPolls < 3)) {
                var batch = consumer.poll(Duration.ofMillis(500));
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : batch) {
                    records++;
                    seen.add(record.key());
                }
            }
        }
        return new Verification(seen.size(), records - seen.size());
    }

    /** Heap in use after a full collection, with the service still running: what it really keeps. */
    private static long liveHeapBytes() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Three significant digits: a small run on a busy machine can leave enrichment well under 1% of the ceiling. */
    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static void line(StringBuilder report, String key, Object value) {
        report.append(key).append('=').append(value).append('\n');
    }

    /** The largest heap occupancy right after a garbage collection, from the collectors' notifications. */
    private static final class HeapWatch implements NotificationListener {
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final AtomicLong max = new AtomicLong();

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (collector instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(watch, null, null);
                    watch.emitters.add(emitter);
                }
            }
            return watch;
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (HEAP_POOLS.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            max.accumulateAndGet(used, Math::max);
        }

        long maxAfterGcBytes() {
            return max.get();
        }

        void stop() {
            for (NotificationEmitter emitter : emitters) {
                try {
                    emitter.removeNotificationListener(this);
                } catch (ListenerNotFoundException e) {
                    // already gone
                }
            }
        }
    }

    private static final Set<String> HEAP_POOLS = heapPools();

    private static Set<String> heapPools() {
        Set<String> names = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                names.add(pool.getName());
            }
        }
        return Set.copyOf(names);
    }
}

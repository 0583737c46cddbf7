package dev.newsflow.publish;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.publish.feed.ArticleWindow;
import dev.newsflow.publish.http.PublishHttpServer;
import dev.newsflow.publish.subscription.Subscription;
import dev.newsflow.publish.webhook.RetrySchedule;
import dev.newsflow.publish.webhook.WebhookSender;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.kafka.TopicCreator;
import dev.newsflow.support.net.TargetGuard;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish service: delivers every enriched article to the webhook subscribers whose filter wants it, and
 * (unless {@code publish.http.enabled} is false) serves the recent articles as Atom, RSS and JSON feeds and as a
 * Server-Sent Events stream over HTTP, see {@link PublishHttpServer}.
 *
 * <p>Each subscription has its own worker thread and consumer group ({@value #GROUP_ID_PREFIX}{@code <id>}), reads
 * committed transactions only, and commits an article once it was delivered or given up, so delivery is
 * at-least-once with a stable {@code webhook-id} per article version and subscription for the subscriber to drop
 * duplicates. Articles it gives up on, and records that are not valid enriched articles, go to
 * {@code news.deadletter}.
 *
 * <pre>{@code
 * try (PublishService publish = PublishService.builder(config)
 *         .onDelivered((subscription, article) -> System.out.println(subscription.id() + " <- " + article.title()))
 *         .build()) {
 *     publish.start();
 *     ...
 * }
 * }</pre>
 */
public final class PublishService implements AutoCloseable {

    public static final String GROUP_ID_PREFIX = "newsflow-publish.";

    private static final Logger log = LoggerFactory.getLogger(PublishService.class);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration GRACE_AFTER_INTERRUPT = Duration.ofSeconds(5);

    private final Config config;
    private final Clock clock;
    private final List<Subscription> subscriptions;
    private final WebhookSender sender;
    private final RetrySchedule schedule;
    private final BiConsumer<Subscription, EnrichedArticle> onDelivered;
    private final Duration closeTimeout;

    private final Map<String, SubscriptionWorker> workers = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    /** The workers started and their threads; read without the lock, so a closing service still answers. */
    private volatile List<WorkerThread> workerThreads = List.of();
    private Producer<byte[], byte[]> deadLetters;
    private volatile RecentArticlesFeeder feeder;
    private volatile Thread feederThread;
    private volatile PublishHttpServer http;
    private boolean startCalled;
    /** Set once start() has started every worker it could. */
    private volatile boolean launched;
    private volatile boolean closed;

    /** A worker and the thread it runs on. */
    private record WorkerThread(SubscriptionWorker worker, Thread thread) {
        boolean isAlive() {
            return thread.isAlive() && worker.isActive();
        }
    }

    private PublishService(Builder builder) {
        this.config = builder.config;
        this.clock = builder.clock;
        this.subscriptions = config.get(PublishSettings.SUBSCRIPTIONS);
        Duration timeout = config.get(PublishSettings.REQUEST_TIMEOUT);
        HttpClient client = builder.httpClient != null ? builder.httpClient : WebhookSender.defaultClient(timeout);
        TargetGuard guard = config.get(PublishSettings.ALLOW_PRIVATE_TARGETS)
                ? TargetGuard.allowingPrivateTargets() : TargetGuard.refusingPrivateTargets();
        this.sender = new WebhookSender(client, timeout, guard, clock);
        this.schedule = new RetrySchedule(config.get(PublishSettings.RETRY_SCHEDULE),
                config.get(PublishSettings.MAX_ATTEMPTS), builder.random);
        this.onDelivered = builder.onDelivered;
        this.closeTimeout = builder.closeTimeout != null ? builder.closeTimeout : timeout.plusSeconds(5);
    }

    /** A builder for a service configured by {@code config}, which must declare {@link PublishSettings#settings()}. */
    public static Builder builder(Config config) {
        return new Builder(config);
    }

    /** Creates the topics when missing and starts one worker per enabled subscription. */
    public synchronized void start() {
        if (startCalled || closed) {
            throw new IllegalStateException(closed ? "the service is closed" : "the service is already started");
        }
        startCalled = true;
        Map<String, Object> client = KafkaSettings.clientProperties(config);
        TopicCreator.ensureTopics(client, List.of(Topics.ENRICHED_ARTICLES, Topics.DEAD_LETTER),
                config.get(KafkaSettings.PARTITIONS), config.get(KafkaSettings.REPLICATION_FACTOR));
        deadLetters = new KafkaProducer<>(producerProperties(client), new ByteArraySerializer(),
                new ByteArraySerializer());
        for (Subscription subscription : subscriptions) {
            if (!subscription.enabled()) {
                log.info("Subscription {} is disabled in the configuration", subscription.id());
                continue;
            }
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(client, subscription),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            SubscriptionWorker worker = new SubscriptionWorker(subscription, consumer, deadLetters, sender, schedule,
                    clock, onDelivered);
            workers.put(subscription.id(), worker);
            Thread thread = new Thread(worker, "publish-" + subscription.id());
            threads.add(thread);
            thread.start();
            workerThreads = append(workerThreads, new WorkerThread(worker, thread));
            log.info("Subscription {} delivers to {} articles matching {}", subscription.id(),
                    subscription.delivery().redactedUrl(), subscription.filter().matchesEverything()
                            ? "everything" : subscription.filter());
        }
        if (config.get(PublishSettings.HTTP_ENABLED)) {
            startHttp(client);
        }
        launched = true;
        if (workers.isEmpty()) {
            log.warn("No enabled subscriptions in publish.subscriptions: no webhooks will be delivered");
        }
    }

    /** Starts the window feeder and the HTTP server for feeds and the stream. */
    private void startHttp(Map<String, Object> client) {
        ArticleWindow window = new ArticleWindow(config.get(PublishSettings.FEEDS_WINDOW));
        feeder = RecentArticlesFeeder.create(client, window);
        feederThread = new Thread(feeder, "publish-window");
        feederThread.setDaemon(true);
        feederThread.start();
        http = new PublishHttpServer(new PublishHttpServer.Options(config.get(PublishSettings.HTTP_HOST),
                config.get(PublishSettings.HTTP_PORT), config.get(PublishSettings.STREAM_KEEP_ALIVE),
                config.get(PublishSettings.STREAM_MAX_CLIENTS), config.get(PublishSettings.STREAM_CLIENT_QUEUE),
                config.find(PublishSettings.HTTP_PUBLIC_URL)), window);
        http.start();
    }

    /** The port the HTTP server listens on; empty when it is disabled or the service is not started. */
    public OptionalInt httpPort() {
        PublishHttpServer server = http;
        return server != null && server.isRunning() ? OptionalInt.of(server.port()) : OptionalInt.empty();
    }

    /** Whether the feeds and stream are served and kept up to date. */
    private boolean httpServing() {
        Thread thread = feederThread;
        PublishHttpServer server = http;
        return server != null && server.isRunning() && thread != null && thread.isAlive();
    }

    /**
     * Whether the service delivers: it was started, is not closed, and either the HTTP server serves feeds and the
     * stream with its window following the enriched topic, or at least one enabled subscription has a worker that is
     * alive and has not failed. False before {@link #start()}, after {@link #close()}, when no
     * subscription is enabled and HTTP is disabled, and once every worker (and the window, if HTTP is enabled) has
     * ended by itself: failed on an error it cannot recover from
     * (Kafka refused the consumer or the dead-letter producer; see {@link #failure()}) or disabled by a 410 Gone
     * answer. A worker waiting to retry a delivery is alive. Never blocks, so a launcher can poll it while the
     * service closes.
     */
    public boolean isRunning() {
        return !closed && (workerThreads.stream().anyMatch(WorkerThread::isAlive) || httpServing());
    }

    /**
     * Why the service stopped delivering by itself: the error of the first subscription (in configuration order)
     * whose worker failed, or, when none failed, an {@link IllegalStateException} saying every subscription is gone
     * or none is enabled. Empty while it {@linkplain #isRunning() runs}, before it is started and after it is
     * closed, unless a worker failed.
     */
    public Optional<Throwable> failure() {
        List<WorkerThread> current = workerThreads;
        for (WorkerThread worker : current) {
            Optional<Throwable> failure = worker.worker().failure();
            if (failure.isPresent()) {
                return failure;
            }
        }
        if (feeder != null && feeder.failure().isPresent()) {
            return feeder.failure();
        }
        if (closed || isRunning()) {
            return Optional.empty();
        }
        if (current.isEmpty()) {
            return launched
                    ? Optional.of(new IllegalStateException("no subscription is enabled in publish.subscriptions"))
                    : Optional.empty();
        }
        return Optional.of(new IllegalStateException("every subscription stopped: " + current.stream()
                .map(worker -> worker.worker().stats())
                .map(stats -> stats.subscriptionId() + " " + stats.state()).toList()));
    }

    private static List<WorkerThread> append(List<WorkerThread> list, WorkerThread element) {
        List<WorkerThread> longer = new ArrayList<>(list);
        longer.add(element);
        return List.copyOf(longer);
    }

    /** The subscriptions as configured, enabled or not. */
    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Counters and state of each subscription, in configuration order. */
    public synchronized Map<String, SubscriptionStats> stats() {
        Map<String, SubscriptionStats> stats = new LinkedHashMap<>();
        for (Subscription subscription : subscriptions) {
            SubscriptionWorker worker = workers.get(subscription.id());
            WorkerState notRunning = subscription.enabled() ? WorkerState.NOT_STARTED : WorkerState.DISABLED;
            stats.put(subscription.id(), worker != null ? worker.stats()
                    : new SubscriptionStats(subscription.id(), notRunning, 0, 0, 0, 0));
        }
        return Collections.unmodifiableMap(stats);
    }

    /**
     * Stops the workers, which commit what they finished, and closes the Kafka clients. Deliveries in flight get up
     * to the close timeout (by default the request timeout plus 5 s) to complete before they are interrupted and left
     * for the next start.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (http != null) {
            http.close();
        }
        if (feeder != null) {
            feeder.stop();
        }
        workers.values().forEach(SubscriptionWorker::stop);
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        boolean interrupted = false;
        for (Thread thread : threads) {
            interrupted |= join(thread, Math.max(0, deadline - System.nanoTime()));
        }
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                log.warn("Worker {} did not stop within {}; interrupting it", thread.getName(), closeTimeout);
                thread.interrupt();
                interrupted |= join(thread, GRACE_AFTER_INTERRUPT.toNanos());
            }
        }
        if (feederThread != null) {
            interrupted |= join(feederThread, GRACE_AFTER_INTERRUPT.toNanos());
        }
        if (deadLetters != null) {
            deadLetters.close(PRODUCER_CLOSE_TIMEOUT);
        }
        log.info("Publish service stopped: {}", stats().values());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Joins the thread for up to the time given; returns whether the caller was interrupted meanwhile. */
    private static boolean join(Thread thread, long nanos) {
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static Map<String, Object> consumerProperties(Map<String, Object> client, Subscription subscription) {
        Map<String, Object> properties = new HashMap<>(client);
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID_PREFIX + subscription.id());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-publish-" + subscription.id());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // One record at a time, so nothing fetched sits behind a delivery that waits hours for its next attempt.
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return properties;
    }

    private static Map<String, Object> producerProperties(Map<String, Object> client) {
        Map<String, Object> properties = new HashMap<>(client);
        properties.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-publish-deadletter");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return properties;
    }

    /** Options of a {@link PublishService}; everything but the configuration has a default. */
    public static final class Builder {
        private final Config config;
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;
        private RandomGenerator random = new Random();
        private BiConsumer<Subscription, EnrichedArticle> onDelivered = (subscription, article) -> { };
        private Duration closeTimeout;

        private Builder(Config config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The clock for webhook timestamps and retry times; it must tick. Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The HTTP client for webhooks. Default: HTTP/1.1, no redirects, connect timeout = request timeout. A client
         * given here should not follow redirects either.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** The source of retry jitter. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Called on the subscription's worker thread after each article the subscriber accepted. */
        public Builder onDelivered(BiConsumer<Subscription, EnrichedArticle> listener) {
            this.onDelivered = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How long {@link PublishService#close()} waits for deliveries in flight. */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
            return this;
        }

        public PublishService build() {
            return new PublishService(this);
        }
    }
}

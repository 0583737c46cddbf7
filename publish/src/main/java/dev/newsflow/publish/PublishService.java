package dev.newsflow.publish;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Topics;
import dev.newsflow.publish.feed.ArticleWindow;
import dev.newsflow.publish.http.PublishHttpServer;
import dev.newsflow.publish.http.SubscriptionsApi;
import dev.newsflow.publish.store.FailedDeliveries;
import dev.newsflow.publish.store.SubscriptionStore;
import dev.newsflow.publish.subscription.Delivery;
import dev.newsflow.publish.subscription.StoredSubscription;
import dev.newsflow.publish.subscription.Subscription;
import dev.newsflow.publish.subscription.SubscriptionOperations;
import dev.newsflow.publish.subscription.SubscriptionState;
import dev.newsflow.publish.webhook.RetrySchedule;
import dev.newsflow.publish.webhook.WebhookSender;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.kafka.TopicCreator;
import dev.newsflow.support.net.TargetGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * <p>The subscriptions live in the compacted topic {@code news.subscriptions}: the service reads it from the
 * beginning at start, upserts the subscriptions declared in {@code publish.subscriptions} (and deletes the ones
 * declared before but no longer), then follows it, starting, stopping and reconfiguring workers as subscriptions
 * are created, changed, paused, resumed, disabled or deleted, through the API ({@link SubscriptionsApi}) of any
 * instance or the command line. Each active webhook subscription has its own worker thread and consumer group
 * ({@value #GROUP_ID_PREFIX}{@code <id>}), reads committed transactions only, and commits an article once it was
 * delivered or given up, so delivery is at-least-once with a stable {@code webhook-id} per article version and
 * subscription for the subscriber to drop duplicates. Deliveries that exhaust their attempts are kept in
 * {@code news.deliveries.failed} to be listed and replayed; records that are not valid enriched articles go to
 * {@code news.deadletter}. A 410 Gone answer disables the subscription in the topic, so it stays disabled across
 * restarts and on every instance until it is resumed.
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
    /** The subscriptions declared in the configuration. */
    private final List<Subscription> declared;
    private final TargetGuard guard;
    private final WebhookSender sender;
    private final int maxInFlight;
    private final RetrySchedule schedule;
    private final BiConsumer<Subscription, EnrichedArticle> onDelivered;
    private final Duration closeTimeout;
    private final DecodedArticles decoded = new DecodedArticles(DecodedArticles.DEFAULT_CAPACITY);

    /** The current worker of each subscription that has one; guarded by this. */
    private final Map<String, WorkerThread> workers = new LinkedHashMap<>();
    /** A copy of {@link #workers}, read without the lock, so a closing or reconciling service still answers. */
    private volatile Map<String, WorkerThread> workerThreads = Map.of();
    private final ExecutorService reconciler = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "publish-reconcile");
        thread.setDaemon(true);
        return thread;
    });
    private Map<String, Object> client;
    private Producer<byte[], byte[]> deadLetters;
    private volatile SubscriptionStore store;
    private FailedDeliveries failedDeliveries;
    private volatile SubscriptionManager manager;
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
        this.declared = config.get(PublishSettings.SUBSCRIPTIONS);
        Duration timeout = config.get(PublishSettings.REQUEST_TIMEOUT);
        this.guard = builder.guard != null ? builder.guard : config.get(PublishSettings.ALLOW_PRIVATE_TARGETS)
                ? TargetGuard.allowingPrivateTargets() : TargetGuard.refusingPrivateTargets();
        this.maxInFlight = config.get(PublishSettings.MAX_IN_FLIGHT);
        this.sender = WebhookSender.start(timeout, guard, clock, maxInFlight);
        this.schedule = new RetrySchedule(config.get(PublishSettings.RETRY_SCHEDULE),
                config.get(PublishSettings.MAX_ATTEMPTS), builder.random);
        this.onDelivered = builder.onDelivered;
        this.closeTimeout = builder.closeTimeout != null ? builder.closeTimeout : timeout.plusSeconds(5);
    }

    /** A builder for a service configured by {@code config}, which must declare {@link PublishSettings#settings()}. */
    public static Builder builder(Config config) {
        return new Builder(config);
    }

    /**
     * Creates the topics when missing, reads the subscriptions, upserts the declared ones, starts one worker per
     * active webhook subscription and then follows {@code news.subscriptions}.
     */
    public synchronized void start() {
        if (startCalled || closed) {
            throw new IllegalStateException(closed ? "the service is closed" : "the service is already started");
        }
        startCalled = true;
        client = KafkaSettings.clientProperties(config);
        TopicCreator.ensureTopics(client, topics(), config.get(KafkaSettings.PARTITIONS),
                config.get(KafkaSettings.REPLICATION_FACTOR));
        deadLetters = new KafkaProducer<>(producerProperties(client), new ByteArraySerializer(),
                new ByteArraySerializer());
        failedDeliveries = new FailedDeliveries(client);
        store = SubscriptionStore.open(client);
        manager = new SubscriptionManager(client, store, failedDeliveries, clock, guard, sender);
        store.follow(id -> {
            try {
                reconciler.execute(() -> reconcile(id));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing: workers are stopped anyway
            }
        });
        upsertDeclared();
        store.all().forEach(subscription -> reconcile(subscription.id()));
        if (config.get(PublishSettings.HTTP_ENABLED)) {
            startHttp(client);
        }
        launched = true;
        if (workers.isEmpty()) {
            log.warn("No active webhook subscription yet: none is delivered until one is created or resumed");
        }
    }

    /** The topics the service needs. */
    static List<dev.newsflow.contract.TopicSpec<?, ?>> topics() {
        return List.of(Topics.ENRICHED_ARTICLES, Topics.DEAD_LETTER, Topics.SUBSCRIPTIONS, Topics.DELIVERIES_FAILED);
    }

    /**
     * Stores the declared subscriptions where they differ from the topic (see {@link StoredSubscription#declared}),
     * and deletes those the configuration declared before but no longer does. Instances sharing a cluster must
     * share {@code publish.subscriptions}.
     */
    private void upsertDeclared() {
        Instant now = clock.instant();
        for (Subscription subscription : declared) {
            StoredSubscription.declared(subscription, store.get(subscription.id()), now).ifPresent(stored -> {
                log.info("Storing subscription {} as declared in publish.subscriptions", stored);
                store.put(stored);
            });
        }
        Set<String> ids = declared.stream().map(Subscription::id).collect(Collectors.toSet());
        for (StoredSubscription stored : store.all()) {
            if (stored.origin() == StoredSubscription.Origin.CONFIG && !ids.contains(stored.id())) {
                log.info("Deleting subscription {}: it is no longer declared in publish.subscriptions", stored.id());
                store.delete(stored.id());
            }
        }
    }

    /**
     * Brings the subscription's worker in line with the stored subscription: starts it when the subscription
     * delivers, stops it when it no longer does, and restarts it when its filter or delivery changed. A worker that
     * failed is left as it is until its subscription changes.
     */
    private synchronized void reconcile(String id) {
        if (closed) {
            return;
        }
        Optional<Subscription> wanted = store.get(id).flatMap(StoredSubscription::toSubscription);
        WorkerThread current = workers.get(id);
        if (current != null) {
            if (wanted.isPresent() && wanted.get().equals(current.worker().subscription())) {
                return;
            }
            stopWorker(current);
            workers.remove(id);
            log.info("Subscription {}: worker stopped ({})", id, store.get(id).map(stored -> stored.state().label()
                    + (stored.stateReason() == null ? "" : ": " + stored.stateReason())).orElse("deleted"));
        }
        wanted.ifPresent(this::startWorker);
        workerThreads = Map.copyOf(workers);
    }

    private void startWorker(Subscription subscription) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(client, subscription,
                config.get(PublishSettings.SESSION_TIMEOUT), maxInFlight),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        SubscriptionWorker worker = new SubscriptionWorker(subscription, consumer, deadLetters, sender, schedule,
                clock, onDelivered, failedDeliveries, (gone, articleId) -> manager.disableGone(gone, articleId), maxInFlight,
                decoded);
        Thread thread = new Thread(worker, "publish-" + subscription.id());
        workers.put(subscription.id(), new WorkerThread(worker, thread));
        thread.start();
        log.info("Subscription {} delivers to {} articles matching {}", subscription.id(),
                subscription.delivery().redactedUrl(), subscription.filter().matchesEverything()
                        ? "everything" : subscription.filter());
    }

    /** Stops the worker and waits for it, up to the close timeout plus a grace after interrupting it. */
    private boolean stopWorker(WorkerThread worker) {
        worker.worker().stop();
        boolean interrupted = join(worker.thread(), closeTimeout.toNanos());
        if (worker.thread().isAlive()) {
            log.warn("Worker {} did not stop within {}; interrupting it", worker.thread().getName(), closeTimeout);
            worker.thread().interrupt();
            interrupted |= join(worker.thread(), GRACE_AFTER_INTERRUPT.toNanos());
        }
        return interrupted;
    }

    /** Starts the window feeder and the HTTP server for feeds, the stream and the subscriptions API. */
    private void startHttp(Map<String, Object> client) {
        ArticleWindow window = new ArticleWindow(config.get(PublishSettings.FEEDS_WINDOW));
        feeder = RecentArticlesFeeder.create(client, window);
        feederThread = new Thread(feeder, "publish-window");
        feederThread.setDaemon(true);
        feederThread.start();
        List<String> keys = config.get(PublishSettings.API_KEYS);
        http = new PublishHttpServer(new PublishHttpServer.Options(config.get(PublishSettings.HTTP_HOST),
                config.get(PublishSettings.HTTP_PORT), config.get(PublishSettings.STREAM_KEEP_ALIVE),
                config.get(PublishSettings.STREAM_MAX_CLIENTS), config.get(PublishSettings.STREAM_CLIENT_QUEUE),
                config.find(PublishSettings.HTTP_PUBLIC_URL)), window, new SubscriptionsApi(manager, keys));
        http.start();
        if (keys.isEmpty()) {
            log.info("The subscriptions API is off: no publish.api.keys");
        }
    }

    /**
     * The subscription operations of the API (create, pause, replay, ...); empty before {@link #start()}. Changes
     * take effect on every instance that follows the same topic.
     */
    public Optional<SubscriptionOperations> subscriptionOperations() {
        return Optional.ofNullable(manager);
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
     * Whether the service runs: it was started, is not closed, and it still follows {@code news.subscriptions} (so
     * subscriptions created, resumed or changed will be delivered), or a worker delivers, or the HTTP server serves
     * feeds and the stream. A service without any active subscription runs: one may be created at any time. Never
     * blocks, so a launcher can poll it while the service closes.
     */
    public boolean isRunning() {
        SubscriptionStore following = store;
        return !closed && launched && ((following != null && following.isFollowing())
                || workerThreads.values().stream().anyMatch(WorkerThread::isAlive) || httpServing());
    }

    /**
     * Whether every subscription that is delivering has had its first partition assignment: before that, the
     * instance has joined no group and delivers nothing. True with no active subscription.
     */
    public boolean isAssigned() {
        return workerThreads.values().stream().filter(WorkerThread::isAlive)
                .allMatch(worker -> worker.worker().hasBeenAssigned());
    }

    /**
     * Why the service or a subscription stopped by itself: the error of the first subscription (by id) whose worker
     * failed (Kafka refused its consumer, or the failed-delivery or dead-letter topic could not be written), else
     * the error that stopped the window or the following of {@code news.subscriptions}. Empty when nothing failed.
     */
    public Optional<Throwable> failure() {
        for (WorkerThread worker : new java.util.TreeMap<>(workerThreads).values()) {
            Optional<Throwable> failure = worker.worker().failure();
            if (failure.isPresent()) {
                return failure;
            }
        }
        if (feeder != null && feeder.failure().isPresent()) {
            return feeder.failure();
        }
        SubscriptionStore following = store;
        if (following != null && following.failure().isPresent()) {
            return following.failure();
        }
        if (!closed && launched && !isRunning()) {
            return Optional.of(new IllegalStateException("the service stopped following news.subscriptions"));
        }
        return Optional.empty();
    }

    /**
     * The webhook subscriptions: before {@link #start()} those declared in the configuration, then those stored in
     * {@code news.subscriptions} ({@link Subscription#enabled()} is whether it is active).
     */
    public List<Subscription> subscriptions() {
        SubscriptionStore current = store;
        if (current == null) {
            return declared;
        }
        return current.all().stream().filter(stored -> stored.delivery().type() == Delivery.Type.WEBHOOK)
                .map(stored -> new Subscription(stored.id(), stored.filter(), stored.delivery().toWebhook(),
                        stored.state() == SubscriptionState.ACTIVE)).toList();
    }

    /**
     * Counters and state of each subscription this instance knows (by id; before {@link #start()} the declared
     * ones), and of every worker it ran. Counters count since the subscription's worker last started here.
     */
    public Map<String, SubscriptionStats> stats() {
        Map<String, SubscriptionStats> stats = new java.util.TreeMap<>();
        Map<String, WorkerThread> running = workerThreads;
        SubscriptionStore current = store;
        if (current == null) {
            for (Subscription subscription : declared) {
                stats.put(subscription.id(), idle(subscription.id(),
                        subscription.enabled() ? WorkerState.NOT_STARTED : WorkerState.PAUSED));
            }
        } else {
            for (StoredSubscription stored : current.all()) {
                WorkerState state = switch (stored.state()) {
                    case ACTIVE -> stored.delivers() ? WorkerState.NOT_STARTED : WorkerState.DISABLED;
                    case PAUSED -> WorkerState.PAUSED;
                    case DISABLED -> WorkerState.DISABLED;
                };
                stats.put(stored.id(), idle(stored.id(), state));
            }
        }
        running.forEach((id, worker) -> stats.put(id, worker.worker().stats()));
        return Collections.unmodifiableMap(stats);
    }

    private static SubscriptionStats idle(String id, WorkerState state) {
        return new SubscriptionStats(id, state, 0, 0, 0, 0);
    }

    /**
     * Stops the workers, which commit what they finished, and closes the Kafka clients. Deliveries in flight get up
     * to the close timeout (by default the request timeout plus 5 s) to complete before they are interrupted and left
     * for the next start.
     */
    @Override
    public void close() {
        reconciler.shutdown();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (http != null) {
            http.close();
        }
        if (feeder != null) {
            feeder.stop();
        }
        if (manager != null) {
            manager.close();
        }
        boolean interrupted = false;
        synchronized (this) {
            workers.values().forEach(worker -> worker.worker().stop());
            long deadline = System.nanoTime() + closeTimeout.toNanos();
            for (WorkerThread worker : workers.values()) {
                interrupted |= join(worker.thread(), Math.max(0, deadline - System.nanoTime()));
            }
            for (WorkerThread worker : workers.values()) {
                if (worker.thread().isAlive()) {
                    log.warn("Worker {} did not stop within {}; interrupting it", worker.thread().getName(),
                            closeTimeout);
                    worker.thread().interrupt();
                    interrupted |= join(worker.thread(), GRACE_AFTER_INTERRUPT.toNanos());
                }
            }
        }
        if (feederThread != null) {
            interrupted |= join(feederThread, GRACE_AFTER_INTERRUPT.toNanos());
        }
        if (store != null) {
            store.close();
        }
        if (failedDeliveries != null) {
            failedDeliveries.close();
        }
        if (deadLetters != null) {
            deadLetters.close(PRODUCER_CLOSE_TIMEOUT);
        }
        try {
            sender.close();
        } catch (RuntimeException e) {
            log.warn("The webhook HTTP client did not stop cleanly", e);
        }
        Collection<SubscriptionStats> stats = stats().values();
        log.info("Publish service stopped: {} subscriptions, {} delivered, {} retried, {} dead-lettered, {} filtered "
                        + "out; {} articles decoded, {} shared between subscriptions", stats.size(),
                stats.stream().mapToLong(SubscriptionStats::delivered).sum(),
                stats.stream().mapToLong(SubscriptionStats::retried).sum(),
                stats.stream().mapToLong(SubscriptionStats::deadLettered).sum(),
                stats.stream().mapToLong(SubscriptionStats::filteredOut).sum(), decoded.misses(), decoded.hits());
        log.debug("Per subscription: {}", stats);
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

    private static Map<String, Object> consumerProperties(Map<String, Object> client, Subscription subscription,
                                                          java.time.Duration sessionTimeout, int maxInFlight) {
        Map<String, Object> properties = new HashMap<>(client);
        KafkaSettings.putSessionTimeout(properties, sessionTimeout);
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID_PREFIX + subscription.id());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-publish-" + subscription.id());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // At most a window of records per poll: what does not fit in the window waits in memory, not much of it.
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxInFlight);
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
        private TargetGuard guard;
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
         * The guard of webhook targets, e.g. with a resolver of its own. Default: from
         * {@code publish.allow-private-targets}, with the system resolver.
         */
        public Builder targetGuard(TargetGuard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
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

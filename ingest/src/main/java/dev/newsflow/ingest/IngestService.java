package dev.newsflow.ingest;

import dev.newsflow.contract.FeedConfig;
import dev.newsflow.contract.FeedState;
import dev.newsflow.ingest.dedup.BatchPlan;
import dev.newsflow.ingest.dedup.Deduplicator;
import dev.newsflow.ingest.dedup.SeenIndex;
import dev.newsflow.ingest.feed.ArticleNormalizer;
import dev.newsflow.ingest.feed.FeedConfigs;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedList;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.SkippedItem;
import dev.newsflow.ingest.fetch.CacheValidators;
import dev.newsflow.ingest.fetch.HttpFetcher;
import dev.newsflow.ingest.fetch.LogUrls;
import dev.newsflow.ingest.fetch.ResponseHints;
import dev.newsflow.ingest.fulltext.FullTextExtractor;
import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.ingest.fulltext.FullTextPolicy;
import dev.newsflow.ingest.kafka.FeedOwnership;
import dev.newsflow.ingest.kafka.IngestTopics;
import dev.newsflow.ingest.kafka.KafkaArticleStore;
import dev.newsflow.ingest.kafka.KafkaFeedCatalog;
import dev.newsflow.ingest.schedule.Freshness;
import dev.newsflow.ingest.schedule.HostGate;
import dev.newsflow.ingest.schedule.PollOutcome;
import dev.newsflow.ingest.schedule.PollPolicy;
import dev.newsflow.ingest.schedule.RetryAfter;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.Setting;
import dev.newsflow.support.ops.KafkaClientMeters;
import dev.newsflow.support.ops.LogContext;
import dev.newsflow.support.ops.Readiness;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The ingest service: polls each feed on its own schedule, publishes new and changed articles to the raw topic,
 * remembers them in the seen topic, and never publishes an article twice across restarts.
 *
 * <p>Lifecycle: {@link #builder} (no I/O) &rarr; {@link #start()} (open the store: topics, fencing, read what was
 * published and each feed's state; then poll each feed when it is due) or {@link #pollOnce()} (open if needed, then
 * poll every feed now, synchronously) &rarr; {@link #close()}. Feeds are fetched a few at a time on a small pool;
 * deduplication and writing happen on one thread at a time, one transaction per feed holding its articles,
 * seen-markers and new {@link FeedState}, so the in-memory seen state changes only after a commit.
 *
 * <p>Politeness: when a feed is due next follows {@link PollPolicy} (caching headers, feed hints, Retry-After,
 * backoff, 410, permanent redirects). The scheduler ({@link #start()}) also keeps to a per-host limit of concurrent
 * fetches and a minimum spacing between them ({@link HostGate}); {@link #pollOnce()} polls everything at once and
 * does not. The state goes to the compacted feed-state topic with the feed's batch; after a 304 or a failure, with
 * the states of the other feeds polled meanwhile, in one transaction every {@value #STATE_FLUSH_MILLIS} ms (and
 * before feeds are released, at the end of {@link #pollOnce()} and at close). So a restarted instance honours the
 * stored next poll times and sends the stored validators; one that crashed may repeat the polls of the last
 * {@value #STATE_FLUSH_MILLIS} ms, which answer 304 again.
 *
 * <p>Errors of one feed (fetch, parse, a refused address, a batch Kafka did not take) are logged with the feed id
 * and URL and reported in the {@link PollSummary}; they never stop other feeds. A retriable Kafka error leaves the
 * feed's batch for the next cycle. Anything else that ends a cycle stops the service, whether it polls on its own
 * schedule or through {@link #pollOnce()}: a fatal Kafka error (fenced by a newer instance, not authorised, a
 * commit whose outcome is unknown), a store that failed in an unexpected way, an {@link Error}. Then
 * {@link #isRunning()} turns false and {@link #failure()} says why; polling never dies silently.
 *
 * <p><b>Where the feeds come from.</b> Built with Kafka from the settings, ingest reads its feeds from the
 * compacted feeds topic ({@code news.feeds}), after upserting the feeds of {@code ingest.feeds-file} if set, and
 * polls the feeds of the partitions its consumer group ({@code ingest.group-id}) assigns it ({@link FeedOwnership}):
 * several instances split the feeds, a feed added, changed or disabled in the topic takes effect without a restart,
 * and when an instance stops or dies its feeds move to the others. A revoked feed is no longer dispatched, and the
 * revocation waits (up to {@value #REVOKE_TIMEOUT_SECONDS} s) for its running poll and write, so no feed is polled by
 * two instances at once. Each instance follows the seen topic, so it deduplicates against what the others publish;
 * two instances publishing the same story from two different feeds within the same instant (before either sees the
 * other's marker) can still both publish it. Built with {@link Builder#feeds} (tests, tools), ingest polls that fixed
 * list and owns all of it: run one such instance only.
 *
 * <p><b>Observability.</b> Meters go to the registry given to {@link Builder#meterRegistry} ({@link IngestMetrics}
 * lists them), with the metrics of the Kafka producer and of the feed group's consumer; logs of a feed's poll carry
 * its id in the MDC ({@code feed_id}); {@link #readiness()} says whether the instance is polling its feeds.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** The scheduler looks at the clock at least this often, so a clock that jumps (tests) and close are noticed. */
    private static final Duration MAX_SLEEP = Duration.ofMillis(200);
    static final int REVOKE_TIMEOUT_SECONDS = 60;
    private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(2);
    /** How long the states of feeds without articles to write (304s, failures) wait to be written together. */
    static final long STATE_FLUSH_MILLIS = 100;

    private final List<FeedDefinition> fixedFeeds;
    private final FeedList seedFeeds;
    private final boolean fromTopic;
    private final IngestSettings settings;
    private final IngestTopics topics;
    private final FullTextMode defaultMode;
    /** The feeds this instance polls now: all enabled feeds of a fixed list, or the owned enabled ones. */
    private final Map<String, FeedDefinition> feeds = new ConcurrentHashMap<>();
    /** Policies of feeds with their own poll bounds. */
    private final Map<String, PollPolicy> policies = new ConcurrentHashMap<>();
    /** Feeds whose schedule changed outside the scheduler (assigned, added, changed), for it to pick up. */
    private final Queue<String> rescheduled = new ConcurrentLinkedQueue<>();
    /** Held while a feed is checked as owned and marked in flight, and while feeds are released. */
    private final Object ownershipLock = new Object();
    /** Feeds released while a poll still ran past the revoke timeout: that poll's result is dropped. */
    private final Set<String> abandoned = ConcurrentHashMap.newKeySet();
    private FeedOwnership ownership;
    private final Clock clock;
    private final FeedPoller poller;
    /** The fetcher this service made (and closes), or null when the builder was given one. */
    private final HttpFetcher ownFetcher;
    private final ArticleStore store;
    private final PollPolicy policy;
    private final DoubleSupplier random;
    private final HostGate hostGate;
    private final ExecutorService fetchPool;
    private final ExecutorService scheduler;
    /** What was published, by this instance and (followed) others; filled by the store at open. */
    private final SeenIndex seen = new SeenIndex();
    /** States after 304s and failures, not yet written; guarded by this service's lock. */
    private final Map<String, FeedState> unsavedStates = new java.util.LinkedHashMap<>();
    private volatile long lastStateFlush = System.nanoTime();
    private final Map<String, FeedState> states = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> disabledWarned = ConcurrentHashMap.newKeySet();
    private boolean opened;
    private boolean started;
    private volatile boolean closed;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final IngestMetrics metrics;
    private final KafkaClientMeters clientMeters;
    private volatile boolean ready;

    private IngestService(Builder builder) {
        this.fromTopic = builder.fromTopic;
        this.fixedFeeds = builder.fromTopic ? List.of() : builder.feeds.enabled();
        this.seedFeeds = builder.fromTopic ? builder.feeds : null;
        this.settings = builder.settings;
        this.topics = builder.topics;
        this.defaultMode = builder.settings.fullText();
        this.clock = builder.clock;
        this.random = builder.random;
        MeterRegistry registry = builder.registry != null ? builder.registry : new CompositeMeterRegistry();
        this.metrics = new IngestMetrics(registry, feeds::size);
        this.clientMeters = builder.registry != null ? KafkaClientMeters.of(registry) : KafkaClientMeters.NONE;
        this.policy = new PollPolicy(builder.settings.pollBounds(), builder.random);
        this.hostGate = new HostGate(builder.settings.perHostConcurrency(), builder.settings.perHostSpacing());
        this.ownFetcher = builder.fetcher == null ? new HttpFetcher(builder.settings.fetchLimits()) : null;
        HttpFetcher fetcher = builder.fetcher != null ? builder.fetcher : ownFetcher;
        this.poller = new FeedPoller(fetcher, new FeedParser(), new ArticleNormalizer(clock), new FullTextExtractor(),
                new FullTextPolicy(builder.settings.fullTextMinChars()));
        this.store = builder.store != null ? builder.store
                : new KafkaArticleStore(builder.settings.kafkaClient(), builder.settings.transactionalId(),
                builder.topics, builder.settings.topicPartitions(), builder.settings.replicationFactor(),
                Duration.ofMinutes(2), clientMeters);
        this.fetchPool = Executors.newFixedThreadPool(builder.settings.fetchParallelism(), threads("ingest-fetch"));
        this.scheduler = Executors.newSingleThreadExecutor(threads("ingest-scheduler"));
    }

    /** Every setting ingest reads, Kafka's included; give them to {@link Config#load}. */
    public static List<Setting<?>> settings() {
        return IngestSettings.all();
    }

    /** A builder over loaded settings; the feed list is read from {@code settings.feedsFile()} unless given. */
    public static Builder builder(IngestSettings settings, Clock clock) {
        return new Builder(settings, clock);
    }

    /** A service from a configuration loaded with {@link #settings()}. */
    public static IngestService create(Config config, Clock clock) {
        return builder(IngestSettings.from(config), clock).build();
    }

    /**
     * Opens the store (creating topics, fencing a previous instance, reading what was published) unless done.
     *
     * @throws ArticleStoreException when Kafka cannot be reached or set up
     */
    public synchronized void open() {
        ensureUsable();
        if (opened) {
            return;
        }
        store.open(seen);
        log.info("Remembering {} articles: {}", seen.size(), seen);
        if (fromTopic) {
            openFromTopic();
            return;
        }
        Map<String, FeedState> stored = store.feedStates();
        Instant now = clock.instant();
        for (FeedDefinition feed : fixedFeeds) {
            states.put(feed.id(), policy.resume(feed.id(), feed.url().toString(), stored.get(feed.id()), now));
            feeds.put(feed.id(), feed);
        }
        opened = true;
        ready = true;
        log.info("Ingest ready: {} feeds ({} with stored state), base poll interval {}, {} articles remembered",
                fixedFeeds.size(), fixedFeeds.stream().filter(feed -> stored.containsKey(feed.id())).count(),
                policy.bounds().base(), seen.size());
    }

    /** Seeds the feeds topic from the feed list, follows the seen topic, and joins the group owning the feeds. */
    private void openFromTopic() {
        try {
            if (seedFeeds != null) {
                seed(seedFeeds);
            }
            store.followSeen(seen::put);
            ownership = new FeedOwnership(settings.kafkaClient(), topics, settings.groupId(), settings.instanceId(),
                    settings.sessionTimeout(), new Owner(), this::stop, clientMeters);
            if (store instanceof KafkaArticleStore kafkaStore) {
                // batches carry the ownership's group generation, so a paused instance's late batches are refused
                kafkaStore.fenceWith(ownership::claim);
            }
            ownership.start(JOIN_TIMEOUT);
        } catch (RuntimeException e) {
            if (ownership != null) {
                ownership.close();
                ownership = null;
            }
            throw new ArticleStoreException("cannot take ownership of feeds in " + topics.feeds() + ": "
                    + e.getMessage(), e, true);
        }
        opened = true;
        ready = true;
        log.info("Ingest ready: instance {} in group {} owns {} feeds, base poll interval {}, {} articles remembered",
                settings.instanceId(), settings.groupId(), feeds.size(), policy.bounds().base(), seen.size());
    }

    /** Upserts the feed list's feeds that differ from the topic: the file wins; feeds only in the topic stay. */
    private void seed(FeedList list) {
        try (KafkaFeedCatalog catalog = new KafkaFeedCatalog(settings.kafkaClient(), topics,
                settings.topicPartitions(), settings.replicationFactor(), JOIN_TIMEOUT)) {
            Map<String, FeedConfig> current = catalog.feeds();
            List<FeedConfig> changed = list.feeds().stream().map(FeedConfigs::fromDefinition)
                    .filter(config -> !config.equals(current.get(config.id()))).toList();
            if (!changed.isEmpty()) {
                catalog.put(changed);
            }
            log.info("Feed list seeded into {}: {} feeds, {} added or changed, {} feeds only in the topic kept",
                    topics.feeds(), list.feeds().size(), changed.size(), current.keySet().stream()
                            .filter(id -> list.feeds().stream().noneMatch(feed -> feed.id().equals(id))).count());
        }
    }

    /** Takes the feeds the group assigns, and gives them back on revocation; called on the ownership thread. */
    private final class Owner implements FeedOwnership.Listener {
        @Override
        public void assigned(Map<String, FeedConfig> configs, Map<String, FeedState> stored) {
            configs.forEach((feedId, config) -> own(feedId, config, stored.get(feedId)));
        }

        @Override
        public void changed(String feedId, FeedConfig config) {
            own(feedId, config, states.get(feedId));
        }

        @Override
        public void revoked(Set<String> feedIds) {
            release(feedIds);
        }
    }

    /** Polls a feed from now on with its current or stored state (fresh when its URL changed), or stops polling it. */
    private void own(String feedId, FeedConfig config, FeedState known) {
        FeedDefinition feed = null;
        PollPolicy feedPolicy = policy;
        if (config != null && config.enabled()) {
            try {
                feed = FeedConfigs.toDefinition(config, defaultMode);
                feedPolicy = config.minPollInterval() == null && config.maxPollInterval() == null ? policy
                        : new PollPolicy(policy.bounds().narrowed(config.minPollInterval(),
                        config.maxPollInterval()), random);
            } catch (IllegalArgumentException e) {
                log.warn("Feed {}: its config in {} is invalid and not polled: {}", feedId, topics.feeds(),
                        e.getMessage());
                feed = null;
            }
        }
        if (feed == null) {
            synchronized (ownershipLock) {
                if (feeds.remove(feedId) != null) {
                    log.info("Feed {}: {}, no longer polled", feedId, config == null ? "removed" : "disabled");
                }
            }
            return;
        }
        if (feedPolicy == policy) {
            policies.remove(feedId);
        } else {
            policies.put(feedId, feedPolicy);
        }
        FeedState state = policy.resume(feedId, feed.url().toString(), known, clock.instant());
        if (known != null && state != known) {
            log.info("Feed {}: its URL changed to {}; polling it afresh", feedId, LogUrls.of(feed.url()));
            disabledWarned.remove(feedId);
        }
        states.put(feedId, state);
        FeedDefinition previous = feeds.put(feedId, feed);
        if (previous == null) {
            log.info("Feed {} ({}) polled by this instance from now on, next poll at {}", feedId,
                    LogUrls.of(feed.url()), state.nextPollAt());
        }
        rescheduled.add(feedId);
    }

    /** Stops dispatching these feeds, then waits (bounded) for their running polls and writes to end. */
    private void release(Set<String> feedIds) {
        synchronized (ownershipLock) {
            feedIds.forEach(feeds::remove);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REVOKE_TIMEOUT_SECONDS);
        synchronized (inFlight) {
            while (feedIds.stream().anyMatch(inFlight::contains)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    List<String> running = feedIds.stream().filter(inFlight::contains).toList();
                    abandoned.addAll(running);
                    log.warn("Feeds {} still polled {} s after their revocation; their results will be dropped",
                            running, REVOKE_TIMEOUT_SECONDS);
                    break;
                }
                try {
                    inFlight.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        try {
            // the next owner reads the released feeds' states: the waiting ones go first
            flushStates();
        } catch (RuntimeException e) {
            if (!closed) {
                stop(e);
            }
        }
        feedIds.forEach(feedId -> {
            if (!feeds.containsKey(feedId)) {
                states.remove(feedId);
                policies.remove(feedId);
            }
        });
        log.info("Released {} feeds", feedIds.size());
    }

    /** Marks an owned feed in flight; false when it is not owned (any more) or already in flight. */
    private boolean claim(String feedId) {
        synchronized (ownershipLock) {
            return feeds.containsKey(feedId) && inFlight.add(feedId);
        }
    }

    private void done(String feedId) {
        synchronized (inFlight) {
            inFlight.remove(feedId);
            inFlight.notifyAll();
        }
    }

    private PollPolicy policyFor(String feedId) {
        return policies.getOrDefault(feedId, policy);
    }

    /** Opens if needed, then polls each feed when it is due, on a background thread, until closed. */
    public synchronized void start() {
        open();
        if (started) {
            return;
        }
        started = true;
        scheduler.execute(this::schedule);
    }

    /** The current polling state of a feed (after {@link #open()}), if the feed is known. */
    public Optional<FeedState> feedState(String feedId) {
        return Optional.ofNullable(states.get(feedId));
    }

    /** The ids of the feeds this instance polls now (after {@link #open()}): owned, enabled and valid. */
    public Set<String> ownedFeeds() {
        return Set.copyOf(feeds.keySet());
    }

    /**
     * Ready once opened (topics there, predecessor fenced, published articles read, the first assignment of feeds
     * taken) and until closed or stopped by a fatal error.
     */
    public Readiness readiness() {
        Throwable stopped = failure.get();
        if (stopped != null) {
            return Readiness.notReady("stopped after a fatal error: " + stopped.getMessage());
        }
        if (closed) {
            return Readiness.notReady("stopping");
        }
        if (!ready) {
            return Readiness.notReady(fromTopic ? "starting: reading what was published and joining group "
                    + settings.groupId() + " for feeds" : "starting: reading what was published");
        }
        return Readiness.ready();
    }

    /** Whether the service has neither been closed nor stopped by a fatal error. */
    public boolean isRunning() {
        return !closed && failure.get() == null;
    }

    /** The fatal error that stopped the service, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Polls every feed once, synchronously, opening the store first if needed.
     *
     * @throws IllegalStateException when the service is closed or stopped, or this cycle stops it (a fatal Kafka
     *                               error, an unexpected failure outside a feed); {@link #failure()} says why
     */
    public synchronized PollSummary pollOnce() {
        open();
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        CompletionService<FeedPoll> completion = new ExecutorCompletionService<>(fetchPool);
        List<Future<FeedPoll>> pending = new ArrayList<>();
        int polled = 0;
        for (FeedDefinition feed : List.copyOf(feeds.values())) {
            FeedState state = states.get(feed.id());
            if (state == null || skipDisabled(state) || !claim(feed.id())) {
                continue;
            }
            polled++;
            pending.add(completion.submit(() -> pollFeed(feed, state)));
        }
        Tally tally = new Tally();
        try {
            for (int done = 0; done < pending.size(); done++) {
                handle(take(completion), tally);
            }
            flushStates();
        } catch (RuntimeException | Error e) {
            // per-feed failures are in the tally; what gets here is fatal, or a bug outside any one feed
            pending.forEach(future -> future.cancel(true));
            stop(e);
            throw new IllegalStateException("ingest stopped: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            pending.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling feeds", e);
        }
        PollSummary summary = tally.summary(started, Duration.ofNanos(System.nanoTime() - startNanos), polled);
        log.info("Poll cycle done: {}", summary);
        return summary;
    }

    /** Whether the feed is disabled for good; says so once, at WARN. */
    private boolean skipDisabled(FeedState state) {
        if (!state.disabled()) {
            return false;
        }
        if (disabledWarned.add(state.feedId())) {
            log.warn("Feed {} ({}) is disabled and not polled: {}; change its URL in the feed list to poll it again",
                    state.feedId(), LogUrls.of(state.url()), state.disabledReason());
        }
        return true;
    }

    /** Fetches the feed at its current URL (where permanent redirects moved it) with its stored validators. */
    private FeedPoll pollFeed(FeedDefinition feed, FeedState state) {
        FeedDefinition current = feed;
        long started = System.nanoTime();
        try (MDC.MDCCloseable ignored = LogContext.feed(feed.id())) {
            if (!state.url().equals(feed.url().toString())) {
                current = new FeedDefinition(feed.id(), URI.create(state.url()), feed.title(), feed.language(),
                        feed.fullText(), feed.enabled());
            }
            return poller.poll(current, new CacheValidators(state.etag(), state.lastModified()), seen::get);
        } catch (RuntimeException e) {
            log.error("Feed {} ({}): unexpected failure", feed.id(), LogUrls.of(current.url()), e);
            return new FeedPoll.Failed(current, FeedFailure.Stage.INTERNAL, e.toString());
        } finally {
            metrics.pollDuration().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private static FeedPoll take(CompletionService<FeedPoll> completion) throws InterruptedException {
        return result(completion.take());
    }

    private static FeedPoll result(Future<FeedPoll> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            // pollFeed catches RuntimeExceptions; only Errors get here
            throw new IllegalStateException("feed poll failed: " + e.getCause(), e.getCause());
        }
    }

    /** Deduplicates and writes one feed's poll with its new state; one feed at a time. */
    private synchronized FeedState handle(FeedPoll poll, Tally tally) {
        FeedDefinition feed = poll.feed();
        try (MDC.MDCCloseable ignored = LogContext.feed(feed.id())) {
            if (abandoned.remove(feed.id())) {
                log.warn("Feed {}: poll ended after the feed moved to another instance; its result is dropped",
                        feed.id());
                return null;
            }
            if (poll instanceof FeedPoll.Unchanged unchanged) {
                tally.feedsOk++;
                tally.feedsUnchanged++;
                metrics.notModified();
                log.debug("Feed {}: not modified", feed.id());
                return saveState(feed, new PollOutcome.Success(304, unchanged.validators().etag(),
                        unchanged.validators().lastModified(), freshness(unchanged.hints()), movedTo(poll)));
            } else if (poll instanceof FeedPoll.Failed failed) {
                FeedFailure failure = new FeedFailure(feed.id(), LogUrls.of(feed.url()), failed.stage(),
                        failed.reason());
                tally.failures.add(failure);
                metrics.failed(IngestMetrics.kind(failed.stage(), failed.reason()));
                log.warn("Feed {} ({}) failed at {}: {}", feed.id(), failure.url(), failed.stage(), failed.reason());
                return saveState(feed, failure(failed.hints(), failed.reason(), movedTo(poll)));
            }
            metrics.fetched();
            return publish((FeedPoll.Polled) poll, tally);
        } finally {
            done(feed.id());
        }
    }

    private Freshness freshness(ResponseHints hints) {
        return Freshness.fromHeaders(hints.cacheControl(), hints.expires(), hints.date(), clock.instant());
    }

    private PollOutcome.Failure failure(ResponseHints hints, String reason, URI movedTo) {
        return new PollOutcome.Failure(hints.status(), reason,
                RetryAfter.parse(hints.retryAfter(), clock.instant()).orElse(null), movedTo);
    }

    private static URI movedTo(FeedPoll poll) {
        return poll.hints().movedTo();
    }

    /**
     * The state after a poll without articles to write: current at once, written with the next {@link #flushStates}
     * (kept in memory even if Kafka fails).
     */
    private FeedState saveState(FeedDefinition feed, PollOutcome outcome) {
        FeedState next = nextState(feed, outcome);
        unsavedStates.put(feed.id(), next);
        return next;
    }

    /**
     * Writes the states waiting since the last flush in one transaction. States Kafka did not take stay in memory
     * and wait for the next flush, unless a newer state of their feed came meanwhile.
     *
     * @throws ArticleStoreException when the store cannot be used any more
     */
    private synchronized void flushStates() {
        lastStateFlush = System.nanoTime();
        if (unsavedStates.isEmpty()) {
            return;
        }
        Map<String, FeedState> batch = new java.util.LinkedHashMap<>(unsavedStates);
        unsavedStates.clear();
        try {
            store.writeStates(batch);
        } catch (ArticleStoreException e) {
            if (e.fatal()) {
                throw e;
            }
            batch.forEach(unsavedStates::putIfAbsent);
            log.warn("The states of {} feeds were not stored, kept in memory for the next attempt: {}", batch.size(),
                    e.getMessage());
        }
    }

    /** Flushes the waiting states when {@value #STATE_FLUSH_MILLIS} ms passed since the last flush. */
    private void flushStatesWhenDue() {
        if (System.nanoTime() - lastStateFlush >= TimeUnit.MILLISECONDS.toNanos(STATE_FLUSH_MILLIS)) {
            flushStates();
        }
    }

    private FeedState nextState(FeedDefinition feed, PollOutcome outcome) {
        FeedState next = policyFor(feed.id()).next(states.get(feed.id()), outcome, clock.instant());
        remember(feed, next);
        return next;
    }

    /** Makes the feed's new state current, saying what changed that the operator should know. */
    private void remember(FeedDefinition feed, FeedState next) {
        FeedState previous = states.get(feed.id());
        if (!next.url().equals(previous.url())) {
            log.warn("Feed {} moved permanently from {} to {}; polling the new URL from now on", feed.id(),
                    LogUrls.of(previous.url()), LogUrls.of(next.url()));
        }
        if (next.disabled()) {
            log.warn("Feed {} ({}) disabled: {}", feed.id(), LogUrls.of(next.url()), next.disabledReason());
            disabledWarned.add(feed.id());
        } else if (next.consecutiveFailures() > 0) {
            log.info("Feed {}: {} failures in a row, next poll at {}", feed.id(), next.consecutiveFailures(),
                    next.nextPollAt());
        }
        states.put(feed.id(), next);
    }

    /**
     * The state as it was, due again after the shortest poll interval: the batch was refused because the group had
     * moved on. The feed is polled again only if this instance still owns it then, and not at once, so a generation
     * that takes a while to catch up does not turn into a burst of requests to the feed's server.
     */
    private FeedState deferred(FeedState state) {
        return new FeedState(state.feedId(), state.configuredUrl(), state.url(), state.etag(), state.lastModified(),
                clock.instant().plus(policyFor(state.feedId()).bounds().min()), state.consecutiveFailures(),
                state.lastError(), state.lastStatus(), state.disabledReason(), state.lastPolledAt());
    }

    private FeedState publish(FeedPoll.Polled polled, Tally tally) {
        FeedDefinition feed = polled.feed();
        BatchPlan plan;
        try {
            plan = Deduplicator.plan(polled.candidates(), seen::get);
        } catch (RuntimeException e) {
            log.error("Feed {} ({}): unexpected failure while deduplicating", feed.id(), LogUrls.of(feed.url()), e);
            tally.failures.add(new FeedFailure(feed.id(), LogUrls.of(feed.url()), FeedFailure.Stage.INTERNAL,
                    e.toString()));
            return saveState(feed, failure(ResponseHints.NONE, e.toString(), movedTo(polled)));
        }
        FeedState previous = states.get(feed.id());
        FeedState next = policyFor(feed.id()).next(previous, new PollOutcome.Success(polled.hints().status(),
                polled.validators().etag(), polled.validators().lastModified(),
                freshness(polled.hints()).withFeedHints(polled.feedHints().ttlMinutes(),
                        polled.feedHints().updatePeriod(), polled.feedHints().updateFrequency()),
                movedTo(polled)), clock.instant());
        try {
            // the batch carries the feed's newest state; an older one still waiting must not overwrite it
            unsavedStates.remove(feed.id());
            store.write(feed.id(), plan, next);
        } catch (ArticleStoreException e) {
            if (e.fatal()) {
                throw e;
            }
            if (e.notOwned()) {
                log.info("Feed {}: {}", feed.id(), e.getMessage());
                FeedState deferred = deferred(previous);
                states.put(feed.id(), deferred);
                return deferred;
            }
            tally.failures.add(new FeedFailure(feed.id(), LogUrls.of(feed.url()), FeedFailure.Stage.PUBLISH,
                    e.getMessage()));
            metrics.publishFailed();
            log.warn("Feed {} ({}): {}", feed.id(), LogUrls.of(feed.url()), e.getMessage(), e);
            // the batch is retried at the next poll, with backoff; this state lives in memory only
            return nextState(feed, new PollOutcome.Failure(0, "publish: " + e.getMessage(), null, null));
        }
        plan.markers().forEach(seen::put);
        metrics.published(plan.publish().size(), plan.duplicates());
        remember(feed, next);
        tally.feedsOk++;
        tally.published += plan.publish().size();
        tally.updated += plan.updates();
        tally.duplicates += plan.duplicates();
        tally.skipped += polled.skipped().size();
        tally.fullTextFetched += polled.fullTextFetched();
        tally.fullTextFailed += polled.fullTextFailed();
        if (!polled.skipped().isEmpty()) {
            SkippedItem first = polled.skipped().get(0);
            log.warn("Feed {}: {} items skipped, e.g. item {} '{}': {}", feed.id(), polled.skipped().size(),
                    first.index(), first.title(), first.reason());
        }
        log.info("Feed {}: {} items, {} published ({} updates), {} duplicates, {} skipped", feed.id(),
                polled.candidates().size() + polled.skipped().size(), plan.publish().size(), plan.updates(),
                plan.duplicates(), polled.skipped().size());
        return next;
    }

    /** A feed due at a time, in the scheduler's queue. */
    private record Due(Instant at, String feedId) {
    }

    /**
     * The scheduler's loop, on its own thread: dispatches each feed to the fetch pool when it is due and its host
     * allows, handles each finished poll, and queues the feed again at its new next poll time. Nothing may escape:
     * whatever ends the loop other than {@link #close()} stops the service through {@link #stop}.
     */
    private void schedule() {
        Schedule plan = new Schedule();
        for (FeedDefinition feed : feeds.values()) {
            rescheduled.add(feed.id());
        }
        Map<String, Deque<String>> waitingForHost = new HashMap<>();
        Map<Future<FeedPoll>, String> hostOf = new HashMap<>();
        CompletionService<FeedPoll> completion = new ExecutorCompletionService<>(fetchPool);
        try {
            while (!closed && failure.get() == null) {
                for (String feedId = rescheduled.poll(); feedId != null; feedId = rescheduled.poll()) {
                    FeedState state = states.get(feedId);
                    if (feeds.containsKey(feedId) && state != null && !skipDisabled(state)) {
                        plan.at(state.nextPollAt(), feedId);
                    }
                }
                Instant now = clock.instant();
                for (String feedId = plan.due(now); feedId != null; feedId = plan.due(now)) {
                    dispatch(feedId, now, plan, waitingForHost, hostOf, completion);
                }
                flushStatesWhenDue();
                Future<FeedPoll> done = completion.poll(Math.min(plan.sleepMillis(now), STATE_FLUSH_MILLIS),
                        TimeUnit.MILLISECONDS);
                while (done != null) {
                    String host = hostOf.remove(done);
                    hostGate.release(host);
                    Deque<String> waiting = waitingForHost.remove(host);
                    if (waiting != null) {
                        Instant released = clock.instant();
                        waiting.forEach(feedId -> plan.at(released, feedId));
                    }
                    FeedState next = handle(result(done), new Tally());
                    if (next != null && !next.disabled() && feeds.containsKey(next.feedId())) {
                        plan.at(next.nextPollAt(), next.feedId());
                    }
                    done = completion.poll();
                }
            }
        } catch (InterruptedException e) {
            if (!closed) {
                stop(e);
            }
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            if (closed) {
                log.debug("Scheduler ended by close: {}", e.toString());
            } else {
                stop(e);
            }
        }
    }

    /** The scheduler's queue: each feed at most once, at the time it was last scheduled for. */
    private static final class Schedule {
        private final PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparing(Due::at));
        private final Map<String, Instant> scheduledAt = new HashMap<>();

        void at(Instant when, String feedId) {
            scheduledAt.put(feedId, when);
            queue.add(new Due(when, feedId));
        }

        /** The next feed due at {@code now}, or null; entries superseded by a later {@link #at} are dropped. */
        String due(Instant now) {
            while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
                Due due = queue.poll();
                if (due.at().equals(scheduledAt.get(due.feedId()))) {
                    scheduledAt.remove(due.feedId());
                    return due.feedId();
                }
            }
            return null;
        }

        long sleepMillis(Instant now) {
            if (queue.isEmpty()) {
                return MAX_SLEEP.toMillis();
            }
            long untilDue = Duration.between(now, queue.peek().at()).toMillis();
            return Math.max(1, Math.min(untilDue, MAX_SLEEP.toMillis()));
        }
    }

    private void dispatch(String feedId, Instant now, Schedule plan, Map<String, Deque<String>> waitingForHost,
                          Map<Future<FeedPoll>, String> hostOf, CompletionService<FeedPoll> completion) {
        FeedDefinition feed = feeds.get(feedId);
        FeedState state = states.get(feedId);
        if (feed == null || state == null || skipDisabled(state)) {
            return;
        }
        if (state.nextPollAt().isAfter(now)) {
            // polled meanwhile through pollOnce()
            plan.at(state.nextPollAt(), feedId);
            return;
        }
        if (!claim(feedId)) {
            if (feeds.containsKey(feedId)) {
                plan.at(now.plus(MAX_SLEEP), feedId);
            }
            return;
        }
        String host = host(state.url());
        Optional<Instant> retry = hostGate.tryAcquire(host, now);
        if (retry.isPresent()) {
            done(feedId);
            if (retry.get().equals(Instant.MAX)) {
                waitingForHost.computeIfAbsent(host, key -> new ArrayDeque<>()).add(feedId);
            } else {
                plan.at(retry.get(), feedId);
            }
            return;
        }
        hostOf.put(completion.submit(() -> pollFeed(feed, state)), host);
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Records why ingest stops (the first reason wins) and cancels the schedule. */
    private void stop(Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            log.error("Ingest stops after a fatal error: {}", cause.getMessage(), cause);
        }
        scheduler.shutdown();
    }

    private void ensureUsable() {
        if (closed) {
            throw new IllegalStateException("ingest is closed");
        }
        Throwable stopped = failure.get();
        if (stopped != null) {
            throw new IllegalStateException("ingest stopped after a fatal error: " + stopped.getMessage(), stopped);
        }
    }

    /**
     * Leaves the group (the feeds' running polls finish first and their feeds move to other instances), stops
     * polling, waits for a running cycle to finish (up to 30 s), then closes the Kafka producer.
     */
    @Override
    public void close() {
        FeedOwnership owning;
        synchronized (ownershipLock) {
            owning = ownership;
            ownership = null;
        }
        if (owning != null) {
            owning.close();
        }
        closed = true;
        scheduler.shutdown();
        fetchPool.shutdown();
        try {
            if (!scheduler.awaitTermination(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("A poll cycle still runs after {}; interrupting it", SHUTDOWN_TIMEOUT);
                scheduler.shutdownNow();
                fetchPool.shutdownNow();
            }
            fetchPool.awaitTermination(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            fetchPool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                flushStates();
            } catch (RuntimeException e) {
                log.warn("The states of feeds polled last were not stored: {}", e.getMessage());
            }
            store.close();
        }
        if (ownFetcher != null) {
            ownFetcher.close();
        }
        log.info("Ingest closed");
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Counts of one poll cycle. */
    private static final class Tally {
        final List<FeedFailure> failures = new ArrayList<>();
        int feedsOk;
        int feedsUnchanged;
        int published;
        int updated;
        int duplicates;
        int skipped;
        int fullTextFetched;
        int fullTextFailed;

        PollSummary summary(Instant started, Duration duration, int feedsPolled) {
            return new PollSummary(started, duration, feedsPolled, feedsOk, feedsUnchanged, failures, published,
                    updated, duplicates, skipped, fullTextFetched, fullTextFailed);
        }
    }

    /** Builds an {@link IngestService}; only the settings and the clock are required. */
    public static final class Builder {
        private final IngestSettings settings;
        private final Clock clock;
        private FeedList feeds;
        private HttpFetcher fetcher;
        private ArticleStore store;
        private IngestTopics topics = IngestTopics.CONTRACT;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private boolean fromTopic;
        private MeterRegistry registry;

        private Builder(IngestSettings settings, Clock clock) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The feeds to poll, instead of reading {@code settings.feedsFile()}. */
        public Builder feeds(FeedList feedList) {
            this.feeds = feedList;
            return this;
        }

        /** Where to publish, instead of Kafka as the settings say (tests, other transports). */
        public Builder store(ArticleStore articleStore) {
            this.store = articleStore;
            return this;
        }

        /** Topic names, instead of the contract's (for tests sharing a broker). */
        public Builder topics(IngestTopics names) {
            this.topics = Objects.requireNonNull(names, "names");
            return this;
        }

        /** Where the poll jitter's randomness comes from: uniform values in [0, 1). */
        public Builder random(DoubleSupplier source) {
            this.random = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Where the service's meters and its Kafka clients' metrics go; none when not given. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.registry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        Builder fetcher(HttpFetcher httpFetcher) {
            this.fetcher = httpFetcher;
            return this;
        }

        /**
         * @throws dev.newsflow.support.config.ConfigException when the feed list is given but missing or invalid
         */
        public IngestService build() {
            // feeds given here are a fixed list; otherwise, with Kafka, the feeds topic (seeded from the file)
            fromTopic = feeds == null && store == null;
            if (feeds == null && settings.feedsFile() != null) {
                feeds = FeedList.load(settings.feedsFile(), settings.fullText());
            }
            if (feeds == null && !fromTopic) {
                throw new dev.newsflow.support.config.ConfigException(List.of(
                        "ingest.feeds-file is required when ingest does not read its feeds from Kafka"));
            }
            return new IngestService(this);
        }
    }
}

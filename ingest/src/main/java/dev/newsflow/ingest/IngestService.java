package dev.newsflow.ingest;

import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.SeenArticle;
import dev.newsflow.ingest.dedup.BatchPlan;
import dev.newsflow.ingest.dedup.Deduplicator;
import dev.newsflow.ingest.feed.ArticleNormalizer;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedList;
import dev.newsflow.ingest.feed.FeedParser;
import dev.newsflow.ingest.feed.SkippedItem;
import dev.newsflow.ingest.fetch.CacheValidators;
import dev.newsflow.ingest.fetch.HttpFetcher;
import dev.newsflow.ingest.fetch.LogUrls;
import dev.newsflow.ingest.fetch.ResponseHints;
import dev.newsflow.ingest.fulltext.FullTextExtractor;
import dev.newsflow.ingest.fulltext.FullTextPolicy;
import dev.newsflow.ingest.kafka.IngestTopics;
import dev.newsflow.ingest.kafka.KafkaArticleStore;
import dev.newsflow.ingest.schedule.Freshness;
import dev.newsflow.ingest.schedule.HostGate;
import dev.newsflow.ingest.schedule.PollOutcome;
import dev.newsflow.ingest.schedule.PollPolicy;
import dev.newsflow.ingest.schedule.RetryAfter;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.Setting;
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
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
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
 * does not. The state goes to the compacted feed-state topic with the feed's batch, or alone after a 304 or a
 * failure, so a restarted instance honours the stored next poll times and sends the stored validators.
 *
 * <p>Errors of one feed (fetch, parse, a refused address, a batch Kafka did not take) are logged with the feed id
 * and URL and reported in the {@link PollSummary}; they never stop other feeds. A retriable Kafka error leaves the
 * feed's batch for the next cycle. Anything else that ends a cycle stops the service, whether it polls on its own
 * schedule or through {@link #pollOnce()}: a fatal Kafka error (fenced by a newer instance, not authorised, a
 * commit whose outcome is unknown), a store that failed in an unexpected way, an {@link Error}. Then
 * {@link #isRunning()} turns false and {@link #failure()} says why; polling never dies silently.
 *
 * <p><b>Run one ingest instance.</b> Every instance polls every feed and deduplicates against what it has
 * published itself, so two instances at once would publish everything twice. The instance id
 * ({@code ingest.instance-id}) is only there so a restarted instance fences its predecessor. Scaling out, with feeds
 * shared by partition ownership, is planned for a later version.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** The scheduler looks at the clock at least this often, so a clock that jumps (tests) and close are noticed. */
    private static final Duration MAX_SLEEP = Duration.ofMillis(200);

    private final List<FeedDefinition> feeds;
    private final Clock clock;
    private final FeedPoller poller;
    private final ArticleStore store;
    private final PollPolicy policy;
    private final HostGate hostGate;
    private final ExecutorService fetchPool;
    private final ExecutorService scheduler;
    private final Map<String, SeenArticle> seen = new ConcurrentHashMap<>();
    private final Map<String, FeedState> states = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> disabledWarned = ConcurrentHashMap.newKeySet();
    private boolean opened;
    private boolean started;
    private volatile boolean closed;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private IngestService(Builder builder) {
        this.feeds = builder.feeds.enabled();
        this.clock = builder.clock;
        this.policy = new PollPolicy(builder.settings.pollBounds(), builder.random);
        this.hostGate = new HostGate(builder.settings.perHostConcurrency(), builder.settings.perHostSpacing());
        HttpFetcher fetcher = builder.fetcher != null ? builder.fetcher : new HttpFetcher(builder.settings.fetchLimits());
        this.poller = new FeedPoller(fetcher, new FeedParser(), new ArticleNormalizer(clock), new FullTextExtractor(),
                new FullTextPolicy(builder.settings.fullTextMinChars()));
        this.store = builder.store != null ? builder.store
                : new KafkaArticleStore(builder.settings.kafkaClient(), builder.settings.transactionalId(),
                builder.topics, builder.settings.topicPartitions(), builder.settings.replicationFactor(),
                Duration.ofMinutes(2));
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
        Map<String, SeenArticle> remembered = store.open();
        seen.putAll(remembered);
        Map<String, FeedState> stored = store.feedStates();
        Instant now = clock.instant();
        for (FeedDefinition feed : feeds) {
            states.put(feed.id(), policy.resume(feed.id(), feed.url().toString(), stored.get(feed.id()), now));
        }
        opened = true;
        log.info("Ingest ready: {} feeds ({} with stored state), base poll interval {}, {} articles remembered",
                feeds.size(), feeds.stream().filter(feed -> stored.containsKey(feed.id())).count(),
                policy.bounds().base(), seen.size());
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
        for (FeedDefinition feed : feeds) {
            FeedState state = states.get(feed.id());
            if (skipDisabled(state) || !inFlight.add(feed.id())) {
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
        try {
            if (!state.url().equals(feed.url().toString())) {
                current = new FeedDefinition(feed.id(), URI.create(state.url()), feed.title(), feed.language(),
                        feed.fullText(), feed.enabled());
            }
            return poller.poll(current, new CacheValidators(state.etag(), state.lastModified()), seen::get);
        } catch (RuntimeException e) {
            log.error("Feed {} ({}): unexpected failure", feed.id(), LogUrls.of(current.url()), e);
            return new FeedPoll.Failed(current, FeedFailure.Stage.INTERNAL, e.toString());
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
        try {
            if (poll instanceof FeedPoll.Unchanged unchanged) {
                tally.feedsOk++;
                tally.feedsUnchanged++;
                log.debug("Feed {}: not modified", feed.id());
                return saveState(feed, new PollOutcome.Success(304, unchanged.validators().etag(),
                        unchanged.validators().lastModified(), freshness(unchanged.hints()), movedTo(poll)));
            } else if (poll instanceof FeedPoll.Failed failed) {
                FeedFailure failure = new FeedFailure(feed.id(), LogUrls.of(feed.url()), failed.stage(),
                        failed.reason());
                tally.failures.add(failure);
                log.warn("Feed {} ({}) failed at {}: {}", feed.id(), failure.url(), failed.stage(), failed.reason());
                return saveState(feed, failure(failed.hints(), failed.reason(), movedTo(poll)));
            }
            return publish((FeedPoll.Polled) poll, tally);
        } finally {
            inFlight.remove(feed.id());
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

    /** The state after a poll without articles to write, written alone; kept in memory even if Kafka fails. */
    private FeedState saveState(FeedDefinition feed, PollOutcome outcome) {
        FeedState next = nextState(feed, outcome);
        try {
            store.write(feed.id(), new BatchPlan(List.of(), List.of(), 0, 0), next);
        } catch (ArticleStoreException e) {
            if (e.fatal()) {
                throw e;
            }
            log.warn("Feed {}: its state was not stored, kept in memory: {}", feed.id(), e.getMessage());
        }
        return next;
    }

    private FeedState nextState(FeedDefinition feed, PollOutcome outcome) {
        FeedState next = policy.next(states.get(feed.id()), outcome, clock.instant());
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
        FeedState next = policy.next(previous, new PollOutcome.Success(polled.hints().status(),
                polled.validators().etag(), polled.validators().lastModified(),
                freshness(polled.hints()).withFeedHints(polled.feedHints().ttlMinutes(),
                        polled.feedHints().updatePeriod(), polled.feedHints().updateFrequency()),
                movedTo(polled)), clock.instant());
        try {
            store.write(feed.id(), plan, next);
        } catch (ArticleStoreException e) {
            if (e.fatal()) {
                throw e;
            }
            tally.failures.add(new FeedFailure(feed.id(), LogUrls.of(feed.url()), FeedFailure.Stage.PUBLISH,
                    e.getMessage()));
            log.warn("Feed {} ({}): {}", feed.id(), LogUrls.of(feed.url()), e.getMessage(), e);
            // the batch is retried at the next poll, with backoff; this state lives in memory only
            return nextState(feed, new PollOutcome.Failure(0, "publish: " + e.getMessage(), null, null));
        }
        plan.markers().forEach(marker -> seen.put(marker.id(), marker));
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
        Map<String, FeedDefinition> byId = new HashMap<>();
        PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparing(Due::at));
        for (FeedDefinition feed : feeds) {
            byId.put(feed.id(), feed);
            FeedState state = states.get(feed.id());
            if (!skipDisabled(state)) {
                queue.add(new Due(state.nextPollAt(), feed.id()));
            }
        }
        Map<String, Deque<String>> waitingForHost = new HashMap<>();
        Map<Future<FeedPoll>, String> hostOf = new HashMap<>();
        CompletionService<FeedPoll> completion = new ExecutorCompletionService<>(fetchPool);
        try {
            while (!closed && failure.get() == null) {
                Instant now = clock.instant();
                while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
                    dispatch(queue.poll().feedId(), now, byId, queue, waitingForHost, hostOf, completion);
                }
                Future<FeedPoll> done = completion.poll(sleepMillis(now, queue), TimeUnit.MILLISECONDS);
                while (done != null) {
                    String host = hostOf.remove(done);
                    hostGate.release(host);
                    Deque<String> waiting = waitingForHost.remove(host);
                    if (waiting != null) {
                        Instant released = clock.instant();
                        waiting.forEach(feedId -> queue.add(new Due(released, feedId)));
                    }
                    FeedState next = handle(result(done), new Tally());
                    if (!next.disabled()) {
                        queue.add(new Due(next.nextPollAt(), next.feedId()));
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

    private void dispatch(String feedId, Instant now, Map<String, FeedDefinition> byId, PriorityQueue<Due> queue,
                          Map<String, Deque<String>> waitingForHost, Map<Future<FeedPoll>, String> hostOf,
                          CompletionService<FeedPoll> completion) {
        FeedState state = states.get(feedId);
        if (skipDisabled(state)) {
            return;
        }
        if (state.nextPollAt().isAfter(now)) {
            // polled meanwhile through pollOnce()
            queue.add(new Due(state.nextPollAt(), feedId));
            return;
        }
        if (!inFlight.add(feedId)) {
            queue.add(new Due(now.plus(MAX_SLEEP), feedId));
            return;
        }
        String host = host(state.url());
        Optional<Instant> retry = hostGate.tryAcquire(host, now);
        if (retry.isPresent()) {
            inFlight.remove(feedId);
            if (retry.get().equals(Instant.MAX)) {
                waitingForHost.computeIfAbsent(host, key -> new ArrayDeque<>()).add(feedId);
            } else {
                queue.add(new Due(retry.get(), feedId));
            }
            return;
        }
        FeedDefinition feed = byId.get(feedId);
        hostOf.put(completion.submit(() -> pollFeed(feed, state)), host);
    }

    private static long sleepMillis(Instant now, PriorityQueue<Due> queue) {
        if (queue.isEmpty()) {
            return MAX_SLEEP.toMillis();
        }
        long untilDue = Duration.between(now, queue.peek().at()).toMillis();
        return Math.max(1, Math.min(untilDue, MAX_SLEEP.toMillis()));
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

    /** Stops polling, waits for a running cycle to finish (up to 30 s), then closes the Kafka producer. */
    @Override
    public void close() {
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
            store.close();
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

        Builder fetcher(HttpFetcher httpFetcher) {
            this.fetcher = httpFetcher;
            return this;
        }

        /**
         * @throws dev.newsflow.support.config.ConfigException when the feed list is missing or invalid
         */
        public IngestService build() {
            if (feeds == null) {
                feeds = FeedList.load(settings.feedsFile(), settings.fullText());
            }
            return new IngestService(this);
        }
    }
}

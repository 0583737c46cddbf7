package dev.newsflow.ingest;

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
import dev.newsflow.ingest.fulltext.FullTextExtractor;
import dev.newsflow.ingest.fulltext.FullTextPolicy;
import dev.newsflow.ingest.kafka.IngestTopics;
import dev.newsflow.ingest.kafka.KafkaArticleStore;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.Setting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: polls every feed each poll interval, publishes new and changed articles to the raw topic,
 * remembers them in the seen topic, and never publishes an article twice across restarts.
 *
 * <p>Lifecycle: {@link #builder} (no I/O) &rarr; {@link #start()} (open the store: topics, fencing, read what was
 * published; then poll periodically) or {@link #pollOnce()} (open if needed, then one synchronous cycle) &rarr;
 * {@link #close()}. Feeds are fetched a few at a time on a small pool; deduplication and writing happen on the
 * polling thread, one transaction per feed, so the in-memory state changes only after a commit.
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

    private final List<FeedDefinition> feeds;
    private final Duration pollInterval;
    private final Clock clock;
    private final FeedPoller poller;
    private final ArticleStore store;
    private final ExecutorService fetchPool;
    private final ScheduledExecutorService scheduler;
    private final Map<String, SeenArticle> seen = new ConcurrentHashMap<>();
    private final Map<String, CacheValidators> validators = new ConcurrentHashMap<>();
    private boolean opened;
    private volatile boolean closed;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private IngestService(Builder builder) {
        this.feeds = builder.feeds.enabled();
        this.pollInterval = builder.settings.pollInterval();
        this.clock = builder.clock;
        HttpFetcher fetcher = builder.fetcher != null ? builder.fetcher : new HttpFetcher(builder.settings.fetchLimits());
        this.poller = new FeedPoller(fetcher, new FeedParser(), new ArticleNormalizer(clock), new FullTextExtractor(),
                new FullTextPolicy(builder.settings.fullTextMinChars()));
        this.store = builder.store != null ? builder.store
                : new KafkaArticleStore(builder.settings.kafkaClient(), builder.settings.transactionalId(),
                builder.topics, builder.settings.topicPartitions(), builder.settings.replicationFactor(),
                Duration.ofMinutes(2));
        this.fetchPool = Executors.newFixedThreadPool(builder.settings.fetchParallelism(), threads("ingest-fetch"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("ingest-poll"));
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
        opened = true;
        log.info("Ingest ready: {} feeds to poll every {}, {} articles remembered", feeds.size(), pollInterval,
                seen.size());
    }

    /** Opens if needed, then polls every feed every poll interval on a background thread, starting now. */
    public synchronized void start() {
        open();
        scheduler.scheduleWithFixedDelay(this::scheduledPoll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
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
        for (FeedDefinition feed : feeds) {
            pending.add(completion.submit(() -> pollFeed(feed)));
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
        PollSummary summary = tally.summary(started, Duration.ofNanos(System.nanoTime() - startNanos), feeds.size());
        log.info("Poll cycle done: {}", summary);
        return summary;
    }

    private FeedPoll pollFeed(FeedDefinition feed) {
        try {
            return poller.poll(feed, validators.getOrDefault(feed.id(), CacheValidators.NONE), seen::get);
        } catch (RuntimeException e) {
            log.error("Feed {} ({}): unexpected failure", feed.id(), LogUrls.of(feed.url()), e);
            return new FeedPoll.Failed(feed, FeedFailure.Stage.INTERNAL, e.toString());
        }
    }

    private static FeedPoll take(CompletionService<FeedPoll> completion) throws InterruptedException {
        Future<FeedPoll> future = completion.take();
        try {
            return future.get();
        } catch (ExecutionException e) {
            // pollFeed catches RuntimeExceptions; only Errors get here
            throw new IllegalStateException("feed poll failed: " + e.getCause(), e.getCause());
        }
    }

    private void handle(FeedPoll poll, Tally tally) {
        FeedDefinition feed = poll.feed();
        if (poll instanceof FeedPoll.Unchanged) {
            tally.feedsOk++;
            tally.feedsUnchanged++;
            log.debug("Feed {}: not modified", feed.id());
        } else if (poll instanceof FeedPoll.Failed failed) {
            FeedFailure failure = new FeedFailure(feed.id(), LogUrls.of(feed.url()), failed.stage(), failed.reason());
            tally.failures.add(failure);
            log.warn("Feed {} ({}) failed at {}: {}", feed.id(), failure.url(), failed.stage(), failed.reason());
        } else if (poll instanceof FeedPoll.Polled polled) {
            publish(polled, tally);
        }
    }

    private void publish(FeedPoll.Polled polled, Tally tally) {
        FeedDefinition feed = polled.feed();
        BatchPlan plan;
        try {
            plan = Deduplicator.plan(polled.candidates(), seen::get);
        } catch (RuntimeException e) {
            log.error("Feed {} ({}): unexpected failure while deduplicating", feed.id(), LogUrls.of(feed.url()), e);
            tally.failures.add(new FeedFailure(feed.id(), LogUrls.of(feed.url()), FeedFailure.Stage.INTERNAL,
                    e.toString()));
            return;
        }
        try {
            store.write(feed.id(), plan);
        } catch (ArticleStoreException e) {
            if (e.fatal()) {
                throw e;
            }
            tally.failures.add(new FeedFailure(feed.id(), LogUrls.of(feed.url()), FeedFailure.Stage.PUBLISH,
                    e.getMessage()));
            log.warn("Feed {} ({}): {}", feed.id(), LogUrls.of(feed.url()), e.getMessage(), e);
            return;
        }
        plan.markers().forEach(marker -> seen.put(marker.id(), marker));
        if (polled.validators().isEmpty()) {
            validators.remove(feed.id());
        } else {
            validators.put(feed.id(), polled.validators());
        }
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
    }

    /**
     * One cycle on the scheduler's thread. Nothing may escape: the executor would cancel every later poll without a
     * word. A cycle that ends early has already gone through {@link #stop}; anything else stops here.
     */
    private void scheduledPoll() {
        try {
            pollOnce();
        } catch (Throwable e) {
            if (closed) {
                log.debug("Poll cycle ended by close: {}", e.toString());
            } else {
                stop(e);
            }
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

package dev.newsflow.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The meters of the ingest service. No meter is tagged by feed: an instance may poll tens of thousands of feeds, so
 * per-feed series would swamp Prometheus; the feed id is in the logs (MDC {@code feed_id}) instead.
 *
 * <ul>
 *   <li>{@code newsflow.ingest.feeds.polled{result=fetched|not_modified|failed}}: feed polls by outcome (a 304 is
 *       {@code not_modified});</li>
 *   <li>{@code newsflow.ingest.fetch.errors{kind}}: failed polls by kind: the fetcher's (timeout, http_status,
 *       unreachable, too_large, forbidden_address, ...), {@code parse}, {@code publish} (Kafka did not take the
 *       batch) or {@code internal};</li>
 *   <li>{@code newsflow.ingest.articles.produced}: articles written to the raw topic (new and updated);</li>
 *   <li>{@code newsflow.ingest.duplicates.dropped}: items not written because an identical article was;</li>
 *   <li>{@code newsflow.ingest.poll.duration}: time to fetch, parse and complete one feed;</li>
 *   <li>{@code newsflow.ingest.feeds.owned}: feeds this instance polls now.</li>
 * </ul>
 */
final class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter fetched;
    private final Counter notModified;
    private final Counter failed;
    private final Counter produced;
    private final Counter duplicates;
    private final Timer pollDuration;
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry, Supplier<Number> ownedFeeds) {
        this.registry = registry;
        this.fetched = polled("fetched");
        this.notModified = polled("not_modified");
        this.failed = polled("failed");
        this.produced = Counter.builder("newsflow.ingest.articles.produced")
                .description("articles written to the raw topic, new and updated").register(registry);
        this.duplicates = Counter.builder("newsflow.ingest.duplicates.dropped")
                .description("feed items dropped because the same article was already published").register(registry);
        this.pollDuration = Timer.builder("newsflow.ingest.poll.duration")
                .description("time to fetch, parse and complete one feed").register(registry);
        Gauge.builder("newsflow.ingest.feeds.owned", ownedFeeds).description("feeds this instance polls now")
                .register(registry);
    }

    private Counter polled(String result) {
        return Counter.builder("newsflow.ingest.feeds.polled").tag("result", result)
                .description("feed polls by result; not_modified is a 304").register(registry);
    }

    void fetched() {
        fetched.increment();
    }

    void notModified() {
        notModified.increment();
    }

    /** A poll that failed at fetch, parse or internally, with its kind. */
    void failed(String kind) {
        failed.increment();
        error(kind);
    }

    /** A fetched feed whose batch Kafka did not take. */
    void publishFailed() {
        error("publish");
    }

    private void error(String kind) {
        errors.computeIfAbsent(kind, key -> Counter.builder("newsflow.ingest.fetch.errors").tag("kind", key)
                .description("failed feed polls by kind").register(registry)).increment();
    }

    void published(int articles, int duplicatesDropped) {
        produced.increment(articles);
        duplicates.increment(duplicatesDropped);
    }

    Timer pollDuration() {
        return pollDuration;
    }

    /**
     * The kind of a failed poll, for the {@code kind} tag: the fetcher's {@code FailureKind} (its failures read
     * {@code KIND: message}), else the stage.
     */
    static String kind(FeedFailure.Stage stage, String reason) {
        if (stage == FeedFailure.Stage.FETCH && reason != null) {
            int colon = reason.indexOf(':');
            if (colon > 0) {
                String prefix = reason.substring(0, colon);
                for (dev.newsflow.ingest.fetch.FailureKind kind : dev.newsflow.ingest.fetch.FailureKind.values()) {
                    if (kind.name().equals(prefix)) {
                        return prefix.toLowerCase(Locale.ROOT);
                    }
                }
            }
            return reason.startsWith("interrupted") ? "interrupted" : "fetch";
        }
        return stage.name().toLowerCase(Locale.ROOT);
    }
}

package dev.newsflow.ingest.schedule;

import dev.newsflow.contract.FeedState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When to poll a feed next, from how its last poll went. Pure: the time comes in as an argument, randomness from
 * the injected source.
 *
 * <ul>
 *   <li>success or 304: after the longest of the publisher's hints ({@code Cache-Control: max-age},
 *       {@code Expires}, RSS {@code <ttl>}, {@code sy:updatePeriod}), else the base interval; clamped to the
 *       bounds; failures reset;</li>
 *   <li>failure: exponential backoff, {@code base * 2^(failures - 1)}, at most the maximum backoff, and never
 *       before the server's {@code Retry-After} (429, 503 or any other status that sends it);</li>
 *   <li>410 Gone: the feed is disabled for good;</li>
 *   <li>a permanent redirect (301, 308), whatever the outcome: its target becomes the feed's URL.</li>
 * </ul>
 * Jitter is only ever added, never taken off, so no feed is polled sooner than its publisher or the bounds allow.
 */
public final class PollPolicy {

    private final PollBounds bounds;
    private final DoubleSupplier random;

    /** @param random uniform values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble} */
    public PollPolicy(PollBounds bounds, DoubleSupplier random) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.random = Objects.requireNonNull(random, "random");
    }

    public PollBounds bounds() {
        return bounds;
    }

    /**
     * The state to poll a feed from: the stored one, unless there is none or the operator changed the feed's URL
     * since (then a fresh state, due now).
     */
    public FeedState resume(String feedId, String configuredUrl, FeedState stored, Instant now) {
        if (stored != null && stored.configuredUrl().equals(configuredUrl)) {
            return stored;
        }
        return FeedState.initial(feedId, configuredUrl, now);
    }

    /** The state after a poll that ended at {@code now}. */
    public FeedState next(FeedState previous, PollOutcome outcome, Instant now) {
        String url = outcome.movedTo() != null ? outcome.movedTo().toString() : previous.url();
        if (outcome instanceof PollOutcome.Success success) {
            Duration interval = bounds.clamp(success.freshness().interval().orElse(bounds.base()));
            String etag = success.etag();
            String lastModified = success.lastModified();
            if (success.status() == 304 && etag == null && lastModified == null) {
                // a 304 usually repeats no validators: the ones sent are still the current ones
                etag = previous.etag();
                lastModified = previous.lastModified();
            }
            return new FeedState(previous.feedId(), previous.configuredUrl(), url, etag, lastModified,
                    now.plus(jittered(interval)), 0, null, success.status(), null, now);
        }
        PollOutcome.Failure failure = (PollOutcome.Failure) outcome;
        if (failure.status() == 410) {
            return new FeedState(previous.feedId(), previous.configuredUrl(), url, previous.etag(),
                    previous.lastModified(), null, previous.consecutiveFailures() + 1, failure.error(), 410,
                    "410 Gone: the publisher removed the feed for good", now);
        }
        int failures = previous.consecutiveFailures() + 1;
        Instant next = now.plus(jittered(backoff(failures)));
        if (failure.retryAfter() != null && failure.retryAfter().isAfter(next)) {
            next = failure.retryAfter();
        }
        return new FeedState(previous.feedId(), previous.configuredUrl(), url, previous.etag(),
                previous.lastModified(), next, failures, failure.error(), failure.status(), null, now);
    }

    /** The delay after the given number of consecutive failures (1 or more), before jitter. */
    public Duration backoff(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration max = bounds.maxBackoff();
        // compare before multiplying, so a long streak cannot overflow
        if (bounds.base().toMillis() > max.toMillis() >> doublings) {
            return max;
        }
        Duration delay = bounds.base().multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private Duration jittered(Duration interval) {
        long extra = (long) (interval.toMillis() * bounds.jitter() * random.getAsDouble());
        return interval.plusMillis(extra);
    }
}

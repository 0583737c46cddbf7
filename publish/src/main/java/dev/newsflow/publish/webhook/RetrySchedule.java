package dev.newsflow.publish.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to attempt a delivery again: the delay before each attempt, the last one repeated, each jittered by up to
 * ±20% so that subscribers recovering from an outage are not hit by every sender at the same instant.
 */
public final class RetrySchedule {

    /** The Standard Webhooks schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h (then 10 h again). */
    public static final List<Duration> STANDARD_WEBHOOKS_DELAYS = List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10));
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final double JITTER = 0.2;

    private final List<Duration> delays;
    private final int maxAttempts;
    private final RandomGenerator random;
    private final Duration longestDelay;

    /**
     * @param delays      delay before attempt 1, 2, ...; the last is repeated for later attempts
     * @param maxAttempts attempts before giving up
     * @param random      source of jitter
     */
    public RetrySchedule(List<Duration> delays, int maxAttempts, RandomGenerator random) {
        this.delays = List.copyOf(delays);
        if (this.delays.isEmpty() || this.delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("a retry schedule needs at least one delay, none negative");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.random = Objects.requireNonNull(random, "random");
        this.longestDelay = Collections.max(this.delays);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The jittered delay before the attempt (1 is the first). */
    public Duration delayBefore(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        Duration delay = delays.get(Math.min(attempt, delays.size()) - 1);
        double factor = 1 + JITTER * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(delay.toNanos() * factor));
    }

    /**
     * When to make the next attempt after {@code failedAttempts} attempts failed, or empty when it is time to give
     * up. A {@code minimumDelay} the subscriber asked for is honoured, up to the longest delay of the schedule, so a
     * huge {@code Retry-After} cannot park the subscription for longer than the schedule would.
     */
    public Optional<Instant> nextAttemptAt(int failedAttempts, Duration minimumDelay, Instant now) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        Duration scheduled = delayBefore(failedAttempts + 1);
        Duration asked = minimumDelay.compareTo(longestDelay) > 0 ? longestDelay : minimumDelay;
        return Optional.of(now.plus(scheduled.compareTo(asked) >= 0 ? scheduled : asked));
    }
}

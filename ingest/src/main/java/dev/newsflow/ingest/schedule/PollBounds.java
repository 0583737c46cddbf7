package dev.newsflow.ingest.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The limits every feed's schedule keeps to.
 *
 * @param base       interval between polls when the server gives no hint (Cache-Control, Expires, ttl, sy:)
 * @param min        shortest interval between polls of a feed, whatever the server says
 * @param max        longest interval between successful polls, whatever the server says
 * @param jitter     up to this fraction of the interval is added at random (0.1 = up to +10%), so feeds with
 *                   the same interval spread out instead of polling in bursts
 * @param maxBackoff ceiling of the exponential backoff after failures
 */
public record PollBounds(Duration base, Duration min, Duration max, double jitter, Duration maxBackoff) {

    public PollBounds {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        List<String> problems = problems(base, min, max, jitter, maxBackoff);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Everything wrong with these values together, empty when they make sense. */
    public static List<String> problems(Duration base, Duration min, Duration max, double jitter,
                                        Duration maxBackoff) {
        List<String> problems = new ArrayList<>();
        if (min.isNegative() || min.isZero()) {
            problems.add("the minimum poll interval must be positive, got " + min);
        }
        if (max.compareTo(min) < 0) {
            problems.add("the maximum poll interval (" + max + ") is shorter than the minimum (" + min + ")");
        }
        if (base.compareTo(min) < 0 || base.compareTo(max) > 0) {
            problems.add("the poll interval (" + base + ") must lie between the minimum (" + min
                    + ") and the maximum (" + max + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            problems.add("the jitter must be between 0 and 1, got " + jitter);
        }
        if (maxBackoff.compareTo(base) < 0) {
            problems.add("the maximum backoff (" + maxBackoff + ") is shorter than the poll interval (" + base + ")");
        }
        return problems;
    }

    /**
     * These bounds with a feed's own minimum and maximum (null keeps ours); the base interval and the backoff
     * ceiling move inside the new bounds.
     *
     * @throws IllegalArgumentException when the feed's maximum is shorter than its minimum, or either is not positive
     */
    public PollBounds narrowed(Duration feedMin, Duration feedMax) {
        if (feedMin == null && feedMax == null) {
            return this;
        }
        Duration newMin = feedMin != null ? feedMin : feedMax != null && feedMax.compareTo(min) < 0 ? feedMax : min;
        Duration newMax = feedMax != null ? feedMax : newMin.compareTo(max) > 0 ? newMin : max;
        Duration newBase = base.compareTo(newMin) < 0 ? newMin : base.compareTo(newMax) > 0 ? newMax : base;
        Duration backoff = maxBackoff.compareTo(newBase) < 0 ? newBase : maxBackoff;
        return new PollBounds(newBase, newMin, newMax, jitter, backoff);
    }

    Duration clamp(Duration interval) {
        return interval.compareTo(min) < 0 ? min : interval.compareTo(max) > 0 ? max : interval;
    }
}

package dev.newsflow.ingest.schedule;

import java.time.Instant;
import java.util.Optional;

/** The {@code Retry-After} header: a number of seconds or an HTTP date. */
public final class RetryAfter {

    /** A server asking for more than this is taken to ask for a week: longer would look like a dead feed. */
    private static final long MAX_SECONDS = 7 * 24 * 3600;

    private RetryAfter() {
    }

    /** The earliest instant for the next request, or empty when the header is absent or unreadable. */
    public static Optional<Instant> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            long seconds = trimmed.length() > 9 ? MAX_SECONDS : Math.min(Long.parseLong(trimmed), MAX_SECONDS);
            return Optional.of(now.plusSeconds(seconds));
        }
        return HttpDates.parse(trimmed).map(at -> at.isBefore(now) ? now : at)
                .map(at -> at.isAfter(now.plusSeconds(MAX_SECONDS)) ? now.plusSeconds(MAX_SECONDS) : at);
    }
}

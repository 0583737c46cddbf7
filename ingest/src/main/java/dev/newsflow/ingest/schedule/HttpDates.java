package dev.newsflow.ingest.schedule;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** HTTP dates ({@code Sun, 06 Nov 1994 08:49:37 GMT}), as in {@code Expires}, {@code Date} and {@code Retry-After}. */
final class HttpDates {

    private HttpDates() {
    }

    /** The instant, or empty for anything that is not an HTTP date (servers send {@code 0} or {@code -1} too). */
    static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

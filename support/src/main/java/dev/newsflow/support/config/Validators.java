package dev.newsflow.support.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/** Checks for {@link Setting#validatedBy}; each returns a problem in words, or empty. */
public final class Validators {

    private Validators() {
    }

    public static Function<Integer, Optional<String>> atLeast(int minimum) {
        return value -> value < minimum ? Optional.of("must be at least " + minimum + ", got " + value) : Optional.empty();
    }

    public static Function<Integer, Optional<String>> between(int minimum, int maximum) {
        return value -> value < minimum || value > maximum
                ? Optional.of("must be between " + minimum + " and " + maximum + ", got " + value)
                : Optional.empty();
    }

    public static Function<Duration, Optional<String>> positive() {
        return value -> value.isNegative() || value.isZero()
                ? Optional.of("must be positive, got " + value)
                : Optional.empty();
    }

    public static Function<String, Optional<String>> notBlank() {
        return value -> value.isBlank() ? Optional.of("must not be blank") : Optional.empty();
    }

    public static <T extends Collection<?>> Function<T, Optional<String>> notEmpty() {
        return value -> value.isEmpty() ? Optional.of("must not be empty") : Optional.empty();
    }

    public static Function<Path, Optional<String>> readableFile() {
        return value -> Files.isRegularFile(value) && Files.isReadable(value)
                ? Optional.empty()
                : Optional.of("no readable file at " + value.toAbsolutePath());
    }

    public static Function<String, Optional<String>> httpUrl() {
        return value -> {
            try {
                URI uri = URI.create(value);
                boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                return http && uri.getHost() != null ? Optional.empty() : Optional.of("must be an http(s) URL, got " + value);
            } catch (IllegalArgumentException e) {
                return Optional.of("must be an http(s) URL, got " + value);
            }
        };
    }
}

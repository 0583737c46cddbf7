package dev.newsflow.publish.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Sorts an HTTP answer, or the failure to get one, into a {@link DeliveryOutcome}. */
public final class OutcomeClassifier {

    private static final int GONE = 410;
    private static final int TOO_MANY_REQUESTS = 429;

    private OutcomeClassifier() {
    }

    /**
     * The outcome of an HTTP answer.
     *
     * @param retryAfter the {@code Retry-After} header, if any; honoured for 429 and 5xx
     * @param now        when the answer came, to read an HTTP-date {@code Retry-After}
     */
    public static DeliveryOutcome ofStatus(int status, Optional<String> retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return new DeliveryOutcome.Delivered(status);
        }
        if (status == GONE) {
            return new DeliveryOutcome.Gone();
        }
        if (status == TOO_MANY_REQUESTS || status >= 500) {
            Duration delay = retryAfter.flatMap(value -> RetryAfter.parse(value, now)).orElse(Duration.ZERO);
            return new DeliveryOutcome.Retry("HTTP " + status + (delay.isZero() ? "" : ", Retry-After " + delay), delay);
        }
        if (status >= 300 && status < 400) {
            return new DeliveryOutcome.Rejected("HTTP " + status
                    + ": redirects are not followed; point the subscription at the final URL");
        }
        return new DeliveryOutcome.Rejected("HTTP " + status + ": the subscriber refused the message");
    }

    /**
     * The outcome of a request that got no answer, from the failure Jetty's client reports: its request timeout
     * ({@link TimeoutException}), its connect timeout ({@link SocketTimeoutException}), and the I/O exceptions of
     * lookups and connections, wrapped or not. Every such failure is retried.
     *
     * @param timeout the request timeout, to say how long the subscriber had
     */
    public static DeliveryOutcome ofFailure(Throwable failure, Duration timeout) {
        if (causeOf(failure, TimeoutException.class) != null) {
            return new DeliveryOutcome.Retry("no answer within " + timeout);
        }
        Throwable io = innermostIo(failure);
        if (io instanceof SocketTimeoutException) {
            return new DeliveryOutcome.Retry("could not connect within " + timeout);
        }
        if (io instanceof ConnectException) {
            return new DeliveryOutcome.Retry("cannot connect: " + message(io));
        }
        if (io instanceof UnknownHostException) {
            return new DeliveryOutcome.Retry("unknown host " + message(io));
        }
        if (io instanceof IOException) {
            return new DeliveryOutcome.Retry("I/O error: " + message(io));
        }
        return new DeliveryOutcome.Retry("request failed: " + message(failure));
    }

    /** The innermost I/O exception in the chain, whose message says what went wrong; null when there is none. */
    private static Throwable innermostIo(Throwable failure) {
        Throwable found = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException) {
                found = cause;
            }
        }
        return found;
    }

    /** The first exception of the type in the chain, or null. */
    static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}

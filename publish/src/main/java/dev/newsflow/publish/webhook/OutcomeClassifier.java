package dev.newsflow.publish.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
     * The outcome of a request that got no answer.
     *
     * @param timeout the request timeout, to say how long the subscriber had
     */
    public static DeliveryOutcome ofFailure(Throwable failure, Duration timeout) {
        if (failure instanceof HttpConnectTimeoutException) {
            return new DeliveryOutcome.Retry("could not connect within " + timeout);
        }
        if (failure instanceof HttpTimeoutException) {
            return new DeliveryOutcome.Retry("no answer within " + timeout);
        }
        if (failure instanceof ConnectException) {
            return new DeliveryOutcome.Retry("cannot connect: " + message(failure));
        }
        if (failure instanceof UnknownHostException) {
            return new DeliveryOutcome.Retry("unknown host: " + message(failure));
        }
        if (failure instanceof IOException) {
            return new DeliveryOutcome.Retry("I/O error: " + message(failure));
        }
        return new DeliveryOutcome.Retry("request failed: " + message(failure));
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}

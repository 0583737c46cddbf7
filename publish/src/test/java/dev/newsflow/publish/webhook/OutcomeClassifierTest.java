package dev.newsflow.publish.webhook;

import static org.assertj.core.api.Assertions.assertThat;


import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void shouldCountEvery2xxAsDelivered() {
        assertThat(classify(200)).isEqualTo(new DeliveryOutcome.Delivered(200));
        assertThat(classify(204)).isEqualTo(new DeliveryOutcome.Delivered(204));
    }

    @Test
    void shouldTreat410AsGone() {
        assertThat(classify(410)).isInstanceOf(DeliveryOutcome.Gone.class);
        assertThat(classify(410).isRetriable()).isFalse();
    }

    @Test
    void shouldRetryServerErrorsAndThrottling() {
        assertThat(classify(500)).isEqualTo(new DeliveryOutcome.Retry("HTTP 500", Duration.ZERO));
        assertThat(classify(503).isRetriable()).isTrue();
        assertThat(classify(429).isRetriable()).isTrue();
    }

    @Test
    void shouldHonourRetryAfterInSeconds() {
        DeliveryOutcome outcome = OutcomeClassifier.ofStatus(503, Optional.of("120"), NOW);

        assertThat(outcome.minimumDelay()).isEqualTo(Duration.ofSeconds(120));
        assertThat(outcome.describe()).contains("HTTP 503", "Retry-After");
    }

    @Test
    void shouldHonourRetryAfterAsAnHttpDate() {
        DeliveryOutcome outcome = OutcomeClassifier.ofStatus(429, Optional.of("Sat, 01 Mar 2025 12:05:00 GMT"), NOW);

        assertThat(outcome.minimumDelay()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldNotFollowRedirects() {
        DeliveryOutcome outcome = classify(301);

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class);
        assertThat(outcome.isRetriable()).isTrue();
        assertThat(outcome.describe()).contains("HTTP 301", "redirects are not followed");
    }

    @Test
    void shouldRejectButStillRetryOtherClientErrors() {
        assertThat(classify(400)).isInstanceOf(DeliveryOutcome.Rejected.class);
        assertThat(classify(404).isRetriable()).isTrue();
        assertThat(classify(401).describe()).contains("HTTP 401");
    }

    @Test
    void shouldRetryTimeoutsAndConnectionErrorsAsJettysClientReportsThem() {
        Duration timeout = Duration.ofSeconds(10);

        assertThat(OutcomeClassifier.ofFailure(new TimeoutException("Total timeout 10000 ms elapsed"), timeout)
                .describe()).isEqualTo("no answer within PT10S");
        assertThat(OutcomeClassifier.ofFailure(new SocketTimeoutException("Connect Timeout"), timeout).describe())
                .isEqualTo("could not connect within PT10S");
        assertThat(OutcomeClassifier.ofFailure(new ConnectException("Connection refused"), timeout))
                .isEqualTo(new DeliveryOutcome.Retry("cannot connect: Connection refused"));
        assertThat(OutcomeClassifier.ofFailure(new UnknownHostException("nowhere.example"), timeout))
                .isEqualTo(new DeliveryOutcome.Retry("unknown host nowhere.example"));
    }

    @Test
    void shouldNameTheInnermostIoErrorOfAWrappedFailure() {
        Exception wrapped = new IllegalStateException("exchange failed",
                new IOException("outer", new EOFException("early EOF")));

        assertThat(OutcomeClassifier.ofFailure(wrapped, Duration.ofSeconds(1)))
                .isEqualTo(new DeliveryOutcome.Retry("I/O error: early EOF"));
        assertThat(OutcomeClassifier.ofFailure(new IllegalArgumentException("newPosition > limit"),
                Duration.ofSeconds(1))).isEqualTo(new DeliveryOutcome.Retry("request failed: newPosition > limit"));
    }

    private static DeliveryOutcome classify(int status) {
        return OutcomeClassifier.ofStatus(status, Optional.empty(), NOW);
    }
}

package dev.newsflow.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.contract.FeedState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-03T12:00:00Z");
    private static final PollBounds BOUNDS = new PollBounds(Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofHours(6), 0.1, Duration.ofHours(24));
    private static final PollPolicy NO_JITTER = new PollPolicy(BOUNDS, () -> 0.0);
    private static final FeedState FRESH = FeedState.initial("pap", "https://pap.example/rss", NOW);

    @Test
    void shouldPollAgainAfterTheBaseIntervalWhenNothingSaysOtherwise() {
        FeedState next = NO_JITTER.next(FRESH, success(Freshness.NONE), NOW);

        assertThat(next.nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(next.lastPolledAt()).isEqualTo(NOW);
        assertThat(next.lastStatus()).isEqualTo(200);
        assertThat(next.etag()).isEqualTo("\"v1\"");
    }

    @Test
    void shouldHonourCacheControlMaxAge() {
        Freshness freshness = Freshness.fromHeaders("public, max-age=1800", null, null, NOW);

        assertThat(NO_JITTER.next(FRESH, success(freshness), NOW).nextPollAt()).isEqualTo(NOW.plusSeconds(1800));
    }

    @Test
    void shouldHonourExpiresRelativeToTheServersDate() {
        Freshness freshness = Freshness.fromHeaders(null, "Tue, 03 Mar 2026 10:20:00 GMT",
                "Tue, 03 Mar 2026 10:00:00 GMT", NOW);

        assertThat(NO_JITTER.next(FRESH, success(freshness), NOW).nextPollAt())
                .isEqualTo(NOW.plus(Duration.ofMinutes(20)));
    }

    @Test
    void shouldHonourRssTtlAndSyndicationPeriodTakingTheLongestHint() {
        Freshness ttl = Freshness.NONE.withFeedHints(45, null, null);
        Freshness sy = Freshness.fromHeaders("max-age=60", null, null, NOW).withFeedHints(null, "hourly", 2);

        assertThat(NO_JITTER.next(FRESH, success(ttl), NOW).nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(45)));
        assertThat(NO_JITTER.next(FRESH, success(sy), NOW).nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void shouldClampServerHintsToTheBounds() {
        Freshness tooShort = Freshness.fromHeaders("max-age=5", null, null, NOW);
        Freshness tooLong = Freshness.NONE.withFeedHints(null, "weekly", 1);

        assertThat(NO_JITTER.next(FRESH, success(tooShort), NOW).nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(NO_JITTER.next(FRESH, success(tooLong), NOW).nextPollAt()).isEqualTo(NOW.plus(Duration.ofHours(6)));
    }

    @Test
    void shouldOnlyAddJitterUpToTheConfiguredFraction() {
        PollPolicy maxJitter = new PollPolicy(BOUNDS, () -> 0.999_999);

        Instant next = maxJitter.next(FRESH, success(Freshness.NONE), NOW).nextPollAt();

        assertThat(next).isAfter(NOW.plus(Duration.ofMinutes(5)))
                .isBeforeOrEqualTo(NOW.plus(Duration.ofMinutes(5).plusSeconds(30)));
    }

    @Test
    void shouldTreatNotModifiedAsSuccessAndKeepTheValidatorsSent() {
        FeedState failing = NO_JITTER.next(NO_JITTER.next(FRESH, success(Freshness.NONE), NOW),
                new PollOutcome.Failure(500, "HTTP 500", null, null), NOW);

        FeedState next = NO_JITTER.next(failing, new PollOutcome.Success(304, null, null, Freshness.NONE, null), NOW);

        assertThat(next.consecutiveFailures()).isZero();
        assertThat(next.lastError()).isNull();
        assertThat(next.lastStatus()).isEqualTo(304);
        assertThat(next.etag()).isEqualTo("\"v1\"");
        assertThat(next.lastModified()).isEqualTo("Tue, 03 Mar 2026 09:00:00 GMT");
        assertThat(next.nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void shouldDropOldValidatorsWhenAFetchedFeedSendsNone() {
        FeedState withValidators = NO_JITTER.next(FRESH, success(Freshness.NONE), NOW);

        FeedState next = NO_JITTER.next(withValidators,
                new PollOutcome.Success(200, null, null, Freshness.NONE, null), NOW);

        assertThat(next.etag()).isNull();
        assertThat(next.lastModified()).isNull();
    }

    @Test
    void shouldBackOffExponentiallyOnConsecutiveFailures() {
        FeedState state = FRESH;
        for (int failure = 1; failure <= 4; failure++) {
            state = NO_JITTER.next(state, new PollOutcome.Failure(500, "HTTP 500", null, null), NOW);
            assertThat(state.consecutiveFailures()).isEqualTo(failure);
            assertThat(state.nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5L << (failure - 1))));
        }
        assertThat(state.lastError()).isEqualTo("HTTP 500");
        assertThat(state.lastStatus()).isEqualTo(500);
    }

    @Test
    void shouldCapTheBackoffAtTheCeilingEvenAfterAVeryLongStreak() {
        assertThat(NO_JITTER.backoff(10)).isEqualTo(Duration.ofHours(24));
        assertThat(NO_JITTER.backoff(10_000)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void shouldResetFailuresAfterASuccess() {
        FeedState failing = NO_JITTER.next(FRESH, new PollOutcome.Failure(0, "UNREACHABLE", null, null), NOW);

        FeedState next = NO_JITTER.next(failing, success(Freshness.NONE), NOW);

        assertThat(next.consecutiveFailures()).isZero();
        assertThat(next.lastError()).isNull();
    }

    @Test
    void shouldHonourRetryAfterOn429() {
        Instant retryAfter = RetryAfter.parse("7200", NOW).orElseThrow();

        FeedState next = NO_JITTER.next(FRESH, new PollOutcome.Failure(429, "HTTP 429", retryAfter, null), NOW);

        assertThat(next.nextPollAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(next.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void shouldHonourRetryAfterAsAnHttpDateOn503() {
        Instant retryAfter = RetryAfter.parse("Tue, 03 Mar 2026 13:00:00 GMT", NOW).orElseThrow();

        FeedState next = NO_JITTER.next(FRESH, new PollOutcome.Failure(503, "HTTP 503", retryAfter, null), NOW);

        assertThat(next.nextPollAt()).isEqualTo(Instant.parse("2026-03-03T13:00:00Z"));
    }

    @Test
    void shouldKeepTheBackoffWhenRetryAfterIsShorter() {
        FeedState twice = NO_JITTER.next(NO_JITTER.next(FRESH, new PollOutcome.Failure(503, "x", null, null), NOW),
                new PollOutcome.Failure(503, "x", null, null), NOW);

        FeedState next = NO_JITTER.next(twice, new PollOutcome.Failure(503, "x", NOW.plusSeconds(1), null), NOW);

        assertThat(next.nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
    }

    @Test
    void shouldDisableTheFeedOn410Gone() {
        FeedState next = NO_JITTER.next(FRESH, new PollOutcome.Failure(410, "HTTP 410", null, null), NOW);

        assertThat(next.disabled()).isTrue();
        assertThat(next.disabledReason()).contains("410 Gone");
        assertThat(next.nextPollAt()).isNull();
    }

    @Test
    void shouldMoveTheFeedToThePermanentRedirectTarget() {
        URI target = URI.create("https://new.example/rss");

        FeedState afterSuccess = NO_JITTER.next(FRESH,
                new PollOutcome.Success(200, null, null, Freshness.NONE, target), NOW);
        FeedState afterFailure = NO_JITTER.next(FRESH, new PollOutcome.Failure(500, "x", null, target), NOW);

        assertThat(afterSuccess.url()).isEqualTo(target.toString());
        assertThat(afterSuccess.configuredUrl()).isEqualTo(FRESH.configuredUrl());
        assertThat(afterFailure.url()).isEqualTo(target.toString());
    }

    @Test
    void shouldResumeTheStoredStateUnlessTheOperatorChangedTheUrl() {
        FeedState stored = NO_JITTER.next(FRESH, new PollOutcome.Failure(410, "HTTP 410", null, null), NOW);

        assertThat(NO_JITTER.resume("pap", FRESH.configuredUrl(), stored, NOW.plusSeconds(60))).isSameAs(stored);
        assertThat(NO_JITTER.resume("pap", "https://pap.example/new", stored, NOW))
                .isEqualTo(FeedState.initial("pap", "https://pap.example/new", NOW));
        assertThat(NO_JITTER.resume("pap", FRESH.configuredUrl(), null, NOW)).isEqualTo(FRESH);
    }

    @Test
    void shouldRefuseBoundsThatContradictEachOther() {
        assertThatThrownBy(() -> new PollBounds(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(8),
                1.5, Duration.ofMinutes(1)))
                .hasMessageContaining("shorter than the minimum").hasMessageContaining("must lie between")
                .hasMessageContaining("jitter").hasMessageContaining("maximum backoff");
    }

    private static PollOutcome.Success success(Freshness freshness) {
        return new PollOutcome.Success(200, "\"v1\"", "Tue, 03 Mar 2026 09:00:00 GMT", freshness, null);
    }
}

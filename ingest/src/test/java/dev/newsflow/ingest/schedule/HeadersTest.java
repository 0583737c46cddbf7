package dev.newsflow.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeadersTest {

    private static final Instant NOW = Instant.parse("2026-03-03T12:00:00Z");

    @Test
    void shouldReadRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(RetryAfter.parse("120", NOW)).contains(NOW.plusSeconds(120));
        assertThat(RetryAfter.parse(" Tue, 03 Mar 2026 12:30:00 GMT ", NOW)).contains(NOW.plusSeconds(1800));
    }

    @Test
    void shouldIgnoreUnreadableRetryAfterAndCapAbsurdOnes() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999", NOW)).contains(NOW.plus(Duration.ofDays(7)));
        assertThat(RetryAfter.parse("Mon, 02 Mar 2026 12:00:00 GMT", NOW)).contains(NOW);
    }

    @Test
    void shouldReadMaxAgeAndSMaxAgeButNotOtherDirectives() {
        assertThat(Freshness.fromHeaders("no-cache, s-maxage=600", null, null, NOW).maxAge())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(Freshness.fromHeaders("MAX-AGE=\"60\"", null, null, NOW).maxAge()).isEqualTo(Duration.ofMinutes(1));
        assertThat(Freshness.fromHeaders("no-store", null, null, NOW).interval()).isEmpty();
    }

    @Test
    void shouldMeasureExpiresFromNowWithoutADateAndTreatPastOrInvalidExpiresAsStale() {
        assertThat(Freshness.fromHeaders(null, "Tue, 03 Mar 2026 12:10:00 GMT", null, NOW).expiresIn())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(Freshness.fromHeaders(null, "Mon, 02 Mar 2026 12:00:00 GMT", null, NOW).expiresIn())
                .isEqualTo(Duration.ZERO);
        assertThat(Freshness.fromHeaders(null, "0", null, NOW).expiresIn()).isNull();
    }

    @Test
    void shouldDivideTheSyndicationPeriodByItsFrequency() {
        assertThat(Freshness.syndicationPeriod("daily", 4)).isEqualTo(Duration.ofHours(6));
        assertThat(Freshness.syndicationPeriod("Weekly", null)).isEqualTo(Duration.ofDays(7));
        assertThat(Freshness.syndicationPeriod("fortnightly", 1)).isNull();
    }
}

package dev.newsflow.publish.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void shouldFollowTheStandardWebhooksScheduleWithinTheJitter() {
        RetrySchedule schedule = new RetrySchedule(RetrySchedule.STANDARD_WEBHOOKS_DELAYS, 8, new Random(7));
        List<Duration> expected = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                Duration.ofHours(10));

        for (int attempt = 1; attempt <= 8; attempt++) {
            double nominal = expected.get(attempt - 1).toMillis();
            assertThat((double) schedule.delayBefore(attempt).toMillis())
                    .as("attempt %d", attempt).isCloseTo(nominal, within(nominal * 0.2 + 1));
        }
    }

    @Test
    void shouldRepeatTheLastDelay() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(10)), 50, new Random(1));

        assertThat(schedule.delayBefore(40)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
    }

    @Test
    void shouldSpreadDelaysByUpToTwentyPercent() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(100)), 8, new Random(42));

        List<Long> delays = java.util.stream.IntStream.range(0, 1_000)
                .mapToObj(i -> schedule.delayBefore(1).toMillis()).toList();

        assertThat(delays).allMatch(delay -> delay >= 80_000 && delay <= 120_000);
        assertThat(delays.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(82_000);
        assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(118_000);
    }

    @Test
    void shouldBeRepeatableWithTheSameRandomSeed() {
        RetrySchedule one = new RetrySchedule(RetrySchedule.STANDARD_WEBHOOKS_DELAYS, 8, new Random(3));
        RetrySchedule two = new RetrySchedule(RetrySchedule.STANDARD_WEBHOOKS_DELAYS, 8, new Random(3));

        assertThat(one.delayBefore(3)).isEqualTo(two.delayBefore(3));
    }

    @Test
    void shouldGiveUpAfterTheLastAttempt() {
        RetrySchedule schedule = new RetrySchedule(RetrySchedule.STANDARD_WEBHOOKS_DELAYS, 8, new Random(1));

        assertThat(schedule.nextAttemptAt(1, Duration.ZERO, NOW))
                .hasValueSatisfying(at -> assertThat(at).isBetween(NOW.plusSeconds(4), NOW.plusSeconds(6)));
        assertThat(schedule.nextAttemptAt(7, Duration.ZERO, NOW)).isPresent();
        assertThat(schedule.nextAttemptAt(8, Duration.ZERO, NOW)).isEmpty();
    }

    @Test
    void shouldHonourRetryAfterAsAMinimumDelay() {
        RetrySchedule schedule = new RetrySchedule(RetrySchedule.STANDARD_WEBHOOKS_DELAYS, 8, new Random(1));

        assertThat(schedule.nextAttemptAt(1, Duration.ofSeconds(120), NOW)).contains(NOW.plusSeconds(120));
        assertThat(schedule.nextAttemptAt(2, Duration.ofSeconds(1), NOW))
                .hasValueSatisfying(at -> assertThat(at).isAfter(NOW.plusSeconds(200)));
    }

    @Test
    void shouldCapRetryAfterAtTheLongestDelayOfTheSchedule() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(1)), 3, new Random(1));

        assertThat(schedule.nextAttemptAt(1, Duration.ofDays(30), NOW)).hasValueSatisfying(at -> assertThat(at)
                .isBetween(NOW.plusSeconds(1), NOW.plusMillis(1_200)));
    }
}

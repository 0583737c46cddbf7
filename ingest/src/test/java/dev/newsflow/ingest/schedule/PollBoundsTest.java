package dev.newsflow.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollBoundsTest {

    private final PollBounds defaults = new PollBounds(Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofHours(6), 0.1, Duration.ofHours(24));

    @Test
    void shouldKeepTheDefaultsWhenAFeedSetsNoBounds() {
        assertThat(defaults.narrowed(null, null)).isSameAs(defaults);
    }

    @Test
    void shouldMoveTheBaseIntervalInsideAFeedsOwnBounds() {
        PollBounds slow = defaults.narrowed(Duration.ofHours(1), null);
        PollBounds fast = defaults.narrowed(null, Duration.ofSeconds(30));

        assertThat(slow.min()).isEqualTo(Duration.ofHours(1));
        assertThat(slow.base()).isEqualTo(Duration.ofHours(1));
        assertThat(slow.max()).isEqualTo(Duration.ofHours(6));
        assertThat(fast.max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fast.min()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fast.base()).isEqualTo(Duration.ofSeconds(30));
    }
}

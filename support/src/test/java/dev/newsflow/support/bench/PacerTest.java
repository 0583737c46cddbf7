package dev.newsflow.support.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void shouldCallOncePerIntervalOfTheDurationNumberingTheCalls() {
        List<Long> calls = new ArrayList<>();

        long sent = Pacer.run(1000, Duration.ofMillis(20), calls::add);

        assertThat(sent).isEqualTo(20);
        assertThat(calls).hasSize(20).startsWith(0L, 1L, 2L).endsWith(19L);
    }

    @Test
    void shouldRefuseARateBelowOnePerSecond() {
        assertThatThrownBy(() -> Pacer.run(0, Duration.ofSeconds(1), call -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.newsflow.support.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimingsTest {

    @Test
    void shouldGiveNearestRankPercentilesWhateverTheOrderOfAdding() {
        Timings timings = new Timings();
        IntStream.of(7, 3, 10, 1, 5, 9, 2, 8, 4, 6).forEach(timings::add);

        assertThat(timings.size()).isEqualTo(10);
        assertThat(timings.percentile(50)).isEqualTo(5);
        assertThat(timings.percentile(90)).isEqualTo(9);
        assertThat(timings.percentile(99)).isEqualTo(10);
        assertThat(timings.percentile(100)).isEqualTo(10);
        assertThat(timings.percentile(1)).isEqualTo(1);
    }

    @Test
    void shouldGrowPastItsFirstCapacityAndAnswerZeroWhenEmpty() {
        Timings timings = new Timings();
        assertThat(timings.percentile(99)).isZero();

        IntStream.rangeClosed(1, 5000).forEach(timings::add);

        assertThat(timings.percentile(50)).isEqualTo(2500);
        assertThat(timings.percentile(99)).isEqualTo(4950);
    }

    @Test
    void shouldRefuseAPercentileOutOfRange() {
        assertThatThrownBy(() -> new Timings().percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timings().percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}

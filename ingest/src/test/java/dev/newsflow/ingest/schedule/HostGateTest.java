package dev.newsflow.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HostGateTest {

    private static final Instant NOW = Instant.parse("2026-03-03T12:00:00Z");

    @Test
    void shouldSpaceRequestsToTheSameHost() {
        HostGate gate = new HostGate(2, Duration.ofSeconds(1));

        assertThat(gate.tryAcquire("pap.pl", NOW)).isEmpty();
        assertThat(gate.tryAcquire("pap.pl", NOW.plusMillis(300))).contains(NOW.plusSeconds(1));
        assertThat(gate.tryAcquire("other.pl", NOW.plusMillis(300))).isEmpty();
        assertThat(gate.tryAcquire("pap.pl", NOW.plusSeconds(1))).isEmpty();
    }

    @Test
    void shouldMakeAFeedWaitWhileItsHostIsBusyUntilASlotIsReleased() {
        HostGate gate = new HostGate(2, Duration.ZERO);
        gate.tryAcquire("pap.pl", NOW);
        gate.tryAcquire("pap.pl", NOW);

        assertThat(gate.tryAcquire("pap.pl", NOW.plusSeconds(60))).contains(Instant.MAX);
        gate.release("pap.pl");
        assertThat(gate.inFlight("pap.pl")).isEqualTo(1);
        assertThat(gate.tryAcquire("pap.pl", NOW.plusSeconds(60))).isEmpty();
    }
}

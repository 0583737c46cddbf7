package dev.newsflow.ingest.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps requests to one host polite: at most {@code concurrency} at a time, and their starts at least
 * {@code spacing} apart. Not thread-safe: the scheduler thread alone takes and releases slots.
 */
public final class HostGate {

    private final int concurrency;
    private final Duration spacing;
    private final Map<String, Host> hosts = new HashMap<>();

    public HostGate(int concurrency, Duration spacing) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.concurrency = concurrency;
        this.spacing = spacing;
    }

    /**
     * Takes a slot for a request to the host starting now, if it may start.
     *
     * @return empty when the slot was taken (release it when done); otherwise when to try again: the end of the
     *         spacing, or {@link Instant#MAX} while the host is busy (a release frees it)
     */
    public Optional<Instant> tryAcquire(String host, Instant now) {
        Host state = hosts.computeIfAbsent(host, key -> new Host());
        if (state.inFlight >= concurrency) {
            return Optional.of(Instant.MAX);
        }
        if (state.lastStart != null) {
            Instant allowed = state.lastStart.plus(spacing);
            if (now.isBefore(allowed)) {
                return Optional.of(allowed);
            }
        }
        state.inFlight++;
        state.lastStart = now;
        return Optional.empty();
    }

    /** Gives back a slot taken by {@link #tryAcquire}. */
    public void release(String host) {
        Host state = hosts.get(host);
        if (state != null && state.inFlight > 0) {
            state.inFlight--;
        }
    }

    /** Requests to the host in flight now. */
    public int inFlight(String host) {
        Host state = hosts.get(host);
        return state == null ? 0 : state.inFlight;
    }

    private static final class Host {
        int inFlight;
        Instant lastStart;
    }
}

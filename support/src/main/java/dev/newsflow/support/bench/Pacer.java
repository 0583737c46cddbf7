package dev.newsflow.support.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/** Does something at a fixed rate for a while, as the benchmarks' latency phases send records. */
public final class Pacer {

    private Pacer() {
    }

    /**
     * Calls {@code sendOne} with 0, 1, 2, ... once every {@code 1/rate} seconds, on schedule from the start (a late
     * call is not made up for by waiting less than zero), until {@code duration} has passed.
     *
     * @return how many calls were made: always {@code duration * rate} rounded up
     */
    public static long run(int rate, Duration duration, LongConsumer sendOne) {
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be at least 1 per second, got " + rate);
        }
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = 1_000_000_000L / rate;
        long sent = 0;
        for (long next = start; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sendOne.accept(sent++);
        }
        return sent;
    }
}

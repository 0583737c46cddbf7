package dev.newsflow.support.bench;

import java.util.Arrays;

/**
 * Durations in nanoseconds collected by the benchmarks, from any thread; percentiles by the nearest-rank method,
 * sorting once when asked. Kept whole rather than in a histogram: a run holds at most a few hundred thousand.
 */
public final class Timings {

    private long[] values = new long[1024];
    private int size;

    public synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    public synchronized int size() {
        return size;
    }

    /**
     * The smallest value with at least {@code percent}% of the values at or below it; 0 when there are none.
     *
     * @param percent 1 to 100; 100 gives the largest value
     */
    public synchronized long percentile(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("percent must be between 1 and 100, got " + percent);
        }
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(percent / 100.0 * size) - 1)];
    }
}

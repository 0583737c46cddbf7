package dev.newsflow.app.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Times from each kill -9 to the first article handled after it. */
final class Recoveries {

    private final List<Long> millis = new ArrayList<>();

    /** Records the time since {@code killedNanos} ({@link System#nanoTime()} at the kill); returns it. */
    long since(long killedNanos) {
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos);
        millis.add(took);
        return took;
    }

    int count() {
        return millis.size();
    }

    long max() {
        return millis.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    String describe() {
        return millis.size() + " kills, recovery mean "
                + Math.round(millis.stream().mapToLong(Long::longValue).average().orElse(0)) + "ms, each " + millis;
    }
}

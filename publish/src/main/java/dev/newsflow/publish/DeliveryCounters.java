package dev.newsflow.publish;

import java.util.concurrent.atomic.AtomicLong;

/** Counters a worker updates and anyone may read. */
final class DeliveryCounters {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong filteredOut = new AtomicLong();

    void delivered() {
        delivered.incrementAndGet();
    }

    void retried() {
        retried.incrementAndGet();
    }

    void deadLettered() {
        deadLettered.incrementAndGet();
    }

    void filteredOut() {
        filteredOut.incrementAndGet();
    }

    SubscriptionStats snapshot(String subscriptionId, WorkerState state) {
        return new SubscriptionStats(subscriptionId, state, delivered.get(), retried.get(), deadLettered.get(),
                filteredOut.get());
    }
}

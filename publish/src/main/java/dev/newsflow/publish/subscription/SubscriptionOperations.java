package dev.newsflow.publish.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the subscriptions API can do. Every change is stored in {@code news.subscriptions} before the call returns;
 * the publish instances (this one included) start, stop or reconfigure their workers once they read it, so a call
 * returns before deliveries have stopped or started. Failures are {@link SubscriptionException}s.
 */
public interface SubscriptionOperations {

    List<StoredSubscription> list();

    Optional<StoredSubscription> get(String id);

    /**
     * Stores a new subscription, which gets the articles enriched from now on (replay it from an earlier time for
     * older ones); CONFLICT when the id is taken.
     */
    StoredSubscription create(JsonNode body);

    /** Replaces filter and delivery (see {@link SubscriptionInput#update}); CONFLICT for a configured one. */
    StoredSubscription update(String id, JsonNode body);

    StoredSubscription pause(String id);

    /** Makes a paused or disabled subscription active again. */
    StoredSubscription resume(String id);

    /** Deletes the subscription (a tombstone); CONFLICT for a configured one. */
    void delete(String id);

    /**
     * Moves the subscription's consumer group to the first articles written at or after {@code from}, so they are
     * delivered again (with the same {@code webhook-id}s). The subscription is paused meanwhile, so every instance
     * stops its worker and the group is empty while its offsets change, then it is active again if it was before.
     */
    Replay replay(String id, Instant from);

    /** Deliveries of the subscription that exhausted their attempts, oldest first. */
    List<FailedDelivery> failed(String id);

    /**
     * Starts delivering the failed deliveries again, one attempt each, in the background; a delivered one leaves the
     * list. Returns how many were queued. CONFLICT when the subscription is not active or a replay still runs.
     */
    int replayFailed(String id);

    /** The webhook-id a receiver sees for a delivery. */
    String webhookId(FailedDelivery failed);

    /**
     * What a replay did.
     *
     * @param id         the subscription
     * @param from       the time replayed from
     * @param partitions partitions of the enriched topic whose offsets moved
     */
    record Replay(String id, Instant from, int partitions) {
    }
}

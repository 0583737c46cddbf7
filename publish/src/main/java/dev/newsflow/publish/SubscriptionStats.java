package dev.newsflow.publish;

/**
 * Counters of one subscription since the service started.
 *
 * @param subscriptionId which subscription
 * @param state          where its worker stands
 * @param delivered      articles the subscriber accepted
 * @param retried        failed attempts that were followed by another attempt
 * @param deadLettered   records given up (after the last attempt, or not valid enriched articles) and sent to the
 *                       dead-letter topic
 * @param filteredOut    articles its filter did not want
 */
public record SubscriptionStats(String subscriptionId, WorkerState state, long delivered, long retried,
                                long deadLettered, long filteredOut) {
}

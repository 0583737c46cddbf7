package dev.newsflow.publish.subscription;

import dev.newsflow.contract.EnrichedArticle;
import java.util.Objects;

/**
 * A subscriber: which articles it wants and where they are delivered.
 *
 * @param id       stable id, unique among subscriptions; names the subscription's consumer group
 * @param filter   which articles it wants
 * @param delivery where and how they are delivered
 * @param enabled  whether articles are delivered at all; a disabled subscription keeps its place in the group
 */
public record Subscription(String id, SubscriptionFilter filter, WebhookDelivery delivery, boolean enabled) {

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** An enabled subscription. */
    public static Subscription of(String id, SubscriptionFilter filter, WebhookDelivery delivery) {
        return new Subscription(id, filter, delivery, true);
    }

    public boolean wants(EnrichedArticle article) {
        return filter.matches(article);
    }
}

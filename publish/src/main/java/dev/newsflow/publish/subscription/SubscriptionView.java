package dev.newsflow.publish.subscription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API returns for a subscription and a failed delivery. A secret is shown only by its last four characters,
 * so a caller can tell which secrets are set without learning them.
 */
public final class SubscriptionView {

    private SubscriptionView() {
    }

    public static Map<String, Object> of(StoredSubscription subscription) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", subscription.id());
        Map<String, Object> filter = new LinkedHashMap<>();
        SubscriptionFilter criteria = subscription.filter();
        filter.put("tags", List.copyOf(criteria.tags()));
        filter.put("tagsAll", List.copyOf(criteria.tagsAll()));
        filter.put("sources", List.copyOf(criteria.sources()));
        filter.put("languages", List.copyOf(criteria.languages()));
        filter.put("feeds", List.copyOf(criteria.feeds()));
        view.put("filter", filter);
        Map<String, Object> delivery = new LinkedHashMap<>();
        Delivery target = subscription.delivery();
        delivery.put("type", target.type() == Delivery.Type.WEBHOOK ? "webhook" : "pull");
        if (target.type() == Delivery.Type.WEBHOOK) {
            delivery.put("url", target.url().toString());
            delivery.put("secrets", target.secrets().stream().map(SubscriptionView::masked).toList());
        }
        view.put("delivery", delivery);
        view.put("state", subscription.state().label());
        if (subscription.stateReason() != null) {
            view.put("stateReason", subscription.stateReason());
        }
        view.put("origin", subscription.origin() == StoredSubscription.Origin.CONFIG ? "config" : "api");
        view.put("createdAt", subscription.createdAt().toString());
        view.put("updatedAt", subscription.updatedAt().toString());
        return view;
    }

    public static Map<String, Object> of(FailedDelivery failed, String webhookId) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("articleId", failed.articleId());
        view.put("eventId", failed.eventId());
        view.put("webhookId", webhookId);
        view.put("attempts", failed.attempts());
        view.put("lastError", failed.lastError());
        view.put("failedAt", failed.failedAt() == null ? null : failed.failedAt().toString());
        view.put("title", failed.article().title());
        return view;
    }

    /** {@code ******abcd}: the last four characters of a secret. */
    public static String masked(String secret) {
        return "******" + (secret.length() > 12 ? secret.substring(secret.length() - 4) : "");
    }
}

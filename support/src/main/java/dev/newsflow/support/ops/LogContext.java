package dev.newsflow.support.ops;

import org.slf4j.MDC;

/**
 * The MDC keys newsflow logs per item under, the same in every service, so JSON logs can be searched by them.
 * Put them around the work of one item: {@code try (MDC.MDCCloseable ignored = LogContext.feed(id)) {...}}.
 */
public final class LogContext {

    public static final String FEED_ID = "feed_id";
    public static final String ARTICLE_ID = "article_id";
    public static final String SUBSCRIPTION_ID = "subscription_id";

    private LogContext() {
    }

    /** Puts the feed id in the MDC until closed. */
    public static MDC.MDCCloseable feed(String feedId) {
        return MDC.putCloseable(FEED_ID, feedId);
    }

    /** Puts the article id in the MDC until closed. */
    public static MDC.MDCCloseable article(String articleId) {
        return MDC.putCloseable(ARTICLE_ID, articleId);
    }

    /** Puts the subscription id in the MDC until closed. */
    public static MDC.MDCCloseable subscription(String subscriptionId) {
        return MDC.putCloseable(SUBSCRIPTION_ID, subscriptionId);
    }
}

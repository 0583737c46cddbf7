package dev.newsflow.ingest.schedule;

/**
 * What a feed document says about how often it changes.
 *
 * @param ttlMinutes      RSS {@code <ttl>}, or null
 * @param updatePeriod    {@code sy:updatePeriod} (hourly, daily, weekly, monthly, yearly), or null
 * @param updateFrequency {@code sy:updateFrequency}, or null
 */
public record FeedHints(Integer ttlMinutes, String updatePeriod, Integer updateFrequency) {

    public static final FeedHints NONE = new FeedHints(null, null, null);
}

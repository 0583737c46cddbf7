package dev.newsflow.ingest.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How long the publisher says a feed stays fresh, from the HTTP caching headers and the feed's own hints.
 *
 * @param maxAge      {@code Cache-Control: max-age} (or {@code s-maxage}), or null
 * @param expiresIn   {@code Expires} minus {@code Date} (or minus now without {@code Date}), or null
 * @param ttl         RSS {@code <ttl>}, or null
 * @param syndication {@code sy:updatePeriod} divided by {@code sy:updateFrequency}, or null
 */
public record Freshness(Duration maxAge, Duration expiresIn, Duration ttl, Duration syndication) {

    public static final Freshness NONE = new Freshness(null, null, null, null);

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(?:s-maxage|max-age)\\s*=\\s*\"?(\\d{1,10})");

    /** The hints of a response's headers; unreadable headers count as absent. */
    public static Freshness fromHeaders(String cacheControl, String expires, String date, Instant now) {
        Duration maxAge = null;
        if (cacheControl != null) {
            Matcher matcher = MAX_AGE.matcher(cacheControl.toLowerCase(Locale.ROOT));
            if (matcher.find()) {
                maxAge = Duration.ofSeconds(Long.parseLong(matcher.group(1)));
            }
        }
        Duration expiresIn = HttpDates.parse(expires)
                .map(at -> Duration.between(HttpDates.parse(date).orElse(now), at))
                .map(left -> left.isNegative() ? Duration.ZERO : left)
                .orElse(null);
        return new Freshness(maxAge, expiresIn, null, null);
    }

    /** The same with the feed's own hints: RSS {@code <ttl>} in minutes and the syndication module's period. */
    public Freshness withFeedHints(Integer ttlMinutes, String updatePeriod, Integer updateFrequency) {
        Duration feedTtl = ttlMinutes == null || ttlMinutes <= 0 ? null : Duration.ofMinutes(ttlMinutes);
        return new Freshness(maxAge, expiresIn, feedTtl, syndicationPeriod(updatePeriod, updateFrequency));
    }

    /** {@code sy:updatePeriod} (hourly, daily, weekly, monthly, yearly) over {@code sy:updateFrequency}. */
    static Duration syndicationPeriod(String updatePeriod, Integer updateFrequency) {
        if (updatePeriod == null) {
            return null;
        }
        Duration period = switch (updatePeriod.strip().toLowerCase(Locale.ROOT)) {
            case "hourly" -> Duration.ofHours(1);
            case "daily" -> Duration.ofDays(1);
            case "weekly" -> Duration.ofDays(7);
            case "monthly" -> Duration.ofDays(30);
            case "yearly" -> Duration.ofDays(365);
            default -> null;
        };
        if (period == null) {
            return null;
        }
        int frequency = updateFrequency == null || updateFrequency < 1 ? 1 : updateFrequency;
        return period.dividedBy(frequency);
    }

    /**
     * The longest of the hints present: each is the publisher asking not to be polled sooner, so the politest
     * reading honours all of them.
     */
    public Optional<Duration> interval() {
        return Stream.of(maxAge, expiresIn, ttl, syndication).filter(d -> d != null).max(Duration::compareTo);
    }
}

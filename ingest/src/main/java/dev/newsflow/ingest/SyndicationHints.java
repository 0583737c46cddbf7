package dev.newsflow.ingest;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.module.SyModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndFeed;
import dev.newsflow.ingest.schedule.FeedHints;

/**
 * Reads the polling hints of a parsed feed: the syndication module ({@code sy:updatePeriod},
 * {@code sy:updateFrequency}) and RSS {@code <ttl>}. Rome keeps {@code <ttl>} only on the wire feed, which
 * {@code FeedParser} preserves for this.
 */
final class SyndicationHints {

    private SyndicationHints() {
    }

    static FeedHints of(SyndFeed feed) {
        Integer ttl = null;
        WireFeed wire = feed.originalWireFeed();
        if (wire instanceof Channel channel && channel.getTtl() > 0) {
            ttl = channel.getTtl();
        }
        String period = null;
        Integer frequency = null;
        if (feed.getModule(SyModule.URI) instanceof SyModule sy) {
            period = sy.getUpdatePeriod();
            frequency = sy.getUpdateFrequency() > 0 ? sy.getUpdateFrequency() : null;
        }
        return new FeedHints(ttl, period, frequency);
    }
}

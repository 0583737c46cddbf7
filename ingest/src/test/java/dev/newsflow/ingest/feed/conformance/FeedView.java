package dev.newsflow.ingest.feed.conformance;

import com.rometools.rome.feed.synd.SyndFeed;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.ingest.feed.ArticleNormalizer;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.NormalizedFeed;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A parsed feed and its normalised articles, one per entry: entries with neither link nor GUID (which ingest
 * skips) get a synthetic GUID here so that their other fields can still be compared.
 */
record FeedView(SyndFeed feed, List<RawArticle> articles) {

    static final String SYNTHETIC_GUID = "conformance:item-";

    private static final ArticleNormalizer NORMALIZER =
            new ArticleNormalizer(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC));

    static FeedView of(SyndFeed feed, URI feedUri) {
        FeedDefinition definition = FeedDefinition.of("conformance", "http://example.invalid/");
        NormalizedFeed normalized = NORMALIZER.normalize(feed, definition, feedUri);
        if (!normalized.skipped().isEmpty()) {
            normalized.skipped().forEach(item -> feed.getEntries().get(item.index()).setUri(SYNTHETIC_GUID + item.index()));
            normalized = NORMALIZER.normalize(feed, definition, feedUri);
        }
        return new FeedView(feed, normalized.articles());
    }

    /** The article of entry {@code index}, or null when the feed has fewer. */
    RawArticle article(int index) {
        return index < articles.size() ? articles.get(index) : null;
    }
}

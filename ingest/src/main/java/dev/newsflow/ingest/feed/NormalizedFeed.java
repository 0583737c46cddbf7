package dev.newsflow.ingest.feed;

import dev.newsflow.contract.RawArticle;
import java.util.List;

/**
 * The articles of one feed, in feed order, and the items that could not become articles.
 *
 * @param articles articles with content as the feed carries it ({@code fullText = FROM_FEED})
 * @param skipped  items without a link or GUID, or otherwise unusable
 */
public record NormalizedFeed(List<RawArticle> articles, List<SkippedItem> skipped) {

    public NormalizedFeed {
        articles = List.copyOf(articles);
        skipped = List.copyOf(skipped);
    }
}

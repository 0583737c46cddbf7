package dev.newsflow.contract;

import java.time.Instant;
import java.util.List;

/**
 * What ingest remembers of a published article: enough to drop the same story when it comes again (from the same
 * feed after a restart, or from another feed) and to notice when its content changed.
 *
 * @param id          article id
 * @param contentHash hash of the title and content last published
 * @param feedIds     feeds the article was seen in
 * @param firstSeen   when it was first published
 */
public record SeenArticle(String id, String contentHash, List<String> feedIds, Instant firstSeen) {

    public SeenArticle {
        feedIds = feedIds == null ? List.of() : List.copyOf(feedIds);
    }
}

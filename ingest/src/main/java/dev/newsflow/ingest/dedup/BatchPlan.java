package dev.newsflow.ingest.dedup;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SeenArticle;
import java.util.List;

/**
 * What one feed's batch writes, in one transaction.
 *
 * @param publish    articles to publish (new and updated)
 * @param markers    what to remember, one per article published or newly seen in another feed
 * @param updates    how many of {@code publish} are updates of articles published before
 * @param duplicates items dropped because they were published before (from this feed or another)
 */
public record BatchPlan(List<RawArticle> publish, List<SeenArticle> markers, int updates, int duplicates) {

    public BatchPlan {
        publish = List.copyOf(publish);
        markers = List.copyOf(markers);
    }

    public boolean isEmpty() {
        return publish.isEmpty() && markers.isEmpty();
    }
}

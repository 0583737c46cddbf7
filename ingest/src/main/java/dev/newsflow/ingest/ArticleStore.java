package dev.newsflow.ingest;

import dev.newsflow.contract.SeenArticle;
import dev.newsflow.ingest.dedup.BatchPlan;
import java.util.Map;

/**
 * Where ingest publishes articles and remembers what it published. The Kafka implementation writes the raw
 * articles and their seen-markers in one transaction per batch, so the two never disagree, even after a crash.
 */
public interface ArticleStore extends AutoCloseable {

    /**
     * Prepares for writing (creates missing topics, fences a previous instance) and reads what was published
     * before.
     *
     * @return article id to what ingest remembers of it
     * @throws ArticleStoreException when the store cannot be reached or set up
     */
    Map<String, SeenArticle> open();

    /**
     * Writes one feed's batch atomically: all of it or nothing.
     *
     * @throws ArticleStoreException nothing was written; {@link ArticleStoreException#fatal()} says whether the
     *                               store can still be used (retry next cycle) or ingest must stop
     */
    void write(String feedId, BatchPlan plan);

    @Override
    void close();
}

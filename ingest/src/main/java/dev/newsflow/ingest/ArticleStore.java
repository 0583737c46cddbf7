package dev.newsflow.ingest;

import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.SeenArticle;
import dev.newsflow.ingest.dedup.BatchPlan;
import java.util.Map;

/**
 * Where ingest publishes articles and remembers what it published and how each feed's polling went. The Kafka
 * implementation writes the raw articles, their seen-markers and the feed's state in one transaction per batch, so
 * they never disagree, even after a crash.
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

    /** The per-feed polling state as stored when {@link #open()} last ran, by feed id. */
    Map<String, FeedState> feedStates();

    /**
     * Writes one feed's batch and its new state atomically: all of it or nothing.
     *
     * @param state the feed's state after this poll, or null to leave the stored state as it is
     * @throws ArticleStoreException nothing was written; {@link ArticleStoreException#fatal()} says whether the
     *                               store can still be used (retry next cycle) or ingest must stop
     */
    void write(String feedId, BatchPlan plan, FeedState state);

    /** Writes one feed's batch without touching its state. */
    default void write(String feedId, BatchPlan plan) {
        write(feedId, plan, null);
    }

    /**
     * Keeps telling {@code listener} of articles published from now on, by any instance, until closed; for
     * deduplication across instances. Does nothing by default (a store only this instance writes).
     */
    default void followSeen(java.util.function.Consumer<SeenArticle> listener) {
    }

    @Override
    void close();
}

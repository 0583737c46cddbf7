package dev.newsflow.ingest;

import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.SeenArticle;
import dev.newsflow.ingest.dedup.BatchPlan;
import dev.newsflow.ingest.dedup.SeenIndex;
import java.util.List;
import java.util.Map;

/**
 * Where ingest publishes articles and remembers what it published and how each feed's polling went. The Kafka
 * implementation writes the raw articles, their seen-markers and the feed's state in one transaction per batch, so
 * they never disagree, even after a crash.
 */
public interface ArticleStore extends AutoCloseable {

    /**
     * Prepares for writing (creates missing topics, fences a previous instance) and reads what was published
     * before into {@code seen}, marker by marker, without a copy of its own.
     *
     * @param seen where to remember the articles published before (what it held is kept unless replaced)
     * @throws ArticleStoreException when the store cannot be reached or set up
     */
    void open(SeenIndex seen);

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

    /**
     * Writes the states of several feeds, which have no articles to write (after a 304 or a failure), at once: in
     * one transaction where the store has them. By default one {@link #write} each.
     *
     * @throws ArticleStoreException as {@link #write}
     */
    default void writeStates(Map<String, FeedState> states) {
        states.forEach((feedId, state) -> write(feedId, new BatchPlan(List.of(), List.of(), 0, 0), state));
    }

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

package dev.newsflow.ingest;

import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SeenArticle;
import dev.newsflow.ingest.dedup.BatchPlan;
import dev.newsflow.ingest.dedup.SeenIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link ArticleStore} in memory that survives "restarts" (new services over the same store). */
final class InMemoryArticleStore implements ArticleStore {

    private final List<RawArticle> published = new ArrayList<>();
    private final Map<String, SeenArticle> seen = new LinkedHashMap<>();
    private final Map<String, FeedState> states = new LinkedHashMap<>();
    private Map<String, FeedState> statesAtOpen = Map.of();
    private Throwable nextFailure;
    private int opens;
    private final List<Integer> stateBatches = new ArrayList<>();

    @Override
    public synchronized void open(SeenIndex into) {
        opens++;
        statesAtOpen = Map.copyOf(states);
        seen.values().forEach(into::put);
    }

    @Override
    public synchronized Map<String, FeedState> feedStates() {
        return statesAtOpen;
    }

    @Override
    public synchronized void write(String feedId, BatchPlan plan, FeedState state) {
        if (nextFailure != null) {
            Throwable failure = nextFailure;
            nextFailure = null;
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        }
        published.addAll(plan.publish());
        plan.markers().forEach(marker -> seen.put(marker.id(), marker));
        if (state != null) {
            states.put(feedId, state);
        }
    }

    @Override
    public synchronized void writeStates(Map<String, FeedState> batch) {
        stateBatches.add(batch.size());
        ArticleStore.super.writeStates(batch);
    }

    /** The sizes of the batches of feed states written together, in order. */
    synchronized List<Integer> stateBatches() {
        return List.copyOf(stateBatches);
    }

    synchronized Map<String, FeedState> states() {
        return Map.copyOf(states);
    }

    synchronized void failNextWrite(boolean fatal) {
        nextFailure = new ArticleStoreException(fatal ? "producer fenced" : "broker not available", null, fatal);
    }

    /** The next write throws this instead of an {@link ArticleStoreException}, as a buggy store would. */
    synchronized void failNextWriteWith(RuntimeException failure) {
        nextFailure = failure;
    }

    synchronized void failNextWriteWith(Error failure) {
        nextFailure = failure;
    }

    synchronized List<RawArticle> published() {
        return List.copyOf(published);
    }

    synchronized Map<String, SeenArticle> seen() {
        return Map.copyOf(seen);
    }

    synchronized int opens() {
        return opens;
    }

    @Override
    public void close() {
        // nothing to release
    }
}

package dev.newsflow.ingest.bench;

import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.SeenArticle;
import dev.newsflow.ingest.ArticleStore;
import dev.newsflow.ingest.dedup.BatchPlan;
import dev.newsflow.ingest.dedup.SeenIndex;
import java.util.function.Consumer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's store when it runs without Kafka: hands ingest the seeded state at open, then only counts what
 * ingest writes, keeping nothing, so the heap measured is ingest's own.
 */
final class CountingArticleStore implements ArticleStore {

    private Consumer<Consumer<SeenArticle>> seen;
    private Map<String, FeedState> states;
    private final Tally tally = new Tally();

    /**
     * @param seen   hands each seeded seen-marker to the consumer it is given
     * @param states the seeded feed states
     */
    CountingArticleStore(Consumer<Consumer<SeenArticle>> seen, Map<String, FeedState> states) {
        this.seen = seen;
        this.states = states;
    }

    @Override
    public synchronized void open(SeenIndex into) {
        if (seen != null) {
            seen.accept(into::put);
        }
        seen = null;
    }

    @Override
    public synchronized Map<String, FeedState> feedStates() {
        Map<String, FeedState> stored = states == null ? Map.of() : states;
        states = null;
        return stored;
    }

    @Override
    public void write(String feedId, BatchPlan plan, FeedState state) {
        tally.records.addAndGet(plan.publish().size());
        if (state != null) {
            tally.count(state);
        }
    }

    Tally tally() {
        return tally;
    }

    @Override
    public void close() {
        // nothing kept
    }

    /** What ingest wrote: records, and the feed states by the outcome of the poll they record. */
    static final class Tally {
        final AtomicLong records = new AtomicLong();
        final AtomicLong polls = new AtomicLong();
        final AtomicLong changed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        void count(FeedState state) {
            polls.incrementAndGet();
            if (state.lastError() != null || state.consecutiveFailures() > 0) {
                failed.incrementAndGet();
            } else if (state.lastStatus() == 200) {
                changed.incrementAndGet();
            }
        }
    }
}

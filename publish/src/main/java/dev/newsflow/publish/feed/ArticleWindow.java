package dev.newsflow.publish.feed;

import dev.newsflow.contract.EnrichedArticle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The most recent enriched articles, in the order they arrived, bounded by a capacity: the memory behind the feeds
 * and the replay of the live stream. Thread-safe.
 *
 * <p>An article that arrives again (same id, for instance enriched anew) replaces its earlier version and moves to
 * the end. When the window is full the article that arrived first leaves it.
 *
 * <p>Listeners hear of each article after it entered the window, on the thread that added it, in arrival order.
 * {@link #subscribe} registers a listener and returns what it missed in one step, so a stream client gets every
 * article exactly once: either in the replay or live.
 */
public final class ArticleWindow {

    /** Newest first: by enrichment time, then by arrival. */
    public static final Comparator<WindowEntry> NEWEST_FIRST = Comparator
            .comparing((WindowEntry entry) -> entry.article().enrichedAt(),
                    Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(WindowEntry::sequence)
            .reversed();

    private final int capacity;
    private final LinkedHashMap<String, WindowEntry> entries = new LinkedHashMap<>();
    /** A concurrent set, not a copy-on-write list: thousands of stream clients come and go. */
    private final Set<Consumer<WindowEntry>> listeners = ConcurrentHashMap.newKeySet();
    private long nextSequence = 1;

    public ArticleWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** Adds the articles in order, evicting the oldest beyond the capacity, then tells the listeners of each. */
    public void addAll(List<EnrichedArticle> articles) {
        List<WindowEntry> added = new ArrayList<>(articles.size());
        synchronized (this) {
            for (EnrichedArticle article : articles) {
                Objects.requireNonNull(article, "article");
                WindowEntry entry = new WindowEntry(nextSequence++, article);
                entries.remove(article.id());
                entries.put(article.id(), entry);
                added.add(entry);
            }
            Iterator<WindowEntry> oldest = entries.values().iterator();
            while (entries.size() > capacity) {
                oldest.next();
                oldest.remove();
            }
        }
        for (WindowEntry entry : added) {
            listeners.forEach(listener -> listener.accept(entry));
        }
    }

    public void add(EnrichedArticle article) {
        addAll(List.of(article));
    }

    public synchronized int size() {
        return entries.size();
    }

    /** At most {@code limit} articles that pass the filter, {@linkplain #NEWEST_FIRST newest first}. */
    public List<WindowEntry> newest(Predicate<EnrichedArticle> filter, int limit) {
        List<WindowEntry> matching = new ArrayList<>();
        synchronized (this) {
            for (WindowEntry entry : entries.values()) {
                if (filter.test(entry.article())) {
                    matching.add(entry);
                }
            }
        }
        matching.sort(NEWEST_FIRST);
        return List.copyOf(matching.subList(0, Math.min(limit, matching.size())));
    }

    /**
     * Registers a listener and returns, in arrival order, the articles passing the filter that arrived after the one
     * with id {@code lastId}: all of the window when {@code lastId} is null or no longer in the window (it may have
     * been evicted), nothing when it is the latest. The listener hears only of articles that are not in the returned
     * list, so nothing is missed and nothing repeated; it hears of every article, filtered or not.
     */
    public Subscription subscribe(String lastId, Predicate<EnrichedArticle> filter, Consumer<WindowEntry> listener) {
        List<WindowEntry> missed = new ArrayList<>();
        long upTo;
        // Registered before the snapshot, so an article added meanwhile is either in the snapshot or heard live;
        // the listener is told to skip what the snapshot holds.
        SkippingListener skipping = new SkippingListener(listener);
        listeners.add(skipping);
        synchronized (this) {
            upTo = nextSequence - 1;
            boolean after = lastId == null || !entries.containsKey(lastId);
            for (WindowEntry entry : entries.values()) {
                if (after && filter.test(entry.article())) {
                    missed.add(entry);
                }
                if (!after && entry.article().id().equals(lastId)) {
                    after = true;
                }
            }
            // Set under the lock: an article added after the snapshot is heard with this bound in place.
            skipping.skipUpTo(upTo);
        }
        return new Subscription(List.copyOf(missed), () -> listeners.remove(skipping));
    }

    /** Whether the window holds an article with this id. */
    public synchronized boolean contains(String articleId) {
        return entries.containsKey(articleId);
    }

    /**
     * A registered listener and the articles it missed.
     *
     * @param missed       the articles to send before anything the listener hears, in arrival order
     * @param unsubscribe  stops the listener
     */
    public record Subscription(List<WindowEntry> missed, Runnable unsubscribe) {
    }

    /** Drops what the snapshot of a subscription already holds. */
    private static final class SkippingListener implements Consumer<WindowEntry> {
        private final Consumer<WindowEntry> delegate;
        private volatile long skipUpTo = Long.MAX_VALUE;

        SkippingListener(Consumer<WindowEntry> delegate) {
            this.delegate = delegate;
        }

        void skipUpTo(long sequence) {
            skipUpTo = sequence;
        }

        @Override
        public void accept(WindowEntry entry) {
            if (entry.sequence() > skipUpTo) {
                delegate.accept(entry);
            }
        }
    }
}

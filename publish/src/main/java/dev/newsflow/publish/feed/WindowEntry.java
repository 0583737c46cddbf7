package dev.newsflow.publish.feed;

import dev.newsflow.contract.EnrichedArticle;
import java.util.Objects;

/**
 * An article in the {@link ArticleWindow}, numbered in arrival order. Its stream event is written once, when the
 * first client needs it, and shared by every client.
 */
public final class WindowEntry {

    private final long sequence;
    private final EnrichedArticle article;
    private volatile byte[] event;

    WindowEntry(long sequence, EnrichedArticle article) {
        this.sequence = sequence;
        this.article = Objects.requireNonNull(article, "article");
    }

    public long sequence() {
        return sequence;
    }

    public EnrichedArticle article() {
        return article;
    }

    /** The Server-Sent Event of this article, see {@link SseEvents#article}. */
    public byte[] event() {
        byte[] bytes = event;
        if (bytes == null) {
            bytes = SseEvents.article(article);
            event = bytes;
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "WindowEntry[" + sequence + ", " + article.id() + "]";
    }
}

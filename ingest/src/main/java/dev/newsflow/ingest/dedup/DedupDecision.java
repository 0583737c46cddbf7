package dev.newsflow.ingest.dedup;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SeenArticle;

/** What to do with an article given what ingest already published. */
public sealed interface DedupDecision {

    /** Never seen: publish it and remember it. */
    record New(RawArticle article, SeenArticle marker) implements DedupDecision {
    }

    /** Its first feed changed the title or content: publish it again under the same id, as an update. */
    record Update(RawArticle article, SeenArticle marker) implements DedupDecision {
    }

    /** The same story already came from another feed: do not republish, only remember this feed too. */
    record AlsoInFeed(SeenArticle marker) implements DedupDecision {
    }

    /** Already published from this feed, or unchanged: nothing to do. */
    record Duplicate(String articleId) implements DedupDecision {
    }

    /** Whether the article has to be published (new or changed). */
    default boolean publishes() {
        return this instanceof New || this instanceof Update;
    }
}

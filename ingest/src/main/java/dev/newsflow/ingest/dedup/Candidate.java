package dev.newsflow.ingest.dedup;

import dev.newsflow.contract.RawArticle;
import java.util.Objects;

/**
 * An article on its way to being published, with the hash of what the feed said about it. The hash is taken from
 * the feed item, before any full-text fetch, so deciding "seen before?" needs no page fetch and does not depend on
 * how well a page extracts.
 *
 * @param article     the article
 * @param contentHash {@link ContentHash} of the feed item's title and content
 */
public record Candidate(RawArticle article, String contentHash) {

    public Candidate {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    /** A candidate for an article as normalised from its feed item. */
    public static Candidate fromFeed(RawArticle article) {
        return new Candidate(article, ContentHash.of(article.title(), article.content()));
    }

    public Candidate withArticle(RawArticle updated) {
        return new Candidate(updated, contentHash);
    }

    public String id() {
        return article.id();
    }
}

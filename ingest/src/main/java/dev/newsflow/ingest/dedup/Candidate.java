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
 * @param linkId      the id derived from the feed item's link (or GUID); differs from the article's id when the
 *                    fetched page declared another canonical URL, and is then remembered as an alias
 */
public record Candidate(RawArticle article, String contentHash, String linkId) {

    public Candidate {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(contentHash, "contentHash");
        linkId = linkId == null ? article.id() : linkId;
    }

    public Candidate(RawArticle article, String contentHash) {
        this(article, contentHash, article.id());
    }

    /** A candidate for an article as normalised from its feed item. */
    public static Candidate fromFeed(RawArticle article) {
        return new Candidate(article, ContentHash.of(article.title(), article.content()), article.id());
    }

    /** The same item with an updated article (full text, or an id from the page's canonical URL). */
    public Candidate withArticle(RawArticle updated) {
        return new Candidate(updated, contentHash, linkId);
    }

    public String id() {
        return article.id();
    }

    /** The item link's id when the article's id came from the page's canonical URL instead, else null. */
    public String aliasId() {
        return linkId.equals(article.id()) ? null : linkId;
    }
}

package dev.newsflow.ingest.fulltext;

import dev.newsflow.contract.FullTextStatus;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.ingest.feed.Html;
import java.util.List;

/**
 * Decides whether an article's page should be fetched, and merges what the page yielded into the article. Pure.
 *
 * @param minChars in {@link FullTextMode#AUTO}, content with fewer characters of text than this is a lead
 */
public record FullTextPolicy(int minChars) {

    /** Whether to fetch the article's page under this mode. */
    public boolean shouldFetch(FullTextMode mode, RawArticle article) {
        if (article.url() == null || !article.url().regionMatches(true, 0, "http", 0, 4)) {
            return false;
        }
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> isLead(article);
        };
    }

    /** The status of an article whose page is not fetched under this mode. */
    public RawArticle withoutFetch(FullTextMode mode, RawArticle article) {
        FullTextStatus status = mode == FullTextMode.NEVER && isLead(article)
                ? FullTextStatus.DISABLED : FullTextStatus.FROM_FEED;
        return article.toBuilder().fullText(status).build();
    }

    /**
     * The article with the page's main text as content, and page metadata filling what the feed lacked. When the
     * page yielded less text than the feed already had, the feed's content stays and the status is FAILED.
     */
    public RawArticle withPage(RawArticle article, ExtractedPage page) {
        if (page.textLength() == 0 || page.textLength() < textLength(article)) {
            return failed(article);
        }
        RawArticle.Builder builder = article.toBuilder().content(page.contentHtml()).fullText(FullTextStatus.FETCHED);
        if (article.authors().isEmpty() && page.byline() != null) {
            builder.authors(List.of(page.byline()));
        }
        if (article.published() == null && page.published() != null) {
            builder.published(page.published());
        }
        if (article.declaredLanguage() == null && page.language() != null) {
            builder.declaredLanguage(page.language());
        }
        return builder.build();
    }

    /** The article as the feed had it, marked as a failed full-text fetch. */
    public RawArticle failed(RawArticle article) {
        return article.toBuilder().fullText(FullTextStatus.FAILED).build();
    }

    private boolean isLead(RawArticle article) {
        return textLength(article) < minChars;
    }

    private static int textLength(RawArticle article) {
        return Html.toText(article.content()).length();
    }
}

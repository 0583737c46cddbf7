package dev.newsflow.ingest.fulltext;

import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.CanonicalUrl;
import dev.newsflow.contract.FullTextStatus;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.ingest.feed.Html;
import java.net.URI;
import java.util.List;
import java.util.Optional;

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
     * The article with the page's main text as content, and page metadata filling what the feed lacked: authors
     * from the byline, the published time, the language ({@code <html lang>}) and, when the feed has no title, the
     * page's site name as {@code feedTitle} (a raw article has no field of its own for it; a feed title, when there
     * is one, wins). When the page yielded less text than the feed already had, the feed's content stays and the
     * status is FAILED; the page's metadata is still used as long as the page had some text (an empty page may be a
     * consent wall or an error page whose metadata is not the article's). When the page declares another
     * canonical URL ({@link #pageCanonical}), the article takes its id and canonical URL from it.
     */
    public RawArticle withPage(RawArticle article, ExtractedPage page) {
        if (page.textLength() == 0) {
            return failed(article);
        }
        boolean fullText = page.textLength() >= textLength(article);
        RawArticle.Builder builder = article.toBuilder();
        if (fullText) {
            builder.content(page.contentHtml()).fullText(FullTextStatus.FETCHED);
        } else {
            builder.fullText(FullTextStatus.FAILED);
        }
        if (article.authors().isEmpty() && !isBlank(page.byline())) {
            builder.authors(List.of(page.byline().strip()));
        }
        if (article.published() == null && page.published() != null) {
            builder.published(page.published());
        }
        if (isBlank(article.declaredLanguage()) && !isBlank(page.language())) {
            builder.declaredLanguage(page.language());
        }
        if (isBlank(article.feedTitle()) && !isBlank(page.siteName())) {
            builder.feedTitle(page.siteName().strip());
        }
        pageCanonical(article, page).ifPresent(canonical -> builder.canonicalUrl(canonical)
                .id(ArticleId.of(canonical, article.guid()).orElseThrow()));
        return builder.build();
    }

    /**
     * The canonical form of the page's {@code rel=canonical} (or {@code og:url}) when it names another article
     * than the item link: an http(s) URL, other than the link's canonical form, and not a site's home page (sites
     * with a broken template declare their home page as the canonical URL of every article).
     */
    static Optional<String> pageCanonical(RawArticle article, ExtractedPage page) {
        Optional<String> canonical = CanonicalUrl.of(page.canonicalUrl());
        if (canonical.isEmpty() || canonical.get().equals(article.canonicalUrl())) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(canonical.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean homePage = (uri.getRawPath() == null || uri.getRawPath().equals("/")) && uri.getRawQuery() == null;
        return homePage ? Optional.empty() : canonical;
    }

    /** The article as the feed had it, marked as a failed full-text fetch. */
    public RawArticle failed(RawArticle article) {
        return article.toBuilder().fullText(FullTextStatus.FAILED).build();
    }

    private boolean isLead(RawArticle article) {
        return textLength(article) < minChars;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static int textLength(RawArticle article) {
        return Html.toText(article.content()).length();
    }
}

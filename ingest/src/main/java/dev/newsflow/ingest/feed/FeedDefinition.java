package dev.newsflow.ingest.feed;

import dev.newsflow.ingest.fulltext.FullTextMode;
import java.net.URI;
import java.util.Objects;

/**
 * One feed to poll, as the feed list declares it.
 *
 * @param id       stable feed id (letters, digits, '.', '_', '-'), used in article records and logs
 * @param url      where the feed lives (http or https)
 * @param title    a title to use instead of the feed's own, may be null
 * @param language language hint (ISO 639-1 or BCP 47) that overrides what the feed declares, may be null
 * @param fullText when to fetch item pages for their full text
 * @param enabled  whether to poll the feed
 */
public record FeedDefinition(String id, URI url, String title, String language, FullTextMode fullText,
                             boolean enabled) {

    public FeedDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(fullText, "fullText");
    }

    /** An enabled feed with no title or language hint, in {@code auto} full-text mode. */
    public static FeedDefinition of(String id, String url) {
        return new FeedDefinition(id, URI.create(url), null, null, FullTextMode.AUTO, true);
    }

    public FeedDefinition withFullText(FullTextMode mode) {
        return new FeedDefinition(id, url, title, language, mode, enabled);
    }

    public FeedDefinition withLanguage(String hint) {
        return new FeedDefinition(id, url, title, hint, fullText, enabled);
    }
}

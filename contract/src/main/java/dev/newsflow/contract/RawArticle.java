package dev.newsflow.contract;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An article as ingest found it: feed item fields normalised, HTML left as published.
 *
 * @param id           stable article id, see {@link ArticleId}
 * @param feedId       id of the feed the article was first seen in
 * @param feedTitle    title of that feed, as the feed declares it
 * @param url          the item link as published
 * @param canonicalUrl the link after canonicalisation (the article id is derived from it)
 * @param guid         the item's GUID (RSS) or id (Atom), when present
 * @param title        plain-text title
 * @param summary      HTML lead or description from the feed, may be empty
 * @param content      HTML body: from the feed, or extracted from the fetched page (see {@code fullText})
 * @param authors      author names
 * @param categories   the feed's own categories for the item
 * @param media        enclosures and media:content with their credits
 * @param published    when the item was published, if the feed says
 * @param updated      when the item was last updated, if the feed says
 * @param fetched      when ingest fetched it
 * @param declaredLanguage the language the feed or page declares (a hint, ISO 639-1 or BCP 47), may be null
 * @param fullText     where {@code content} came from
 */
public record RawArticle(
        String id,
        String feedId,
        String feedTitle,
        String url,
        String canonicalUrl,
        String guid,
        String title,
        String summary,
        String content,
        List<String> authors,
        List<String> categories,
        List<Media> media,
        Instant published,
        Instant updated,
        Instant fetched,
        String declaredLanguage,
        FullTextStatus fullText) {

    public RawArticle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(feedId, "feedId");
        title = title == null ? "" : title;
        summary = summary == null ? "" : summary;
        content = content == null ? "" : content;
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
        media = media == null ? List.of() : List.copyOf(media);
        fullText = fullText == null ? FullTextStatus.FROM_FEED : fullText;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .id(id).feedId(feedId).feedTitle(feedTitle).url(url).canonicalUrl(canonicalUrl).guid(guid)
                .title(title).summary(summary).content(content).authors(authors).categories(categories)
                .media(media).published(published).updated(updated).fetched(fetched)
                .declaredLanguage(declaredLanguage).fullText(fullText);
    }

    /** Builder for the many optional fields of a raw article. */
    public static final class Builder {
        private String id;
        private String feedId;
        private String feedTitle;
        private String url;
        private String canonicalUrl;
        private String guid;
        private String title;
        private String summary;
        private String content;
        private List<String> authors;
        private List<String> categories;
        private List<Media> media;
        private Instant published;
        private Instant updated;
        private Instant fetched;
        private String declaredLanguage;
        private FullTextStatus fullText;

        private Builder() {
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder feedId(String feedId) { this.feedId = feedId; return this; }
        public Builder feedTitle(String feedTitle) { this.feedTitle = feedTitle; return this; }
        public Builder url(String url) { this.url = url; return this; }
        public Builder canonicalUrl(String canonicalUrl) { this.canonicalUrl = canonicalUrl; return this; }
        public Builder guid(String guid) { this.guid = guid; return this; }
        public Builder title(String title) { this.title = title; return this; }
        public Builder summary(String summary) { this.summary = summary; return this; }
        public Builder content(String content) { this.content = content; return this; }
        public Builder authors(List<String> authors) { this.authors = authors; return this; }
        public Builder categories(List<String> categories) { this.categories = categories; return this; }
        public Builder media(List<Media> media) { this.media = media; return this; }
        public Builder published(Instant published) { this.published = published; return this; }
        public Builder updated(Instant updated) { this.updated = updated; return this; }
        public Builder fetched(Instant fetched) { this.fetched = fetched; return this; }
        public Builder declaredLanguage(String declaredLanguage) { this.declaredLanguage = declaredLanguage; return this; }
        public Builder fullText(FullTextStatus fullText) { this.fullText = fullText; return this; }

        public RawArticle build() {
            return new RawArticle(id, feedId, feedTitle, url, canonicalUrl, guid, title, summary, content,
                    authors, categories, media, published, updated, fetched, declaredLanguage, fullText);
        }
    }
}

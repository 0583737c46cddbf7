package dev.newsflow.publish.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a page of articles as Atom 1.0 or RSS 2.0 (with Rome) or JSON Feed 1.1 (with Jackson).
 *
 * <p>Each entry carries the article's tags as categories (term: the tag id; Atom label: the English label; scheme
 * or RSS domain: the vocabulary, Wikidata or IPTC Media Topics) and its sources in the content, after the body.
 * All HTML is {@linkplain HtmlSanitizer sanitised} and all text stripped of characters XML cannot carry.
 */
public final class FeedWriter {

    public static final String JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";
    static final String WIKIDATA = "http://www.wikidata.org/entity/";
    static final String MEDIA_TOPICS = "http://cv.iptc.org/newscodes/mediatopic/";
    static final String NEWSFLOW_TAGS = "urn:newsflow:tag";

    /** The contract's mapping, escaping {@code < > &} so no output carries them raw, even in JSON strings. */
    static final ObjectMapper JSON = Json.mapper().copy();

    static {
        JSON.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    private FeedWriter() {
    }

    /**
     * A feed to write.
     *
     * @param title       feed title
     * @param description one line about the feed
     * @param selfUrl     the URL the feed is served at
     * @param homeUrl     the site the feed belongs to
     * @param entries     the articles, in the order to show
     */
    public record Page(String title, String description, String selfUrl, String homeUrl, List<EnrichedArticle> entries) {
        public Page {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(selfUrl, "selfUrl");
            entries = List.copyOf(entries);
        }

        /** The latest enrichment time among the entries, or the epoch when there are none. */
        public Instant updated() {
            return entries.stream().map(EnrichedArticle::enrichedAt).filter(Objects::nonNull)
                    .max(Instant::compareTo).orElse(Instant.EPOCH);
        }
    }

    public static String write(Page page, FeedFormat format) {
        return format == FeedFormat.JSON ? jsonFeed(page) : rome(page, format);
    }

    private static String rome(Page page, FeedFormat format) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(format.romeType());
        feed.setTitle(HtmlSanitizer.xmlSafe(page.title()));
        feed.setDescription(HtmlSanitizer.xmlSafe(page.description()));
        feed.setLink(page.homeUrl());
        feed.setUri(page.selfUrl());
        feed.setLinks(List.of(link("self", page.selfUrl(), format.contentType()), link("alternate", page.homeUrl(),
                "text/html")));
        feed.setPublishedDate(Date.from(page.updated()));
        feed.setGenerator("newsflow");
        SyndPerson author = new SyndPersonImpl();
        author.setName("newsflow");
        feed.setAuthors(List.of(author));
        List<SyndEntry> entries = new ArrayList<>();
        for (EnrichedArticle article : page.entries()) {
            entries.add(entry(article, format));
        }
        feed.setEntries(entries);
        try {
            return new SyndFeedOutput().outputString(feed, false);
        } catch (FeedException e) {
            throw new IllegalStateException("cannot write the " + format.extension() + " feed", e);
        }
    }

    private static SyndEntry entry(EnrichedArticle article, FeedFormat format) {
        RawArticle raw = article.article();
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri(entryId(article));
        entry.setTitle(HtmlSanitizer.xmlSafe(title(article)));
        entry.setLink(link(article));
        if (raw.published() != null) {
            entry.setPublishedDate(Date.from(raw.published()));
        }
        entry.setUpdatedDate(Date.from(updated(article)));
        List<SyndPerson> authors = new ArrayList<>();
        for (String name : raw.authors()) {
            SyndPerson person = new SyndPersonImpl();
            person.setName(HtmlSanitizer.xmlSafe(name));
            authors.add(person);
        }
        entry.setAuthors(authors);
        String html = contentHtml(article);
        String summary = HtmlSanitizer.sanitize(raw.summary(), raw.url());
        // RSS readers show <description>; without a summary it carries the content as well.
        if (!summary.isEmpty() || format == FeedFormat.RSS) {
            SyndContent description = new SyndContentImpl();
            description.setType("html");
            description.setValue(summary.isEmpty() ? html : HtmlSanitizer.xmlSafe(summary));
            entry.setDescription(description);
        }
        SyndContent content = new SyndContentImpl();
        content.setType("html");
        content.setValue(html);
        entry.setContents(List.of(content));
        List<SyndCategory> categories = new ArrayList<>();
        for (Tag tag : article.tags()) {
            SyndCategory category = new SyndCategoryImpl();
            category.setName(HtmlSanitizer.xmlSafe(tag.id()));
            category.setLabel(HtmlSanitizer.xmlSafe(tag.label()));
            category.setTaxonomyUri(scheme(tag.id()));
            categories.add(category);
        }
        entry.setCategories(categories);
        return entry;
    }

    private static String jsonFeed(Page page) {
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("version", JSON_FEED_VERSION);
        feed.put("title", page.title());
        feed.put("home_page_url", page.homeUrl());
        feed.put("feed_url", page.selfUrl());
        feed.put("description", page.description());
        feed.put("authors", List.of(Map.of("name", "newsflow")));
        List<Map<String, Object>> items = new ArrayList<>();
        for (EnrichedArticle article : page.entries()) {
            RawArticle raw = article.article();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", article.id());
            putIfPresent(item, "url", link(article));
            item.put("title", title(article));
            item.put("content_html", contentHtml(article));
            if (!article.text().isBlank()) {
                item.put("content_text", article.text());
            }
            String summary = HtmlSanitizer.sanitize(raw.summary(), raw.url());
            if (!summary.isEmpty()) {
                item.put("summary", org.jsoup.Jsoup.parse(summary).text());
            }
            if (raw.published() != null) {
                item.put("date_published", raw.published().toString());
            }
            item.put("date_modified", updated(article).toString());
            if (!raw.authors().isEmpty()) {
                item.put("authors", raw.authors().stream().map(name -> Map.of("name", name)).toList());
            }
            if (!article.tags().isEmpty()) {
                item.put("tags", article.tags().stream().map(Tag::id).toList());
            }
            putIfPresent(item, "language", article.language());
            Map<String, Object> extension = new LinkedHashMap<>();
            extension.put("tags", article.tags().stream().map(tag -> Map.of("id", tag.id(), "label", tag.label(),
                    "type", tag.type())).toList());
            extension.put("sources", article.sources().stream().map(FeedWriter::source).toList());
            putIfPresent(extension, "feed_id", raw.feedId());
            putIfPresent(extension, "enriched_at", article.enrichedAt() == null ? null : article.enrichedAt().toString());
            item.put("_newsflow", extension);
            items.add(item);
        }
        feed.put("items", items);
        try {
            return JSON.writeValueAsString(feed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON feed", e);
        }
    }

    private static Map<String, Object> source(SourceAttribution source) {
        Map<String, Object> map = new LinkedHashMap<>();
        putIfPresent(map, "id", source.id());
        map.put("name", source.name());
        map.put("kind", source.kind());
        map.put("role", source.role());
        return map;
    }

    /**
     * The sanitised body (content, else summary, else the clean text as paragraphs) followed by a list of the
     * sources the article cites, credits or is published by.
     */
    static String contentHtml(EnrichedArticle article) {
        RawArticle raw = article.article();
        String body = HtmlSanitizer.sanitize(raw.content(), raw.url());
        if (body.isEmpty()) {
            body = HtmlSanitizer.sanitize(raw.summary(), raw.url());
        }
        if (body.isEmpty() && !article.text().isBlank()) {
            StringBuilder paragraphs = new StringBuilder();
            for (String paragraph : article.text().split("\\n\\s*\\n")) {
                paragraphs.append("<p>").append(HtmlSanitizer.escape(paragraph.strip())).append("</p>");
            }
            body = paragraphs.toString();
        }
        if (article.sources().isEmpty()) {
            return HtmlSanitizer.xmlSafe(body);
        }
        StringBuilder sources = new StringBuilder("<p><strong>Sources:</strong></p><ul>");
        for (SourceAttribution source : article.sources()) {
            sources.append("<li>").append(HtmlSanitizer.escape(source.name()))
                    .append(" (").append(source.role().name().toLowerCase(java.util.Locale.ROOT));
            if (source.id() != null) {
                sources.append(", ").append(HtmlSanitizer.escape(source.id()));
            }
            sources.append(")</li>");
        }
        sources.append("</ul>");
        // Sanitised again as a whole: the source names are escaped, this keeps the list to the same allow-list.
        return HtmlSanitizer.xmlSafe(body + HtmlSanitizer.sanitize(sources.toString(), null));
    }

    /** The entry id: a URN from the article id, stable across formats and restarts. */
    static String entryId(EnrichedArticle article) {
        return "urn:newsflow:article:" + article.id();
    }

    private static String title(EnrichedArticle article) {
        String title = article.article().title();
        return title.isBlank() ? "(untitled)" : title;
    }

    private static String link(EnrichedArticle article) {
        RawArticle raw = article.article();
        String url = raw.canonicalUrl() != null ? raw.canonicalUrl() : raw.url();
        return url != null && (url.startsWith("http://") || url.startsWith("https://")) ? url : null;
    }

    private static Instant updated(EnrichedArticle article) {
        RawArticle raw = article.article();
        if (raw.updated() != null) {
            return raw.updated();
        }
        if (raw.published() != null) {
            return raw.published();
        }
        return article.enrichedAt() != null ? article.enrichedAt() : raw.fetched() != null ? raw.fetched()
                : Instant.EPOCH;
    }

    static String scheme(String tagId) {
        if (tagId.matches("Q\\d+")) {
            return WIKIDATA;
        }
        if (tagId.startsWith("medtop:")) {
            return MEDIA_TOPICS;
        }
        return NEWSFLOW_TAGS;
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Escapes {@code < > &} as {@code \\u003C} and so on, besides what JSON requires. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    /** JSON of any value with {@code < > &} escaped, on one line. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}

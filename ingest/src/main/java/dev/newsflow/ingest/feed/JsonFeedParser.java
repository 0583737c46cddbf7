package dev.newsflow.ingest.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEnclosureImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndImage;
import com.rometools.rome.feed.synd.SyndImageImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Reads JSON Feed 1.0 and 1.1 (<a href="https://jsonfeed.org/version/1.1">jsonfeed.org</a>) into Rome's
 * {@link SyndFeed} model, so that the normaliser and everything after it treat it like RSS and Atom: {@code id} is
 * the entry URI, {@code url} (else {@code external_url}) the link, {@code content_html}/{@code content_text} the
 * contents, {@code summary} the description, {@code authors} (1.1) or {@code author} (1.0) the authors,
 * {@code tags} the categories, {@code attachments}, {@code image} and {@code banner_image} the enclosures. Never
 * throws; the byte cap is the fetcher's. Thread-safe.
 */
final class JsonFeedParser {

    static final String VERSION_PREFIX = "https://jsonfeed.org/version/";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    ParseResult parse(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return new ParseResult.Invalid("not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return new ParseResult.Invalid("cannot read the JSON body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new ParseResult.Invalid("not a feed: the JSON body is not an object");
        }
        String version = text(root, "version");
        if (version != null && version.matches("1(\\.[01])?")) {
            version = VERSION_PREFIX + version; // a bare number, as some generators (and gofeed's tests) write it
        }
        if (version == null || !version.startsWith(VERSION_PREFIX)) {
            return new ParseResult.Invalid("not a feed: JSON without a JSON Feed version (\"version\": \""
                    + VERSION_PREFIX + "1.1\")");
        }
        JsonNode items = root.get("items");
        if (items == null || !items.isArray()) {
            return new ParseResult.Invalid("not a valid JSON Feed: it has no \"items\" array");
        }
        try {
            return new ParseResult.Parsed(feed(root, version.substring(VERSION_PREFIX.length())));
        } catch (RuntimeException e) {
            return new ParseResult.Invalid("JSON Feed parser failed: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    /** Whether the text (already known to start with '{') declares itself a JSON Feed in its first kilobytes. */
    static boolean declaresJsonFeed(String head) {
        return head.matches("(?s).*\"version\"\\s*:\\s*\"https:\\\\?/\\\\?/jsonfeed\\.org\\\\?/version\\\\?/.*");
    }

    private static SyndFeed feed(JsonNode root, String version) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("json_" + version);
        feed.setEncoding("UTF-8");
        feed.setTitle(text(root, "title"));
        feed.setLink(text(root, "home_page_url"));
        feed.setUri(text(root, "feed_url"));
        feed.setDescription(text(root, "description"));
        feed.setLanguage(text(root, "language"));
        Optional.ofNullable(text(root, "icon")).or(() -> Optional.ofNullable(text(root, "favicon"))).ifPresent(url -> {
            SyndImage image = new SyndImageImpl();
            image.setUrl(url);
            feed.setImage(image);
        });
        feed.setAuthors(authors(root));
        List<SyndEntry> entries = new ArrayList<>();
        for (JsonNode item : root.get("items")) {
            if (item.isObject()) {
                entries.add(entry(item));
            }
        }
        feed.setEntries(entries);
        return feed;
    }

    private static SyndEntry entry(JsonNode item) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri(text(item, "id"));
        entry.setLink(Optional.ofNullable(text(item, "url")).orElse(text(item, "external_url")));
        entry.setTitle(text(item, "title"));
        List<SyndContent> contents = new ArrayList<>();
        Optional.ofNullable(text(item, "content_html")).ifPresent(html -> contents.add(content("html", html)));
        Optional.ofNullable(text(item, "content_text")).ifPresent(plain -> contents.add(content("text", plain)));
        entry.setContents(contents);
        Optional.ofNullable(text(item, "summary")).ifPresent(summary -> entry.setDescription(content("text", summary)));
        date(item, "date_published").ifPresent(entry::setPublishedDate);
        date(item, "date_modified").ifPresent(entry::setUpdatedDate);
        entry.setAuthors(authors(item));
        entry.setCategories(categories(item));
        entry.setEnclosures(enclosures(item));
        return entry;
    }

    private static SyndContent content(String type, String value) {
        SyndContent content = new SyndContentImpl();
        content.setType(type);
        content.setValue(value);
        return content;
    }

    /** JSON Feed 1.1 {@code authors}, else 1.0 {@code author}. */
    private static List<SyndPerson> authors(JsonNode node) {
        List<SyndPerson> authors = new ArrayList<>();
        JsonNode many = node.get("authors");
        if (many != null && many.isArray()) {
            many.forEach(author -> person(author).ifPresent(authors::add));
        }
        if (authors.isEmpty() && node.get("author") != null) {
            person(node.get("author")).ifPresent(authors::add);
        }
        return authors;
    }

    private static Optional<SyndPerson> person(JsonNode author) {
        String name = author.isTextual() ? author.asText() : text(author, "name");
        String url = text(author, "url");
        if (name == null && url == null) {
            return Optional.empty();
        }
        SyndPerson person = new SyndPersonImpl();
        person.setName(name);
        person.setUri(url);
        return Optional.of(person);
    }

    private static List<SyndCategory> categories(JsonNode item) {
        List<SyndCategory> categories = new ArrayList<>();
        JsonNode tags = item.get("tags");
        if (tags != null && tags.isArray()) {
            for (JsonNode tag : tags) {
                if (tag.isValueNode() && !tag.asText().isBlank()) {
                    SyndCategory category = new SyndCategoryImpl();
                    category.setName(tag.asText());
                    categories.add(category);
                }
            }
        }
        return categories;
    }

    private static List<SyndEnclosure> enclosures(JsonNode item) {
        List<SyndEnclosure> enclosures = new ArrayList<>();
        JsonNode attachments = item.get("attachments");
        if (attachments != null && attachments.isArray()) {
            for (JsonNode attachment : attachments) {
                String url = text(attachment, "url");
                if (url != null) {
                    JsonNode size = attachment.get("size_in_bytes");
                    enclosures.add(enclosure(url, text(attachment, "mime_type"),
                            size != null && size.canConvertToLong() ? size.asLong() : 0));
                }
            }
        }
        Optional.ofNullable(text(item, "image")).ifPresent(url -> enclosures.add(enclosure(url, "image", 0)));
        Optional.ofNullable(text(item, "banner_image")).filter(url -> !url.equals(text(item, "image")))
                .ifPresent(url -> enclosures.add(enclosure(url, "image", 0)));
        return enclosures;
    }

    private static SyndEnclosure enclosure(String url, String type, long length) {
        SyndEnclosure enclosure = new SyndEnclosureImpl();
        enclosure.setUrl(url);
        enclosure.setType(type);
        enclosure.setLength(length);
        return enclosure;
    }

    private static Optional<Date> date(JsonNode node, String field) {
        return FeedDates.parse(text(node, field)).map(Date::from);
    }

    /** The field as text (numbers too: JSON Feed 1.0 ids were often numbers); null when absent or blank. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text.strip();
    }
}

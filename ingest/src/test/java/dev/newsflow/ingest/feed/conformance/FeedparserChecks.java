package dev.newsflow.ingest.feed.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.ingest.feed.Html;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * feedparser's structured checks ({@code {"path": ["entries", 0, "title"], "op": "==", "value": ...}}) mapped to
 * newsflow: feed-level paths to Rome's {@link SyndFeed} (which ingest reads the feed title and language from), entry
 * paths to the normalised {@link RawArticle}. A path newsflow does not model has no mapping, and its case is counted
 * as not mapped rather than passed or failed.
 */
final class FeedparserChecks {

    /** Rome feed types by feedparser's version names. */
    private static final Map<String, String> VERSIONS = Map.ofEntries(
            Map.entry("rss_0.9", "rss090"), Map.entry("rss_0.91U", "rss091u"), Map.entry("rss_0.91N", "rss091n"),
            Map.entry("rss_0.92", "rss092"), Map.entry("rss_0.93", "rss093"), Map.entry("rss_0.94", "rss094"),
            Map.entry("rss_1.0", "rss10"), Map.entry("rss_2.0", "rss20"), Map.entry("atom_0.3", "atom03"),
            Map.entry("atom_1.0", "atom10"));

    private FeedparserChecks() {
    }

    /** The outcome of all checks of one case on a parsed feed. */
    static CaseOutcome evaluate(JsonNode checks, FeedView view) {
        for (JsonNode check : checks) {
            List<Object> path = path(check.get("path"));
            Optional<Object> actual;
            try {
                actual = actual(path, view);
            } catch (UnmappedPath e) {
                return new CaseOutcome.NotMapped(e.getMessage());
            }
            boolean equal = actual.map(value -> matches(value, check.get("value"))).orElse(false);
            boolean wanted = !"!=".equals(check.path("op").asText());
            if (equal != wanted) {
                return new CaseOutcome.Failed(path + " " + check.path("op").asText() + " " + check.get("value")
                        + " but newsflow has " + actual.map(String::valueOf).orElse("nothing"));
            }
        }
        return new CaseOutcome.Passed();
    }

    private static List<Object> path(JsonNode path) {
        return java.util.stream.StreamSupport.stream(path.spliterator(), false)
                .map(node -> node.isInt() ? (Object) node.asInt() : node.asText()).toList();
    }

    private static Optional<Object> actual(List<Object> path, FeedView view) {
        String head = String.valueOf(path.get(0));
        String key = String.join(".", path.stream().map(part -> part instanceof Integer ? "#" : part.toString()).toList());
        SyndFeed feed = view.feed();
        switch (head) {
            case "encoding":
                return Optional.ofNullable(feed.getEncoding());
            case "version":
                return Optional.ofNullable(VERSIONS.get(feed.getFeedType()));
            case "feed":
                return feedField(key, path, feed);
            case "entries":
                RawArticle article = view.article((Integer) path.get(1));
                return article == null ? Optional.empty() : entryField(key, path, article);
            default:
                throw new UnmappedPath(key);
        }
    }

    private static Optional<Object> feedField(String key, List<Object> path, SyndFeed feed) {
        return Optional.ofNullable(switch (key) {
            case "feed.title" -> feed.getTitle();
            case "feed.description", "feed.subtitle", "feed.tagline" -> feed.getDescription();
            case "feed.link" -> feed.getLink();
            case "feed.language" -> feed.getLanguage();
            case "feed.id" -> feed.getUri();
            case "feed.copyright" -> feed.getCopyright();
            case "feed.author_detail.name" -> first(feed.getAuthors(), SyndPerson::getName);
            case "feed.author_detail.email" -> first(feed.getAuthors(), SyndPerson::getEmail);
            case "feed.tags.#.term" -> nth(feed.getCategories(), (Integer) path.get(2), SyndCategory::getName);
            case "feed.category" -> first(feed.getCategories(), SyndCategory::getName);
            case "feed.published_parsed" -> instant(feed.getPublishedDate());
            default -> throw new UnmappedPath(key);
        });
    }

    private static Optional<Object> entryField(String key, List<Object> path, RawArticle article) {
        return Optional.ofNullable(switch (key) {
            case "entries.#.title" -> article.title();
            case "entries.#.link" -> article.url();
            case "entries.#.summary", "entries.#.description" -> article.summary();
            case "entries.#.content.#.value" -> (Integer) path.get(3) == 0 ? article.content() : null;
            case "entries.#.id", "entries.#.guid" -> article.guid();
            case "entries.#.tags.#.term" -> nth(article.categories(), (Integer) path.get(3), Function.identity());
            case "entries.#.category" -> first(article.categories(), Function.identity());
            case "entries.#.author_detail.name" -> first(article.authors(), Function.identity());
            case "entries.#.authors.#.name" -> nth(article.authors(), (Integer) path.get(3), Function.identity());
            case "entries.#.published_parsed" -> article.published();
            case "entries.#.updated_parsed" -> article.updated();
            default -> throw new UnmappedPath(key);
        });
    }

    /**
     * Equal as feedparser would print it: the same text, or the same text once markup is reduced to text (feedparser
     * sanitises HTML, newsflow keeps it as published); dates against feedparser's UTC 9-tuples; encodings ignoring
     * case.
     */
    static boolean matches(Object actual, JsonNode expected) {
        if (actual instanceof Instant instant) {
            return expected.isArray() && expected.size() >= 6 && tuple(expected).equals(instant);
        }
        String ours = String.valueOf(actual);
        String theirs = expected.isTextual() ? expected.asText() : expected.toString();
        return ours.equals(theirs) || ours.equalsIgnoreCase(theirs) && theirs.toLowerCase(Locale.ROOT).equals(theirs)
                || Html.toText(ours).equals(Html.toText(theirs));
    }

    private static Instant tuple(JsonNode parsed) {
        return LocalDateTime.of(parsed.get(0).asInt(), parsed.get(1).asInt(), parsed.get(2).asInt(),
                parsed.get(3).asInt(), parsed.get(4).asInt(), parsed.get(5).asInt()).toInstant(ZoneOffset.UTC);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static <T> String first(List<T> list, Function<T, String> field) {
        return nth(list, 0, field);
    }

    private static <T> String nth(List<T> list, int index, Function<T, String> field) {
        return index < list.size() ? field.apply(list.get(index)) : null;
    }

    /** A feedparser path newsflow has no counterpart for. */
    private static final class UnmappedPath extends RuntimeException {
        UnmappedPath(String path) {
            super(path, null, false, false);
        }
    }
}

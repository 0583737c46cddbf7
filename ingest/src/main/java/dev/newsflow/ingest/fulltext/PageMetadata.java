package dev.newsflow.ingest.fulltext;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Article metadata from a page's head: meta tags, Open Graph, JSON-LD. */
final class PageMetadata {

    private static final Pattern URL = Pattern.compile("(?i)^https?://.*");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*");

    private final Document document;
    private final List<JsonNode> jsonLd;

    PageMetadata(Document document) {
        this.document = document;
        this.jsonLd = jsonLd(document);
    }

    String title() {
        return meta("meta[property=og:title]", "meta[name=twitter:title]")
                .orElseGet(() -> blankToNull(document.title()));
    }

    String canonicalUrl() {
        Element canonical = document.selectFirst("link[rel=canonical][href]");
        if (canonical != null && !canonical.absUrl("href").isEmpty()) {
            return canonical.absUrl("href");
        }
        Element ogUrl = document.selectFirst("meta[property=og:url][content]");
        if (ogUrl != null && !ogUrl.absUrl("content").isEmpty()) {
            return ogUrl.absUrl("content");
        }
        return null;
    }

    String byline() {
        Optional<String> meta = meta("meta[name=author]", "meta[name=byl]", "meta[name=parsely-author]",
                "meta[name=sailthru.author]", "meta[property=article:author]", "meta[name=dc.creator]",
                "meta[name=DC.creator]").filter(value -> !URL.matcher(value).matches());
        if (meta.isPresent()) {
            return meta.get();
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode node : jsonLd) {
            JsonNode author = node.get("author");
            if (author != null) {
                (author.isArray() ? author : List.of(author)).forEach(each -> {
                    String name = each.isTextual() ? each.asText() : each.path("name").asText("");
                    if (!name.isBlank() && !URL.matcher(name).matches()) {
                        names.add(name.strip());
                    }
                });
            }
        }
        if (!names.isEmpty()) {
            return String.join(", ", names);
        }
        Element itemprop = document.selectFirst("[itemprop=author] [itemprop=name], [itemprop=author], a[rel=author]");
        if (itemprop != null) {
            String text = itemprop.hasAttr("content") ? itemprop.attr("content") : itemprop.text();
            if (!text.isBlank() && text.length() < 100) {
                return text.strip();
            }
        }
        return null;
    }

    String siteName() {
        return meta("meta[property=og:site_name]")
                .or(() -> jsonLd.stream().map(node -> node.path("publisher").path("name").asText(""))
                        .filter(name -> !name.isBlank()).findFirst())
                .or(() -> meta("meta[name=application-name]"))
                .orElse(null);
    }

    Instant published() {
        Optional<String> meta = meta("meta[property=article:published_time]", "meta[itemprop=datePublished]",
                "meta[name=date]", "meta[name=pubdate]", "meta[name=publishdate]", "meta[name=DC.date.issued]",
                "meta[name=dc.date]", "meta[property=og:published_time]", "meta[name=parsely-pub-date]");
        Optional<Instant> fromMeta = meta.flatMap(PageMetadata::parseInstant);
        if (fromMeta.isPresent()) {
            return fromMeta.get();
        }
        for (JsonNode node : jsonLd) {
            Optional<Instant> published = parseInstant(node.path("datePublished").asText(""));
            if (published.isPresent()) {
                return published.get();
            }
        }
        Element time = document.selectFirst("time[pubdate][datetime], article time[datetime], time[itemprop=datePublished]");
        return time == null ? null : parseInstant(time.attr("datetime")).orElse(null);
    }

    String language() {
        String lang = document.selectFirst("html") == null ? "" : document.selectFirst("html").attr("lang");
        if (lang.isBlank()) {
            lang = meta("meta[http-equiv=content-language]", "meta[property=og:locale]", "meta[name=language]")
                    .orElse("");
        }
        lang = lang.strip().replace('_', '-');
        return LANGUAGE.matcher(lang).matches() ? lang : null;
    }

    private Optional<String> meta(String... selectors) {
        for (String selector : selectors) {
            for (Element element : document.select(selector)) {
                String content = element.attr("content").strip();
                if (!content.isEmpty()) {
                    return Optional.of(content);
                }
            }
        }
        return Optional.empty();
    }

    /** JSON-LD objects of the page, flattened out of arrays and {@code @graph}s. */
    private static List<JsonNode> jsonLd(Document document) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Element script : document.select("script[type=application/ld+json]")) {
            try {
                flatten(Json.mapper().readTree(script.data()), nodes);
            } catch (IOException | RuntimeException e) {
                // a broken JSON-LD block is common and harmless: the page has other metadata
            }
        }
        return nodes;
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> flatten(child, into));
        } else if (node.isObject()) {
            into.add(node);
            flatten(node.get("@graph"), into);
        }
    }

    static Optional<Instant> parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Optional.of(LocalDate.parse(value.length() >= 10 ? value.substring(0, 10) : value)
                    .atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

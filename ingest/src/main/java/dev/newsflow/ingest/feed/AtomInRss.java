package dev.newsflow.ingest.feed;

import com.rometools.rome.feed.synd.SyndEntry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Atom elements inside RSS items ({@code atom:content}, {@code atom:author}, {@code atom:published},
 * {@code atom:updated}), which Rome leaves in the item's foreign markup. Used only when the RSS field is missing.
 */
final class AtomInRss {

    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

    private AtomInRss() {
    }

    static Optional<String> content(SyndEntry entry) {
        return child(entry, "content").map(element -> {
            String type = element.getAttributeValue("type");
            String text = element.getText().strip();
            return "text".equalsIgnoreCase(type) ? Html.escape(text) : text;
        }).filter(text -> !text.isBlank());
    }

    static List<String> authors(SyndEntry entry) {
        return entry.getForeignMarkup().stream()
                .filter(element -> ATOM.equals(element.getNamespace()) && element.getName().equals("author"))
                .map(author -> author.getChildTextNormalize("name", ATOM))
                .filter(name -> name != null && !name.isBlank())
                .toList();
    }

    static Instant published(SyndEntry entry) {
        return child(entry, "published").flatMap(AtomInRss::instant).orElse(null);
    }

    static Instant updated(SyndEntry entry) {
        return child(entry, "updated").flatMap(AtomInRss::instant).orElse(null);
    }

    private static Optional<Element> child(SyndEntry entry, String name) {
        return entry.getForeignMarkup().stream()
                .filter(element -> ATOM.equals(element.getNamespace()) && element.getName().equals(name))
                .findFirst();
    }

    private static Optional<Instant> instant(Element element) {
        try {
            return Optional.of(OffsetDateTime.parse(element.getTextNormalize()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

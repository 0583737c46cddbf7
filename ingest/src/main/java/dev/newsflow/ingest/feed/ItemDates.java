package dev.newsflow.ingest.feed;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdom2.Element;

/**
 * Re-reads the dates of feed items from the XML with {@link FeedDates}, which knows more of the forms found in the
 * wild than Rome and reads a date without a zone as UTC rather than in the JVM's zone. A date {@link FeedDates}
 * cannot read keeps what Rome made of it.
 */
final class ItemDates {

    private static final Set<String> PUBLISHED = Set.of("pubDate", "published", "issued", "created", "date");
    private static final Set<String> UPDATED = Set.of("updated", "modified");

    private ItemDates() {
    }

    static void reread(Element root, SyndFeed feed) {
        List<Element> items = items(root);
        List<SyndEntry> entries = feed.getEntries();
        if (items.size() != entries.size()) {
            return; // cannot pair items with entries safely
        }
        for (int index = 0; index < items.size(); index++) {
            Element item = items.get(index);
            SyndEntry entry = entries.get(index);
            firstDate(item, PUBLISHED).ifPresent(instant -> entry.setPublishedDate(Date.from(instant)));
            firstDate(item, UPDATED).ifPresent(instant -> entry.setUpdatedDate(Date.from(instant)));
        }
    }

    private static List<Element> items(Element root) {
        return switch (root.getName()) {
            case "rss" -> {
                Element channel = root.getChildren().stream().filter(child -> child.getName().equals("channel"))
                        .findFirst().orElse(null);
                yield channel == null ? List.of() : named(channel, "item");
            }
            case "RDF" -> named(root, "item");
            case "feed" -> named(root, "entry");
            default -> List.of();
        };
    }

    private static List<Element> named(Element parent, String name) {
        return parent.getChildren().stream().filter(child -> child.getName().equals(name)).toList();
    }

    private static Optional<Instant> firstDate(Element item, Set<String> names) {
        return item.getChildren().stream()
                .filter(child -> names.contains(child.getName()))
                .map(child -> FeedDates.parse(child.getTextNormalize()))
                .flatMap(Optional::stream)
                .findFirst();
    }
}

package dev.newsflow.ingest.feed;

import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import dev.newsflow.contract.Media;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdom2.Element;

/**
 * Media of a feed item: enclosures, and Media RSS ({@code media:content}, {@code media:group},
 * {@code media:thumbnail}) read from the item's foreign markup, with {@code media:title} and {@code media:credit}
 * inherited from the group or item when the content does not carry its own. Reading the markup directly keeps ingest
 * on Rome core; the rome-modules Media RSS module would need another managed dependency for the same few fields.
 */
final class MediaExtractor {

    private static final String MEDIA_RSS = "http://search.yahoo.com/mrss/";
    private static final String MEDIA_RSS_OLD = "http://search.yahoo.com/mrss";

    private MediaExtractor() {
    }

    static List<Media> media(SyndEntry entry, URI base) {
        Map<String, Media> byUrl = new LinkedHashMap<>();
        for (SyndEnclosure enclosure : entry.getEnclosures()) {
            String url = Links.resolve(base, enclosure.getUrl());
            if (url != null) {
                byUrl.putIfAbsent(url, new Media(url, blankToNull(enclosure.getType()),
                        enclosure.getLength() > 0 ? enclosure.getLength() : null, null, null));
            }
        }
        List<Element> markup = entry.getForeignMarkup();
        Defaults itemDefaults = defaults(markup, Defaults.NONE);
        List<Media> contents = new ArrayList<>();
        List<Media> thumbnails = new ArrayList<>();
        for (Element element : markup) {
            if (!isMedia(element)) {
                continue;
            }
            switch (element.getName()) {
                case "content" -> content(element, itemDefaults, base, contents);
                case "group" -> {
                    Defaults groupDefaults = defaults(element.getChildren(), itemDefaults);
                    element.getChildren().stream().filter(child -> isMedia(child) && child.getName().equals("content"))
                            .forEach(child -> content(child, groupDefaults, base, contents));
                }
                case "thumbnail" -> {
                    String url = Links.resolve(base, element.getAttributeValue("url"));
                    if (url != null) {
                        thumbnails.add(new Media(url, null, null, itemDefaults.title(), itemDefaults.credit()));
                    }
                }
                default -> {
                    // other Media RSS elements (ratings, player, comments) carry nothing an article needs
                }
            }
        }
        for (Media media : contents.isEmpty() ? thumbnails : contents) {
            byUrl.merge(media.url(), media, MediaExtractor::enrich);
        }
        return List.copyOf(byUrl.values());
    }

    private static void content(Element element, Defaults defaults, URI base, List<Media> into) {
        String url = Links.resolve(base, element.getAttributeValue("url"));
        if (url == null) {
            return;
        }
        Defaults own = defaults(element.getChildren(), defaults);
        String type = blankToNull(element.getAttributeValue("type"));
        if (type == null) {
            type = blankToNull(element.getAttributeValue("medium"));
        }
        into.add(new Media(url, type, parseLength(element.getAttributeValue("fileSize")), own.title(), own.credit()));
    }

    /** An enclosure of the same URL keeps its type and length and gains the Media RSS title and credit. */
    private static Media enrich(Media enclosure, Media media) {
        return new Media(enclosure.url(), enclosure.type() != null ? enclosure.type() : media.type(),
                enclosure.length() != null ? enclosure.length() : media.length(),
                enclosure.title() != null ? enclosure.title() : media.title(),
                enclosure.credit() != null ? enclosure.credit() : media.credit());
    }

    private record Defaults(String title, String credit) {
        static final Defaults NONE = new Defaults(null, null);
    }

    private static Defaults defaults(List<Element> elements, Defaults inherited) {
        String title = inherited.title();
        String credit = inherited.credit();
        for (Element element : elements) {
            if (!isMedia(element)) {
                continue;
            }
            String text = blankToNull(Html.toText(element.getTextNormalize()));
            if (element.getName().equals("title") && text != null) {
                title = text;
            } else if (element.getName().equals("credit") && text != null) {
                credit = text;
            }
        }
        return new Defaults(title, credit);
    }

    private static boolean isMedia(Element element) {
        String namespace = element.getNamespaceURI();
        return MEDIA_RSS.equals(namespace) || MEDIA_RSS_OLD.equals(namespace);
    }

    private static Long parseLength(String text) {
        try {
            long length = text == null ? 0 : Long.parseLong(text.strip());
            return length > 0 ? length : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

package dev.newsflow.ingest.opml;

import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.fulltext.FullTextMode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the feeds of an OPML file, the format every feed reader exports its subscriptions in.
 *
 * <p>Every {@code outline} with an {@code xmlUrl} is a feed, however deeply it is nested in folders; the folder
 * names become nothing (newsflow tags articles by their content, not by the reader's folders). Feed ids are
 * slugs of the titles, made unique. An outline that cannot be a feed (no or a non-http(s) {@code xmlUrl}) is
 * reported and skipped; the others are kept. DOCTYPEs are refused, as in feeds: OPML never needs one, and entity
 * expansion is the classic XML attack.
 */
public final class OpmlImport {

    private static final int MAX_ID_LENGTH = 60;

    /**
     * What an import found.
     *
     * @param feeds    the feeds, in document order
     * @param problems outlines skipped, each with the reason
     */
    public record Result(List<FeedDefinition> feeds, List<String> problems) {
        public Result {
            feeds = List.copyOf(feeds);
            problems = List.copyOf(problems);
        }
    }

    private OpmlImport() {
    }

    /**
     * Parses an OPML document.
     *
     * @throws IllegalArgumentException with a one-line reason when the document is not OPML at all
     */
    public static Result parse(byte[] document) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        List<FeedDefinition> feeds = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean sawOpml = false;
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(document));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new IllegalArgumentException("OPML with a DOCTYPE is refused");
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String element = reader.getLocalName();
                if (element.equalsIgnoreCase("opml")) {
                    sawOpml = true;
                } else if (sawOpml && element.equalsIgnoreCase("outline")) {
                    outline(reader, feeds, problems, ids);
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML: " + firstLine(e.getMessage()));
        }
        if (!sawOpml) {
            throw new IllegalArgumentException("not OPML: the root element is not <opml>");
        }
        return new Result(feeds, problems);
    }

    private static void outline(XMLStreamReader reader, List<FeedDefinition> feeds, List<String> problems,
                                Set<String> ids) {
        String xmlUrl = attribute(reader, "xmlUrl");
        String title = firstNonBlank(attribute(reader, "title"), attribute(reader, "text"));
        if (xmlUrl == null) {
            return; // a folder, or a link that is not a feed
        }
        URI url;
        try {
            url = new URI(xmlUrl.strip());
        } catch (URISyntaxException e) {
            problems.add("outline '" + describe(title) + "': xmlUrl is not a URL: " + xmlUrl);
            return;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            problems.add("outline '" + describe(title) + "': xmlUrl is not an http(s) URL: " + xmlUrl);
            return;
        }
        String language = attribute(reader, "language");
        feeds.add(new FeedDefinition(uniqueId(title, url, ids), url, title, language, FullTextMode.AUTO, true));
    }

    /** A readable, stable id: the title as a slug, else the host; a number appended when taken. */
    static String uniqueId(String title, URI url, Set<String> taken) {
        String base = slug(title);
        if (base.isEmpty()) {
            base = slug(url.getHost() + url.getPath());
        }
        if (base.isEmpty()) {
            base = "feed";
        }
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    static String slug(String text) {
        if (text == null) {
            return "";
        }
        String ascii = Normalizer.normalize(text.replace('ł', 'l').replace('Ł', 'L'), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.length() > MAX_ID_LENGTH ? slug.substring(0, MAX_ID_LENGTH).replaceAll("-+$", "") : slug;
    }

    private static String attribute(XMLStreamReader reader, String name) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (reader.getAttributeLocalName(i).equalsIgnoreCase(name)) {
                String value = reader.getAttributeValue(i);
                return value == null || value.isBlank() ? null : value.strip();
            }
        }
        return null;
    }

    private static String firstNonBlank(String first, String second) {
        return first != null ? first : second;
    }

    private static String describe(String title) {
        return title == null ? "(untitled)" : title;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}

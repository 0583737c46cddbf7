package dev.newsflow.ingest.feed;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import javax.xml.XMLConstants;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.xml.sax.InputSource;

/**
 * Parses RSS 0.9x-2.0, RSS 1.0 (RDF) and Atom feeds with Rome, and JSON Feed 1.0/1.1 (a body that is a JSON
 * object, whatever the declared content type, since servers label JSON Feeds every which way), refusing anything that is not a feed with a reason
 * and never throwing.
 *
 * <p>Security: feeds come from anyone. DOCTYPE declarations are refused outright, which rules out external entities
 * (reading local files, SSRF) and entity expansion (billion laughs). Rome 2.1 already disallows DOCTYPEs by default,
 * but it silently skips a parser feature the SAX implementation does not know; this class builds the XML tree with
 * its own SAX builder that fails instead, turns on JAXP secure processing, and resolves every entity to nothing, then
 * hands the tree to Rome.
 *
 * <p>The encoding is detected by {@link XmlEncoding} from the BOM, the first bytes, the XML declaration and the HTTP
 * {@code Content-Type}; its name is the feed's {@link SyndFeed#getEncoding()}. Item dates are re-read with
 * {@link FeedDates} (see {@link ItemDates}); C1 control characters are read as windows-1252 (see {@link C1Controls});
 * an RSS channel's Dublin Core fills the feed fields it left empty (see {@link ChannelDublinCore}). Whitespace
 * before the XML declaration (common in the wild, and fatal to XML parsers) is skipped.
 * Thread-safe.
 */
public final class FeedParser {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final JsonFeedParser jsonFeeds = new JsonFeedParser();

    /**
     * Parses a feed body.
     *
     * @param body        the bytes as fetched (decompressed)
     * @param contentType the HTTP {@code Content-Type}, or null
     */
    public ParseResult parse(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            return new ParseResult.Invalid("empty body");
        }
        byte[] xml = withoutLeadingWhitespace(body);
        if (startsWithBrace(xml)) {
            return jsonFeeds.parse(xml);
        }
        String notXml = sniffNonXml(xml);
        if (notXml != null) {
            return new ParseResult.Invalid(notXml);
        }
        try {
            Decoded decoded = decode(xml, contentType);
            String text = decoded.text();
            Document document;
            try {
                document = build(text);
            } catch (JDOMParseException e) {
                // undeclared prefixes (content:, media:, atom:) are a common mistake; bind them and try once more
                if (!String.valueOf(e.getMessage()).contains("is not bound")) {
                    throw e;
                }
                document = build(UnboundPrefixes.declare(text));
            }
            addMissingChannel(document.getRootElement());
            C1Controls.replace(document);
            AtomBase64.decode(document);
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            input.setPreserveWireFeed(true); // RSS <ttl> lives only on the wire feed; polling honours it
            SyndFeed feed = input.build(document);
            feed.setEncoding(decoded.encoding());
            ItemDates.reread(document.getRootElement(), feed);
            ChannelDublinCore.fill(document.getRootElement(), feed);
            if (feed.getLanguage() == null) {
                // Rome does not carry Atom's xml:lang over to the feed
                feed.setLanguage(document.getRootElement().getAttributeValue("lang", Namespace.XML_NAMESPACE));
            }
            if (feed.getLanguage() != null) {
                // BCP 47 writes subtags with hyphens; en_US is a common slip
                feed.setLanguage(feed.getLanguage().strip().replace('_', '-'));
            }
            return new ParseResult.Parsed(feed);
        } catch (JDOMParseException e) {
            return new ParseResult.Invalid(describe(e));
        } catch (IllegalArgumentException e) {
            // Rome's word for "well-formed XML, but no parser for this root element"
            return new ParseResult.Invalid("not a feed: " + e.getMessage());
        } catch (FeedException | JDOMException e) {
            return new ParseResult.Invalid("not a valid feed: " + e.getMessage());
        } catch (IOException e) {
            return new ParseResult.Invalid("cannot decode the body: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return new ParseResult.Invalid("feed parser failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The body as text, and the encoding it was decoded from. */
    private record Decoded(String text, String encoding) {
    }

    /**
     * An {@code <rss>} root without a {@code <channel>} (Rome fails on it with a NullPointerException): its
     * children, items and all, are moved into a channel of their own.
     */
    private static void addMissingChannel(org.jdom2.Element root) {
        if (root.getName().equals("rss") && root.getChildren().stream().noneMatch(child -> child.getName().equals("channel"))) {
            org.jdom2.Element channel = new org.jdom2.Element("channel", root.getNamespace());
            channel.addContent(root.removeContent());
            root.addContent(channel);
        }
    }

    private static Decoded decode(byte[] xml, String contentType) throws IOException {
        XmlEncoding.Detected encoding = XmlEncoding.detect(xml, contentType);
        // the text goes to the XML parser as characters, so the parser never reads the declared encoding itself
        try (Reader reader = new XmlFixerReader(new StringReader(encoding.decode(xml)))) {
            StringBuilder text = new StringBuilder(xml.length);
            char[] buffer = new char[8192];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                text.append(buffer, 0, read);
            }
            return new Decoded(text.toString(), encoding.name());
        }
    }

    private static Document build(String xml) throws JDOMException, IOException {
        return secureBuilder().build(new StringReader(xml));
    }

    /** Parses and returns the feed, for callers that want an exception (tests, tools). */
    public SyndFeed parseOrThrow(byte[] body, String contentType) {
        ParseResult result = parse(body, contentType);
        if (result instanceof ParseResult.Parsed parsed) {
            return parsed.feed();
        }
        throw new IllegalArgumentException(((ParseResult.Invalid) result).reason());
    }

    private static SAXBuilder secureBuilder() {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        builder.setExpandEntities(false);
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        return builder;
    }

    private static String describe(JDOMParseException e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage() : String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) {
            return "DOCTYPE declarations are refused (they enable external-entity and entity-expansion attacks)";
        }
        String where = e.getLineNumber() > 0 ? " at line " + e.getLineNumber() + ", column " + e.getColumnNumber() : "";
        return "not well-formed XML" + where + ": " + message;
    }

    /** Skips ASCII whitespace before the first markup, keeping a UTF-8 BOM so encoding detection still sees it. */
    static byte[] withoutLeadingWhitespace(byte[] body) {
        boolean bom = body.length >= 3 && body[0] == UTF8_BOM[0] && body[1] == UTF8_BOM[1] && body[2] == UTF8_BOM[2];
        int start = bom ? 3 : 0;
        int first = start;
        while (first < body.length && isAsciiWhitespace(body[first])) {
            first++;
        }
        if (first == start) {
            return body;
        }
        byte[] rest = Arrays.copyOfRange(body, first, body.length);
        if (!bom) {
            return rest;
        }
        byte[] withBom = new byte[rest.length + 3];
        System.arraycopy(UTF8_BOM, 0, withBom, 0, 3);
        System.arraycopy(rest, 0, withBom, 3, rest.length);
        return withBom;
    }

    /** A reason when the body is obviously not XML (JSON, an HTML page, plain text); null when it may be XML. */
    static String sniffNonXml(byte[] xml) {
        int start = xml.length >= 3 && xml[0] == UTF8_BOM[0] && xml[1] == UTF8_BOM[1] && xml[2] == UTF8_BOM[2] ? 3 : 0;
        if (xml.length - start < 1 || looksLikeUtf16or32(xml)) {
            return xml.length - start < 1 ? "empty body" : null;
        }
        String head = new String(xml, start, Math.min(xml.length - start, 512), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        char first = head.charAt(0);
        if (first == '{' || first == '[') {
            return "not a feed: the body is JSON but not a JSON Feed object";
        }
        if (first != '<') {
            return "not XML: the body starts with '" + printable(head) + "' instead of '<'";
        }
        String afterComments = head.replaceAll("(?s)<!--.*?-->\\s*", "");
        if (afterComments.startsWith("<!doctype html") || afterComments.startsWith("<html")) {
            return "not a feed: the body is an HTML page";
        }
        return null;
    }

    /** Whether the body (after whitespace and a UTF-8 BOM) starts like a JSON object: a JSON Feed candidate. */
    private static boolean startsWithBrace(byte[] body) {
        int start = body.length >= 3 && body[0] == UTF8_BOM[0] && body[1] == UTF8_BOM[1] && body[2] == UTF8_BOM[2] ? 3 : 0;
        while (start < body.length && isAsciiWhitespace(body[start])) {
            start++;
        }
        return start < body.length && body[start] == '{';
    }

    private static boolean looksLikeUtf16or32(byte[] xml) {
        if (xml.length < 2) {
            return false;
        }
        boolean bom = (xml[0] == (byte) 0xFE && xml[1] == (byte) 0xFF) || (xml[0] == (byte) 0xFF && xml[1] == (byte) 0xFE);
        return bom || xml[0] == 0 || xml[1] == 0;
    }

    private static String printable(String head) {
        String line = head.lines().findFirst().orElse("");
        String cut = line.length() > 20 ? line.substring(0, 20) + "..." : line;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static boolean isAsciiWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}

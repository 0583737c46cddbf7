package dev.newsflow.publish.feed;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Makes feed HTML safe to pass on: an allow-list of basic formatting and links (jsoup {@link Safelist#basic()}:
 * {@code a b blockquote br cite code dd dl dt em i li ol p pre q small span strike strong sub sup u ul}), links only
 * to http, https and mailto with {@code rel="nofollow"}. Scripts, styles, iframes, images, event handlers
 * ({@code onerror}, ...) and {@code javascript:} URLs are dropped. Characters XML 1.0 cannot carry are removed, so
 * the result fits any output format.
 */
public final class HtmlSanitizer {

    private static final Safelist SAFELIST = Safelist.basic()
            .removeProtocols("a", "href", "ftp")
            .addTags("h2", "h3", "h4")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");
    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

    private HtmlSanitizer() {
    }

    /**
     * The HTML with only allowed elements and attributes. Relative links are resolved against {@code baseUri} when
     * it is an absolute http(s) URL, and dropped otherwise.
     */
    public static String sanitize(String html, String baseUri) {
        if (html == null || html.isBlank()) {
            return "";
        }
        String base = baseUri != null && (baseUri.startsWith("http://") || baseUri.startsWith("https://"))
                ? baseUri : "";
        return Jsoup.clean(xmlSafe(html), base, SAFELIST, OUTPUT);
    }

    /** The article with its HTML fields (summary and content) sanitised, for outputs that carry the whole record. */
    public static EnrichedArticle sanitize(EnrichedArticle article) {
        RawArticle raw = article.article();
        String base = raw.url();
        RawArticle safe = raw.toBuilder()
                .summary(sanitize(raw.summary(), base))
                .content(sanitize(raw.content(), base))
                .build();
        return new EnrichedArticle(article.schemaVersion(), article.id(), safe, article.language(), article.text(),
                article.captions(), article.tags(), article.sources(), article.enrichedAt());
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * The text without characters XML 1.0 forbids (C0 controls other than tab, CR and LF, unpaired surrogates,
     * U+FFFE and U+FFFF), which would make a feed unparseable.
     */
    public static String xmlSafe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = null;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            boolean allowed;
            if (Character.isHighSurrogate(c)) {
                allowed = index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
                if (allowed) {
                    if (safe != null) {
                        safe.append(c).append(text.charAt(index + 1));
                    }
                    index++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                allowed = false;
            } else {
                allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!allowed && safe == null) {
                safe = new StringBuilder(text.length()).append(text, 0, index);
            } else if (allowed && safe != null) {
                safe.append(c);
            }
        }
        return safe == null ? text : safe.toString();
    }
}

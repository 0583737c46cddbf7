package dev.newsflow.ingest.feed;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;

/** Small conversions between HTML and plain text. */
public final class Html {

    private Html() {
    }

    /** The text of an HTML fragment: tags stripped, entities decoded, whitespace collapsed. */
    public static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return collapseWhitespace(html);
        }
        return Jsoup.parseBodyFragment(html).text().strip();
    }

    /** Plain text as HTML: special characters escaped. */
    public static String escape(String text) {
        return text == null ? "" : Entities.escape(text);
    }

    public static String collapseWhitespace(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u00A0]+", " ").strip();
    }
}

package dev.newsflow.enrich.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the simplest article bodies without an HTML parser: paragraphs ({@code <p>} without attributes) of plain text,
 * and figures made of one image and a caption, with ASCII white space between them. That is what many feeds carry,
 * and a full parse (a tree of nodes, then a walk over it) is most of the cleaning's time on it.
 *
 * <p>{@link #text} answers only where it is sure to give what {@link TextCleaner} makes from jsoup's tree: the same
 * text, with a blank line around each block, and the same captions. Anything else (another tag, an attribute on a
 * paragraph, an entity other than the few listed, a carriage return, a null or a byte-order mark, text between blocks,
 * a caption that jsoup would have to normalise) gives {@code null}, and the caller parses the body.
 */
final class SimpleHtml {

    private static final String[] ENTITIES = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&nbsp;"};
    private static final char[] DECODED = {'&', '<', '>', '"', '\'', '\u00A0'};

    private SimpleHtml() {
    }

    /**
     * The text that walking jsoup's {@code <body>} makes of {@code html} ({@code "\n\n"} before and after each block,
     * line breaks in text as blanks), with figure captions added to {@code captions}; or {@code null} when the body
     * is not of the simple kind, and then {@code captions} is unchanged.
     */
    static String text(String html, List<String> captions) {
        StringBuilder out = new StringBuilder(html.length() + 64);
        List<String> found = new ArrayList<>(1);
        out.append("\n\n");
        int i = skipSpace(html, 0);
        while (i < html.length()) {
            if (html.startsWith("<p>", i)) {
                out.append("\n\n");
                i = decodeText(html, i + 3, out);
                if (i < 0 || !html.startsWith("</p>", i)) {
                    return null;
                }
                out.append("\n\n");
                i += 4;
            } else if (html.startsWith("<figure>", i)) {
                out.append("\n\n");
                i = figure(html, i + 8, out, found);
                if (i < 0) {
                    return null;
                }
                out.append("\n\n");
            } else {
                return null;
            }
            int space = skipSpace(html, i);
            appendSpace(html, i, space, out);
            i = space;
        }
        out.append("\n\n");
        captions.addAll(found);
        return out.toString();
    }

    /** The inside of a figure: an image and a caption, white space between; the index after {@code </figure>}. */
    private static int figure(String html, int from, StringBuilder out, List<String> captions) {
        int i = skipSpace(html, from);
        appendSpace(html, from, i, out);
        int afterImage = image(html, i);
        if (afterImage < 0) {
            return -1;
        }
        i = skipSpace(html, afterImage);
        appendSpace(html, afterImage, i, out);
        if (!html.startsWith("<figcaption>", i)) {
            return -1;
        }
        StringBuilder caption = new StringBuilder();
        i = decodeText(html, i + "<figcaption>".length(), caption);
        if (i < 0 || !html.startsWith("</figcaption>", i)) {
            return -1;
        }
        // jsoup's Element.text() collapses white space; a caption that needs it is left to jsoup
        String text = caption.toString();
        if (!text.isEmpty()) {
            if (!TextCleaner.isNormal(text)) {
                return -1;
            }
            captions.add(text);
        }
        int afterCaption = i + "</figcaption>".length();
        i = skipSpace(html, afterCaption);
        appendSpace(html, afterCaption, i, out);
        return html.startsWith("</figure>", i) ? i + "</figure>".length() : -1;
    }

    /**
     * An {@code <img>} tag whose attributes are names with optional double-quoted values free of {@code < > &}; the
     * index after it, or -1. An image adds no text, and its class or id changes nothing the cleaner keeps.
     */
    private static int image(String html, int from) {
        if (!html.startsWith("<img", from)) {
            return -1;
        }
        int i = from + 4;
        while (true) {
            int space = skipSpace(html, i);
            if (space == html.length()) {
                return -1;
            }
            char c = html.charAt(space);
            if (c == '>') {
                return space + 1;
            }
            if (c == '/' && html.startsWith("/>", space)) {
                return space + 2;
            }
            if (space == i || !isNameStart(c)) {
                return -1;
            }
            i = space;
            while (i < html.length() && isNameChar(html.charAt(i))) {
                i++;
            }
            if (i < html.length() && html.charAt(i) == '=') {
                if (!html.startsWith("=\"", i)) {
                    return -1;
                }
                int close = i + 2;
                while (close < html.length() && html.charAt(close) != '"') {
                    char v = html.charAt(close);
                    if (v == '<' || v == '>' || v == '&') {
                        return -1;
                    }
                    close++;
                }
                if (close == html.length()) {
                    return -1;
                }
                i = close + 1;
            }
        }
    }

    /**
     * Appends the text from {@code from} to the next {@code <}, entities decoded and line breaks as blanks; answers
     * the index of that {@code <}, or -1 where jsoup could read the text otherwise.
     */
    private static int decodeText(String html, int from, StringBuilder out) {
        int i = from;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                return i;
            }
            if (c == '&') {
                int entity = entityAt(html, i);
                if (entity < 0) {
                    return -1;
                }
                out.append(DECODED[entity]);
                i += ENTITIES[entity].length();
                continue;
            }
            if (c == '\r' || c == '\u0000' || c == '\uFEFF') {
                return -1;
            }
            out.append(c == '\n' ? ' ' : c);
            i++;
        }
        return -1;
    }

    private static int entityAt(String html, int at) {
        for (int k = 0; k < ENTITIES.length; k++) {
            if (html.startsWith(ENTITIES[k], at)) {
                return k;
            }
        }
        return -1;
    }

    /** jsoup keeps white space between blocks as text, its line breaks made blanks by the walk. */
    private static void appendSpace(String html, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = html.charAt(i);
            out.append(c == '\n' ? ' ' : c);
        }
    }

    /** Past spaces, tabs, line feeds and form feeds (no carriage return: jsoup may rewrite it). */
    private static int skipSpace(String html, int from) {
        int i = from;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\f') {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}

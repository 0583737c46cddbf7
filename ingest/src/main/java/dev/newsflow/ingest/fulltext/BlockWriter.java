package dev.newsflow.ingest.fulltext;

import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Flattens an element into text blocks: one per paragraph, heading, list item, caption or run of text between
 * blocks. Images and other media produce nothing; their captions do.
 */
final class BlockWriter {

    private static final Set<String> INLINE = Set.of("a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data",
            "del", "dfn", "em", "font", "i", "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
            "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "picture", "source", "nobr");
    private static final Set<String> LEAF_BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
            "figcaption", "li", "dt", "dd", "blockquote", "caption", "address", "summary");
    private static final Set<String> SKIPPED = Set.of("img", "picture", "video", "audio", "source", "track", "map",
            "hr");

    private BlockWriter() {
    }

    static void write(Element element, List<String> blocks) {
        String tag = element.tagName();
        if (SKIPPED.contains(tag)) {
            return;
        }
        if (LEAF_BLOCKS.contains(tag) && !hasBlockChild(element)) {
            add(element.text(), blocks);
            return;
        }
        StringBuilder inline = new StringBuilder();
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text) {
                inline.append(text.getWholeText());
            } else if (child instanceof Element childElement) {
                if (childElement.tagName().equals("br")) {
                    flush(inline, blocks);
                } else if (INLINE.contains(childElement.tagName()) && !hasBlockChild(childElement)) {
                    inline.append(childElement.wholeText());
                } else {
                    flush(inline, blocks);
                    write(childElement, blocks);
                }
            }
        }
        flush(inline, blocks);
    }

    private static boolean hasBlockChild(Element element) {
        for (Element descendant : element.getAllElements()) {
            if (descendant != element && !INLINE.contains(descendant.tagName()) && !descendant.tagName().equals("br")) {
                return true;
            }
        }
        return false;
    }

    private static void flush(StringBuilder inline, List<String> blocks) {
        add(inline.toString(), blocks);
        inline.setLength(0);
    }

    private static void add(String text, List<String> blocks) {
        String collapsed = text.replaceAll("[\\s\\u00A0]+", " ").strip();
        if (!collapsed.isEmpty()) {
            blocks.add(collapsed);
        }
    }
}

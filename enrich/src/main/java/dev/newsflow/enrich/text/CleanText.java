package dev.newsflow.enrich.text;

/**
 * The result of cleaning an article body.
 *
 * @param text     plain text with boilerplate removed, paragraphs separated by a blank line
 * @param captions photo captions and credit lines taken out of the body, one per line
 */
public record CleanText(String text, String captions) {

    public static final CleanText EMPTY = new CleanText("", "");
}

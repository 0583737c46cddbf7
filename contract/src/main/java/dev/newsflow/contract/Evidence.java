package dev.newsflow.contract;

/**
 * A span of an enriched article that supports a tag or a source attribution.
 *
 * @param field which field of the enriched article the offsets index: {@code title}, {@code text} or
 *              {@code captions}
 * @param text  the span's text
 * @param start offset of the first character in that field
 * @param end   offset after the last character in that field
 */
public record Evidence(String field, String text, int start, int end) {

    public static final String TITLE = "title";
    public static final String TEXT = "text";
    public static final String CAPTIONS = "captions";
}

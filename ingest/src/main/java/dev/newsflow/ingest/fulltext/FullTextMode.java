package dev.newsflow.ingest.fulltext;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** When ingest fetches an item's page to extract its full text. */
public enum FullTextMode {
    /** Fetch the page when the feed item carries only a lead (less text than the configured minimum). */
    AUTO,
    /** Always fetch the page, even when the item seems to carry the full text. */
    ALWAYS,
    /** Never fetch pages; publish what the feed carries. */
    NEVER;

    /** Parses {@code auto}, {@code always} or {@code never}, in any case. */
    public static FullTextMode parse(String text) {
        String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(mode -> mode.name().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected one of " + names() + ", got '" + text + "'"));
    }

    public static String names() {
        return Arrays.stream(values()).map(mode -> mode.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" | "));
    }
}

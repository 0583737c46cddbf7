package dev.newsflow.ingest.fulltext;

import java.time.Instant;

/**
 * What a page yields: its main text as simple HTML, and metadata a feed may lack.
 *
 * @param contentHtml  the main text, one {@code <p>} per paragraph, heading, list item or caption; empty if none found
 * @param textLength   characters of text in {@code contentHtml}
 * @param paragraphs   number of {@code <p>} in {@code contentHtml}
 * @param title        {@code og:title} or {@code <title>}, may be null
 * @param canonicalUrl {@code link rel=canonical} or {@code og:url}, absolute, may be null
 * @param byline       author names from page metadata, may be null
 * @param siteName     {@code og:site_name} or the JSON-LD publisher, may be null
 * @param published    {@code article:published_time} or JSON-LD {@code datePublished}, may be null
 * @param language     {@code <html lang>} or {@code og:locale}, may be null
 */
public record ExtractedPage(String contentHtml, int textLength, int paragraphs, String title, String canonicalUrl,
                            String byline, String siteName, Instant published, String language) {
}

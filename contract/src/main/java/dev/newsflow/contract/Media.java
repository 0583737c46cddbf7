package dev.newsflow.contract;

/**
 * An enclosure or {@code media:content} of a feed item.
 *
 * @param url    where the media lives
 * @param type   MIME type, may be null
 * @param length size in bytes, may be null
 * @param title  title or caption, may be null
 * @param credit credit line ({@code media:credit}), may be null
 */
public record Media(String url, String type, Long length, String title, String credit) {
}

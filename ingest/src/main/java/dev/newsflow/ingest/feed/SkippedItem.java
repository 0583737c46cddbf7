package dev.newsflow.ingest.feed;

/**
 * A feed item that did not become an article.
 *
 * @param index  position of the item in the feed
 * @param title  its title, for the log, may be empty
 * @param reason why it was skipped
 */
public record SkippedItem(int index, String title, String reason) {
}

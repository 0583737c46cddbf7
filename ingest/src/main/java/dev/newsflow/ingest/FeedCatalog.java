package dev.newsflow.ingest;

import dev.newsflow.contract.FeedConfig;
import dev.newsflow.contract.FeedState;
import java.util.Map;

/** The configured feeds (the compacted feeds topic) and their polling state, as the feed admin sees them. */
public interface FeedCatalog extends AutoCloseable {

    /** Every configured feed, by id. */
    Map<String, FeedConfig> feeds();

    /** Every stored polling state, by feed id. */
    Map<String, FeedState> states();

    /** Adds or replaces feeds, waiting until they are stored. */
    void put(Iterable<FeedConfig> configs);

    @Override
    void close();
}

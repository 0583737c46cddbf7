package dev.newsflow.ingest.kafka;

import dev.newsflow.contract.TopicSpec;
import dev.newsflow.contract.Topics;
import java.util.List;

/**
 * Names of the topics ingest writes. Production uses the contract's names; tests sharing one broker may use their
 * own names with the same settings and serdes.
 *
 * @param raw  raw articles, see {@link Topics#RAW_ARTICLES}
 * @param seen      seen-markers, see {@link Topics#INGEST_SEEN}
 * @param feedState per-feed polling state, see {@link Topics#FEED_STATE}
 * @param feeds     the configured feeds, see {@link Topics#FEEDS}
 */
public record IngestTopics(String raw, String seen, String feedState, String feeds) {

    public static final IngestTopics CONTRACT = new IngestTopics(Topics.RAW_ARTICLES.name(),
            Topics.INGEST_SEEN.name(), Topics.FEED_STATE.name(), Topics.FEEDS.name());

    /** The contract's feeds topic with these names for the others. */
    public IngestTopics(String raw, String seen, String feedState) {
        this(raw, seen, feedState, Topics.FEEDS.name());
    }

    /** Topics with the contract's settings under these names, e.g. {@code prefix + "news.articles.raw"}. */
    public static IngestTopics prefixed(String prefix) {
        return new IngestTopics(prefix + CONTRACT.raw, prefix + CONTRACT.seen, prefix + CONTRACT.feedState,
                prefix + CONTRACT.feeds);
    }

    /** The topics ingest creates when missing: the three it writes and the feeds topic. */
    List<TopicSpec<?, ?>> specs() {
        return List.of(rename(Topics.RAW_ARTICLES, raw), rename(Topics.INGEST_SEEN, seen),
                rename(Topics.FEED_STATE, feedState), rename(Topics.FEEDS, feeds));
    }

    /** The feeds topic and the feed-state topic, which the feed admin creates when missing. */
    List<TopicSpec<?, ?>> feedSpecs() {
        return List.of(rename(Topics.FEED_STATE, feedState), rename(Topics.FEEDS, feeds));
    }

    private static <K, V> TopicSpec<K, V> rename(TopicSpec<K, V> spec, String name) {
        return new TopicSpec<>(name, spec.defaultPartitions(), spec.compacted(), spec.keySerde(), spec.valueSerde());
    }
}

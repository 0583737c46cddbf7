package dev.newsflow.contract;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of newsflow, declared once with its serdes. Keys are article ids unless stated. */
public final class Topics {

    /** Articles as ingest found them. Key: article id. */
    public static final TopicSpec<String, RawArticle> RAW_ARTICLES =
            new TopicSpec<>("news.articles.raw", 6, false, Serdes.String(), new JsonSerde<>(RawArticle.class));

    /** Enriched articles, written by enrich in transactions; read them with {@code isolation.level=read_committed}. */
    public static final TopicSpec<String, EnrichedArticle> ENRICHED_ARTICLES =
            new TopicSpec<>("news.articles.enriched", 6, false, Serdes.String(),
                    new JsonSerde<>(EnrichedArticle.class));

    /** Ingest's memory of what it already published, so a restart publishes nothing twice. Key: article id. */
    public static final TopicSpec<String, SeenArticle> INGEST_SEEN =
            new TopicSpec<>("news.ingest.seen", 6, true, Serdes.String(), new JsonSerde<>(SeenArticle.class));

    /**
     * Ingest's per-feed polling state (validators, next poll, failures, current URL), written in the same transaction
     * as the feed's articles. Key: feed id.
     */
    public static final TopicSpec<String, FeedState> FEED_STATE =
            new TopicSpec<>("news.feed-state", 6, true, Serdes.String(), new JsonSerde<>(FeedState.class));

    /**
     * The feeds ingest polls, as configured (see {@link FeedConfig}); a tombstone removes a feed. Key: feed id. As
     * many partitions as {@link #FEED_STATE} and keyed alike, so a feed's config and state share a partition number:
     * the ingest instance assigned a partition of this topic owns those feeds and their state.
     */
    public static final TopicSpec<String, FeedConfig> FEEDS =
            new TopicSpec<>("news.feeds", 6, true, Serdes.String(), new JsonSerde<>(FeedConfig.class));

    /** Records no stage could process, with headers naming where they came from and why; see {@link DeadLetters}. */
    public static final TopicSpec<byte[], byte[]> DEAD_LETTER =
            new TopicSpec<>("news.deadletter", 1, false, Serdes.ByteArray(), Serdes.ByteArray());

    /**
     * The subscriptions of publish, one record per subscription id; a tombstone deletes one. The value is the JSON of
     * publish's {@code StoredSubscription} (filter, delivery with its signing secrets, state), read only by publish,
     * so it is not part of the contract. Every publish instance follows the topic from its beginning.
     */
    public static final TopicSpec<String, byte[]> SUBSCRIPTIONS =
            new TopicSpec<>("news.subscriptions", 1, true, Serdes.String(), Serdes.ByteArray());

    /**
     * Webhook deliveries that exhausted their retries, kept so they can be listed and replayed. Key:
     * {@code <subscription id>/<event id>}; the value is the JSON of publish's {@code FailedDelivery} (the article
     * and the last error); a tombstone removes a delivery once a replay succeeded.
     */
    public static final TopicSpec<String, byte[]> DELIVERIES_FAILED =
            new TopicSpec<>("news.deliveries.failed", 3, true, Serdes.String(), Serdes.ByteArray());

    private Topics() {
    }

    public static List<TopicSpec<?, ?>> all() {
        return List.of(RAW_ARTICLES, ENRICHED_ARTICLES, INGEST_SEEN, FEED_STATE, FEEDS, DEAD_LETTER, SUBSCRIPTIONS,
                DELIVERIES_FAILED);
    }

    /** Serde of article ids, the key of the article topics. */
    public static Serde<String> articleIdSerde() {
        return Serdes.String();
    }
}

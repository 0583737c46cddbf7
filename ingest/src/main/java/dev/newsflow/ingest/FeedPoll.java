package dev.newsflow.ingest;

import dev.newsflow.ingest.dedup.Candidate;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.SkippedItem;
import dev.newsflow.ingest.fetch.CacheValidators;
import java.util.List;

/** What fetching, parsing and normalising one feed gave, before deduplication and publishing. */
sealed interface FeedPoll {

    FeedDefinition feed();

    /** The server said 304 Not Modified. */
    record Unchanged(FeedDefinition feed) implements FeedPoll {
    }

    /** The feed could not be fetched or parsed. */
    record Failed(FeedDefinition feed, FeedFailure.Stage stage, String reason) implements FeedPoll {
    }

    /**
     * The feed's items as candidates for publishing.
     *
     * @param validators ETag and Last-Modified to send next time, once the batch is written
     */
    record Polled(FeedDefinition feed, List<Candidate> candidates, List<SkippedItem> skipped,
                  CacheValidators validators, int fullTextFetched, int fullTextFailed) implements FeedPoll {

        public Polled {
            candidates = List.copyOf(candidates);
            skipped = List.copyOf(skipped);
        }
    }
}

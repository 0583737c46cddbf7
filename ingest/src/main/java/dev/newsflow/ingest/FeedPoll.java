package dev.newsflow.ingest;

import dev.newsflow.ingest.dedup.Candidate;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.SkippedItem;
import dev.newsflow.ingest.fetch.CacheValidators;
import dev.newsflow.ingest.fetch.ResponseHints;
import dev.newsflow.ingest.schedule.FeedHints;
import java.util.List;

/** What fetching, parsing and normalising one feed gave, before deduplication and publishing. */
sealed interface FeedPoll {

    FeedDefinition feed();

    /** Status, caching headers and permanent redirects of the feed's response. */
    ResponseHints hints();

    /** The server said 304 Not Modified, with the validators the 304 carried (usually none). */
    record Unchanged(FeedDefinition feed, CacheValidators validators, ResponseHints hints) implements FeedPoll {
    }

    /** The feed could not be fetched or parsed. */
    record Failed(FeedDefinition feed, FeedFailure.Stage stage, String reason, ResponseHints hints)
            implements FeedPoll {

        Failed(FeedDefinition feed, FeedFailure.Stage stage, String reason) {
            this(feed, stage, reason, ResponseHints.NONE);
        }
    }

    /**
     * The feed's items as candidates for publishing.
     *
     * @param validators ETag and Last-Modified to send next time, once the batch is written
     * @param feedHints  what the feed document says about how often it changes
     */
    record Polled(FeedDefinition feed, List<Candidate> candidates, List<SkippedItem> skipped,
                  CacheValidators validators, int fullTextFetched, int fullTextFailed, ResponseHints hints,
                  FeedHints feedHints) implements FeedPoll {

        public Polled {
            candidates = List.copyOf(candidates);
            skipped = List.copyOf(skipped);
        }
    }
}

package dev.newsflow.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one poll cycle over all feeds did.
 *
 * @param started           when the cycle started
 * @param duration          how long it took
 * @param feedsPolled       feeds polled (the enabled ones)
 * @param feedsOk           feeds fetched, parsed and written (including unchanged ones)
 * @param feedsUnchanged    feeds that answered 304 Not Modified
 * @param failures          feeds that failed, with reasons
 * @param articlesPublished articles written to the raw topic, updates included
 * @param articlesUpdated   of those, republished because their first feed changed them
 * @param duplicatesDropped items not published because they were published before (from any feed)
 * @param itemsSkipped      items that could not become articles (no link and no GUID)
 * @param fullTextFetched   pages fetched and extracted for full text
 * @param fullTextFailed    page fetches or extractions that failed (the lead was published)
 */
public record PollSummary(Instant started, Duration duration, int feedsPolled, int feedsOk, int feedsUnchanged,
                          List<FeedFailure> failures, int articlesPublished, int articlesUpdated,
                          int duplicatesDropped, int itemsSkipped, int fullTextFetched, int fullTextFailed) {

    public PollSummary {
        failures = List.copyOf(failures);
    }

    public int feedsFailed() {
        return failures.size();
    }

    @Override
    public String toString() {
        return feedsPolled + " feeds (" + feedsOk + " ok, " + feedsUnchanged + " unchanged, " + feedsFailed()
                + " failed), " + articlesPublished + " articles published (" + articlesUpdated + " updates), "
                + duplicatesDropped + " duplicates dropped, " + itemsSkipped + " items skipped, full text "
                + fullTextFetched + " fetched / " + fullTextFailed + " failed, in " + duration.toMillis() + " ms";
    }
}

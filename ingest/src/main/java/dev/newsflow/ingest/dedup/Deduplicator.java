package dev.newsflow.ingest.dedup;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SeenArticle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides, from what ingest remembers, which articles to publish. Pure.
 *
 * <p>Rules: an unseen id is new. The feed an article was first seen in owns it: when that feed's title or content
 * for it changes, the article is republished as an update. Another feed carrying the same story (same id) never
 * republishes it, however its copy differs (a lead in one feed, the full text in another, would otherwise
 * republish the story on every poll); it is only added to the article's feed ids.
 */
public final class Deduplicator {

    private Deduplicator() {
    }

    /**
     * @param candidate the article from the feed
     * @param seen      what ingest remembers of the article id, or null
     */
    public static DedupDecision decide(Candidate candidate, SeenArticle seen) {
        RawArticle article = candidate.article();
        String feedId = article.feedId();
        if (seen == null) {
            return new DedupDecision.New(article,
                    new SeenArticle(article.id(), candidate.contentHash(), List.of(feedId), article.fetched()));
        }
        boolean owner = seen.feedIds().isEmpty() || seen.feedIds().get(0).equals(feedId);
        if (owner) {
            if (ContentHash.sameContent(candidate.contentHash(), seen.contentHash())) {
                return new DedupDecision.Duplicate(article.id());
            }
            List<String> feeds = seen.feedIds().isEmpty() ? List.of(feedId) : seen.feedIds();
            return new DedupDecision.Update(article,
                    new SeenArticle(article.id(), candidate.contentHash(), feeds, seen.firstSeen()));
        }
        if (seen.feedIds().contains(feedId)) {
            return new DedupDecision.Duplicate(article.id());
        }
        List<String> feeds = new ArrayList<>(seen.feedIds());
        feeds.add(feedId);
        return new DedupDecision.AlsoInFeed(new SeenArticle(seen.id(), seen.contentHash(), feeds, seen.firstSeen()));
    }

    /**
     * Decides a batch of one feed against remembered state, treating an id repeated within the batch as already
     * seen by its first occurrence.
     */
    public static BatchPlan plan(List<Candidate> candidates, Function<String, SeenArticle> remembered) {
        Map<String, SeenArticle> pending = new HashMap<>();
        List<RawArticle> publish = new ArrayList<>();
        List<SeenArticle> markers = new ArrayList<>();
        int updates = 0;
        int duplicates = 0;
        for (Candidate candidate : candidates) {
            SeenArticle seen = pending.containsKey(candidate.id())
                    ? pending.get(candidate.id()) : remembered.apply(candidate.id());
            DedupDecision decision = decide(candidate, seen);
            if (decision instanceof DedupDecision.New created) {
                publish.add(created.article());
                markers.add(created.marker());
                pending.put(created.marker().id(), created.marker());
            } else if (decision instanceof DedupDecision.Update update) {
                publish.add(update.article());
                markers.add(update.marker());
                pending.put(update.marker().id(), update.marker());
                updates++;
            } else if (decision instanceof DedupDecision.AlsoInFeed also) {
                markers.add(also.marker());
                pending.put(also.marker().id(), also.marker());
                duplicates++;
            } else {
                duplicates++;
            }
        }
        return new BatchPlan(publish, markers, updates, duplicates);
    }
}

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
     *
     * <p>An article whose id came from its page's canonical URL ({@link Candidate#aliasId()}) is decided under that
     * id, so a story another feed links to directly is one article that records both feeds. Its item link's id is
     * remembered as well, as an alias with the item's content hash and feed, so the same item is recognised after a
     * restart without fetching its page again.
     */
    public static BatchPlan plan(List<Candidate> candidates, Function<String, SeenArticle> remembered) {
        Map<String, SeenArticle> pending = new HashMap<>();
        Function<String, SeenArticle> lookup = id -> pending.containsKey(id) ? pending.get(id) : remembered.apply(id);
        List<RawArticle> publish = new ArrayList<>();
        List<SeenArticle> markers = new ArrayList<>();
        int updates = 0;
        int duplicates = 0;
        for (Candidate candidate : candidates) {
            DedupDecision decision = decide(candidate, lookup.apply(candidate.id()));
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
            String alias = candidate.aliasId();
            if (alias != null) {
                SeenArticle marker = aliasMarker(alias, candidate, lookup.apply(alias));
                markers.add(marker);
                pending.put(alias, marker);
            }
        }
        return new BatchPlan(publish, markers, updates, duplicates);
    }

    /** The alias of an item link: the item's content hash and its feeds, so deciding on it says "seen". */
    private static SeenArticle aliasMarker(String alias, Candidate candidate, SeenArticle seen) {
        RawArticle article = candidate.article();
        if (seen == null) {
            return new SeenArticle(alias, candidate.contentHash(), List.of(article.feedId()), article.fetched());
        }
        List<String> feeds = new ArrayList<>(seen.feedIds());
        if (!feeds.contains(article.feedId())) {
            feeds.add(article.feedId());
        }
        boolean owner = seen.feedIds().isEmpty() || seen.feedIds().get(0).equals(article.feedId());
        return new SeenArticle(alias, owner ? candidate.contentHash() : seen.contentHash(), feeds, seen.firstSeen());
    }
}

package dev.newsflow.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SeenArticle;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {

    private static final Instant FIRST = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-01T10:05:00Z");

    @Test
    void shouldPublishAnArticleNeverSeen() {
        Candidate candidate = candidate("a1", "bbc", "Title", "Body", FIRST);

        DedupDecision decision = Deduplicator.decide(candidate, null);

        assertThat(decision).isEqualTo(new DedupDecision.New(candidate.article(),
                new SeenArticle("a1", candidate.contentHash(), List.of("bbc"), FIRST)));
        assertThat(decision.publishes()).isTrue();
    }

    @Test
    void shouldDropAnUnchangedArticleOfTheSameFeed() {
        Candidate candidate = candidate("a1", "bbc", "Title", "Body", LATER);
        SeenArticle seen = new SeenArticle("a1", candidate.contentHash(), List.of("bbc"), FIRST);

        assertThat(Deduplicator.decide(candidate, seen)).isEqualTo(new DedupDecision.Duplicate("a1"));
    }

    @Test
    void shouldDropDuplicateItemsAcrossFeeds() {
        Candidate fromBbc = candidate("a1", "bbc", "Title", "Body", FIRST);
        Candidate fromReuters = candidate("a1", "reuters", "Title (Reuters)", "Other body", LATER);
        SeenArticle seen = new SeenArticle("a1", fromBbc.contentHash(), List.of("bbc"), FIRST);

        DedupDecision decision = Deduplicator.decide(fromReuters, seen);

        assertThat(decision).isEqualTo(new DedupDecision.AlsoInFeed(
                new SeenArticle("a1", fromBbc.contentHash(), List.of("bbc", "reuters"), FIRST)));
        assertThat(decision.publishes()).isFalse();
        assertThat(Deduplicator.decide(fromReuters, new SeenArticle("a1", fromBbc.contentHash(),
                List.of("bbc", "reuters"), FIRST))).isEqualTo(new DedupDecision.Duplicate("a1"));
    }

    @Test
    void shouldRepublishAsAnUpdateWhenTheFirstFeedChangesTheArticle() {
        Candidate original = candidate("a1", "bbc", "Title", "Body", FIRST);
        Candidate corrected = candidate("a1", "bbc", "Title", "Body, corrected", LATER);
        SeenArticle seen = new SeenArticle("a1", original.contentHash(), List.of("bbc", "reuters"), FIRST);

        DedupDecision decision = Deduplicator.decide(corrected, seen);

        assertThat(decision).isEqualTo(new DedupDecision.Update(corrected.article(),
                new SeenArticle("a1", corrected.contentHash(), List.of("bbc", "reuters"), FIRST)));
        assertThat(corrected.contentHash()).isNotEqualTo(original.contentHash());
    }

    @Test
    void shouldHashWhatTheFeedSaidNotTheFetchedPage() {
        Candidate fromFeed = candidate("a1", "bbc", "Title", "<p>Lead</p>", FIRST);
        Candidate withPage = fromFeed.withArticle(fromFeed.article().toBuilder().content("<p>Full text</p>").build());

        assertThat(withPage.contentHash()).isEqualTo(fromFeed.contentHash());
        assertThat(ContentHash.of("Title", "<p>Lead</p>")).isEqualTo(fromFeed.contentHash())
                .isNotEqualTo(ContentHash.of("Title!", "<p>Lead</p>"));
    }

    @Test
    void shouldPlanABatchTreatingRepeatsWithinItAsSeen() {
        Map<String, SeenArticle> remembered = new HashMap<>();
        Candidate old = candidate("old", "bbc", "Old", "Body", FIRST);
        remembered.put("old", new SeenArticle("old", old.contentHash(), List.of("bbc"), FIRST));
        Candidate fresh = candidate("new", "bbc", "New", "Body", LATER);
        Candidate freshAgain = candidate("new", "bbc", "New", "Body", LATER);
        Candidate elsewhere = candidate("other", "bbc", "Other", "Body", LATER);
        remembered.put("other", new SeenArticle("other", "hash-from-reuters", List.of("reuters"), FIRST));

        BatchPlan plan = Deduplicator.plan(List.of(old, fresh, freshAgain, elsewhere), remembered::get);

        assertThat(plan.publish()).extracting(RawArticle::id).containsExactly("new");
        assertThat(plan.markers()).extracting(SeenArticle::id).containsExactly("new", "other");
        assertThat(plan.markers().get(1).feedIds()).containsExactly("reuters", "bbc");
        assertThat(plan.duplicates()).isEqualTo(3);
        assertThat(plan.updates()).isZero();
    }

    @Test
    void shouldDecideAnArticleUnderItsPageCanonicalIdAndRememberItsLinkAsAnAlias() {
        Candidate direct = candidate("canon", "direct", "Title", "Body", FIRST);
        Candidate through = candidate("link", "through", "Title", "Lead", LATER);
        Candidate fetched = through.withArticle(through.article().toBuilder().id("canon").build());
        Map<String, SeenArticle> remembered = new HashMap<>();
        remembered.put("canon", new SeenArticle("canon", direct.contentHash(), List.of("direct"), FIRST));

        BatchPlan plan = Deduplicator.plan(List.of(fetched), remembered::get);

        assertThat(fetched.aliasId()).isEqualTo("link");
        assertThat(plan.publish()).isEmpty();
        assertThat(plan.duplicates()).isEqualTo(1);
        assertThat(plan.markers()).containsExactly(
                new SeenArticle("canon", direct.contentHash(), List.of("direct", "through"), FIRST),
                new SeenArticle("link", through.contentHash(), List.of("through"), LATER));
        plan.markers().forEach(marker -> remembered.put(marker.id(), marker));
        assertThat(Deduplicator.decide(through, remembered.get("link"))).isEqualTo(new DedupDecision.Duplicate("link"));
    }

    private static Candidate candidate(String id, String feed, String title, String content, Instant fetched) {
        return Candidate.fromFeed(RawArticle.builder().id(id).feedId(feed).title(title).content(content)
                .fetched(fetched).build());
    }
}

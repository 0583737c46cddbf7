package dev.newsflow.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SeenArticle;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeenIndexTest {

    private static final Instant FIRST = Instant.parse("2026-03-03T12:00:00Z");

    private static String id(int n) {
        return ArticleId.of("https://news.example/story/" + n, null).orElseThrow();
    }

    private static SeenArticle seen(String id, String hash, String... feeds) {
        return new SeenArticle(id, hash, List.of(feeds), FIRST);
    }

    @Test
    void shouldGiveBackWhatWasPut() {
        SeenIndex index = new SeenIndex();
        String id = id(1);
        String hash = ContentHash.of("Title", "Text");

        index.put(seen(id, hash, "bbc"));

        assertThat(index.get(id)).isEqualTo(new SeenArticle(id, hash, List.of("bbc"), FIRST));
        assertThat(index.contains(id)).isTrue();
        assertThat(index.get(id(2))).isNull();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheFirst64BitsOfAnOlderLongerHashAndCompareThemEqual() {
        SeenIndex index = new SeenIndex();
        String longHash = "0123456789abcdef0123456789abcdef";

        index.put(seen(id(1), longHash, "bbc"));

        assertThat(index.get(id(1)).contentHash()).isEqualTo("0123456789abcdef");
        assertThat(ContentHash.sameContent(index.get(id(1)).contentHash(), longHash)).isTrue();
        assertThat(ContentHash.of("Title", "Text")).hasSize(16);
    }

    @Test
    void shouldCompareHashesThatAreNotHexByWhatTheyStandFor() {
        SeenIndex index = new SeenIndex();
        index.put(seen("a1", "hash-from-reuters", "reuters"));

        SeenArticle back = index.get("a1");

        assertThat(ContentHash.sameContent(back.contentHash(), "hash-from-reuters")).isTrue();
        assertThat(ContentHash.sameContent(back.contentHash(), "another hash")).isFalse();
    }

    @Test
    void shouldReplaceWhatItRemembersOfAnId() {
        SeenIndex index = new SeenIndex();
        String id = id(1);
        index.put(seen(id, ContentHash.of("t", "one"), "bbc"));

        index.put(seen(id, ContentHash.of("t", "two"), "bbc", "reuters"));
        index.put(seen(id, ContentHash.of("t", "two"), "bbc", "reuters", "ap"));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.get(id).feedIds()).containsExactly("bbc", "reuters", "ap");
        assertThat(index.get(id).contentHash()).isEqualTo(ContentHash.of("t", "two"));

        index.put(seen(id, ContentHash.of("t", "three"), "bbc"));

        assertThat(index.get(id).feedIds()).containsExactly("bbc");
    }

    @Test
    void shouldInternFeedIdsOnce() {
        SeenIndex index = new SeenIndex();
        for (int i = 0; i < 1000; i++) {
            index.put(seen(id(i), ContentHash.of("t", "" + i), "feed-" + (i % 10), "feed-" + (i % 3)));
        }

        assertThat(index.feeds()).isEqualTo(10);
        assertThat(index.get(id(7)).feedIds()).containsExactly("feed-7", "feed-1");
    }

    @Test
    void shouldKeepAnArticleWithoutFeedsOrFirstSeen() {
        SeenIndex index = new SeenIndex();

        index.put(new SeenArticle(id(1), ContentHash.of("t", "c"), List.of(), null));

        assertThat(index.get(id(1))).isEqualTo(new SeenArticle(id(1), ContentHash.of("t", "c"), List.of(), null));
    }

    @Test
    void shouldKeepFirstSeenToTheSecond() {
        SeenIndex index = new SeenIndex();

        index.put(new SeenArticle(id(1), "h", List.of("bbc"), FIRST.plusMillis(1500)));

        assertThat(index.get(id(1)).firstSeen()).isEqualTo(FIRST.plusSeconds(1));
    }

    @Test
    void shouldGrowAndFindEverythingAfterRehashing() {
        SeenIndex index = new SeenIndex();
        int initialCapacity = index.capacity();
        Map<String, SeenArticle> expected = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            SeenArticle article = seen(id(i), ContentHash.of("t", "" + i), "feed-" + (i % 100));
            index.put(article);
            expected.put(article.id(), article);
        }

        assertThat(index.capacity()).isGreaterThan(initialCapacity);
        assertThat(index.size()).isEqualTo(100_000);
        assertThat(index.consistent()).isTrue();
        expected.forEach((id, article) -> assertThat(index.get(id)).isEqualTo(article));
        assertThat(index.bytesPerArticle()).isLessThan(24 / 0.5);
    }

    @Test
    void shouldMakeRoomAheadWhenToldHowManyAreComing() {
        SeenIndex index = new SeenIndex();

        index.expect(1_000_000);
        int capacity = index.capacity();
        for (int i = 0; i < 1_000_000; i++) {
            index.put(seen(id(i), "h", "bbc"));
        }

        assertThat(index.capacity()).isEqualTo(capacity);
        assertThat(index.bytesPerArticle()).isLessThan(31);
    }

    @Test
    void shouldTakeIdsSharingTheirFirst64BitsForTheSameArticle() {
        SeenIndex index = new SeenIndex();
        index.put(seen("0123456789abcdef00000001", "h1", "bbc"));

        SeenArticle other = index.get("0123456789abcdef99999999");

        assertThat(other).isNotNull();
        assertThat(other.id()).isEqualTo("0123456789abcdef99999999");
        assertThat(other.feedIds()).containsExactly("bbc");
    }

    @Test
    void shouldProbePastKeysWithTheSameHomeSlot() {
        SeenIndex index = new SeenIndex();
        // keys whose home slot in a 16-slot table is the same: every one must be found, and removing the first
        // must not hide the others
        List<String> sameHome = new java.util.ArrayList<>();
        for (long key = 1; sameHome.size() < 6; key++) {
            if (SeenIndex.home(key, index.capacity()) == 3) {
                sameHome.add(String.format("%016x00000000", key));
            }
        }
        sameHome.forEach(id -> index.put(seen(id, "h-" + id, "bbc")));

        index.remove(sameHome.get(0));

        assertThat(index.get(sameHome.get(0))).isNull();
        assertThat(index.consistent()).isTrue();
        sameHome.subList(1, sameHome.size()).forEach(id ->
                assertThat(ContentHash.sameContent(index.get(id).contentHash(), "h-" + id)).isTrue());
    }

    @Test
    void shouldRemoveAtRandomAndStayConsistent() {
        SeenIndex index = new SeenIndex();
        Map<String, SeenArticle> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 50_000; round++) {
            String id = id(random.nextInt(5_000));
            if (random.nextInt(3) == 0) {
                index.remove(id);
                expected.remove(id);
            } else {
                SeenArticle article = seen(id, ContentHash.of("t", "" + round), "feed-" + random.nextInt(5));
                index.put(article);
                expected.put(id, article);
            }
        }

        assertThat(index.size()).isEqualTo(expected.size());
        assertThat(index.consistent()).isTrue();
        for (int i = 0; i < 5_000; i++) {
            assertThat(index.get(id(i))).isEqualTo(expected.get(id(i)));
        }
    }

    @Test
    void shouldDecideAsBeforeWhenTheIndexRemembers() {
        SeenIndex index = new SeenIndex();
        RawArticle article = RawArticle.builder().id(id(1)).feedId("bbc").title("Title").content("Text")
                .url("https://news.example/story/1").fetched(FIRST).build();
        Candidate fromBbc = Candidate.fromFeed(article);
        Candidate fromReuters = Candidate.fromFeed(article.toBuilder().feedId("reuters").content("Lead").build());
        Candidate corrected = Candidate.fromFeed(article.toBuilder().title("Title, corrected").build());

        BatchPlan first = Deduplicator.plan(List.of(fromBbc), index::get);
        first.markers().forEach(index::put);

        assertThat(Deduplicator.plan(List.of(fromBbc), index::get).publish()).isEmpty();
        BatchPlan also = Deduplicator.plan(List.of(fromReuters), index::get);
        assertThat(also.publish()).isEmpty();
        also.markers().forEach(index::put);
        assertThat(also.markers().get(0).contentHash()).isEqualTo(fromBbc.contentHash());
        assertThat(index.get(id(1)).feedIds()).containsExactly("bbc", "reuters");
        assertThat(Deduplicator.plan(List.of(fromReuters), index::get).markers()).isEmpty();
        BatchPlan update = Deduplicator.plan(List.of(corrected), index::get);
        assertThat(update.updates()).isEqualTo(1);
        assertThat(update.markers().get(0).feedIds()).containsExactly("bbc", "reuters");
    }
}

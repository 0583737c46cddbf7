package dev.newsflow.publish.feed;

import static dev.newsflow.publish.TestArticles.article;
import static dev.newsflow.publish.TestArticles.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.publish.TestArticles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ArticleWindowTest {

    @Test
    void shouldKeepOnlyTheMostRecentArticlesUpToItsCapacity() {
        ArticleWindow window = new ArticleWindow(3);

        for (int index = 1; index <= 5; index++) {
            window.add(at("a" + index, index));
        }

        assertThat(window.size()).isEqualTo(3);
        assertThat(ids(window.newest(article -> true, 10))).containsExactly("a5", "a4", "a3");
    }

    @Test
    void shouldReplaceAnArticleThatArrivesAgainAndMoveItToTheEnd() {
        ArticleWindow window = new ArticleWindow(3);
        window.add(at("a1", 1));
        window.add(at("a2", 2));
        window.add(at("a3", 3));

        window.add(at("a1", 4));
        window.add(at("a4", 5));

        assertThat(window.size()).isEqualTo(3);
        assertThat(ids(window.newest(article -> true, 10))).containsExactly("a4", "a1", "a3");
    }

    @Test
    void shouldListNewestFirstByEnrichmentTimeWithFilterAndLimit() {
        ArticleWindow window = new ArticleWindow(10);
        window.add(at("late", 30));
        window.add(at("early", 10));
        window.add(TestArticles.tagged("other", "Q1"));
        window.add(at("middle", 20));

        assertThat(ids(window.newest(article -> !article.id().equals("other"), 2))).containsExactly("late", "middle");
    }

    @Test
    void shouldReplayWhatArrivedAfterTheLastEventIdAndThenOnlyNewArticles() {
        ArticleWindow window = new ArticleWindow(10);
        window.add(tagged("a1", "Q36"));
        window.add(tagged("a2", "Q1"));
        window.add(tagged("a3", "Q36"));
        window.add(tagged("a4", "Q36"));
        List<String> live = new CopyOnWriteArrayList<>();

        ArticleWindow.Subscription subscription = window.subscribe("a1", article -> article.hasTag("Q36"),
                entry -> live.add(entry.article().id()));
        window.add(tagged("a5", "Q36"));

        assertThat(ids(subscription.missed())).containsExactly("a3", "a4");
        assertThat(live).containsExactly("a5");
        subscription.unsubscribe().run();
        window.add(tagged("a6", "Q36"));
        assertThat(live).containsExactly("a5");
    }

    @Test
    void shouldReplayTheWholeWindowWhenTheLastEventIdIsUnknownOrAbsent() {
        ArticleWindow window = new ArticleWindow(2);
        window.add(article("a1"));
        window.add(article("a2"));
        window.add(article("a3"));

        assertThat(ids(window.subscribe("a1", article -> true, entry -> { }).missed())).containsExactly("a2", "a3");
        assertThat(ids(window.subscribe(null, article -> true, entry -> { }).missed())).containsExactly("a2", "a3");
        assertThat(window.subscribe("a3", article -> true, entry -> { }).missed()).isEmpty();
    }

    @Test
    void shouldGiveEachSubscriberEveryArticleExactlyOnceWhileArticlesArriveConcurrently() throws Exception {
        ArticleWindow window = new ArticleWindow(100_000);
        int articles = 20_000;
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<?> producer = executor.submit(() -> {
                for (int index = 0; index < articles; index++) {
                    window.add(article("a" + index));
                }
            });
            List<List<String>> received = new ArrayList<>();
            while (!producer.isDone() && received.size() < 20) {
                List<String> seen = Collections.synchronizedList(new ArrayList<>());
                ArticleWindow.Subscription subscription = window.subscribe(null, article -> true,
                        entry -> seen.add(entry.article().id()));
                seen.addAll(0, ids(subscription.missed()));
                received.add(seen);
            }
            producer.get();
            assertThat(received).isNotEmpty().allSatisfy(seen -> {
                assertThat(seen).hasSize(articles).doesNotHaveDuplicates();
                assertThat(seen.get(articles - 1)).isEqualTo("a" + (articles - 1));
            });
        } finally {
            executor.shutdownNow();
        }
    }

    private static EnrichedArticle at(String id, int second) {
        EnrichedArticle article = article(id);
        return new EnrichedArticle(article.schemaVersion(), id, article.article(), article.language(), article.text(),
                article.captions(), article.tags(), article.sources(), Instant.ofEpochSecond(1_700_000_000L + second));
    }

    private static List<String> ids(List<WindowEntry> entries) {
        return entries.stream().map(entry -> entry.article().id()).toList();
    }
}

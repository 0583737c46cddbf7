package dev.newsflow.publish.feed;

import static dev.newsflow.publish.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.SourceRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTest {

    @Test
    void shouldRouteEachFeedPathToItsFormatAndFilter() {
        assertThat(Route.of("/feeds/all.atom", Map.of(), null))
                .isEqualTo(new Route.Feed(FeedFormat.ATOM, ArticleQuery.ALL));
        assertThat(Route.of("/feeds/tag/medtop:20000642.rss", Map.of(), null)).isEqualTo(new Route.Feed(
                FeedFormat.RSS, ArticleQuery.ALL.and(new ArticleQuery.Tags(java.util.Set.of("medtop:20000642")))));
        assertThat(Route.of("/feeds/source/Q130879.json", Map.of(), null)).isEqualTo(new Route.Feed(
                FeedFormat.JSON, ArticleQuery.ALL.and(new ArticleQuery.Sources(java.util.Set.of("Q130879")))));
        assertThat(Route.of("/feeds/language/PL.atom", Map.of(), null)).isEqualTo(new Route.Feed(
                FeedFormat.ATOM, ArticleQuery.ALL.and(new ArticleQuery.Languages(java.util.Set.of("pl")))));
    }

    @Test
    void shouldCombineThePathWithQueryParametersAsSeparateCriteria() {
        Route route = Route.of("/feeds/tag/newsflow:arms-trade.atom",
                params("language", "pl", "tag", "Q36,Q159", "source", "Reuters", "limit", "5"), null);

        assertThat(route).isInstanceOfSatisfying(Route.Feed.class, feed -> {
            ArticleQuery query = feed.query();
            assertThat(query.limit()).isEqualTo(5);
            assertThat(query.describe())
                    .isEqualTo("tag newsflow:arms-trade and tag Q159 or Q36 and source Reuters and language pl");
            EnrichedArticle matching = withSource(article("a", "pap", "pl", List.of("newsflow:arms-trade", "Q36"),
                    List.of()), null, "Reuters");
            assertThat(query.test(matching)).isTrue();
            assertThat(query.test(withSource(article("b", "pap", "en", List.of("newsflow:arms-trade", "Q36"),
                    List.of()), null, "Reuters"))).isFalse();
            assertThat(query.test(withSource(article("c", "pap", "pl", List.of("Q36"), List.of()), null, "Reuters")))
                    .isFalse();
        });
    }

    @Test
    void shouldMatchASourceByIdOrByNameInAnyCase() {
        ArticleQuery.Sources sources = new ArticleQuery.Sources(java.util.Set.of("Q130879", "bloomberg"));

        assertThat(sources.test(withSource(article("a"), "Q130879", "Reuters"))).isTrue();
        assertThat(sources.test(withSource(article("b"), null, "Bloomberg"))).isTrue();
        assertThat(sources.test(withSource(article("c"), "Q1", "PAP"))).isFalse();
    }

    @Test
    void shouldRouteTheStreamWithItsLastEventIdFromHeaderOrParameter() {
        assertThat(Route.of("/stream", params("tag", "Q36"), "abc")).isEqualTo(new Route.Stream(
                ArticleQuery.ALL.and(new ArticleQuery.Tags(java.util.Set.of("Q36"))), Optional.of("abc")));
        assertThat(Route.of("/stream", params("lastEventId", "def"), null))
                .isEqualTo(new Route.Stream(ArticleQuery.ALL, Optional.of("def")));
        assertThat(Route.of("/stream", Map.of(), null)).isEqualTo(new Route.Stream(ArticleQuery.ALL, Optional.empty()));
        assertThat(Route.of("/health/live", Map.of(), null)).isEqualTo(new Route.Health());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/feeds/all", "/feeds/all.html", "/feeds/topic/x.atom", "/feeds/tag/a/b.atom",
            "/feeds/tag.atom", "/streams", "/<script>alert(1)</script>"})
    void shouldFindNothingAtOtherPaths(String path) {
        assertThat(Route.of(path, Map.of(), null)).isEqualTo(new Route.NotFound());
    }

    @Test
    void shouldRefuseInvalidParametersWithoutQuotingThem() {
        String script = "<script>alert(1)</script>";
        List<Route> routes = List.of(
                Route.of("/feeds/all.atom", params("limit", script), null),
                Route.of("/feeds/all.atom", params("limit", "101"), null),
                Route.of("/feeds/all.atom", params("limit", "0"), null),
                Route.of("/feeds/all.atom", params("language", script), null),
                Route.of("/feeds/language/<img src=x onerror=alert(1)>.atom", Map.of(), null),
                Route.of("/feeds/tag/a\u0000b.atom", Map.of(), null),
                Route.of("/feeds/all.json", params("tag", "x".repeat(201)), null),
                Route.of("/stream", Map.of(), "x\u0007y"));

        assertThat(routes).allSatisfy(route -> assertThat(route).isInstanceOfSatisfying(Route.BadRequest.class,
                bad -> assertThat(bad.message()).doesNotContain("<", "script", "onerror", "\u0000")));
    }

    static Map<String, List<String>> params(String... pairs) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int index = 0; index + 1 < pairs.length; index += 2) {
            parameters.computeIfAbsent(pairs[index], key -> new ArrayList<>()).add(pairs[index + 1]);
        }
        return parameters;
    }

    static EnrichedArticle withSource(EnrichedArticle article, String id, String name) {
        SourceAttribution source = new SourceAttribution(id, name, SourceKind.NEWS_AGENCY, SourceRole.CITED, null,
                null, 0.9, List.of());
        return new EnrichedArticle(article.schemaVersion(), article.id(), article.article(), article.language(),
                article.text(), article.captions(), article.tags(), List.of(source), article.enrichedAt());
    }
}

package dev.newsflow.publish.subscription;

import static dev.newsflow.publish.TestArticles.article;
import static dev.newsflow.publish.TestArticles.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SubscriptionFilterTest {

    @Test
    void shouldMatchEverythingWhenEmpty() {
        assertThat(SubscriptionFilter.ALL.matches(article("a"))).isTrue();
        assertThat(SubscriptionFilter.ALL.matchesEverything()).isTrue();
    }

    @Test
    void shouldMatchAnyOfTheTags() {
        SubscriptionFilter filter = SubscriptionFilter.tags("Q36", "Q423");

        assertThat(filter.matches(tagged("a", "Q423"))).isTrue();
        assertThat(filter.matches(tagged("b", "Q1", "Q36"))).isTrue();
        assertThat(filter.matches(tagged("c", "Q1"))).isFalse();
        assertThat(filter.matches(tagged("d"))).isFalse();
    }

    @Test
    void shouldRequireEveryCriterion() {
        SubscriptionFilter filter = SubscriptionFilter.tags("Q36").withLanguages(List.of("en"));

        assertThat(filter.matches(article("a", "pap", "en", List.of("Q36"), List.of()))).isTrue();
        assertThat(filter.matches(article("b", "pap", "pl", List.of("Q36"), List.of()))).isFalse();
        assertThat(filter.matches(article("c", "pap", "en", List.of("Q1"), List.of()))).isFalse();
    }

    @Test
    void shouldCompareLanguagesIgnoringCase() {
        SubscriptionFilter filter = SubscriptionFilter.ALL.withLanguages(List.of("PL", "en"));

        assertThat(filter.languages()).containsExactlyInAnyOrder("pl", "en");
        assertThat(filter.matches(article("a", "pap", "pl", List.of(), List.of()))).isTrue();
        assertThat(filter.matches(article("b", "pap", "EN", List.of(), List.of()))).isTrue();
        assertThat(filter.matches(article("c", "pap", "de", List.of(), List.of()))).isFalse();
        assertThat(filter.matches(article("d", "pap", null, List.of(), List.of()))).isFalse();
    }

    @Test
    void shouldMatchSourcesById() {
        SubscriptionFilter filter = SubscriptionFilter.ALL.withSources(Set.of("Q130879"));

        assertThat(filter.matches(article("a", "pap", "en", List.of(), List.of("Q130879", "Q7")))).isTrue();
        assertThat(filter.matches(article("b", "pap", "en", List.of(), List.of("Q7")))).isFalse();
    }

    @Test
    void shouldNeverMatchASourceWithoutId() {
        SubscriptionFilter filter = SubscriptionFilter.ALL.withSources(Set.of("Q130879"));
        List<String> noIds = new ArrayList<>();
        noIds.add(null);

        assertThat(filter.matches(article("a", "pap", "en", List.of(), noIds))).isFalse();
    }

    @Test
    void shouldNeverWantANullIdInsteadOfThrowing() {
        // A tag or source without id cannot be built today (the contract requires ids); the filter must not depend
        // on that: its immutable sets throw on contains(null).
        Set<String> wanted = Set.of("Q36");

        assertThat(SubscriptionFilter.anyWanted(wanted, Stream.of(null, "Q1"))).isFalse();
        assertThat(SubscriptionFilter.anyWanted(wanted, Stream.of(null, "Q36"))).isTrue();
        assertThat(SubscriptionFilter.anyWanted(wanted, Stream.empty())).isFalse();
    }

    @Test
    void shouldMatchTheFeedTheArticleCameFrom() {
        SubscriptionFilter filter = SubscriptionFilter.ALL.withFeeds(Set.of("bbc-world", "pap"));

        assertThat(filter.matches(article("a", "pap", "pl", List.of(), List.of()))).isTrue();
        assertThat(filter.matches(article("b", "reuters", "en", List.of(), List.of()))).isFalse();
    }

    @Test
    void shouldWantEveryTagOfTagsAllOnTopOfAnyOfTags() {
        SubscriptionFilter filter = SubscriptionFilter.tags("Q36", "Q30").withTagsAll(List.of("Q1", "Q2"));

        assertThat(filter.matches(tagged("a", "Q36", "Q1", "Q2"))).isTrue();
        assertThat(filter.matches(tagged("a", "Q36", "Q1"))).isFalse();
        assertThat(filter.matches(tagged("a", "Q1", "Q2"))).isFalse();
        assertThat(SubscriptionFilter.ALL.withTagsAll(List.of("Q1")).matches(tagged("a", "Q1", "Q9"))).isTrue();
        assertThat(SubscriptionFilter.ALL.withTagsAll(List.of("Q1")).matchesEverything()).isFalse();
    }

    @Test
    void shouldMatchSourcesByIdOrByRole() {
        var cited = article("a", "pap", "pl", List.of(), List.of("Q1485196"));

        assertThat(SubscriptionFilter.ALL.withSources(List.of("Q1485196")).matches(cited)).isTrue();
        assertThat(SubscriptionFilter.ALL.withSources(List.of("cited")).matches(cited)).isTrue();
        assertThat(SubscriptionFilter.ALL.withSources(List.of("photo")).matches(cited)).isFalse();
        assertThat(SubscriptionFilter.ALL.withSources(List.of("cited")).matches(article("b"))).isFalse();
    }
}

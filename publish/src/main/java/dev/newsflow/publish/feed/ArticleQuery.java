package dev.newsflow.publish.feed;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.publish.subscription.SubscriptionFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which articles a feed or stream request wants: every criterion must hold, and each criterion is met by any of its
 * values (as in a {@link SubscriptionFilter}, which does the tag and language matching). A path such as
 * {@code /feeds/tag/Q36.atom} and a parameter such as {@code ?language=pl} make two criteria; {@code ?tag=Q36,Q159}
 * makes one with two values.
 *
 * @param criteria the criteria, all of which an article must meet; none matches everything
 * @param limit    the most entries a feed shows
 */
public record ArticleQuery(List<Criterion> criteria, int limit) implements Predicate<EnrichedArticle> {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 100;
    public static final ArticleQuery ALL = new ArticleQuery(List.of(), DEFAULT_LIMIT);

    public ArticleQuery {
        criteria = List.copyOf(criteria);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    @Override
    public boolean test(EnrichedArticle article) {
        for (Criterion criterion : criteria) {
            if (!criterion.test(article)) {
                return false;
            }
        }
        return true;
    }

    public ArticleQuery and(Criterion criterion) {
        List<Criterion> more = new ArrayList<>(criteria);
        more.add(criterion);
        return new ArticleQuery(more, limit);
    }

    public ArticleQuery withLimit(int newLimit) {
        return new ArticleQuery(criteria, newLimit);
    }

    /** For feed titles: {@code "tag Q36 and language pl"}, or {@code "all articles"}. */
    public String describe() {
        return criteria.isEmpty() ? "all articles"
                : criteria.stream().map(Criterion::describe).collect(Collectors.joining(" and "));
    }

    /** One condition on an article, met by any of its values. */
    public sealed interface Criterion extends Predicate<EnrichedArticle> {
        Set<String> values();

        String describe();

        static String describe(String what, Set<String> values) {
            return what + " " + values.stream().sorted().collect(Collectors.joining(" or "));
        }
    }

    /** The article has a tag with any of these ids. */
    public record Tags(Set<String> values) implements Criterion {
        public Tags {
            values = Set.copyOf(values);
        }

        @Override
        public boolean test(EnrichedArticle article) {
            return SubscriptionFilter.ALL.withTags(values).matches(article);
        }

        @Override
        public String describe() {
            return Criterion.describe("tag", values);
        }
    }

    /** The article is in any of these languages (ISO 639-1, any case). */
    public record Languages(Set<String> values) implements Criterion {
        public Languages {
            values = values.stream().map(code -> code.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public boolean test(EnrichedArticle article) {
            return SubscriptionFilter.ALL.withLanguages(values).matches(article);
        }

        @Override
        public String describe() {
            return Criterion.describe("language", values);
        }
    }

    /** The article cites, credits or is published by a source with any of these ids, or names (any case). */
    public record Sources(Set<String> values) implements Criterion {
        public Sources {
            values = Set.copyOf(values);
        }

        @Override
        public boolean test(EnrichedArticle article) {
            if (SubscriptionFilter.ALL.withSources(values).matches(article)) {
                return true;
            }
            for (SourceAttribution source : article.sources()) {
                if (source != null && source.name() != null && values.stream()
                        .anyMatch(value -> value.equalsIgnoreCase(source.name()))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return Criterion.describe("source", values);
        }
    }
}

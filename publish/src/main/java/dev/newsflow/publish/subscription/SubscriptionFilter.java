package dev.newsflow.publish.subscription;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which articles a subscription wants. Each criterion holds alternatives (any of them matches); an empty criterion
 * matches everything; an article must pass every criterion.
 *
 * @param tags      tag ids such as {@code Q159} or {@code medtop:20000621}
 * @param languages ISO 639-1 codes, compared case-insensitively
 * @param sources   source ids (an attribution without an id never matches)
 * @param feeds     feed ids the article came from
 */
public record SubscriptionFilter(Set<String> tags, Set<String> languages, Set<String> sources, Set<String> feeds) {

    public static final SubscriptionFilter ALL = new SubscriptionFilter(Set.of(), Set.of(), Set.of(), Set.of());

    public SubscriptionFilter {
        tags = copy(tags);
        languages = copy(languages).stream().map(SubscriptionFilter::lowerCase).collect(Collectors.toUnmodifiableSet());
        sources = copy(sources);
        feeds = copy(feeds);
    }

    public static SubscriptionFilter tags(String... ids) {
        return ALL.withTags(Set.of(ids));
    }

    public SubscriptionFilter withTags(Collection<String> ids) {
        return new SubscriptionFilter(Set.copyOf(ids), languages, sources, feeds);
    }

    public SubscriptionFilter withLanguages(Collection<String> codes) {
        return new SubscriptionFilter(tags, Set.copyOf(codes), sources, feeds);
    }

    public SubscriptionFilter withSources(Collection<String> ids) {
        return new SubscriptionFilter(tags, languages, Set.copyOf(ids), feeds);
    }

    public SubscriptionFilter withFeeds(Collection<String> ids) {
        return new SubscriptionFilter(tags, languages, sources, Set.copyOf(ids));
    }

    public boolean matches(EnrichedArticle article) {
        return matchesTags(article) && matchesLanguage(article) && matchesSources(article) && matchesFeed(article);
    }

    public boolean matchesEverything() {
        return tags.isEmpty() && languages.isEmpty() && sources.isEmpty() && feeds.isEmpty();
    }

    private boolean matchesTags(EnrichedArticle article) {
        return tags.isEmpty() || anyWanted(tags, article.tags().stream().map(tag -> tag == null ? null : tag.id()));
    }

    private boolean matchesLanguage(EnrichedArticle article) {
        return languages.isEmpty()
                || anyWanted(languages, Stream.ofNullable(article.language()).map(SubscriptionFilter::lowerCase));
    }

    private boolean matchesSources(EnrichedArticle article) {
        return sources.isEmpty()
                || anyWanted(sources, article.sources().stream().map(source -> source == null ? null : source.id()));
    }

    private boolean matchesFeed(EnrichedArticle article) {
        return feeds.isEmpty() || anyWanted(feeds, Stream.ofNullable(article.article()).map(RawArticle::feedId));
    }

    /**
     * Whether any of the values is wanted. A null value (a tag or source without id) is never wanted: the sets are
     * immutable, and their {@code contains(null)} would throw.
     */
    static boolean anyWanted(Set<String> wanted, Stream<String> values) {
        return values.anyMatch(value -> value != null && wanted.contains(value));
    }

    private static Set<String> copy(Set<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }

    private static String lowerCase(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}

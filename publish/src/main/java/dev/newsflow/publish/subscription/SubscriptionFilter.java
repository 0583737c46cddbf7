package dev.newsflow.publish.subscription;

import dev.newsflow.contract.EnrichedArticle;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
        return tags.isEmpty() || article.tags().stream().anyMatch(tag -> tags.contains(tag.id()));
    }

    private boolean matchesLanguage(EnrichedArticle article) {
        return languages.isEmpty() || article.language() != null && languages.contains(lowerCase(article.language()));
    }

    private boolean matchesSources(EnrichedArticle article) {
        return sources.isEmpty() || article.sources().stream()
                .anyMatch(source -> source.id() != null && sources.contains(source.id()));
    }

    private boolean matchesFeed(EnrichedArticle article) {
        return feeds.isEmpty() || feeds.contains(article.article().feedId());
    }

    private static Set<String> copy(Set<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }

    private static String lowerCase(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}

package dev.newsflow.publish.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SourceAttribution;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which articles a subscription wants. Each criterion holds alternatives (any of them matches); an empty criterion
 * matches everything; an article must pass every criterion.
 *
 * @param tags      tag ids such as {@code Q159} or {@code medtop:20000621}; any of them matches
 * @param tagsAll   tag ids the article must all carry (on top of {@code tags})
 * @param languages ISO 639-1 codes, compared case-insensitively
 * @param sources   source ids, or source roles ({@code cited}, {@code photo}, {@code affiliation},
 *                  {@code publisher}): an attribution matches by its id or its role
 * @param feeds     feed ids the article came from
 */
public record SubscriptionFilter(Set<String> tags, Set<String> tagsAll, Set<String> languages, Set<String> sources,
                                 Set<String> feeds) {

    public static final SubscriptionFilter ALL = new SubscriptionFilter(Set.of(), Set.of(), Set.of(), Set.of());

    /** The roles a source criterion may name instead of an id. */
    public static final Set<String> SOURCE_ROLES = Set.of("cited", "photo", "affiliation", "publisher");

    @JsonCreator
    public SubscriptionFilter {
        tags = copy(tags);
        tagsAll = copy(tagsAll);
        languages = copy(languages).stream().map(SubscriptionFilter::lowerCase).collect(Collectors.toUnmodifiableSet());
        sources = copy(sources);
        feeds = copy(feeds);
    }

    /** A filter without {@code tagsAll}. */
    public SubscriptionFilter(Set<String> tags, Set<String> languages, Set<String> sources, Set<String> feeds) {
        this(tags, Set.of(), languages, sources, feeds);
    }

    public static SubscriptionFilter tags(String... ids) {
        return ALL.withTags(Set.of(ids));
    }

    public SubscriptionFilter withTags(Collection<String> ids) {
        return new SubscriptionFilter(Set.copyOf(ids), tagsAll, languages, sources, feeds);
    }

    public SubscriptionFilter withTagsAll(Collection<String> ids) {
        return new SubscriptionFilter(tags, Set.copyOf(ids), languages, sources, feeds);
    }

    public SubscriptionFilter withLanguages(Collection<String> codes) {
        return new SubscriptionFilter(tags, tagsAll, Set.copyOf(codes), sources, feeds);
    }

    public SubscriptionFilter withSources(Collection<String> ids) {
        return new SubscriptionFilter(tags, tagsAll, languages, Set.copyOf(ids), feeds);
    }

    public SubscriptionFilter withFeeds(Collection<String> ids) {
        return new SubscriptionFilter(tags, tagsAll, languages, sources, Set.copyOf(ids));
    }

    public boolean matches(EnrichedArticle article) {
        return matchesTags(article) && matchesLanguage(article) && matchesSources(article) && matchesFeed(article);
    }

    @JsonIgnore
    public boolean matchesEverything() {
        return tags.isEmpty() && tagsAll.isEmpty() && languages.isEmpty() && sources.isEmpty() && feeds.isEmpty();
    }

    private boolean matchesTags(EnrichedArticle article) {
        if (tags.isEmpty() && tagsAll.isEmpty()) {
            return true;
        }
        Set<String> ids = article.tags().stream().filter(tag -> tag != null && tag.id() != null)
                .map(tag -> tag.id()).collect(Collectors.toSet());
        return (tags.isEmpty() || anyWanted(tags, ids.stream())) && ids.containsAll(tagsAll);
    }

    private boolean matchesLanguage(EnrichedArticle article) {
        return languages.isEmpty()
                || anyWanted(languages, Stream.ofNullable(article.language()).map(SubscriptionFilter::lowerCase));
    }

    private boolean matchesSources(EnrichedArticle article) {
        return sources.isEmpty() || article.sources().stream()
                .anyMatch(source -> source != null && (anyWanted(sources, Stream.ofNullable(source.id()))
                        || anyWanted(sources, Stream.ofNullable(roleName(source)))));
    }

    private static String roleName(SourceAttribution source) {
        return source.role() == null ? null : lowerCase(source.role().name());
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

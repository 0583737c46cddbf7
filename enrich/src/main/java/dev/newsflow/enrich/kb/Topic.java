package dev.newsflow.enrich.kb;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A subject an article can be about, preferably an IPTC Media Topic.
 *
 * @param id          {@code medtop:NNNNNNNN} for IPTC Media Topics, a Wikidata QID, or a {@code newsflow:} slug
 * @param label       English label
 * @param keywords    per language, words and phrases as lemmas or inflected forms: "sankcja", "sprzedaż broni",
 *                    "arms sale"; lower-case entries match any case
 * @param exclude     phrases whose words never count as keywords ("z kolei" is not about railways)
 * @param minMentions keyword hits an article needs to get the topic (a hit in the title counts double); default 2
 * @param broader     the IPTC Media Topic this one narrows, for slugs; informative
 * @param disabled    in a user file: removes the bundled entry with this id
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Topic(
        String id,
        String label,
        Map<String, List<String>> keywords,
        List<String> exclude,
        Integer minMentions,
        String broader,
        Boolean disabled) {

    public static final int DEFAULT_MIN_MENTIONS = 2;

    public Topic {
        keywords = KnowledgeBase.copyNames(keywords);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    public int requiredMentions() {
        return minMentions == null ? DEFAULT_MIN_MENTIONS : Math.max(1, minMentions);
    }

    public boolean isDisabled() {
        return Boolean.TRUE.equals(disabled);
    }

    Topic overriddenBy(Topic other) {
        return new Topic(id,
                other.label != null ? other.label : label,
                KnowledgeBase.joinNames(keywords, other.keywords),
                KnowledgeBase.join(exclude, other.exclude),
                other.minMentions != null ? other.minMentions : minMentions,
                other.broader != null ? other.broader : broader,
                other.disabled != null ? other.disabled : disabled);
    }
}

package dev.newsflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An article after enrichment: the raw article plus language, clean text, tags and source attributions.
 *
 * <p>Compatibility rule: within schema major version {@value #SCHEMA_VERSION}, fields are only added, never
 * removed or changed in meaning. Readers must ignore fields they do not know ({@link Json} does).
 *
 * @param schemaVersion major version of this contract
 * @param id            article id, equal to {@code article.id()}
 * @param article       the raw article as ingest published it
 * @param language      detected language, ISO 639-1, or {@code "und"} when undetermined
 * @param text          clean plain text of the body, paragraphs separated by a blank line
 * @param captions      photo captions and credit lines taken out of the body, one per line
 * @param tags          places, people, organisations and topics the article is about
 * @param sources       outlets and bodies the article cites, credits or is published by
 * @param enrichedAt    when enrichment ran
 */
public record EnrichedArticle(
        int schemaVersion,
        String id,
        RawArticle article,
        String language,
        String text,
        String captions,
        List<Tag> tags,
        List<SourceAttribution> sources,
        Instant enrichedAt) {

    public static final int SCHEMA_VERSION = 1;

    public EnrichedArticle {
        Objects.requireNonNull(article, "article");
        id = id == null ? article.id() : id;
        text = text == null ? "" : text;
        captions = captions == null ? "" : captions;
        tags = tags == null ? List.of() : List.copyOf(tags);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static EnrichedArticle of(RawArticle article, String language, String text, String captions,
                                     List<Tag> tags, List<SourceAttribution> sources, Instant enrichedAt) {
        return new EnrichedArticle(SCHEMA_VERSION, article.id(), article, language, text, captions, tags, sources,
                enrichedAt);
    }

    /** Whether the article carries a tag with this id. */
    public boolean hasTag(String tagId) {
        return tags.stream().anyMatch(tag -> tag.id().equals(tagId));
    }

    /** Whether the article cites, credits or is published by the source with this id. */
    public boolean hasSource(String sourceId) {
        return sources.stream().anyMatch(source -> sourceId.equals(source.id()));
    }

    @JsonIgnore
    public String title() {
        return article.title();
    }
}

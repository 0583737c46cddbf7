package dev.newsflow.enrich.kb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.TagType;
import java.util.List;
import java.util.Map;

/**
 * A place, person or organisation of the knowledge base.
 *
 * @param id          stable id: a Wikidata QID, or a {@code newsflow:} slug where no QID is verified
 * @param type        place, person or organization
 * @param label       English label
 * @param names       names per language (ISO 639-1), full strength; "Korea Płn.", "Władimir Putin", "USA"
 * @param forms       adjectives, demonyms and other weaker forms per language ("amerykański", "Amerykanin",
 *                    "Russian"); matched like names but count as weaker evidence
 * @param shortNames  names that refer to the entity only once a full name appears in the same article ("Kim");
 *                    for people without them, the last word of each multi-word name is used
 * @param creditNames names used only in photo credits, where they are unambiguous ("EPA")
 * @param source      for organisations that act as sources: their kind and parent body; null otherwise
 * @param disabled    in a user file: removes the bundled entry with this id
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Entity(
        String id,
        TagType type,
        String label,
        Map<String, List<String>> names,
        Map<String, List<String>> forms,
        List<String> shortNames,
        List<String> creditNames,
        Source source,
        Boolean disabled) {

    public Entity {
        names = KnowledgeBase.copyNames(names);
        forms = KnowledgeBase.copyNames(forms);
        shortNames = shortNames == null ? List.of() : List.copyOf(shortNames);
        creditNames = creditNames == null ? List.of() : List.copyOf(creditNames);
    }

    public boolean isDisabled() {
        return Boolean.TRUE.equals(disabled);
    }

    /** This entry with the fields {@code other} sets taken from it; name lists are joined, not replaced. */
    Entity overriddenBy(Entity other) {
        return new Entity(id,
                other.type != null ? other.type : type,
                other.label != null ? other.label : label,
                KnowledgeBase.joinNames(names, other.names),
                KnowledgeBase.joinNames(forms, other.forms),
                KnowledgeBase.join(shortNames, other.shortNames),
                KnowledgeBase.join(creditNames, other.creditNames),
                other.source != null ? (source == null ? other.source : source.overriddenBy(other.source)) : source,
                other.disabled != null ? other.disabled : disabled);
    }

    /**
     * What kind of source an organisation is.
     *
     * @param kind   news agency, newspaper, think tank, ... (the contract's {@link SourceKind} wire names)
     * @param parent id of the body it belongs to (38 North -> Stimson Center), may be null
     * @param name   how attributions name it when that differs from the label ("PAP" for the Polish Press Agency)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(SourceKind kind, String parent, String name) {

        Source overriddenBy(Source other) {
            return new Source(other.kind != null ? other.kind : kind, other.parent != null ? other.parent : parent,
                    other.name != null ? other.name : name);
        }
    }

    /** The name source attributions use: the source's own name, else the label. */
    public String sourceName() {
        return source != null && source.name() != null ? source.name() : label;
    }

    /** The kind of source this entity is; unknown when the knowledge base does not say. */
    public SourceKind sourceKind() {
        return source != null && source.kind() != null ? source.kind() : SourceKind.UNKNOWN;
    }
}

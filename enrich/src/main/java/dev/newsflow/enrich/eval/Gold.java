package dev.newsflow.enrich.eval;

import java.util.List;
import java.util.Objects;

/**
 * What enrichment should find in one document, labelled by hand.
 *
 * @param document         where the document is, as the gold file names it
 * @param language         its language (ISO 639-1), declared to the enricher as a feed would
 * @param requiredSources  sources that must be found (name and role)
 * @param optionalSources  sources that may be found without penalty
 * @param requiredTags     tags that must be found; empty with {@code tagsLabelled} false when the gold has no tags
 * @param optionalTags     tags that may be found without penalty
 * @param forbiddenTags    labels that must never be tagged (page furniture)
 * @param tagsLabelled     whether the gold labels tags at all; if not, tags are not scored for this document
 */
public record Gold(String document, String language, List<GoldSource> requiredSources,
                   List<GoldSource> optionalSources, List<GoldTag> requiredTags, List<GoldTag> optionalTags,
                   List<String> forbiddenTags, boolean tagsLabelled) {

    public Gold {
        Objects.requireNonNull(document, "document");
        requiredSources = List.copyOf(requiredSources);
        optionalSources = List.copyOf(optionalSources);
        requiredTags = List.copyOf(requiredTags);
        optionalTags = List.copyOf(optionalTags);
        forbiddenTags = List.copyOf(forbiddenTags);
    }

    /** A source: its name, other names it may be reported under, and the role ("cited", "photo", ...). */
    public record GoldSource(String name, String role, List<String> aliases) {
        public GoldSource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }

    /** A tag: English label, type, Wikidata id if known, and other names. */
    public record GoldTag(String label, String type, String id, List<String> aliases) {
        public GoldTag {
            Objects.requireNonNull(label, "label");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }
}

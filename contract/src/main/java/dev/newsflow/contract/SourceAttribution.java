package dev.newsflow.contract;

import java.util.List;
import java.util.Objects;

/**
 * An outlet or body the article cites, credits for a photo, names as an affiliation, or is published by.
 *
 * @param id            stable id (Wikidata QID or namespaced slug), null for an organisation not in the knowledge
 *                      base
 * @param name          display name
 * @param kind          what kind of source it is
 * @param role          how the article uses it
 * @param affiliationId id of the body it belongs to (38 North belongs to the Stimson Center), may be null
 * @param affiliation   name of that body, may be null
 * @param confidence    0..1
 * @param evidence      the spans that show the attribution
 */
public record SourceAttribution(
        String id,
        String name,
        SourceKind kind,
        SourceRole role,
        String affiliationId,
        String affiliation,
        double confidence,
        List<Evidence> evidence) {

    public SourceAttribution {
        Objects.requireNonNull(name, "name");
        role = role == null ? SourceRole.UNKNOWN : role;
        kind = kind == null ? SourceKind.UNKNOWN : kind;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
